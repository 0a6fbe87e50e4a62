#include "cluster/condensed_tree.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/reference_sorts.hpp"
#include "core/error.hpp"

namespace topicwasm {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

int64_t CondensedTree::n_cluster_ids() const {
    int64_t max_parent = root();
    for (const auto& r : rows) max_parent = std::max(max_parent, r.parent);
    return max_parent - root() + 1;
}

std::vector<LinkageRow> single_linkage(const std::vector<MstEdge>& edges, std::size_t n_points) {
    require(edges.size() + 1 == n_points, "single_linkage: a spanning tree of n points has n - 1 edges");
    // hdbscan orders the edges with numpy's (unstable) argsort on the weight; among exactly tied
    // weights that order decides the merge order, so we reproduce it.
    const std::vector<std::size_t> order = [&] {
        std::vector<double> weights(edges.size());
        for (std::size_t i = 0; i < edges.size(); ++i) weights[i] = edges[i].weight;
        return numpy_argsort(weights);
    }();
    const std::size_t total = 2 * n_points - 1;
    std::vector<int64_t> parent(total, -1), size(total, 1);
    auto find = [&](int64_t x) {
        int64_t r = x;
        while (parent[static_cast<std::size_t>(r)] != -1) r = parent[static_cast<std::size_t>(r)];
        while (parent[static_cast<std::size_t>(x)] != -1) {  // path compression
            int64_t next = parent[static_cast<std::size_t>(x)];
            parent[static_cast<std::size_t>(x)] = r;
            x = next;
        }
        return r;
    };
    std::vector<LinkageRow> out(edges.size());
    auto next_label = static_cast<int64_t>(n_points);
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const MstEdge& e = edges[order[i]];
        int64_t aa = find(e.a), bb = find(e.b);
        int64_t sz = size[static_cast<std::size_t>(aa)] + size[static_cast<std::size_t>(bb)];
        out[i] = {aa, bb, e.weight, sz};
        parent[static_cast<std::size_t>(aa)] = next_label;
        parent[static_cast<std::size_t>(bb)] = next_label;
        size[static_cast<std::size_t>(next_label)] = sz;
        ++next_label;
    }
    return out;
}

CondensedTree condense_tree(const std::vector<LinkageRow>& linkage, std::size_t min_cluster_size) {
    const std::size_t n = linkage.size() + 1;
    CondensedTree tree;
    tree.n_points = n;
    const auto num_points = static_cast<int64_t>(n);
    const int64_t root = 2 * static_cast<int64_t>(linkage.size());
    const auto mcs = static_cast<int64_t>(min_cluster_size);
    if (n == 1) return tree;

    auto count = [&](int64_t node) { return node >= num_points ? linkage[static_cast<std::size_t>(node - num_points)].size : 1; };
    // Breadth-first listing of a subtree (hdbscan's bfs_from_hierarchy), into `out`.
    auto bfs = [&](int64_t from, std::vector<int64_t>& out) {
        out.clear();
        out.push_back(from);
        for (std::size_t i = 0; i < out.size(); ++i) {
            int64_t x = out[i];
            if (x >= num_points) {
                const auto& r = linkage[static_cast<std::size_t>(x - num_points)];
                out.push_back(r.left);
                out.push_back(r.right);
            }
        }
    };

    std::vector<int64_t> node_list, sub;
    bfs(root, node_list);
    std::vector<int64_t> relabel(static_cast<std::size_t>(root) + 1, 0);
    std::vector<char> ignore(static_cast<std::size_t>(root) + 1, 0);
    relabel[static_cast<std::size_t>(root)] = num_points;
    int64_t next_label = num_points + 1;
    auto& rows = tree.rows;
    rows.reserve(2 * n);

    auto drop_subtree = [&](int64_t child, int64_t parent_label, double lambda) {
        bfs(child, sub);
        for (int64_t s : sub) {
            if (s < num_points) rows.push_back({parent_label, s, lambda, 1});
            ignore[static_cast<std::size_t>(s)] = 1;
        }
    };

    for (int64_t node : node_list) {
        if (node < num_points || ignore[static_cast<std::size_t>(node)]) continue;
        const auto& r = linkage[static_cast<std::size_t>(node - num_points)];
        const double lambda = r.distance > 0.0 ? 1.0 / r.distance : kInf;
        const int64_t left_count = count(r.left), right_count = count(r.right);
        const int64_t label = relabel[static_cast<std::size_t>(node)];
        if (left_count >= mcs && right_count >= mcs) {
            relabel[static_cast<std::size_t>(r.left)] = next_label++;
            rows.push_back({label, relabel[static_cast<std::size_t>(r.left)], lambda, left_count});
            relabel[static_cast<std::size_t>(r.right)] = next_label++;
            rows.push_back({label, relabel[static_cast<std::size_t>(r.right)], lambda, right_count});
        } else if (left_count < mcs && right_count < mcs) {
            drop_subtree(r.left, label, lambda);
            drop_subtree(r.right, label, lambda);
        } else if (left_count < mcs) {
            relabel[static_cast<std::size_t>(r.right)] = label;
            drop_subtree(r.left, label, lambda);
        } else {
            relabel[static_cast<std::size_t>(r.left)] = label;
            drop_subtree(r.right, label, lambda);
        }
    }
    return tree;
}

std::vector<double> compute_stability(const CondensedTree& tree) {
    const int64_t root = tree.root();
    const auto m = static_cast<std::size_t>(tree.n_cluster_ids());
    std::vector<double> birth(m, 0.0), stability(m, 0.0);
    for (const auto& r : tree.rows)
        if (r.child >= root) birth[static_cast<std::size_t>(r.child - root)] = r.lambda;  // each cluster is a child once
    birth[0] = 0.0;
    for (const auto& r : tree.rows) {
        auto p = static_cast<std::size_t>(r.parent - root);
        stability[p] += (r.lambda - birth[p]) * static_cast<double>(r.child_size);
    }
    return stability;
}

std::vector<double> cluster_max_lambdas(const CondensedTree& tree) {
    const int64_t root = tree.root();
    std::vector<double> deaths(static_cast<std::size_t>(tree.n_cluster_ids()), 0.0);
    for (const auto& r : tree.rows) {
        double& d = deaths[static_cast<std::size_t>(r.parent - root)];
        d = std::max(d, r.lambda);
    }
    return deaths;
}

namespace {

struct ClusterTreeIndex {
    // For each cluster id (offset by root): its cluster children in row order, its parent, the
    // lambda at which it was born, and its size.
    std::vector<std::vector<int64_t>> children;
    std::vector<int64_t> parent;
    std::vector<double> birth_lambda;
    std::vector<int64_t> size;
};

ClusterTreeIndex index_clusters(const CondensedTree& tree) {
    const int64_t root = tree.root();
    const auto m = static_cast<std::size_t>(tree.n_cluster_ids());
    ClusterTreeIndex ix;
    ix.children.resize(m);
    ix.parent.assign(m, -1);
    ix.birth_lambda.assign(m, 0.0);
    ix.size.assign(m, 0);
    for (const auto& r : tree.rows) {
        if (r.child < root) continue;
        auto c = static_cast<std::size_t>(r.child - root);
        ix.children[static_cast<std::size_t>(r.parent - root)].push_back(r.child);
        ix.parent[c] = r.parent;
        ix.birth_lambda[c] = r.lambda;
        ix.size[c] = r.child_size;
    }
    return ix;
}

// hdbscan's traverse_upwards: from a leaf, the first ancestor born at a distance above epsilon.
int64_t traverse_upwards(const ClusterTreeIndex& ix, int64_t root, double epsilon, int64_t leaf, bool allow_single) {
    for (;;) {
        int64_t parent = ix.parent[static_cast<std::size_t>(leaf - root)];
        if (parent == root) return allow_single ? parent : leaf;
        double parent_eps = 1.0 / ix.birth_lambda[static_cast<std::size_t>(parent - root)];
        if (parent_eps > epsilon) return parent;
        leaf = parent;
    }
}

void descendants(const ClusterTreeIndex& ix, int64_t root, int64_t node, std::vector<int64_t>& out) {
    out.clear();
    out.push_back(node);
    for (std::size_t i = 0; i < out.size(); ++i)
        for (int64_t c : ix.children[static_cast<std::size_t>(out[i] - root)]) out.push_back(c);
}

// hdbscan's epsilon_search. Python iterates a set; we iterate ascending ids (the result differs only
// if a leaf's distance equals epsilon exactly).
std::vector<char> epsilon_search(const ClusterTreeIndex& ix, int64_t root, const std::vector<int64_t>& leaves,
                                 double epsilon, bool allow_single) {
    std::vector<char> selected(ix.parent.size(), 0), processed(ix.parent.size(), 0);
    std::vector<int64_t> sub;
    for (int64_t leaf : leaves) {
        const auto li = static_cast<std::size_t>(leaf - root);
        double eps = 1.0 / ix.birth_lambda[li];
        if (eps < epsilon) {
            if (!processed[li]) {
                int64_t chosen = traverse_upwards(ix, root, epsilon, leaf, allow_single);
                selected[static_cast<std::size_t>(chosen - root)] = 1;
                descendants(ix, root, chosen, sub);
                for (int64_t s : sub)
                    if (s != chosen) processed[static_cast<std::size_t>(s - root)] = 1;
            }
        } else {
            selected[li] = 1;
        }
    }
    return selected;
}

}  // namespace

Selection select_clusters(const CondensedTree& tree, std::vector<double> stability, const SelectionOptions& options) {
    const std::size_t n = tree.n_points;
    const int64_t root = tree.root();
    const auto m = static_cast<std::size_t>(tree.n_cluster_ids());
    const ClusterTreeIndex ix = index_clusters(tree);
    bool has_cluster_rows = false;
    for (std::size_t c = 1; c < m; ++c) has_cluster_rows = has_cluster_rows || ix.parent[c] >= 0;

    std::vector<char> is_cluster(m, 1);
    if (!options.allow_single_cluster) is_cluster[0] = 0;
    const std::size_t first = options.allow_single_cluster ? 0 : 1;  // node_list excludes the root
    std::vector<int64_t> sizes = ix.size;
    for (int64_t c : ix.children[0]) sizes[0] += ix.size[static_cast<std::size_t>(c - root)];
    const auto max_size = options.max_cluster_size == 0 ? static_cast<int64_t>(n) + 1
                                                        : static_cast<int64_t>(options.max_cluster_size);
    std::vector<int64_t> sub;

    if (options.method == ClusterSelectionMethod::Eom) {
        for (std::size_t c = m; c-- > first;) {  // descending ids: children before parents
            double sum = 0.0;
            for (int64_t ch : ix.children[c]) sum += stability[static_cast<std::size_t>(ch - root)];
            // hdbscan declares `cdef float subtree_stability`: the sum is rounded to float32.
            const auto subtree = static_cast<double>(static_cast<float>(sum));
            if (subtree > stability[c] || sizes[c] > max_size) {
                is_cluster[c] = 0;
                stability[c] = subtree;
            } else {
                descendants(ix, root, root + static_cast<int64_t>(c), sub);
                for (int64_t s : sub)
                    if (s != root + static_cast<int64_t>(c)) is_cluster[static_cast<std::size_t>(s - root)] = 0;
            }
        }
        if (options.cluster_selection_epsilon != 0.0 && has_cluster_rows) {
            std::vector<int64_t> eom;
            for (std::size_t c = first; c < m; ++c)
                if (is_cluster[c]) eom.push_back(root + static_cast<int64_t>(c));
            std::vector<char> chosen(m, 0);
            if (eom.size() == 1 && eom[0] == root) {
                if (options.allow_single_cluster) chosen[0] = 1;
            } else {
                chosen = epsilon_search(ix, root, eom, options.cluster_selection_epsilon, options.allow_single_cluster);
            }
            for (std::size_t c = first; c < m; ++c) is_cluster[c] = chosen[c];
        }
    } else {
        std::vector<int64_t> leaves;  // clusters with no cluster children (the root only if it has rows)
        if (has_cluster_rows)
            for (std::size_t c = 1; c < m; ++c)
                if (ix.children[c].empty()) leaves.push_back(root + static_cast<int64_t>(c));
        std::vector<char> chosen(m, 0);
        if (options.cluster_selection_epsilon != 0.0) {
            chosen = epsilon_search(ix, root, leaves, options.cluster_selection_epsilon, options.allow_single_cluster);
        } else {
            for (int64_t l : leaves) chosen[static_cast<std::size_t>(l - root)] = 1;
        }
        bool any = std::any_of(chosen.begin(), chosen.end(), [](char x) { return x != 0; });
        std::fill(is_cluster.begin(), is_cluster.end(), 0);
        if (!any && options.allow_single_cluster) {
            is_cluster[0] = 1;
        } else {
            for (std::size_t c = first; c < m; ++c) is_cluster[c] = chosen[c];
        }
    }

    Selection sel;
    std::vector<int32_t> label_of(m, -1);
    for (std::size_t c = 0; c < m; ++c)
        if (is_cluster[c]) {
            label_of[c] = static_cast<int32_t>(sel.clusters.size());
            sel.clusters.push_back(root + static_cast<int64_t>(c));
        }

    // Each cluster's nearest selected ancestor-or-self (do_labelling's union-find, done top-down:
    // parents have smaller ids than their children).
    std::vector<int64_t> top(m, root);
    for (std::size_t c = 1; c < m; ++c) {
        if (ix.parent[c] < 0) continue;
        top[c] = is_cluster[c] ? root + static_cast<int64_t>(c) : top[static_cast<std::size_t>(ix.parent[c] - root)];
    }
    if (is_cluster[0]) top[0] = root;
    const std::vector<double> deaths = cluster_max_lambdas(tree);
    const bool single_root = sel.clusters.size() == 1 && sel.clusters[0] == root && options.allow_single_cluster;
    sel.labels.assign(n, -1);
    sel.probabilities.assign(n, 0.0);
    for (const auto& r : tree.rows) {
        if (r.child >= root) continue;
        const auto p = static_cast<std::size_t>(r.child);
        const int64_t t = top[static_cast<std::size_t>(r.parent - root)];
        int32_t label = -1;
        if (t != root) {
            label = label_of[static_cast<std::size_t>(t - root)];
        } else if (single_root) {
            double threshold = options.cluster_selection_epsilon != 0.0 ? 1.0 / options.cluster_selection_epsilon : deaths[0];
            if (r.lambda >= threshold) label = 0;
        }
        sel.labels[p] = label;
        if (label >= 0) {
            double max_lambda = deaths[static_cast<std::size_t>(sel.clusters[static_cast<std::size_t>(label)] - root)];
            if (max_lambda == 0.0 || !std::isfinite(r.lambda)) sel.probabilities[p] = 1.0;
            else sel.probabilities[p] = std::min(r.lambda, max_lambda) / max_lambda;
        }
    }

    // cluster_persistence_: stability / (size * max lambda of the whole tree).
    double max_lambda = 0.0;
    for (const auto& r : tree.rows) max_lambda = std::max(max_lambda, r.lambda);
    std::vector<int64_t> counts(sel.clusters.size(), 0);
    for (int32_t l : sel.labels)
        if (l >= 0) ++counts[static_cast<std::size_t>(l)];
    sel.persistence.resize(sel.clusters.size());
    for (std::size_t i = 0; i < sel.clusters.size(); ++i) {
        if (std::isinf(max_lambda) || max_lambda == 0.0 || counts[i] == 0) sel.persistence[i] = 1.0;
        else
            sel.persistence[i] = stability[static_cast<std::size_t>(sel.clusters[i] - root)] /
                                 (static_cast<double>(counts[i]) * max_lambda);
    }
    return sel;
}

std::vector<double> glosh_outlier_scores(const CondensedTree& tree) {
    const int64_t root = tree.root();
    std::vector<double> deaths = cluster_max_lambdas(tree);
    // Each cluster's death is lifted to the largest lambda in its subtree (deepest clusters first,
    // as children have larger ids), so a point is scored against the densest part of the branch
    // it left. Checked against hdbscan 0.8.43's outlier_scores_ on the Brown fixture.
    const ClusterTreeIndex ix = index_clusters(tree);
    for (std::size_t c = deaths.size(); c-- > 1;) {
        if (ix.parent[c] < 0) continue;
        double& pd = deaths[static_cast<std::size_t>(ix.parent[c] - root)];
        pd = std::max(pd, deaths[c]);
    }
    std::vector<double> scores(tree.n_points, 0.0);
    for (const auto& r : tree.rows) {
        if (r.child >= root) continue;
        double lambda_max = deaths[static_cast<std::size_t>(r.parent - root)];
        if (lambda_max == 0.0 || !std::isfinite(r.lambda)) scores[static_cast<std::size_t>(r.child)] = 0.0;
        else scores[static_cast<std::size_t>(r.child)] = (lambda_max - r.lambda) / lambda_max;
    }
    return scores;
}

}  // namespace topicwasm
