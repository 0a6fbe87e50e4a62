#include "cluster/dual_tree_boruvka.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>

#include "core/error.hpp"

namespace topicwasm {

namespace {

// hdbscan's BoruvkaUnionFind: union by rank (ties: the first argument's root wins), path halving.
class RankUnionFind {
public:
    explicit RankUnionFind(std::size_t n) : parent_(n), rank_(n, 0), is_root_(n, 1) {
        for (std::size_t i = 0; i < n; ++i) parent_[i] = i;
    }
    std::size_t find(std::size_t x) {
        std::size_t parent = parent_[x];
        while (parent != x) {
            const std::size_t grandparent = parent_[parent];
            parent_[x] = grandparent;
            x = parent;
            parent = grandparent;
        }
        return x;
    }
    void unite(std::size_t x, std::size_t y) {
        const std::size_t xr = find(x), yr = find(y);
        if (xr == yr) return;
        if (rank_[xr] < rank_[yr]) {
            parent_[xr] = yr;
            is_root_[xr] = 0;
        } else if (rank_[xr] > rank_[yr]) {
            parent_[yr] = xr;
            is_root_[yr] = 0;
        } else {
            ++rank_[xr];
            parent_[yr] = xr;
            is_root_[yr] = 0;
        }
    }
    std::vector<std::size_t> roots() const {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < is_root_.size(); ++i)
            if (is_root_[i]) out.push_back(i);
        return out;
    }

private:
    std::vector<std::size_t> parent_;
    std::vector<uint8_t> rank_;
    std::vector<char> is_root_;
};

constexpr std::ptrdiff_t kNone = -1;

class Boruvka {
public:
    explicit Boruvka(const DualTreeBoruvkaInput& in)
        : tree_(*in.tree), core_(in.core_rdist), alpha_(in.alpha), approx_(in.approx_min_span_tree),
          n_(tree_.size()), n_nodes_(tree_.nodes().size()), uf_(n_), bounds_(n_nodes_, DBL_MAX),
          component_of_point_(n_), component_of_node_(n_nodes_), candidate_neighbor_(n_, kNone),
          candidate_point_(n_, kNone), candidate_distance_(n_, DBL_MAX), components_(n_) {
        for (std::size_t i = 0; i < n_; ++i) component_of_point_[i] = static_cast<std::ptrdiff_t>(i);
        for (std::size_t j = 0; j < n_nodes_; ++j) component_of_node_[j] = -static_cast<std::ptrdiff_t>(j + 1);
        for (std::size_t i = 0; i < n_; ++i) components_[i] = i;
        edges_.reserve(n_ - 1);

        // First round from the k-NN table (hdbscan's _compute_bounds).
        const KnnTable& knn = *in.knn;
        const std::size_t last = std::min(in.min_samples, knn.k - 1);
        for (std::size_t p = 0; p < n_; ++p) {
            for (std::size_t i = 1; i <= last; ++i) {
                const std::size_t m = knn.indices[p * knn.k + i];
                if (core_[m] <= core_[p]) {
                    candidate_point_[p] = static_cast<std::ptrdiff_t>(p);
                    candidate_neighbor_[p] = static_cast<std::ptrdiff_t>(m);
                    candidate_distance_[p] = core_[p];
                    break;
                }
            }
        }
        update_components();
        std::fill(bounds_.begin(), bounds_.end(), DBL_MAX);
    }

    std::vector<MstEdge> run() {
        std::size_t n_components = components_.size();
        while (n_components > 1) {
            const std::size_t before = edges_.size();
            traverse(0, 0);
            n_components = update_components();
            // hdbscan loops until it finds something; with finite data it always does. Guard the
            // loop anyway: a stalled round twice in a row (bounds already reset) would spin forever.
            if (edges_.size() == before) {
                require(!stalled_once_, "HDBSCAN: minimum spanning tree stalled (non-finite data?)");
                stalled_once_ = true;
            } else {
                stalled_once_ = false;
            }
        }
        return std::move(edges_);
    }

private:
    std::size_t update_components() {
        for (std::size_t component : components_) {
            const std::ptrdiff_t source = candidate_point_[component];
            const std::ptrdiff_t sink = candidate_neighbor_[component];
            if (source == kNone || sink == kNone) continue;
            const auto s = static_cast<std::size_t>(source), t = static_cast<std::size_t>(sink);
            if (uf_.find(s) == uf_.find(t)) {
                candidate_point_[component] = kNone;
                candidate_neighbor_[component] = kNone;
                candidate_distance_[component] = DBL_MAX;
                continue;
            }
            edges_.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(t), std::sqrt(candidate_distance_[component])});
            uf_.unite(s, t);
            candidate_distance_[component] = DBL_MAX;
            if (edges_.size() + 1 == n_) {
                components_ = uf_.roots();
                return components_.size();
            }
        }

        for (std::size_t p = 0; p < n_; ++p) component_of_point_[p] = static_cast<std::ptrdiff_t>(uf_.find(p));
        const auto& nodes = tree_.nodes();
        const auto& idx = tree_.idx_array();
        for (std::size_t j = n_nodes_; j-- > 0;) {
            const auto& nd = nodes[j];
            if (nd.is_leaf) {
                const std::ptrdiff_t c = component_of_point_[idx[nd.idx_start]];
                bool uniform = true;
                for (std::size_t i = nd.idx_start + 1; i < nd.idx_end && uniform; ++i)
                    uniform = component_of_point_[idx[i]] == c;
                if (uniform) component_of_node_[j] = c;
            } else if (component_of_node_[2 * j + 1] == component_of_node_[2 * j + 2]) {
                component_of_node_[j] = component_of_node_[2 * j + 1];
            }
        }

        const std::size_t last_count = components_.size();
        components_ = uf_.roots();
        // approx_min_span_tree keeps the bounds of the last round unless it got stuck.
        if (!approx_ || components_.size() == last_count) std::fill(bounds_.begin(), bounds_.end(), DBL_MAX);
        return components_.size();
    }

    void traverse(std::size_t node1, std::size_t node2) {
        const auto& nodes = tree_.nodes();
        const double node_dist = tree_.min_rdist_dual(node1, node2);
        if (!(node_dist < bounds_[node1])) return;
        if (component_of_node_[node1] == component_of_node_[node2] && component_of_node_[node1] >= 0) return;

        const auto& n1 = nodes[node1];
        const auto& n2 = nodes[node2];
        if (n1.is_leaf && n2.is_leaf) {
            leaf_pair(node1, n1, n2);
        } else if (n1.is_leaf || (!n2.is_leaf && n2.radius > n1.radius)) {
            const std::size_t left = 2 * node2 + 1, right = 2 * node2 + 2;
            if (tree_.min_rdist_dual(node1, left) < tree_.min_rdist_dual(node1, right)) {
                traverse(node1, left);
                traverse(node1, right);
            } else {
                traverse(node1, right);
                traverse(node1, left);
            }
        } else {
            const std::size_t left = 2 * node1 + 1, right = 2 * node1 + 2;
            if (tree_.min_rdist_dual(left, node2) < tree_.min_rdist_dual(right, node2)) {
                traverse(left, node2);
                traverse(right, node2);
            } else {
                traverse(right, node2);
                traverse(left, node2);
            }
        }
    }

    void leaf_pair(std::size_t node1, const SklearnKdTree::Node& n1, const SklearnKdTree::Node& n2) {
        const auto& idx = tree_.idx_array();
        const std::size_t d = tree_.dim();
        double new_upper = 0.0, new_lower = DBL_MAX;
        for (std::size_t i = n1.idx_start; i < n1.idx_end; ++i) {
            const std::size_t p = idx[i];
            const auto c1 = static_cast<std::size_t>(component_of_point_[p]);
            if (core_[p] > candidate_distance_[c1]) continue;  // (skips the bound update too, as hdbscan does)
            const double* x = tree_.point(p);
            for (std::size_t j = n2.idx_start; j < n2.idx_end; ++j) {
                const std::size_t q = idx[j];
                if (core_[q] > candidate_distance_[c1]) continue;
                if (component_of_point_[q] == static_cast<std::ptrdiff_t>(c1)) continue;
                double rdist = squared_distance(x, tree_.point(q), d);
                if (alpha_ != 1.0) rdist /= alpha_;
                const double mr = std::max(rdist, std::max(core_[p], core_[q]));
                if (mr < candidate_distance_[c1]) {
                    candidate_distance_[c1] = mr;
                    candidate_neighbor_[c1] = static_cast<std::ptrdiff_t>(q);
                    candidate_point_[c1] = static_cast<std::ptrdiff_t>(p);
                }
            }
            new_upper = std::max(new_upper, candidate_distance_[c1]);
            new_lower = std::min(new_lower, candidate_distance_[c1]);
        }
        double new_bound = std::min(new_upper, new_lower + 2.0 * n1.radius);
        if (new_bound < bounds_[node1]) {
            bounds_[node1] = new_bound;
            while (node1 > 0) {  // propagate up the tree
                const std::size_t parent = (node1 - 1) / 2;
                new_bound = std::max(bounds_[2 * parent + 1], bounds_[2 * parent + 2]);
                if (!(new_bound < bounds_[parent])) break;
                bounds_[parent] = new_bound;
                node1 = parent;
            }
        }
    }

    const SklearnKdTree& tree_;
    const std::vector<double>& core_;
    const double alpha_;
    const bool approx_;
    const std::size_t n_, n_nodes_;
    RankUnionFind uf_;
    std::vector<double> bounds_;
    std::vector<std::ptrdiff_t> component_of_point_, component_of_node_;
    std::vector<std::ptrdiff_t> candidate_neighbor_, candidate_point_;
    std::vector<double> candidate_distance_;
    std::vector<std::size_t> components_;
    std::vector<MstEdge> edges_;
    bool stalled_once_ = false;
};

}  // namespace

std::vector<MstEdge> dual_tree_boruvka_mst(const DualTreeBoruvkaInput& input) {
    require(input.tree != nullptr && input.knn != nullptr, "dual_tree_boruvka_mst: missing tree or k-NN table");
    const std::size_t n = input.tree->size();
    require(input.core_rdist.size() == n && input.knn->indices.size() == n * input.knn->k,
            "dual_tree_boruvka_mst: core distances or neighbours do not match the points");
    require(input.alpha > 0.0, "HDBSCAN: alpha must be > 0");
    if (n < 2) return {};
    return Boruvka(input).run();
}

}  // namespace topicwasm
