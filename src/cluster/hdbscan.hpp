#pragma once
// HDBSCAN clustering as the Python `hdbscan` package (0.8.x, McInnes, Healy, Astels 2017) computes
// it with metric='euclidean', the estimator BERTopic uses:
//   HDBSCAN(min_cluster_size=10, metric='euclidean', cluster_selection_method='eom',
//           prediction_data=True)
// fit() gives labels_, probabilities_, outlier_scores_ (GLOSH) and cluster_persistence_; the
// prediction functions mirror hdbscan.prediction: approximate_predict, membership_vector and
// all_points_membership_vectors (soft clustering).
//
// Cluster labels are numbered as hdbscan numbers them: by the condensed-tree id of the selected
// cluster. The minimum spanning tree is hdbscan's own dual-tree Boruvka (dual_tree_boruvka.hpp),
// ported step by step with the tree layout and sorts it depends on, because the mutual-reachability
// graph is full of exactly tied edges and the order hdbscan merges them in shapes the clusters. On
// the Brown fixture this gives hdbscan 0.8.43's labels exactly (7,725 of 7,725, eom and leaf).
//
// Cost: a kd-tree (5-d input: O(n log n)), exact k-NN for core distances (parallel), the dual-tree
// Boruvka MST (about log2(n) rounds, sequential as in hdbscan), then linear-time tree work.
// Memory is O(n * min_samples).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cluster/condensed_tree.hpp"
#include "cluster/kd_tree.hpp"
#include "core/matrix.hpp"
#include "core/progress.hpp"

namespace topicwasm {

struct HdbscanOptions {
    std::size_t min_cluster_size = 5;  // hdbscan's default; BERTopic passes 10
    std::size_t min_samples = 0;       // 0: same as min_cluster_size (hdbscan's None)
    double cluster_selection_epsilon = 0.0;
    ClusterSelectionMethod cluster_selection_method = ClusterSelectionMethod::Eom;
    bool allow_single_cluster = false;
    double alpha = 1.0;
    std::size_t max_cluster_size = 0;  // 0: no limit
    // hdbscan's default: keep the last round's Boruvka bounds unless a round joins nothing. The
    // tree can then be slightly heavier than the true MST; false gives the exact MST.
    bool approx_min_span_tree = true;
};

struct HdbscanPrediction {
    std::vector<int32_t> labels;
    std::vector<double> probabilities;
};

class Hdbscan {
public:
    explicit Hdbscan(HdbscanOptions options = {});

    // Clusters the rows of data (n x d, finite). Keeps what prediction needs (a copy of the data as
    // a kd-tree, core distances, the condensed tree). Throws Error on bad input or options.
    void fit(MatrixView data, const Progress& progress = {});

    bool fitted() const { return fitted_; }
    const HdbscanOptions& options() const { return options_; }
    std::size_t n_clusters() const { return selection_.clusters.size(); }
    const std::vector<int32_t>& labels() const { return selection_.labels; }
    const std::vector<double>& probabilities() const { return selection_.probabilities; }
    const std::vector<double>& outlier_scores() const { return outlier_scores_; }
    const std::vector<double>& cluster_persistence() const { return selection_.persistence; }
    const CondensedTree& condensed_tree() const { return tree_; }
    const std::vector<LinkageRow>& single_linkage_tree() const { return linkage_; }
    // Core distances used to build the tree (min_samples-th neighbour, self excluded).
    const std::vector<double>& core_distances() const { return core_; }

    // hdbscan.approximate_predict: the cluster each new point would join, without re-clustering.
    HdbscanPrediction approximate_predict(MatrixView points) const;
    // hdbscan.all_points_membership_vectors: n x n_clusters soft memberships of the training points
    // (rows sum to each point's probability of being in some cluster). 0 columns if no clusters.
    Matrix all_points_membership_vectors() const;
    // hdbscan.membership_vector for new points.
    Matrix membership_vector(MatrixView points) const;

private:
    void require_fitted() const;
    void check_points(MatrixView points, const char* what) const;
    // For a new point: the training neighbour it joins through, and the lambda at which it does.
    void neighbor_and_lambda(const double* x, std::vector<uint32_t>& idx, std::vector<double>& d2, uint32_t& neighbor,
                             double& lambda) const;
    void build_prediction_data();
    // Lambda of the merge of cluster `point_cluster` with each selected cluster (merge_height).
    void merge_heights(int64_t point_cluster, double point_lambda, std::vector<double>& out) const;

    HdbscanOptions options_;
    std::size_t min_samples_ = 0;  // as given (or min_cluster_size), used by prediction
    bool fitted_ = false;
    KdTree kd_;
    std::vector<double> core_;             // training core distances
    std::vector<double> prediction_core_;  // PredictionData.core_distances: k = min_samples, self included
    std::vector<LinkageRow> linkage_;
    CondensedTree tree_;
    Selection selection_;
    std::vector<double> outlier_scores_;

    // Prediction data (hdbscan.prediction.PredictionData).
    std::vector<int64_t> point_parent_;      // per training point: its condensed-tree parent
    std::vector<double> point_lambda_;       // ... and the lambda at which it leaves
    std::vector<int64_t> cluster_parent_;    // per cluster id - root; -1 for the root
    std::vector<double> cluster_birth_;      // lambda of the cluster's own row
    std::vector<int32_t> cluster_label_;     // label of the selected cluster at or above; -1 if none
    std::vector<double> label_max_lambda_;   // max_lambdas: per cluster id - root, its selected cluster's
    std::vector<double> leaf_max_lambda_;    // leaf_max_lambdas: per cluster id - root
    std::vector<std::vector<uint32_t>> exemplars_;  // per label: exemplar points
};

}  // namespace topicwasm
