#pragma once
// k-nearest-neighbour graphs as umap-learn builds them: for each point its k nearest points
// (itself included, first, at distance 0), sorted by distance. Exact brute force below 4,096
// points, NN-descent (Dong, Moses & Li 2011) with random-projection-tree initialisation
// (as pynndescent) from 4,096 points on, the threshold umap-learn 0.5.3 uses.
//
// Both methods are deterministic for a seed whatever set_thread_limit() says.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matrix.hpp"
#include "core/progress.hpp"
#include "neighbors/distance.hpp"

namespace topicwasm {

struct KnnGraph {
    std::size_t n = 0;  // points
    std::size_t k = 0;  // neighbours per point (self included)
    std::vector<uint32_t> indices;  // n x k, row-major
    std::vector<float> distances;   // n x k, row-major, ascending within a row

    const uint32_t* row_indices(std::size_t i) const { return indices.data() + i * k; }
    const float* row_distances(std::size_t i) const { return distances.data() + i * k; }
};

enum class KnnMethod { automatic, exact, nn_descent };

struct KnnOptions {
    std::size_t k = 15;               // neighbours per point, self included (umap n_neighbors)
    Metric metric = Metric::cosine;   // BERTopic's UMAP metric
    KnnMethod method = KnnMethod::automatic;  // exact below exact_threshold points, else NN-descent
    std::size_t exact_threshold = 4096;       // umap-learn: X.shape[0] < 4096 -> exact
    uint64_t seed = 42;
    // NN-descent parameters; 0 = umap-learn's choice:
    //   n_trees = min(64, 5 + round(sqrt(n) / 20)), n_iters = max(5, round(log2(n))),
    //   max_candidates = 60 (what umap-learn passes to pynndescent), delta = 0.001.
    std::size_t n_trees = 0;
    std::size_t n_iters = 0;
    std::size_t max_candidates = 0;
    double delta = 0.001;
    std::size_t leaf_size = 0;  // 0 = max(10, k) as pynndescent
};

// The k-NN graph of the rows of `data` (see KnnOptions). Throws Error on NaN/inf input, k < 1 or
// k > n.
KnnGraph nearest_neighbors(const MatrixView& data, const KnnOptions& options, const Progress& progress = {});

// Exact brute-force k-NN of every row of `data` among the rows of `data` (self included).
KnnGraph exact_knn(const MatrixView& data, std::size_t k, Metric metric);

// Exact k-NN of each row of `queries` among the rows of `data` (no self exclusion: a query equal
// to a data row finds it at distance 0). Used by UMAP transform.
KnnGraph exact_knn_query(const MatrixView& data, const MatrixView& queries, std::size_t k, Metric metric);

// Approximate k-NN by NN-descent with RP-tree initialisation. Rows of the result are sorted with
// self first.
KnnGraph nn_descent(const MatrixView& data, const KnnOptions& options, const Progress& progress = {});

// Fraction of the exact neighbours (self excluded on both sides) that `approx` found, over the
// rows listed in `rows` (all rows when empty). `exact` rows are indexed like `rows`.
double knn_recall(const KnnGraph& approx, const KnnGraph& exact, const std::vector<std::size_t>& rows = {});

}  // namespace topicwasm
