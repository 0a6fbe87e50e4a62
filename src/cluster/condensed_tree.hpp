#pragma once
// The second half of HDBSCAN, following hdbscan 0.8.x's _hdbscan_linkage.pyx and _hdbscan_tree.pyx
// step by step (row order, node numbering, float rounding) so labels, probabilities and outlier
// scores match the Python package:
//   single_linkage    MST edges -> scipy-style linkage (union-find over edges sorted by weight)
//   condense_tree     drop splits smaller than min_cluster_size (Campello et al. 2013, sec. 3.2)
//   compute_stability sum over a cluster's points of (lambda_leave - lambda_birth)
//   select_clusters   excess of mass (eom) or leaves, cluster_selection_epsilon, max_cluster_size
//   outlier_scores    GLOSH (Campello et al. 2015)
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cluster/mutual_reachability.hpp"

namespace topicwasm {

// One merge of the single-linkage dendrogram in scipy's format: nodes 0..n-1 are points, merge i
// creates node n + i.
struct LinkageRow {
    int64_t left = 0;
    int64_t right = 0;
    double distance = 0.0;
    int64_t size = 0;
};

// Sorts the MST edges by weight as hdbscan does (numpy 1.24's argsort, the same order among ties)
// and labels the merges: row i joins the roots of edge (a, b) in that orientation.
std::vector<LinkageRow> single_linkage(const std::vector<MstEdge>& edges, std::size_t n_points);

// A condensed-tree row: `child` leaves (a point, child_size 1) or splits off (a cluster) from
// `parent` at lambda = 1 / distance. Clusters are numbered from n_points (the root) upwards in
// breadth-first order, so a child cluster always has a larger id than its parent.
struct CondensedRow {
    int64_t parent = 0;
    int64_t child = 0;
    double lambda = 0.0;
    int64_t child_size = 0;
};

struct CondensedTree {
    std::size_t n_points = 0;
    std::vector<CondensedRow> rows;  // hdbscan's row order
    int64_t root() const { return static_cast<int64_t>(n_points); }
    int64_t n_cluster_ids() const;  // max cluster id - root + 1
};

CondensedTree condense_tree(const std::vector<LinkageRow>& linkage, std::size_t min_cluster_size);

// stability[c - root] for every cluster id c.
std::vector<double> compute_stability(const CondensedTree& tree);

enum class ClusterSelectionMethod { Eom, Leaf };

struct SelectionOptions {
    ClusterSelectionMethod method = ClusterSelectionMethod::Eom;
    bool allow_single_cluster = false;
    double cluster_selection_epsilon = 0.0;
    std::size_t max_cluster_size = 0;  // 0: no limit
};

struct Selection {
    std::vector<int64_t> clusters;     // selected cluster ids, ascending; label i is clusters[i]
    std::vector<int32_t> labels;       // per point, -1 = noise
    std::vector<double> probabilities; // per point
    std::vector<double> persistence;   // per label: hdbscan's cluster_persistence_
};

// `stability` is taken by value: eom overwrites the stabilities of unselected clusters, as hdbscan does.
Selection select_clusters(const CondensedTree& tree, std::vector<double> stability, const SelectionOptions& options);

// GLOSH outlier score per point, as hdbscan.outlier_scores computes it.
std::vector<double> glosh_outlier_scores(const CondensedTree& tree);

// Max lambda over each cluster's direct rows, indexed by c - root (hdbscan's max_lambdas).
std::vector<double> cluster_max_lambdas(const CondensedTree& tree);

}  // namespace topicwasm
