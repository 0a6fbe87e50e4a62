#include "cluster/mini_batch_kmeans.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "cluster/kmeans.hpp"
#include "core/error.hpp"

namespace topicwasm {

MiniBatchKMeans::MiniBatchKMeans(MiniBatchKMeansOptions options) : options_(options), rng_(options.seed) {
    require(options_.n_clusters >= 1, "MiniBatchKMeans: n_clusters must be at least 1");
    require(options_.batch_size >= 1, "MiniBatchKMeans: batch_size must be at least 1");
    require(options_.reassignment_ratio >= 0.0, "MiniBatchKMeans: reassignment_ratio must be >= 0");
}

std::vector<int32_t> MiniBatchKMeans::partial_fit(MatrixView x) {
    const std::size_t k = options_.n_clusters;
    require(x.data != nullptr && x.rows > 0 && x.cols > 0, "MiniBatchKMeans: the batch is empty");
    require(!fitted() || x.cols == dim_, "MiniBatchKMeans: the batch has " + std::to_string(x.cols) +
                                             " columns, earlier batches had " + std::to_string(dim_));
    for (std::size_t i = 0; i < x.rows * x.cols; ++i)
        require(std::isfinite(x.data[i]), "MiniBatchKMeans: data contains NaN or infinity");
    require(fitted() || x.rows >= k, "MiniBatchKMeans: the first batch has " + std::to_string(x.rows) +
                                         " points, fewer than n_clusters (" + std::to_string(k) + ")");
    const std::size_t n = x.rows, d = x.cols;

    // Work on copies: the model changes only when the step is complete.
    Rng rng = rng_;
    std::vector<double> centers = centers_, counts = counts_;
    std::size_t batch_size = batch_size_, since = since_reassign_;
    if (!fitted()) {
        // sklearn: _batch_size = min(batch_size, n); init_size = 3 * batch_size, at least
        // 3 * n_clusters, at most n; seeding runs on init_size rows drawn with replacement.
        batch_size = std::min(options_.batch_size, n);
        std::size_t init = options_.init_size ? options_.init_size : 3 * options_.batch_size;
        init = std::min(std::max(init, 3 * k), n);
        if (init < n) {
            Matrix sample(init, d);
            for (std::size_t r = 0; r < init; ++r) {
                const float* row = x.row(rng.below(static_cast<uint32_t>(n)));
                std::copy(row, row + d, sample.row(r));
            }
            centers = kmeans_plusplus(sample.view(), k, rng);
        } else {
            centers = kmeans_plusplus(x, k, rng);
        }
        counts.assign(k, 0.0);
    }

    // sklearn's _random_reassign: reassign while some centre is empty, or every 10 * k points.
    since += batch_size;
    bool reassign = std::any_of(counts.begin(), counts.end(), [](double c) { return c == 0.0; }) || since >= 10 * k;
    if (reassign) since = 0;

    // _mini_batch_step: assign to the old centres, then centre = (centre * count + sum) / (count + m).
    std::vector<int32_t> labels(n);
    std::vector<double> d2(n);
    assign_nearest(x, centers, k, labels, d2);
    std::vector<double> sums(k * d, 0.0), batch_counts(k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        auto c = static_cast<std::size_t>(labels[i]);
        batch_counts[c] += 1.0;
        for (std::size_t j = 0; j < d; ++j) sums[c * d + j] += x(i, j);
    }
    for (std::size_t c = 0; c < k; ++c) {
        if (batch_counts[c] == 0.0) continue;
        const double total = counts[c] + batch_counts[c];
        for (std::size_t j = 0; j < d; ++j) centers[c * d + j] = (centers[c * d + j] * counts[c] + sums[c * d + j]) / total;
        counts[c] = total;
    }
    if (reassign && options_.reassignment_ratio > 0.0) {
        const double threshold = options_.reassignment_ratio * *std::max_element(counts.begin(), counts.end());
        std::vector<char> move(k, 0);
        std::size_t n_move = 0;
        for (std::size_t c = 0; c < k; ++c)
            if (counts[c] < threshold) move[c] = 1, ++n_move;
        // At most half the batch: the centres with the largest counts are kept (sklearn's argsort).
        if (static_cast<double>(n_move) > 0.5 * static_cast<double>(n)) {
            std::vector<std::size_t> order(k);
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return counts[a] < counts[b]; });
            for (std::size_t r = static_cast<std::size_t>(0.5 * static_cast<double>(n)); r < k; ++r) move[order[r]] = 0;
            n_move = static_cast<std::size_t>(std::count(move.begin(), move.end(), 1));
        }
        if (n_move > 0) {
            // n_move distinct random points (a partial Fisher-Yates shuffle).
            std::vector<std::size_t> pick(n);
            std::iota(pick.begin(), pick.end(), 0);
            for (std::size_t r = 0; r < n_move; ++r) std::swap(pick[r], pick[r + rng.below(static_cast<uint32_t>(n - r))]);
            double smallest = 0.0;
            bool any = false;
            for (std::size_t c = 0; c < k; ++c)
                if (!move[c] && (!any || counts[c] < smallest)) smallest = counts[c], any = true;
            std::size_t r = 0;
            for (std::size_t c = 0; c < k; ++c) {
                if (!move[c]) continue;
                const float* row = x.row(pick[r++]);
                for (std::size_t j = 0; j < d; ++j) centers[c * d + j] = row[j];
                counts[c] = smallest;
            }
        }
    }
    assign_nearest(x, centers, k, labels, d2);  // labels against the updated centres

    rng_ = rng;
    centers_ = std::move(centers);
    counts_ = std::move(counts);
    dim_ = d;
    batch_size_ = batch_size;
    since_reassign_ = since;
    ++n_steps_;
    return labels;
}

std::vector<int32_t> MiniBatchKMeans::predict(MatrixView points) const {
    require(fitted(), "MiniBatchKMeans: call partial_fit() before predict()");
    require(points.rows == 0 || points.cols == dim_, "MiniBatchKMeans: points have " + std::to_string(points.cols) +
                                                         " columns, the model has " + std::to_string(dim_));
    for (std::size_t i = 0; i < points.rows * points.cols; ++i)
        require(std::isfinite(points.data[i]), "MiniBatchKMeans: points contain NaN or infinity");
    std::vector<int32_t> labels(points.rows);
    std::vector<double> d2(points.rows);
    assign_nearest(points, centers_, options_.n_clusters, labels, d2);
    return labels;
}

}  // namespace topicwasm
