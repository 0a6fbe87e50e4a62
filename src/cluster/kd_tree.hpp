#pragma once
// A kd-tree over low-dimensional points in double precision, for HDBSCAN's core distances, its
// Boruvka minimum spanning tree and approximate_predict's neighbour queries. hdbscan works on the
// input cast to float64 (sklearn's KDTree), so we do too: the same distances, the same ties.
//
// The layout is a pure function of the data: each node splits its widest dimension at the median
// found by sorting (coordinate, index) pairs, a strict total order, so native and wasm builds (whose
// std::nth_element differ) build the same tree and break ties in the same way.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matrix.hpp"

namespace topicwasm {

class KdTree {
public:
    struct Node {
        uint32_t begin = 0, end = 0;   // range in order()
        int32_t left = -1, right = -1; // children; -1 for a leaf
    };

    KdTree() = default;
    // Copies the points as doubles. leaf_size: most points a leaf holds.
    explicit KdTree(MatrixView data, std::size_t leaf_size = 16);

    std::size_t size() const { return n_; }
    std::size_t dim() const { return d_; }
    const double* point(std::size_t i) const { return coords_.data() + i * d_; }
    const std::vector<Node>& nodes() const { return nodes_; }
    const std::vector<uint32_t>& order() const { return order_; }
    // Bounding box of node j: lo at box(j), hi at box(j) + dim().
    const double* box(std::size_t j) const { return boxes_.data() + j * 2 * d_; }

    // Squared Euclidean distance from q to the nearest point of node j's bounding box.
    double box_distance2(const double* q, std::size_t j) const;

    // The k nearest points to q, ascending by (distance, index), as squared distances.
    // k is clamped to size(). Exact, including ties.
    void knn(const double* q, std::size_t k, std::vector<uint32_t>& indices, std::vector<double>& dist2) const;

private:
    std::size_t n_ = 0, d_ = 0;
    std::vector<double> coords_;
    std::vector<uint32_t> order_;
    std::vector<Node> nodes_;
    std::vector<double> boxes_;
};

inline double squared_distance(const double* a, const double* b, std::size_t d) {
    double s = 0.0;
    for (std::size_t j = 0; j < d; ++j) {
        double t = a[j] - b[j];
        s += t * t;
    }
    return s;
}

}  // namespace topicwasm
