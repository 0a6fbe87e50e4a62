#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cluster/agglomerative.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "text/mini_json.hpp"

using namespace topicwasm;

namespace {

// Two labelings describe the same partition when they induce the same co-membership.
bool same_partition(const std::vector<int>& a, const std::vector<int>& b) {
    if (a.size() != b.size()) return false;
    std::map<int, int> ab, ba;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto [x, fresh_x] = ab.emplace(a[i], b[i]);
        auto [y, fresh_y] = ba.emplace(b[i], a[i]);
        if (x->second != b[i] || y->second != a[i]) return false;
    }
    return true;
}

// The textbook O(n^3) algorithm with the same rule: scan all active pairs for the smallest
// (distance, a, b), merge, update with Lance-Williams. Checks the nearest-neighbour cache.
std::vector<LinkageMerge> brute_force(std::vector<double> d, std::size_t n) {
    std::vector<bool> active(n, true);
    std::vector<std::size_t> size(n, 1), id(n);
    for (std::size_t i = 0; i < n; ++i) id[i] = i;
    std::vector<LinkageMerge> merges;
    for (std::size_t step = 0; step + 1 < n; ++step) {
        std::size_t a = 0, b = 0;
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j)
                if (active[i] && active[j] && d[i * n + j] < best) best = d[i * n + j], a = i, b = j;
        merges.push_back({std::min(id[a], id[b]), std::max(id[a], id[b]), best, size[a] + size[b]});
        active[b] = false;
        for (std::size_t k = 0; k < n; ++k) {
            if (!active[k] || k == a) continue;
            double v = (size[a] * d[a * n + k] + size[b] * d[b * n + k]) / static_cast<double>(size[a] + size[b]);
            d[a * n + k] = d[k * n + a] = v;
        }
        size[a] += size[b];
        id[a] = n + step;
    }
    return merges;
}

std::vector<double> random_symmetric(std::size_t n, uint64_t seed, int levels) {
    Rng rng(seed);
    std::vector<double> d(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            // levels > 0: few distinct integer values, so many exact ties
            double v = levels > 0 ? 1.0 + rng.below(static_cast<uint32_t>(levels)) : rng.uniform();
            d[i * n + j] = d[j * n + i] = v;
        }
    return d;
}

}  // namespace

TEST(Agglomerative, HandCheckedLine) {
    // Points 0, 1, 3, 7 on a line. {0,1} at 1; then {0,1}-3: (3 + 2) / 2 = 2.5 beats 3-7: 4;
    // then {0,1,3}-7: (7 + 6 + 4) / 3.
    const double p[] = {0, 1, 3, 7};
    std::vector<double> d(16);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) d[i * 4 + j] = std::abs(p[i] - p[j]);
    auto merges = average_linkage(d, 4);
    ASSERT_EQ(merges.size(), 3u);
    EXPECT_EQ(merges[0].a, 0u);
    EXPECT_EQ(merges[0].b, 1u);
    EXPECT_DOUBLE_EQ(merges[0].distance, 1.0);
    EXPECT_EQ(merges[1].a, 2u);
    EXPECT_EQ(merges[1].b, 4u);
    EXPECT_DOUBLE_EQ(merges[1].distance, 2.5);
    EXPECT_EQ(merges[2].size, 4u);
    EXPECT_DOUBLE_EQ(merges[2].distance, 17.0 / 3.0);
    EXPECT_EQ(cut_linkage(merges, 4, 2), (std::vector<int>{0, 0, 0, 1}));
    EXPECT_EQ(cut_linkage(merges, 4, 3), (std::vector<int>{0, 0, 1, 2}));
    EXPECT_EQ(cut_linkage(merges, 4, 4), (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(cut_linkage(merges, 4, 1), (std::vector<int>{0, 0, 0, 0}));
}

TEST(Agglomerative, MatchesScipyAverageLinkage) {
    std::ifstream in(std::string(TOPICWASM_FIXTURES) + "/agglomerative.json");
    ASSERT_TRUE(in) << "missing fixture agglomerative.json";
    std::stringstream text;
    text << in.rdbuf();
    auto root = json::parse(text.str());
    const auto& cases = root.find("cases")->array;
    ASSERT_EQ(cases.size(), 2u);
    for (const auto& c : cases) {
        const std::size_t n = static_cast<std::size_t>(c.find("n")->number);
        std::vector<double> d;
        for (const auto& v : c.find("distances")->array) d.push_back(v.number);
        auto merges = average_linkage(d, n);
        const auto& expected = c.find("merge_distances")->array;
        ASSERT_EQ(merges.size(), expected.size());
        for (std::size_t s = 0; s < merges.size(); ++s) EXPECT_NEAR(merges[s].distance, expected[s].number, 1e-12) << s;
        for (const auto& [k, labels] : c.find("cuts")->object) {
            std::vector<int> want;
            for (const auto& v : labels.array) want.push_back(static_cast<int>(v.number));
            auto got = agglomerative_average(d, n, std::stoul(k));
            EXPECT_TRUE(same_partition(got, want)) << c.find("name")->string << " k=" << k;
        }
    }
}

TEST(Agglomerative, NearestNeighbourCacheEqualsBruteForceWithTies) {
    for (uint64_t seed = 1; seed <= 30; ++seed) {
        const std::size_t n = 5 + seed % 23;
        auto d = random_symmetric(n, seed, seed % 2 ? 3 : 0);
        auto fast = average_linkage(d, n);
        auto slow = brute_force(d, n);
        ASSERT_EQ(fast.size(), slow.size());
        for (std::size_t s = 0; s < fast.size(); ++s) {
            EXPECT_EQ(fast[s].a, slow[s].a) << "seed " << seed << " step " << s;
            EXPECT_EQ(fast[s].b, slow[s].b) << "seed " << seed << " step " << s;
            EXPECT_EQ(fast[s].distance, slow[s].distance) << "seed " << seed << " step " << s;
        }
    }
}

TEST(Agglomerative, MergeDistanceIsMeanPairwiseDistance) {
    const std::size_t n = 25;
    auto d = random_symmetric(n, 99, 0);
    auto merges = average_linkage(d, n);
    std::vector<std::vector<std::size_t>> members(2 * n - 1);
    for (std::size_t i = 0; i < n; ++i) members[i] = {i};
    for (std::size_t s = 0; s < merges.size(); ++s) {
        double sum = 0;
        for (auto i : members[merges[s].a])
            for (auto j : members[merges[s].b]) sum += d[i * n + j];
        const double mean = sum / static_cast<double>(members[merges[s].a].size() * members[merges[s].b].size());
        EXPECT_NEAR(merges[s].distance, mean, 1e-12);
        if (s > 0) EXPECT_GE(merges[s].distance, merges[s - 1].distance - 1e-12);  // UPGMA has no inversions
        members[n + s] = members[merges[s].a];
        members[n + s].insert(members[n + s].end(), members[merges[s].b].begin(), members[merges[s].b].end());
        EXPECT_EQ(merges[s].size, members[n + s].size());
    }
}

TEST(Agglomerative, RejectsBadInput) {
    EXPECT_THROW(average_linkage({0, 1, 2, 0}, 2), Error);           // asymmetric
    EXPECT_THROW(average_linkage({0, -1, -1, 0}, 2), Error);         // negative
    EXPECT_THROW(average_linkage({0, 1, 1}, 2), Error);              // wrong size
    EXPECT_THROW(agglomerative_average({0, 1, 1, 0}, 2, 3), Error);  // more clusters than points
    EXPECT_THROW(agglomerative_average({0, 1, 1, 0}, 2, 0), Error);
    EXPECT_EQ(agglomerative_average({0}, 1, 1), (std::vector<int>{0}));
}
