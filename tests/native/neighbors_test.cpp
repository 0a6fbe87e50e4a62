// k-NN: exact search against umap-learn's exact cosine k-NN of the first 2000 Brown embeddings;
// NN-descent recall against exact search on all 7725; determinism over thread counts; bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "neighbors/knn.hpp"
#include "umap_fixture.hpp"

using namespace topicwasm;

TEST(ExactKnn, MatchesUmapLearnOnBrown2000) {
    auto ref = umap_fixture::reference_knn();
    Matrix x = umap_fixture::embeddings(ref.n);
    set_thread_limit(2);
    KnnGraph g = exact_knn(x.view(), ref.k, Metric::cosine);
    set_thread_limit(1);
    ASSERT_EQ(g.n, ref.n);
    ASSERT_EQ(g.k, ref.k);
    // The fixture holds half-float embeddings, the reference used float32: distances agree to
    // ~1e-3 and neighbours whose distances are that close may swap. Count a mismatch only when the
    // reference neighbour is clearly (by more than the f16 noise) inside our k-th distance.
    std::size_t same = 0, clear_misses = 0;
    double max_dist_err = 0.0;
    for (std::size_t i = 0; i < ref.n; ++i) {
        EXPECT_EQ(g.row_indices(i)[0], i);
        EXPECT_EQ(g.row_distances(i)[0], 0.0f);
        const float kth = g.row_distances(i)[ref.k - 1];
        for (std::size_t t = 0; t < ref.k; ++t) {
            uint32_t want = ref.indices[i * ref.k + t];
            bool found = std::find(g.row_indices(i), g.row_indices(i) + ref.k, want) != g.row_indices(i) + ref.k;
            same += found;
            if (!found && ref.distances[i * ref.k + t] < kth - 2e-3f) ++clear_misses;
            if (g.row_indices(i)[t] == want)
                max_dist_err = std::max(max_dist_err, std::fabs(double(g.row_distances(i)[t]) - ref.distances[i * ref.k + t]));
        }
    }
    const double agreement = double(same) / double(ref.n * ref.k);
    std::printf("exact k-NN vs umap-learn: %.5f of neighbours equal, %zu clear misses, max |d err| %.2e\n", agreement,
                clear_misses, max_dist_err);
    EXPECT_GE(agreement, 0.99);
    EXPECT_EQ(clear_misses, 0u);
    EXPECT_LT(max_dist_err, 2e-3);
}

TEST(ExactKnn, EuclideanMatchesNaiveScan) {
    Rng rng(3);
    Matrix x(300, 7);
    for (float& v : x.data) v = rng.uniform() * 2.0f - 1.0f;
    KnnGraph g = exact_knn(x.view(), 5, Metric::euclidean);
    for (std::size_t i = 0; i < x.rows; ++i) {
        std::vector<std::pair<float, uint32_t>> all;
        for (std::size_t j = 0; j < x.rows; ++j) {
            if (j == i) continue;
            double s = 0;
            for (std::size_t d = 0; d < x.cols; ++d) s += double(x(i, d) - x(j, d)) * (x(i, d) - x(j, d));
            all.push_back({float(std::sqrt(s)), uint32_t(j)});
        }
        std::sort(all.begin(), all.end());
        ASSERT_EQ(g.row_indices(i)[0], i);
        for (std::size_t t = 1; t < 5; ++t) {
            EXPECT_EQ(g.row_indices(i)[t], all[t - 1].second);
            EXPECT_NEAR(g.row_distances(i)[t], all[t - 1].first, 1e-5);
        }
    }
}

// Ground truth for a seeded sample of 300 rows, by exact query against all 7725.
TEST(NnDescent, RecallOnBrown7725) {
    Matrix x = umap_fixture::embeddings();
    Rng rng(11);
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < 300; ++i) rows.push_back(rng.below(uint32_t(x.rows)));
    Matrix q(rows.size(), x.cols);
    for (std::size_t r = 0; r < rows.size(); ++r) std::copy(x.row(rows[r]), x.row(rows[r]) + x.cols, q.row(r));
    set_thread_limit(2);
    KnnGraph truth = exact_knn_query(x.view(), q.view(), 15, Metric::cosine);
    KnnOptions opt;
    opt.k = 15;
    opt.metric = Metric::cosine;
    opt.method = KnnMethod::nn_descent;
    KnnGraph g = nearest_neighbors(x.view(), opt);
    set_thread_limit(1);
    double recall = knn_recall(g, truth, rows);
    std::printf("NN-descent recall@15 (self excluded) on 300 sampled rows of 7725: %.4f\n", recall);
    EXPECT_GE(recall, 0.95);
    for (std::size_t i = 0; i < g.n; ++i) {
        ASSERT_EQ(g.row_indices(i)[0], i);
        for (std::size_t t = 1; t < 15; ++t) {
            ASSERT_LT(g.row_indices(i)[t], g.n);
            ASSERT_NE(g.row_indices(i)[t], i);
            ASSERT_LE(g.row_distances(i)[t - 1], g.row_distances(i)[t]);
        }
    }
}

TEST(NnDescent, IdenticalForOneAndTwoThreads) {
    Matrix x = umap_fixture::embeddings(2500);
    KnnOptions opt;
    opt.method = KnnMethod::nn_descent;
    set_thread_limit(1);
    KnnGraph g1 = nearest_neighbors(x.view(), opt);
    set_thread_limit(2);
    KnnGraph g2 = nearest_neighbors(x.view(), opt);
    set_thread_limit(1);
    EXPECT_EQ(g1.indices, g2.indices);
    EXPECT_EQ(g1.distances, g2.distances);
    opt.seed = 43;
    KnnGraph g3 = nearest_neighbors(x.view(), opt);
    EXPECT_NE(g1.indices, g3.indices);  // the seed matters
}

TEST(NnDescent, EuclideanSmallClusters) {
    Rng rng(5);
    Matrix x(2000, 10);
    for (std::size_t i = 0; i < x.rows; ++i)
        for (std::size_t d = 0; d < x.cols; ++d) x(i, d) = float(i % 7) * 3.0f + rng.uniform();
    KnnOptions opt;
    opt.k = 10;
    opt.metric = Metric::euclidean;
    opt.method = KnnMethod::nn_descent;
    KnnGraph approx = nearest_neighbors(x.view(), opt);
    KnnGraph exact = exact_knn(x.view(), 10, Metric::euclidean);
    EXPECT_GE(knn_recall(approx, exact), 0.95);
}

TEST(Knn, RejectsBadInput) {
    Matrix x(20, 3, 1.0f);
    EXPECT_THROW(exact_knn(x.view(), 21, Metric::cosine), Error);
    EXPECT_THROW(exact_knn(x.view(), 0, Metric::cosine), Error);
    x(4, 1) = NAN;
    EXPECT_THROW(exact_knn(x.view(), 5, Metric::cosine), Error);
    KnnOptions opt;
    opt.k = 5;
    opt.method = KnnMethod::nn_descent;
    EXPECT_THROW(nearest_neighbors(x.view(), opt), Error);
    EXPECT_THROW(parse_metric("manhattan"), Error);
    Matrix q(2, 4);
    Matrix ok(20, 3, 1.0f);
    EXPECT_THROW(exact_knn_query(ok.view(), q.view(), 3, Metric::euclidean), Error);
}

TEST(Knn, DuplicatePointsStillGiveKDistinctNeighbours) {
    Matrix x(50, 4, 1.0f);  // all identical
    KnnOptions opt;
    opt.k = 8;
    opt.method = KnnMethod::nn_descent;
    KnnGraph g = nearest_neighbors(x.view(), opt);
    for (std::size_t i = 0; i < g.n; ++i) {
        std::vector<uint32_t> row(g.row_indices(i), g.row_indices(i) + 8);
        std::sort(row.begin(), row.end());
        EXPECT_EQ(std::unique(row.begin(), row.end()), row.end());
        EXPECT_EQ(g.row_indices(i)[0], i);
    }
}
