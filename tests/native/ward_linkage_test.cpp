// Ward linkage against its closed form: for points on a line, the Lance-Williams update on
// distances must give, at every merge of clusters A and B, sqrt(2 |A||B| / (|A|+|B|)) |mean A - mean B|
// (Ward's criterion as scipy reports it), and merges come in non-decreasing order.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "cluster/ward_linkage.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"

using namespace topicwasm;

TEST(WardLinkage, MatchesTheClosedFormOnPointsOnALine) {
    Rng rng(7, 0);
    for (std::size_t n : {2, 3, 7, 25, 60}) {
        std::vector<double> x(n);
        for (auto& v : x) v = rng.uniform() * 100.0;
        std::vector<double> d(n * n);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) d[i * n + j] = std::abs(x[i] - x[j]);
        auto merges = ward_linkage(d, n);
        ASSERT_EQ(merges.size(), n - 1);
        std::vector<std::vector<double>> members(2 * n - 1);
        for (std::size_t i = 0; i < n; ++i) members[i] = {x[i]};
        double previous = 0;
        for (std::size_t s = 0; s < merges.size(); ++s) {
            const auto& m = merges[s];
            ASSERT_LT(m.a, m.b);
            ASSERT_LT(m.b, n + s);
            const auto& A = members[m.a];
            const auto& B = members[m.b];
            double ma = 0, mb = 0;
            for (double v : A) ma += v / A.size();
            for (double v : B) mb += v / B.size();
            double expected = std::sqrt(2.0 * A.size() * B.size() / (A.size() + B.size())) * std::abs(ma - mb);
            EXPECT_NEAR(m.distance, expected, 1e-9 * (1 + expected)) << "n=" << n << " merge " << s;
            EXPECT_GE(m.distance, previous - 1e-12);
            EXPECT_EQ(m.size, A.size() + B.size());
            previous = m.distance;
            members[n + s] = A;
            members[n + s].insert(members[n + s].end(), B.begin(), B.end());
        }
    }
}

TEST(WardLinkage, TiesAreMadeUniqueWithoutReordering) {
    std::vector<LinkageMerge> merges{{0, 1, 1.0, 2}, {2, 3, 1.0, 2}, {4, 5, 1.0, 4}, {6, 7, 3.0, 6}};
    make_distances_unique(merges);
    for (std::size_t i = 0; i + 1 < merges.size(); ++i) EXPECT_LT(merges[i].distance, merges[i + 1].distance);
    EXPECT_EQ(merges[0].distance, 1.0);
    EXPECT_LT(merges[2].distance - 1.0, 2e-7);
    EXPECT_EQ(merges[3].distance, 3.0);
}

TEST(WardLinkage, RejectsBadMatrices) {
    EXPECT_THROW(ward_linkage({0, 1, 1}, 2), Error);
    EXPECT_THROW(ward_linkage({0, NAN, NAN, 0}, 2), Error);
}

TEST(WardClusters, CutsObservationRowsIntoMaxclustGroupsNumberedByFirstAppearance) {
    // Two obvious groups of 2-D points (visualizeHeatmap's use: similarity rows as observations).
    const std::vector<double> rows{0, 0, 10, 10, 0.1, 0, 10, 9.9, 0, 0.2};
    EXPECT_EQ(ward_clusters(rows, 5, 2, 2), (std::vector<int>{1, 2, 1, 2, 1}));
    EXPECT_EQ(ward_clusters(rows, 5, 2, 5), (std::vector<int>{1, 2, 3, 4, 5}));
    EXPECT_EQ(ward_clusters(rows, 5, 2, 1), (std::vector<int>{1, 1, 1, 1, 1}));
    EXPECT_THROW(ward_clusters(rows, 5, 2, 0), Error);
    EXPECT_THROW(ward_clusters(rows, 5, 2, 6), Error);
    EXPECT_THROW(ward_clusters(rows, 4, 2, 2), Error);
}

// single / complete / average by their definitions: each merge of clusters A and B reports the
// min / max / mean of the point distances between A and B, and no remaining pair was closer.
TEST(Linkage, SingleCompleteAverageMatchTheirDefinitions) {
    Rng rng(11, 0);
    for (const std::string method : {"single", "complete", "average"}) {
        for (std::size_t n : {2, 5, 30}) {
            std::vector<double> px(n), py(n);
            for (std::size_t i = 0; i < n; ++i) px[i] = rng.uniform(), py[i] = rng.uniform();
            std::vector<double> d(n * n);
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j < n; ++j) d[i * n + j] = std::hypot(px[i] - px[j], py[i] - py[j]);
            auto between = [&](const std::vector<std::size_t>& A, const std::vector<std::size_t>& B) {
                double lo = INFINITY, hi = 0, sum = 0;
                for (auto a : A)
                    for (auto b : B) lo = std::min(lo, d[a * n + b]), hi = std::max(hi, d[a * n + b]), sum += d[a * n + b];
                return method == "single" ? lo : method == "complete" ? hi : sum / double(A.size() * B.size());
            };
            auto merges = linkage(d, n, method);
            ASSERT_EQ(merges.size(), n - 1);
            std::vector<std::vector<std::size_t>> members(2 * n - 1);
            std::vector<bool> open(2 * n - 1, false);
            for (std::size_t i = 0; i < n; ++i) members[i] = {i}, open[i] = true;
            for (std::size_t s = 0; s < merges.size(); ++s) {
                const auto& m = merges[s];
                ASSERT_TRUE(open[m.a] && open[m.b]) << method << " merge " << s;
                const double expected = between(members[m.a], members[m.b]);
                EXPECT_NEAR(m.distance, expected, 1e-12) << method << " n=" << n << " merge " << s;
                for (std::size_t u = 0; u < n + s; ++u)
                    for (std::size_t v = u + 1; v < n + s; ++v)
                        if (open[u] && open[v]) EXPECT_GE(between(members[u], members[v]), expected - 1e-12);
                members[n + s] = members[m.a];
                members[n + s].insert(members[n + s].end(), members[m.b].begin(), members[m.b].end());
                open[m.a] = open[m.b] = false;
                open[n + s] = true;
            }
        }
    }
    EXPECT_THROW(linkage({0, 1, 1, 0}, 2, "centroid"), Error);
}
