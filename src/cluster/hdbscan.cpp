#include "cluster/hdbscan.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "cluster/dual_tree_boruvka.hpp"
#include "cluster/mutual_reachability.hpp"
#include "cluster/sklearn_kd_tree.hpp"
#include "core/error.hpp"

namespace topicwasm {

namespace {
// hdbscan builds its Boruvka kd-tree with leaf_size // 3, leaf_size defaulting to 40.
constexpr std::size_t kBoruvkaLeafSize = 40 / 3;
}  // namespace

Hdbscan::Hdbscan(HdbscanOptions options) : options_(options) {}

void Hdbscan::require_fitted() const { require(fitted_, "HDBSCAN: call fit() before predicting"); }

void Hdbscan::fit(MatrixView data, const Progress& progress) {
    const HdbscanOptions& o = options_;
    require(o.min_cluster_size >= 2, "HDBSCAN: min_cluster_size must be at least 2");
    require(std::isfinite(o.alpha) && o.alpha > 0.0, "HDBSCAN: alpha must be a positive number");
    require(std::isfinite(o.cluster_selection_epsilon) && o.cluster_selection_epsilon >= 0.0,
            "HDBSCAN: cluster_selection_epsilon must be >= 0");
    require(data.data != nullptr && data.rows > 0 && data.cols > 0, "HDBSCAN: data is empty");
    const std::size_t n = data.rows;
    for (std::size_t i = 0; i < n * data.cols; ++i)
        require(std::isfinite(data.data[i]), "HDBSCAN: data contains NaN or infinity (row " +
                                                 std::to_string(i / data.cols) + ")");
    const std::size_t min_samples = o.min_samples ? o.min_samples : o.min_cluster_size;
    require(n >= 2, "HDBSCAN: need at least 2 points");
    require(n >= min_samples, "HDBSCAN: fewer points (" + std::to_string(n) + ") than min_samples (" +
                                  std::to_string(min_samples) + ")");
    fitted_ = false;
    min_samples_ = min_samples;
    // hdbscan: min_samples = min(n - 1, min_samples), at least 1.
    const std::size_t ms = std::max<std::size_t>(1, std::min(n - 1, min_samples));

    report(progress, "hdbscan:knn", 0, 3);
    kd_ = KdTree(data, 16);
    const std::size_t k = std::min(n, std::max(ms + 1, min_samples));
    KnnTable knn = knn_all(kd_, k);
    // hdbscan takes sklearn's distances (sqrt of the squared distance) and squares them again for
    // its Boruvka; the round trip can move the last bit, which matters for exact ties.
    DualTreeBoruvkaInput mst_input;
    mst_input.core_rdist.resize(n);
    core_.resize(n);
    prediction_core_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        core_[i] = std::sqrt(knn.dist2[i * knn.k + ms]);
        mst_input.core_rdist[i] = core_[i] * core_[i];
        prediction_core_[i] = std::sqrt(knn.dist2[i * knn.k + (min_samples - 1)]);
    }

    report(progress, "hdbscan:mst", 1, 3);
    const SklearnKdTree boruvka_tree(data, kBoruvkaLeafSize);
    mst_input.tree = &boruvka_tree;
    mst_input.knn = &knn;
    mst_input.min_samples = ms;
    mst_input.alpha = o.alpha;
    mst_input.approx_min_span_tree = o.approx_min_span_tree;
    std::vector<MstEdge> mst = dual_tree_boruvka_mst(mst_input);
    knn = KnnTable{};

    report(progress, "hdbscan:tree", 2, 3);
    linkage_ = single_linkage(mst, n);
    tree_ = condense_tree(linkage_, o.min_cluster_size);
    SelectionOptions so;
    so.method = o.cluster_selection_method;
    so.allow_single_cluster = o.allow_single_cluster;
    so.cluster_selection_epsilon = o.cluster_selection_epsilon;
    so.max_cluster_size = o.max_cluster_size;
    selection_ = select_clusters(tree_, compute_stability(tree_), so);
    outlier_scores_ = glosh_outlier_scores(tree_);
    build_prediction_data();
    fitted_ = true;
    report(progress, "hdbscan:tree", 3, 3);
}

void Hdbscan::build_prediction_data() {
    const std::size_t n = tree_.n_points;
    const int64_t root = tree_.root();
    const auto m = static_cast<std::size_t>(tree_.n_cluster_ids());
    point_parent_.assign(n, root);
    point_lambda_.assign(n, 0.0);
    cluster_parent_.assign(m, -1);
    cluster_birth_.assign(m, 0.0);
    std::vector<char> has_children(m, 0);
    for (const auto& r : tree_.rows) {
        if (r.child < root) {
            point_parent_[static_cast<std::size_t>(r.child)] = r.parent;
            point_lambda_[static_cast<std::size_t>(r.child)] = r.lambda;
        } else {
            cluster_parent_[static_cast<std::size_t>(r.child - root)] = r.parent;
            cluster_birth_[static_cast<std::size_t>(r.child - root)] = r.lambda;
            has_children[static_cast<std::size_t>(r.parent - root)] = 1;
        }
    }
    leaf_max_lambda_ = cluster_max_lambdas(tree_);

    // cluster_map / max_lambdas: every cluster at or below a selected one maps to its label and to
    // the selected cluster's max lambda. Parents have smaller ids, so one ascending pass suffices.
    cluster_label_.assign(m, -1);
    label_max_lambda_.assign(m, 0.0);
    std::vector<int32_t> label_of(m, -1);
    for (std::size_t l = 0; l < selection_.clusters.size(); ++l)
        label_of[static_cast<std::size_t>(selection_.clusters[l] - root)] = static_cast<int32_t>(l);
    for (std::size_t c = 0; c < m; ++c) {
        if (label_of[c] >= 0) {
            cluster_label_[c] = label_of[c];
            label_max_lambda_[c] = leaf_max_lambda_[c];
        } else if (c > 0 && cluster_parent_[c] >= 0) {
            auto p = static_cast<std::size_t>(cluster_parent_[c] - root);
            cluster_label_[c] = cluster_label_[p];
            label_max_lambda_[c] = label_max_lambda_[p];
        }
    }

    // Exemplars: in every leaf under a selected cluster, the points that stay longest.
    exemplars_.assign(selection_.clusters.size(), {});
    for (std::size_t i = 0; i < n; ++i) {
        auto c = static_cast<std::size_t>(point_parent_[i] - root);
        if (has_children[c]) continue;  // not a leaf
        int32_t label = cluster_label_[c];
        if (label < 0) continue;
        if (point_lambda_[i] == leaf_max_lambda_[c]) exemplars_[static_cast<std::size_t>(label)].push_back(static_cast<uint32_t>(i));
    }
}

}  // namespace topicwasm
