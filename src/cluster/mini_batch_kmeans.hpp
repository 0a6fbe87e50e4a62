#pragma once
// Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering") as scikit-learn's
// MiniBatchKMeans.partial_fit runs it, the clusterer BERTopic's online topic modeling uses:
//   first batch: k-means++ seeding on (a sample of init_size rows of) the batch;
//   every batch: each point goes to its nearest centre, then each centre moves to the weighted
//     mean of its old position (weight = the points it has absorbed so far) and its new points,
//     i.e. a per-centre learning rate of 1 / count (sklearn's _mini_batch_step);
//   random reassignment: when some centre is still empty, or every 10 * n_clusters points,
//     centres whose count is below reassignment_ratio * the largest count move to random points
//     of the batch and take the smallest remaining count.
// labels of a batch are its points' nearest centres after the update (sklearn's compute_labels).
// Deterministic for a seed and independent of the thread count (assignment is per point).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matrix.hpp"
#include "core/rng.hpp"

namespace topicwasm {

struct MiniBatchKMeansOptions {
    std::size_t n_clusters = 8;        // sklearn's default (BERTopic's example uses 50)
    std::size_t batch_size = 1024;     // sklearn's default; sizes init_size and the reassignment clock
    std::size_t init_size = 0;         // 0: sklearn's None, 3 * batch_size (at least 3 * n_clusters)
    double reassignment_ratio = 0.01;  // sklearn's default
    uint64_t seed = 42;
};

class MiniBatchKMeans {
public:
    explicit MiniBatchKMeans(MiniBatchKMeansOptions options = {});

    // One mini-batch step; returns the batch's labels. Throws Error (model unchanged) on an empty
    // batch, NaN/inf, a column count that differs from the first batch, or a first batch with fewer
    // rows than n_clusters.
    std::vector<int32_t> partial_fit(MatrixView batch);
    std::vector<int32_t> predict(MatrixView points) const;

    bool fitted() const { return !centers_.empty(); }
    std::size_t n_steps() const { return n_steps_; }
    const std::vector<double>& centers() const { return centers_; }  // n_clusters x d, row-major
    const std::vector<double>& counts() const { return counts_; }
    std::size_t dimension() const { return dim_; }

private:
    MiniBatchKMeansOptions options_;
    Rng rng_;
    std::vector<double> centers_, counts_;
    std::size_t dim_ = 0, batch_size_ = 0, since_reassign_ = 0, n_steps_ = 0;
};

}  // namespace topicwasm
