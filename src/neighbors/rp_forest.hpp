#pragma once
// Random-projection trees (Dasgupta & Freund 2008) as pynndescent builds them to seed NN-descent:
// each split takes two random points of the node and cuts along the hyperplane halfway between them
// (for cosine: between their directions, through the origin). Leaves hold at most leaf_size points;
// points in the same leaf are likely neighbours.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matrix.hpp"
#include "neighbors/distance.hpp"

namespace topicwasm {

struct RpTree {
    std::vector<uint32_t> order;        // the points, grouped leaf by leaf
    std::vector<uint32_t> leaf_offsets; // leaf l is order[leaf_offsets[l] .. leaf_offsets[l+1])
    std::vector<uint32_t> leaf_of;      // point -> leaf
};

// One tree per index in [0, n_trees), each from its own Rng(seed, tree): the forest does not depend
// on the thread count. `data` must already be row-normalised for cosine.
std::vector<RpTree> build_rp_forest(const MatrixView& data, Metric metric, std::size_t n_trees, std::size_t leaf_size,
                                    uint64_t seed);

}  // namespace topicwasm
