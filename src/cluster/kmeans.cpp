#include "cluster/kmeans.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"

namespace topicwasm {

namespace {

double dist2(const float* x, const double* c, std::size_t d) {
    double s = 0.0;
    for (std::size_t j = 0; j < d; ++j) {
        double t = static_cast<double>(x[j]) - c[j];
        s += t * t;
    }
    return s;
}

}  // namespace

void assign_nearest(MatrixView x, const std::vector<double>& centers, std::size_t k, std::vector<int32_t>& labels,
            std::vector<double>& d2) {
    const std::size_t d = x.cols;
    parallel_for(
        x.rows,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t i = begin; i < end; ++i) {
                double best = std::numeric_limits<double>::infinity();
                int32_t arg = 0;
                for (std::size_t c = 0; c < k; ++c) {
                    double v = dist2(x.row(i), centers.data() + c * d, d);
                    if (v < best) {
                        best = v;
                        arg = static_cast<int32_t>(c);
                    }
                }
                labels[i] = arg;
                d2[i] = best;
            }
        },
        256);
}

// Greedy k-means++: each new centre is the best (lowest potential) of a few D^2-sampled candidates.
std::vector<double> kmeans_plusplus(MatrixView x, std::size_t k, Rng& rng) {
    const std::size_t n = x.rows, d = x.cols;
    const std::size_t trials = 2 + static_cast<std::size_t>(std::log(static_cast<double>(k)));
    std::vector<double> centers(k * d);
    auto set_center = [&](std::size_t c, std::size_t i) {
        for (std::size_t j = 0; j < d; ++j) centers[c * d + j] = x(i, j);
    };
    set_center(0, rng.below(static_cast<uint32_t>(n)));
    std::vector<double> closest(n), cand_d(n), best_d(n);
    parallel_for(
        n,
        [&](std::size_t b, std::size_t e, std::size_t) {
            for (std::size_t i = b; i < e; ++i) closest[i] = dist2(x.row(i), centers.data(), d);
        },
        1024);
    std::vector<double> cumulative(n);
    std::vector<double> cand(d);
    for (std::size_t c = 1; c < k; ++c) {
        double total = 0.0;
        for (std::size_t i = 0; i < n; ++i) cumulative[i] = (total += closest[i]);
        double best_pot = std::numeric_limits<double>::infinity();
        std::size_t best_i = 0;
        for (std::size_t t = 0; t < trials; ++t) {
            double r = rng.uniform_double() * total;
            auto i = static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin());
            i = std::min(i, n - 1);
            for (std::size_t j = 0; j < d; ++j) cand[j] = x(i, j);
            parallel_for(
                n,
                [&](std::size_t b, std::size_t e, std::size_t) {
                    for (std::size_t p = b; p < e; ++p) cand_d[p] = std::min(closest[p], dist2(x.row(p), cand.data(), d));
                },
                1024);
            double pot = 0.0;
            for (std::size_t p = 0; p < n; ++p) pot += cand_d[p];
            if (pot < best_pot) {
                best_pot = pot;
                best_i = i;
                best_d.swap(cand_d);
            }
        }
        set_center(c, best_i);
        closest.swap(best_d);
        best_d.resize(n);
    }
    return centers;
}

KMeans::KMeans(KMeansOptions options) : options_(options) {}

void KMeans::fit(MatrixView x) {
    const KMeansOptions& o = options_;
    require(x.data != nullptr && x.rows > 0 && x.cols > 0, "KMeans: data is empty");
    require(o.n_clusters >= 1, "KMeans: n_clusters must be at least 1");
    require(o.n_clusters <= x.rows, "KMeans: n_clusters (" + std::to_string(o.n_clusters) +
                                        ") is larger than the number of points (" + std::to_string(x.rows) + ")");
    require(o.n_init >= 1, "KMeans: n_init must be at least 1");
    require(o.tol >= 0.0, "KMeans: tol must be >= 0");
    for (std::size_t i = 0; i < x.rows * x.cols; ++i)
        require(std::isfinite(x.data[i]), "KMeans: data contains NaN or infinity");
    const std::size_t n = x.rows, d = x.cols, k = o.n_clusters;

    // sklearn's tolerance: tol times the mean per-feature variance.
    double var_sum = 0.0;
    for (std::size_t j = 0; j < d; ++j) {
        double mean = 0.0, sq = 0.0;
        for (std::size_t i = 0; i < n; ++i) mean += x(i, j);
        mean /= static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i) sq += (x(i, j) - mean) * (x(i, j) - mean);
        var_sum += sq / static_cast<double>(n);
    }
    const double tol = o.tol * var_sum / static_cast<double>(d);

    std::vector<int32_t> labels(n);
    std::vector<double> d2(n), sums(k * d);
    std::vector<std::size_t> counts(k);
    inertia_ = std::numeric_limits<double>::infinity();
    for (std::size_t run = 0; run < o.n_init; ++run) {
        Rng rng(o.seed, run);
        std::vector<double> centers = kmeans_plusplus(x, k, rng);
        std::vector<int32_t> previous(n, -1);
        std::size_t iter = 0;
        for (; iter < o.max_iter; ++iter) {
            assign_nearest(x, centers, k, labels, d2);
            std::fill(sums.begin(), sums.end(), 0.0);
            std::fill(counts.begin(), counts.end(), 0);
            for (std::size_t i = 0; i < n; ++i) {
                auto c = static_cast<std::size_t>(labels[i]);
                ++counts[c];
                for (std::size_t j = 0; j < d; ++j) sums[c * d + j] += x(i, j);
            }
            // Empty clusters take the points farthest from their centres (largest d2 first).
            std::vector<std::size_t> far;
            for (std::size_t c = 0; c < k; ++c) {
                if (counts[c] != 0) continue;
                if (far.empty()) {
                    far.resize(n);
                    for (std::size_t i = 0; i < n; ++i) far[i] = i;
                    std::stable_sort(far.begin(), far.end(), [&](std::size_t a, std::size_t b) { return d2[a] > d2[b]; });
                }
                std::size_t i = far.front();
                far.erase(far.begin());
                auto old = static_cast<std::size_t>(labels[i]);
                --counts[old];
                for (std::size_t j = 0; j < d; ++j) sums[old * d + j] -= x(i, j);
                labels[i] = static_cast<int32_t>(c);
                counts[c] = 1;
                for (std::size_t j = 0; j < d; ++j) sums[c * d + j] = x(i, j);
            }
            double shift = 0.0;
            for (std::size_t c = 0; c < k; ++c) {
                if (counts[c] == 0) continue;
                for (std::size_t j = 0; j < d; ++j) {
                    double v = sums[c * d + j] / static_cast<double>(counts[c]);
                    double t = v - centers[c * d + j];
                    shift += t * t;
                    centers[c * d + j] = v;
                }
            }
            bool unchanged = labels == previous;
            previous = labels;
            if (unchanged || shift <= tol) {
                ++iter;
                break;
            }
        }
        assign_nearest(x, centers, k, labels, d2);
        double inertia = 0.0;
        for (double v : d2) inertia += v;
        if (inertia < inertia_) {
            inertia_ = inertia;
            labels_ = labels;
            n_iter_ = iter;
            centers_ = Matrix(k, d);
            for (std::size_t i = 0; i < k * d; ++i) centers_.data[i] = static_cast<float>(centers[i]);
        }
    }
}

std::vector<int32_t> KMeans::predict(MatrixView points) const {
    require(centers_.rows > 0, "KMeans: call fit() before predict()");
    require(points.rows == 0 || points.cols == centers_.cols, "KMeans: points have the wrong number of dimensions");
    for (std::size_t i = 0; i < points.rows * points.cols; ++i)
        require(std::isfinite(points.data[i]), "KMeans: points contain NaN or infinity");
    std::vector<double> c(centers_.data.begin(), centers_.data.end());
    std::vector<int32_t> labels(points.rows);
    std::vector<double> d2(points.rows);
    assign_nearest(points, c, centers_.rows, labels, d2);
    return labels;
}

}  // namespace topicwasm
