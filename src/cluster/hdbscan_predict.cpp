// Prediction for a fitted Hdbscan, following hdbscan/prediction.py and _prediction_utils.pyx
// (approximate_predict, membership_vector, all_points_membership_vectors).
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>

#include "cluster/hdbscan.hpp"
#include "core/error.hpp"
#include "core/thread_pool.hpp"

namespace topicwasm {

namespace {

// 1 / (distance to the nearest exemplar of each cluster), normalised (dist_membership_vector).
void distance_membership(const KdTree& kd, const std::vector<std::vector<uint32_t>>& exemplars, const double* x,
                         std::vector<double>& out) {
    const std::size_t k = exemplars.size();
    out.resize(k);
    double sum = 0.0;
    for (std::size_t c = 0; c < k; ++c) {
        double best = DBL_MAX;
        for (uint32_t e : exemplars[c]) best = std::min(best, std::sqrt(squared_distance(x, kd.point(e), kd.dim())));
        out[c] = best != 0.0 ? 1.0 / best : DBL_MAX / static_cast<double>(k);
        sum += out[c];
    }
    for (double& v : out) v /= sum;
}

}  // namespace

void Hdbscan::check_points(MatrixView points, const char* what) const {
    require_fitted();
    require(points.rows == 0 || points.data != nullptr, std::string("HDBSCAN ") + what + ": no data");
    require(points.rows == 0 || points.cols == kd_.dim(),
            std::string("HDBSCAN ") + what + ": points have " + std::to_string(points.cols) +
                " dimensions, the model was fitted on " + std::to_string(kd_.dim()));
    for (std::size_t i = 0; i < points.rows * points.cols; ++i)
        require(std::isfinite(points.data[i]), std::string("HDBSCAN ") + what + ": points contain NaN or infinity");
}

void Hdbscan::neighbor_and_lambda(const double* x, std::vector<uint32_t>& idx, std::vector<double>& d2,
                                  uint32_t& neighbor, double& lambda) const {
    // _find_neighbor_and_lambda: among the 2 * min_samples nearest training points, the one with the
    // smallest mutual reachability, taking the new point's core distance as the distance to its
    // (min_samples + 1)-th neighbour (index min_samples), as hdbscan does.
    kd_.knn(x, 2 * min_samples_, idx, d2);
    const std::size_t own = std::min(min_samples_, idx.size() - 1);
    const double own_core = std::sqrt(d2[own]);
    double best = 0.0;
    std::size_t best_j = 0;
    for (std::size_t j = 0; j < idx.size(); ++j) {
        double mr = std::max({prediction_core_[idx[j]], own_core, std::sqrt(d2[j])});
        if (j == 0 || mr < best) {
            best = mr;
            best_j = j;
        }
    }
    neighbor = idx[best_j];
    lambda = best > 0.0 ? 1.0 / best : DBL_MAX;
}

HdbscanPrediction Hdbscan::approximate_predict(MatrixView points) const {
    check_points(points, "approximate_predict");
    const std::size_t q = points.rows;
    HdbscanPrediction out;
    out.labels.assign(q, -1);
    out.probabilities.assign(q, 0.0);
    if (selection_.clusters.empty()) return out;
    const int64_t root = tree_.root();
    parallel_for(
        q,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            std::vector<double> x(kd_.dim()), d2;
            std::vector<uint32_t> idx;
            for (std::size_t i = begin; i < end; ++i) {
                for (std::size_t t = 0; t < x.size(); ++t) x[t] = static_cast<double>(points(i, t));
                uint32_t nn = 0;
                double lambda = 0.0;
                neighbor_and_lambda(x.data(), idx, d2, nn, lambda);
                int64_t cluster = point_parent_[nn];
                if (point_lambda_[nn] > lambda) {
                    // The new point leaves earlier than its neighbour: climb to the cluster alive at lambda.
                    while (cluster > root && cluster_birth_[static_cast<std::size_t>(cluster - root)] >= lambda)
                        cluster = cluster_parent_[static_cast<std::size_t>(cluster - root)];
                }
                const auto c = static_cast<std::size_t>(cluster - root);
                const int32_t label = cluster_label_[c];
                out.labels[i] = label;
                if (label >= 0) {
                    double max_lambda = label_max_lambda_[c];
                    out.probabilities[i] = max_lambda > 0.0 ? std::min(max_lambda, lambda) / max_lambda : 1.0;
                }
            }
        },
        16);
    return out;
}

void Hdbscan::merge_heights(int64_t point_cluster, double point_lambda, std::vector<double>& out) const {
    // merge_height: climb from the point's cluster and from each selected cluster, always moving
    // the larger id (the deeper one), until they meet. If both moved, the height is the lambda at
    // which their branches split; if one is an ancestor of the other, the point's own lambda.
    const int64_t root = tree_.root();
    const auto& clusters = selection_.clusters;
    out.resize(clusters.size());
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        int64_t left = point_cluster, right = clusters[i], last = left;
        bool took_left = false, took_right = false;
        while (left != right) {
            if (left > right) {
                took_left = true;
                last = left;
                left = cluster_parent_[static_cast<std::size_t>(left - root)];
            } else {
                took_right = true;
                last = right;
                right = cluster_parent_[static_cast<std::size_t>(right - root)];
            }
        }
        out[i] = (took_left && took_right) ? cluster_birth_[static_cast<std::size_t>(last - root)] : point_lambda;
    }
}

Matrix Hdbscan::all_points_membership_vectors() const {
    require_fitted();
    const std::size_t n = tree_.n_points, k = selection_.clusters.size();
    Matrix result(n, k);
    if (k == 0) return result;
    const int64_t root = tree_.root();
    const double nan = std::numeric_limits<double>::quiet_NaN();

    // Merge heights depend on the point only through its parent cluster, except where the point's
    // own lambda is used: cache one row per parent cluster with NaN marking "the point's lambda".
    const auto m = static_cast<std::size_t>(tree_.n_cluster_ids());
    std::vector<std::vector<double>> heights_of(m);
    for (std::size_t i = 0; i < n; ++i) {
        auto c = static_cast<std::size_t>(point_parent_[i] - root);
        if (heights_of[c].empty()) merge_heights(point_parent_[i], nan, heights_of[c]);
    }
    auto heights = [&](std::size_t i, std::vector<double>& h) {
        h = heights_of[static_cast<std::size_t>(point_parent_[i] - root)];
        for (double& v : h)
            if (std::isnan(v)) v = point_lambda_[i];
    };
    // Outlier-based scores exp(-(max_lambda / height)), softmaxed against the largest over all
    // points (hdbscan takes np.nanmax over the whole matrix).
    auto outlier_raw = [&](std::size_t i, const std::vector<double>& h, std::vector<double>& s) {
        double max_lambda = leaf_max_lambda_[static_cast<std::size_t>(point_parent_[i] - root)] + 1e-8;
        s.resize(k);
        for (std::size_t j = 0; j < k; ++j) s[j] = std::exp(-(max_lambda / h[j]));
    };
    const std::size_t workers = workers_for(n, 64);
    std::vector<double> worker_max(workers, -std::numeric_limits<double>::infinity());
    parallel_for(
        n,
        [&](std::size_t begin, std::size_t end, std::size_t w) {
            std::vector<double> h, s;
            for (std::size_t i = begin; i < end; ++i) {
                heights(i, h);
                outlier_raw(i, h, s);
                for (double v : s)
                    if (!std::isnan(v)) worker_max[w] = std::max(worker_max[w], v);
            }
        },
        64);
    const double global_max = *std::max_element(worker_max.begin(), worker_max.end());

    parallel_for(
        n,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            std::vector<double> h, s, dist;
            for (std::size_t i = begin; i < end; ++i) {
                heights(i, h);
                outlier_raw(i, h, s);
                double ssum = 0.0;
                for (double& v : s) {
                    v = std::exp(v - global_max);
                    ssum += v;
                }
                distance_membership(kd_, exemplars_, kd_.point(i), dist);
                double rsum = 0.0;
                for (std::size_t j = 0; j < k; ++j) {
                    dist[j] *= s[j] / ssum;
                    rsum += dist[j];
                }
                // all_points_prob_in_some_cluster
                std::size_t arg = 0;
                for (std::size_t j = 1; j < k; ++j)
                    if (h[j] > h[arg]) arg = j;
                double max_lambda =
                    std::max(leaf_max_lambda_[static_cast<std::size_t>(selection_.clusters[arg] - root)], point_lambda_[i]);
                double in_cluster = h[arg] / max_lambda;
                for (std::size_t j = 0; j < k; ++j) result(i, j) = static_cast<float>(dist[j] / rsum * in_cluster);
            }
        },
        64);
    return result;
}

Matrix Hdbscan::membership_vector(MatrixView points) const {
    check_points(points, "membership_vector");
    const std::size_t q = points.rows, k = selection_.clusters.size();
    Matrix result(q, k);
    if (k == 0) return result;
    const int64_t root = tree_.root();
    parallel_for(
        q,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            std::vector<double> x(kd_.dim()), d2, dist, h, s;
            std::vector<uint32_t> idx;
            for (std::size_t i = begin; i < end; ++i) {
                for (std::size_t t = 0; t < x.size(); ++t) x[t] = static_cast<double>(points(i, t));
                uint32_t nn = 0;
                double lambda = 0.0;
                neighbor_and_lambda(x.data(), idx, d2, nn, lambda);
                if (point_lambda_[nn] <= lambda) lambda = point_lambda_[nn];
                const int64_t pc = point_parent_[nn];
                const double leaf_max = leaf_max_lambda_[static_cast<std::size_t>(pc - root)];

                distance_membership(kd_, exemplars_, x.data(), dist);

                // outlier_membership_vector: per_cluster_scores takes lambda as float32.
                merge_heights(pc, static_cast<double>(static_cast<float>(lambda)), h);
                s.resize(k);
                double smax = -std::numeric_limits<double>::infinity();
                for (std::size_t j = 0; j < k; ++j) {
                    double denom = leaf_max - h[j];
                    if (denom <= 0.0) denom = 1e-8;
                    s[j] = leaf_max / denom;
                    if (!std::isnan(s[j])) smax = std::max(smax, s[j]);
                }
                double ssum = 0.0;
                for (double& v : s) {
                    v = std::exp(v - smax);
                    ssum += v;
                }
                double rsum = 0.0;
                for (std::size_t j = 0; j < k; ++j) {
                    double o = s[j] / ssum;
                    dist[j] = std::sqrt(dist[j]) * o * o;
                    rsum += dist[j];
                }
                // prob_in_some_cluster (lambda in double here).
                merge_heights(pc, lambda, h);
                std::size_t arg = 0;
                for (std::size_t j = 1; j < k; ++j)
                    if (h[j] > h[arg]) arg = j;
                double max_lambda =
                    std::max(lambda, leaf_max_lambda_[static_cast<std::size_t>(selection_.clusters[arg] - root)]) + 1e-8;
                double in_cluster = h[arg] / max_lambda;
                for (std::size_t j = 0; j < k; ++j) result(i, j) = static_cast<float>(dist[j] / rsum * in_cluster);
            }
        },
        16);
    return result;
}

}  // namespace topicwasm
