#include "neighbors/rp_forest.hpp"

#include <cmath>

#include "core/rng.hpp"
#include "core/thread_pool.hpp"

namespace topicwasm {

namespace {

// Splits order[begin, end) in place; returns the split point. Mirrors pynndescent's
// angular_random_projection_split / euclidean_random_projection_split, including the random side
// for points on the hyperplane and the random halving when every point falls on one side.
std::size_t split_node(const MatrixView& data, Metric metric, std::vector<uint32_t>& order, std::size_t begin,
                       std::size_t end, Rng& rng, std::vector<float>& hyperplane, std::vector<uint8_t>& side) {
    const std::size_t count = end - begin, dim = data.cols;
    std::size_t left_pick = rng.below(static_cast<uint32_t>(count));
    std::size_t right_pick = rng.below(static_cast<uint32_t>(count - 1));
    if (right_pick >= left_pick) ++right_pick;
    const float* left = data.row(order[begin + left_pick]);
    const float* right = data.row(order[begin + right_pick]);

    float offset = 0.0f;
    if (metric == Metric::cosine) {
        float ln = std::sqrt(dot(left, left, dim)), rn = std::sqrt(dot(right, right, dim));
        if (std::fabs(ln) < 1e-8f) ln = 1.0f;
        if (std::fabs(rn) < 1e-8f) rn = 1.0f;
        for (std::size_t d = 0; d < dim; ++d) hyperplane[d] = left[d] / ln - right[d] / rn;
        float hn = std::sqrt(dot(hyperplane.data(), hyperplane.data(), dim));
        if (std::fabs(hn) < 1e-8f) hn = 1.0f;
        for (std::size_t d = 0; d < dim; ++d) hyperplane[d] /= hn;
    } else {
        for (std::size_t d = 0; d < dim; ++d) {
            hyperplane[d] = left[d] - right[d];
            offset -= hyperplane[d] * (left[d] + right[d]) * 0.5f;
        }
    }

    std::size_t n_left = 0;
    for (std::size_t i = 0; i < count; ++i) {
        float margin = offset + dot(hyperplane.data(), data.row(order[begin + i]), dim);
        uint8_t s;
        if (std::fabs(margin) < 1e-8f)
            s = static_cast<uint8_t>(rng.next() & 1u);
        else
            s = margin > 0 ? 0 : 1;
        side[i] = s;
        if (s == 0) ++n_left;
    }
    if (n_left == 0 || n_left == count) {
        n_left = 0;
        for (std::size_t i = 0; i < count; ++i) {
            side[i] = static_cast<uint8_t>(rng.next() & 1u);
            if (side[i] == 0) ++n_left;
        }
        if (n_left == 0 || n_left == count) {  // astronomically unlikely; split in the middle
            n_left = count / 2;
            for (std::size_t i = 0; i < count; ++i) side[i] = i < n_left ? 0 : 1;
        }
    }
    // Stable partition: left side first, keeping the relative order.
    std::vector<uint32_t> tmp(order.begin() + static_cast<std::ptrdiff_t>(begin),
                              order.begin() + static_cast<std::ptrdiff_t>(end));
    std::size_t l = begin, r = begin + n_left;
    for (std::size_t i = 0; i < count; ++i) order[side[i] == 0 ? l++ : r++] = tmp[i];
    return begin + n_left;
}

RpTree build_tree(const MatrixView& data, Metric metric, std::size_t leaf_size, Rng rng) {
    RpTree tree;
    const std::size_t n = data.rows;
    tree.order.resize(n);
    for (std::size_t i = 0; i < n; ++i) tree.order[i] = static_cast<uint32_t>(i);
    std::vector<float> hyperplane(data.cols);
    std::vector<uint8_t> side(n);
    // Depth-first with an explicit stack (right child pushed first so leaves come out left to right).
    std::vector<std::pair<std::size_t, std::size_t>> stack{{0, n}};
    tree.leaf_offsets.push_back(0);
    while (!stack.empty()) {
        auto [begin, end] = stack.back();
        stack.pop_back();
        if (end - begin <= leaf_size) {
            tree.leaf_offsets.push_back(static_cast<uint32_t>(end));
            continue;
        }
        std::size_t mid = split_node(data, metric, tree.order, begin, end, rng, hyperplane, side);
        stack.emplace_back(mid, end);
        stack.emplace_back(begin, mid);
    }
    tree.leaf_of.resize(n);
    for (std::size_t l = 0; l + 1 < tree.leaf_offsets.size(); ++l)
        for (std::size_t p = tree.leaf_offsets[l]; p < tree.leaf_offsets[l + 1]; ++p)
            tree.leaf_of[tree.order[p]] = static_cast<uint32_t>(l);
    return tree;
}

}  // namespace

std::vector<RpTree> build_rp_forest(const MatrixView& data, Metric metric, std::size_t n_trees, std::size_t leaf_size,
                                    uint64_t seed) {
    std::vector<RpTree> forest(n_trees);
    parallel_for(n_trees, [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t t = begin; t < end; ++t) forest[t] = build_tree(data, metric, leaf_size, Rng(seed, 1000 + t));
    });
    return forest;
}

}  // namespace topicwasm
