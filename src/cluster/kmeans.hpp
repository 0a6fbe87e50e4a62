#pragma once
// k-means, the alternative clusterer BERTopic accepts in place of HDBSCAN (every document gets a
// topic; no outliers). Follows scikit-learn's KMeans:
//   init:  greedy k-means++ (Arthur & Vassilvitskii 2007; sklearn's _kmeans_plusplus with
//          2 + floor(ln k) local trials per centre)
//   fit:   Lloyd iterations until no label changes or the centres move less than
//          tol * mean per-feature variance (sklearn's tolerance), at most max_iter
//   n_init runs, the lowest inertia wins. n_init = 1 is sklearn's 'auto' for k-means++ (its
//   default since 1.4); sklearn 1.2 defaulted to 10.
// Empty clusters are re-seeded with the points farthest from their centres, as sklearn does.
// Distances in double. Deterministic for a seed and independent of thread count: each point's
// assignment is computed on its own and the centres are summed in point order.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matrix.hpp"
#include "core/rng.hpp"

namespace topicwasm {

struct KMeansOptions {
    std::size_t n_clusters = 8;  // sklearn's default
    std::size_t n_init = 1;
    std::size_t max_iter = 300;
    double tol = 1e-4;
    uint64_t seed = 42;
};

// The pieces MiniBatchKMeans shares. centers are k x d row-major doubles.
// Greedy k-means++ seeding of k centres from the rows of x.
std::vector<double> kmeans_plusplus(MatrixView x, std::size_t k, Rng& rng);
// Nearest centre of every row (ties to the lower index) and its squared distance; per row, so the
// result does not depend on the thread count.
void assign_nearest(MatrixView x, const std::vector<double>& centers, std::size_t k, std::vector<int32_t>& labels,
                    std::vector<double>& d2);

class KMeans {
public:
    explicit KMeans(KMeansOptions options = {});

    // Throws Error on empty/non-finite data, n_clusters == 0 or n_clusters > rows.
    void fit(MatrixView data);
    std::vector<int32_t> predict(MatrixView points) const;  // nearest centre

    const std::vector<int32_t>& labels() const { return labels_; }
    const Matrix& centers() const { return centers_; }
    double inertia() const { return inertia_; }
    std::size_t n_iter() const { return n_iter_; }

private:
    KMeansOptions options_;
    std::vector<int32_t> labels_;
    Matrix centers_;
    double inertia_ = 0.0;
    std::size_t n_iter_ = 0;
};

}  // namespace topicwasm
