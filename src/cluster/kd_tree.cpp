#include "cluster/kd_tree.hpp"

#include <algorithm>
#include <utility>

#include "core/error.hpp"

namespace topicwasm {

KdTree::KdTree(MatrixView data, std::size_t leaf_size) : n_(data.rows), d_(data.cols) {
    require(n_ > 0 && d_ > 0, "KdTree: no points");
    require(n_ < 0x7fffffffu, "KdTree: too many points");
    leaf_size = std::max<std::size_t>(1, leaf_size);
    coords_.resize(n_ * d_);
    for (std::size_t i = 0; i < n_ * d_; ++i) coords_[i] = static_cast<double>(data.data[i]);
    order_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) order_[i] = static_cast<uint32_t>(i);

    // Iterative build: a stack of (node index) whose range still needs splitting.
    nodes_.push_back({0, static_cast<uint32_t>(n_), -1, -1});
    std::vector<std::size_t> stack{0};
    std::vector<double> lo(d_), hi(d_);
    while (!stack.empty()) {
        std::size_t j = stack.back();
        stack.pop_back();
        const uint32_t b = nodes_[j].begin, e = nodes_[j].end;
        for (std::size_t t = 0; t < d_; ++t) lo[t] = hi[t] = point(order_[b])[t];
        for (uint32_t i = b + 1; i < e; ++i) {
            const double* p = point(order_[i]);
            for (std::size_t t = 0; t < d_; ++t) {
                lo[t] = std::min(lo[t], p[t]);
                hi[t] = std::max(hi[t], p[t]);
            }
        }
        if (boxes_.size() < (j + 1) * 2 * d_) boxes_.resize((j + 1) * 2 * d_);
        std::copy(lo.begin(), lo.end(), boxes_.begin() + j * 2 * d_);
        std::copy(hi.begin(), hi.end(), boxes_.begin() + j * 2 * d_ + d_);
        if (e - b <= leaf_size) continue;
        std::size_t axis = 0;
        for (std::size_t t = 1; t < d_; ++t)
            if (hi[t] - lo[t] > hi[axis] - lo[axis]) axis = t;
        if (hi[axis] == lo[axis]) continue;  // all points identical: keep as one (large) leaf
        // Sort the range by (coordinate, index): a strict total order, so every platform agrees.
        std::sort(order_.begin() + b, order_.begin() + e, [&](uint32_t x, uint32_t y) {
            double cx = coords_[x * d_ + axis], cy = coords_[y * d_ + axis];
            return cx < cy || (cx == cy && x < y);
        });
        const uint32_t mid = b + (e - b) / 2;
        const auto left = static_cast<int32_t>(nodes_.size());
        nodes_.push_back({b, mid, -1, -1});
        nodes_.push_back({mid, e, -1, -1});
        nodes_[j].left = left;
        nodes_[j].right = left + 1;
        stack.push_back(static_cast<std::size_t>(left));
        stack.push_back(static_cast<std::size_t>(left) + 1);
    }
    boxes_.resize(nodes_.size() * 2 * d_);
}

double KdTree::box_distance2(const double* q, std::size_t j) const {
    const double* lo = box(j);
    const double* hi = lo + d_;
    double s = 0.0;
    for (std::size_t t = 0; t < d_; ++t) {
        double g = 0.0;
        if (q[t] < lo[t]) g = lo[t] - q[t];
        else if (q[t] > hi[t]) g = q[t] - hi[t];
        s += g * g;
    }
    return s;
}

void KdTree::knn(const double* q, std::size_t k, std::vector<uint32_t>& indices, std::vector<double>& dist2) const {
    k = std::min(k, n_);
    // Max-heap of the best k by (distance, index); the root is the worst kept.
    std::vector<std::pair<double, uint32_t>> heap;
    heap.reserve(k + 1);
    auto worse = [](const std::pair<double, uint32_t>& a, const std::pair<double, uint32_t>& b) { return a < b; };
    std::vector<std::pair<double, int32_t>> stack;  // (box distance, node)
    stack.push_back({box_distance2(q, 0), 0});
    while (!stack.empty()) {
        auto [bd, j] = stack.back();
        stack.pop_back();
        // Strict: a box at exactly the k-th distance may hold a point with a smaller index.
        if (heap.size() == k && bd > heap.front().first) continue;
        const Node& node = nodes_[static_cast<std::size_t>(j)];
        if (node.left < 0) {
            for (uint32_t i = node.begin; i < node.end; ++i) {
                uint32_t idx = order_[i];
                std::pair<double, uint32_t> cand{squared_distance(q, point(idx), d_), idx};
                if (heap.size() < k) {
                    heap.push_back(cand);
                    std::push_heap(heap.begin(), heap.end(), worse);
                } else if (cand < heap.front()) {
                    std::pop_heap(heap.begin(), heap.end(), worse);
                    heap.back() = cand;
                    std::push_heap(heap.begin(), heap.end(), worse);
                }
            }
            continue;
        }
        double dl = box_distance2(q, static_cast<std::size_t>(node.left));
        double dr = box_distance2(q, static_cast<std::size_t>(node.right));
        // Push the farther child first so the nearer one is searched first.
        if (dl <= dr) {
            stack.push_back({dr, node.right});
            stack.push_back({dl, node.left});
        } else {
            stack.push_back({dl, node.left});
            stack.push_back({dr, node.right});
        }
    }
    std::sort_heap(heap.begin(), heap.end(), worse);
    indices.resize(heap.size());
    dist2.resize(heap.size());
    for (std::size_t i = 0; i < heap.size(); ++i) {
        dist2[i] = heap[i].first;
        indices[i] = heap[i].second;
    }
}

}  // namespace topicwasm
