#pragma once
// scikit-learn's KDTree node layout (sklearn/neighbors/_binary_tree.pxi and _kd_tree.pyx, 1.x),
// rebuilt point for point, for hdbscan's dual-tree Boruvka (dual_tree_boruvka.hpp), whose choice
// among tied edges depends on the tree's shape and on the order of the points inside each leaf.
//
// - A complete binary tree in an array: node i has children 2i+1 and 2i+2; the number of levels is
//   floor(log2(max(1, (n - 1) / leaf_size))) + 1, so leaves hold leaf_size to 2 * leaf_size points.
// - A node splits the dimension of largest spread (the first on ties) at n_points / 2, with
//   std::nth_element under the comparator (value, index); we use the port of libstdc++'s
//   algorithm (gnu_nth_element), which leaves the points in the same order sklearn's wheels do.
// - Node bounds are the per-dimension min / max of the node's points; the radius is half the
//   bounding box's diagonal.
#include <cstddef>
#include <vector>

#include "core/matrix.hpp"

namespace topicwasm {

class SklearnKdTree {
public:
    struct Node {
        std::size_t idx_start = 0, idx_end = 0;
        bool is_leaf = false;
        double radius = 0.0;
    };

    // Copies the points as doubles (hdbscan casts its input to float64).
    SklearnKdTree(MatrixView data, std::size_t leaf_size);

    std::size_t size() const { return n_; }
    std::size_t dim() const { return d_; }
    const double* point(std::size_t i) const { return data_.data() + i * d_; }
    const std::vector<std::size_t>& idx_array() const { return idx_; }
    const std::vector<Node>& nodes() const { return nodes_; }
    const double* lower(std::size_t node) const { return lower_.data() + node * d_; }
    const double* upper(std::size_t node) const { return upper_.data() + node * d_; }

    // Squared minimum distance between the bounding boxes of two nodes, computed as hdbscan's
    // kdtree_min_rdist_dual does (the same operations, so the same rounding).
    double min_rdist_dual(std::size_t node1, std::size_t node2) const;

private:
    void build(std::size_t node, std::size_t idx_start, std::size_t idx_end);

    std::size_t n_ = 0, d_ = 0;
    std::vector<double> data_;
    std::vector<std::size_t> idx_;
    std::vector<Node> nodes_;
    std::vector<double> lower_, upper_;
};

}  // namespace topicwasm
