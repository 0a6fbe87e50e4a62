#pragma once
// Core distances (k-NN of every point) and a reference minimum spanning tree of the
// mutual-reachability graph: the first half of HDBSCAN (Campello, Moulavi, Sander 2013; McInnes,
// Healy, Astels 2017). The MST that HDBSCAN itself uses comes from dual_tree_boruvka.hpp.
//
// mutual_reachability(a, b) = max(core(a), core(b), dist(a, b) / alpha)
//
// core(a) is the distance to a's min_samples-th neighbour not counting a itself, which is what
// hdbscan 0.8.x's Boruvka code computes (KDTree.query(k=min_samples + 1)[:, min_samples]).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cluster/kd_tree.hpp"

namespace topicwasm {

struct MstEdge {
    uint32_t a = 0;  // the point whose component searched for the edge (hdbscan's source)
    uint32_t b = 0;
    double weight = 0.0;  // mutual-reachability distance
};

// k nearest neighbours of every tree point (self included), ascending by (distance, index).
struct KnnTable {
    std::size_t k = 0;
    std::vector<uint32_t> indices;  // n x k
    std::vector<double> dist2;      // n x k, squared distances
};

// Exact k-NN of all points of the tree, in parallel (parallel_for); identical for any thread count.
KnnTable knn_all(const KdTree& tree, std::size_t k);

// O(n^2) Prim's algorithm on the same graph: a reference for tests, and fine for a few thousand points.
std::vector<MstEdge> prim_mst(const KdTree& tree, const std::vector<double>& core2, double alpha);

}  // namespace topicwasm
