#include "cluster/sklearn_kd_tree.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/reference_sorts.hpp"
#include "core/error.hpp"

namespace topicwasm {

SklearnKdTree::SklearnKdTree(MatrixView data, std::size_t leaf_size) : n_(data.rows), d_(data.cols) {
    require(n_ > 0 && d_ > 0, "KdTree: no points");
    require(leaf_size >= 1, "KdTree: leaf_size must be at least 1");
    data_.assign(data.data, data.data + n_ * d_);
    idx_.resize(n_);
    std::iota(idx_.begin(), idx_.end(), std::size_t{0});
    const double ratio = std::max(1.0, static_cast<double>(n_ - 1) / static_cast<double>(leaf_size));
    const auto levels = static_cast<std::size_t>(std::log2(ratio)) + 1;
    nodes_.resize((std::size_t{1} << levels) - 1);
    lower_.resize(nodes_.size() * d_);
    upper_.resize(nodes_.size() * d_);
    build(0, 0, n_);
}

void SklearnKdTree::build(std::size_t node, std::size_t idx_start, std::size_t idx_end) {
    // init_node: bounds and radius.
    double* lo = lower_.data() + node * d_;
    double* hi = upper_.data() + node * d_;
    std::fill(lo, lo + d_, std::numeric_limits<double>::infinity());
    std::fill(hi, hi + d_, -std::numeric_limits<double>::infinity());
    for (std::size_t i = idx_start; i < idx_end; ++i) {
        const double* row = point(idx_[i]);
        for (std::size_t j = 0; j < d_; ++j) {
            lo[j] = std::fmin(lo[j], row[j]);
            hi[j] = std::fmax(hi[j], row[j]);
        }
    }
    double rad = 0.0;
    for (std::size_t j = 0; j < d_; ++j) {
        const double half = 0.5 * std::fabs(hi[j] - lo[j]);
        rad += half * half;
    }
    Node& nd = nodes_[node];
    nd.idx_start = idx_start;
    nd.idx_end = idx_end;
    nd.radius = std::sqrt(rad);

    const std::size_t n_points = idx_end - idx_start;
    if (2 * node + 1 >= nodes_.size() || n_points < 2) {
        nd.is_leaf = true;
        return;
    }
    nd.is_leaf = false;
    // find_node_split_dim: the first dimension of largest spread.
    std::size_t split_dim = 0;
    double max_spread = 0.0;
    for (std::size_t j = 0; j < d_; ++j) {
        double mx = point(idx_[idx_start])[j], mn = mx;
        for (std::size_t i = idx_start + 1; i < idx_end; ++i) {
            mx = std::fmax(mx, point(idx_[i])[j]);
            mn = std::fmin(mn, point(idx_[i])[j]);
        }
        if (mx - mn > max_spread) {
            max_spread = mx - mn;
            split_dim = j;
        }
    }
    const std::size_t n_mid = n_points / 2;
    std::size_t* first = idx_.data() + idx_start;
    gnu_nth_element(first, first + n_mid, first + n_points, [&](std::size_t a, std::size_t b) {
        const double av = data_[a * d_ + split_dim], bv = data_[b * d_ + split_dim];
        return av == bv ? a < b : av < bv;
    });
    build(2 * node + 1, idx_start, idx_start + n_mid);
    build(2 * node + 2, idx_start + n_mid, idx_end);
}

double SklearnKdTree::min_rdist_dual(std::size_t node1, std::size_t node2) const {
    // x + |x| = 2 max(x, 0): the gap between the boxes along each dimension, doubled.
    const double *lo1 = lower(node1), *hi1 = upper(node1), *lo2 = lower(node2), *hi2 = upper(node2);
    double rdist = 0.0;
    for (std::size_t j = 0; j < d_; ++j) {
        const double d1 = lo1[j] - hi2[j];
        const double d2 = lo2[j] - hi1[j];
        const double d = (d1 + std::fabs(d1)) + (d2 + std::fabs(d2));
        const double half = 0.5 * d;
        rdist += half * half;
    }
    return rdist;
}

}  // namespace topicwasm
