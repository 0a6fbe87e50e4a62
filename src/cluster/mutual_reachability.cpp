#include "cluster/mutual_reachability.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/error.hpp"
#include "core/thread_pool.hpp"

namespace topicwasm {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : parent_(n), size_(n, 1) {
        for (std::size_t i = 0; i < n; ++i) parent_[i] = static_cast<uint32_t>(i);
    }
    uint32_t find(uint32_t x) {
        uint32_t root = x;
        while (parent_[root] != root) root = parent_[root];
        while (parent_[x] != root) {
            uint32_t next = parent_[x];
            parent_[x] = root;
            x = next;
        }
        return root;
    }
    // Union by size; on equal sizes the first argument's root wins (a fixed rule, so deterministic).
    void unite(uint32_t a, uint32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (size_[a] < size_[b]) std::swap(a, b);
        parent_[b] = a;
        size_[a] += size_[b];
    }

private:
    std::vector<uint32_t> parent_;
    std::vector<uint32_t> size_;
};

}  // namespace

KnnTable knn_all(const KdTree& tree, std::size_t k) {
    const std::size_t n = tree.size();
    KnnTable t;
    t.k = std::min(k, n);
    t.indices.resize(n * t.k);
    t.dist2.resize(n * t.k);
    parallel_for(
        n,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            std::vector<uint32_t> idx;
            std::vector<double> d2;
            for (std::size_t i = begin; i < end; ++i) {
                tree.knn(tree.point(i), t.k, idx, d2);
                std::copy(idx.begin(), idx.end(), t.indices.begin() + i * t.k);
                std::copy(d2.begin(), d2.end(), t.dist2.begin() + i * t.k);
            }
        },
        256);
    return t;
}

std::vector<MstEdge> boruvka_mst(const KdTree& tree, const KnnTable& knn, const std::vector<double>& core2,
                                 double alpha) {
    const std::size_t n = tree.size();
    require(core2.size() == n, "boruvka_mst: core distances do not match the points");
    require(alpha > 0.0, "HDBSCAN: alpha must be > 0");
    const double inv_alpha2 = 1.0 / (alpha * alpha);
    const std::size_t d = tree.dim();
    const auto& nodes = tree.nodes();
    const auto& order = tree.order();
    const std::size_t n_nodes = nodes.size();

    // Smallest core distance under each node: no edge from the node can be lighter than it.
    std::vector<double> node_min_core2(n_nodes, kInf);
    for (std::size_t j = n_nodes; j-- > 0;) {  // children always have larger indices than parents
        const auto& nd = nodes[j];
        if (nd.left < 0) {
            for (uint32_t i = nd.begin; i < nd.end; ++i) node_min_core2[j] = std::min(node_min_core2[j], core2[order[i]]);
        } else {
            node_min_core2[j] = std::min(node_min_core2[static_cast<std::size_t>(nd.left)],
                                         node_min_core2[static_cast<std::size_t>(nd.right)]);
        }
    }

    UnionFind uf(n);
    std::vector<uint32_t> comp(n);
    for (std::size_t i = 0; i < n; ++i) comp[i] = static_cast<uint32_t>(i);
    std::vector<int64_t> node_comp(n_nodes, -1);
    std::vector<double> best_w2(n);
    std::vector<int64_t> best_q(n);
    std::vector<double> comp_bound(n);
    std::vector<int64_t> comp_point(n);
    std::vector<MstEdge> edges;
    edges.reserve(n > 0 ? n - 1 : 0);

    while (edges.size() + 1 < n) {
        // Which nodes lie wholly inside one component (they are skipped by that component's queries).
        for (std::size_t j = n_nodes; j-- > 0;) {
            const auto& nd = nodes[j];
            if (nd.left < 0) {
                int64_t c = comp[order[nd.begin]];
                for (uint32_t i = nd.begin + 1; i < nd.end && c >= 0; ++i)
                    if (comp[order[i]] != c) c = -1;
                node_comp[j] = c;
            } else {
                int64_t l = node_comp[static_cast<std::size_t>(nd.left)];
                node_comp[j] = (l == node_comp[static_cast<std::size_t>(nd.right)]) ? l : -1;
            }
        }

        // Phase 1: the best edge to another component among each point's k nearest neighbours.
        // When a neighbour's core distance is <= the point's own, that edge weighs core(p), the least
        // any edge from p can weigh: hdbscan's Boruvka starts from the same observation.
        parallel_for(
            n,
            [&](std::size_t begin, std::size_t end, std::size_t) {
                for (std::size_t p = begin; p < end; ++p) {
                    double bw = kInf;
                    int64_t bq = -1;
                    const uint32_t* nb = knn.indices.data() + p * knn.k;
                    const double* nd2 = knn.dist2.data() + p * knn.k;
                    for (std::size_t t = 0; t < knn.k; ++t) {
                        uint32_t q = nb[t];
                        if (q == p || comp[q] == comp[p]) continue;
                        double w = std::max({core2[p], core2[q], nd2[t] * inv_alpha2});
                        if (w < bw) {
                            bw = w;
                            bq = q;
                        }
                    }
                    best_w2[p] = bw;
                    best_q[p] = bq;
                }
            },
            1024);
        std::fill(comp_bound.begin(), comp_bound.end(), kInf);
        for (std::size_t p = 0; p < n; ++p) comp_bound[comp[p]] = std::min(comp_bound[comp[p]], best_w2[p]);

        // Phase 2: per component, its points in ascending core distance query the tree for an edge
        // lighter than the best so far; once a point's core distance reaches that, no later point
        // can do better (every edge from p weighs at least core(p)). Components run in parallel;
        // within one the order is fixed, so the result does not depend on the thread count.
        std::fill(comp_point.begin(), comp_point.end(), -1);
        for (std::size_t p = 0; p < n; ++p) {
            if (best_q[p] < 0) continue;
            int64_t& cp = comp_point[comp[p]];
            if (cp < 0 || best_w2[p] < best_w2[static_cast<std::size_t>(cp)]) cp = static_cast<int64_t>(p);
        }
        // Points grouped by component, each group sorted by (core distance, index).
        std::vector<uint32_t> comp_ids;
        std::vector<std::size_t> start(n + 1, 0);
        for (std::size_t p = 0; p < n; ++p) ++start[comp[p] + 1];
        for (std::size_t c = 0; c < n; ++c) {
            if (start[c + 1] > 0) comp_ids.push_back(static_cast<uint32_t>(c));
            start[c + 1] += start[c];
        }
        std::vector<uint32_t> members(n);
        {
            std::vector<std::size_t> fill(start.begin(), start.end() - 1);
            for (std::size_t p = 0; p < n; ++p) members[fill[comp[p]]++] = static_cast<uint32_t>(p);
        }
        parallel_for(
            comp_ids.size(),
            [&](std::size_t begin, std::size_t end, std::size_t) {
                std::vector<std::pair<double, int32_t>> stack;
                for (std::size_t ci = begin; ci < end; ++ci) {
                    const uint32_t c = comp_ids[ci];
                    auto first = members.begin() + static_cast<std::ptrdiff_t>(start[c]);
                    auto last = members.begin() + static_cast<std::ptrdiff_t>(start[c + 1]);
                    std::sort(first, last, [&](uint32_t a, uint32_t b) {
                        return core2[a] < core2[b] || (core2[a] == core2[b] && a < b);
                    });
                    double best = comp_bound[c];
                    int64_t best_p = comp_point[c], best_qq = best_p >= 0 ? best_q[static_cast<std::size_t>(best_p)] : -1;
                    for (auto it = first; it != last; ++it) {
                        const uint32_t p = *it;
                        if (core2[p] >= best) break;
                        const double* x = tree.point(p);
                        stack.clear();
                        stack.push_back({std::max(core2[p], tree.box_distance2(x, 0) * inv_alpha2), 0});
                        while (!stack.empty()) {
                            auto [lb, j] = stack.back();
                            stack.pop_back();
                            const auto ju = static_cast<std::size_t>(j);
                            if (lb >= best || node_comp[ju] == c || node_min_core2[ju] >= best) continue;
                            const auto& nd = nodes[ju];
                            if (nd.left < 0) {
                                for (uint32_t i = nd.begin; i < nd.end; ++i) {
                                    uint32_t q = order[i];
                                    if (comp[q] == c || core2[q] >= best) continue;
                                    double w = std::max(
                                        {core2[p], core2[q], squared_distance(x, tree.point(q), d) * inv_alpha2});
                                    if (w < best) {
                                        best = w;
                                        best_p = p;
                                        best_qq = q;
                                    }
                                }
                                continue;
                            }
                            auto l = static_cast<std::size_t>(nd.left), r = static_cast<std::size_t>(nd.right);
                            double ll =
                                std::max({core2[p], node_min_core2[l], tree.box_distance2(x, l) * inv_alpha2});
                            double lr =
                                std::max({core2[p], node_min_core2[r], tree.box_distance2(x, r) * inv_alpha2});
                            if (ll <= lr) {
                                stack.push_back({lr, nd.right});
                                stack.push_back({ll, nd.left});
                            } else {
                                stack.push_back({ll, nd.left});
                                stack.push_back({lr, nd.right});
                            }
                        }
                    }
                    comp_point[c] = best_p;
                    if (best_p >= 0) {
                        best_w2[static_cast<std::size_t>(best_p)] = best;
                        best_q[static_cast<std::size_t>(best_p)] = best_qq;
                    }
                }
            },
            1);

        const std::size_t before = edges.size();
        for (std::size_t c = 0; c < n; ++c) {
            if (comp_point[c] < 0) continue;
            auto p = static_cast<uint32_t>(comp_point[c]);
            auto q = static_cast<uint32_t>(best_q[p]);
            if (uf.find(p) == uf.find(q)) continue;  // the other side already took an equal edge
            uf.unite(p, q);
            edges.push_back({p, q, std::sqrt(best_w2[p])});
        }
        require(edges.size() > before, "HDBSCAN: minimum spanning tree stalled (non-finite data?)");
        for (std::size_t p = 0; p < n; ++p) comp[p] = uf.find(static_cast<uint32_t>(p));
    }
    return edges;
}

std::vector<MstEdge> prim_mst(const KdTree& tree, const std::vector<double>& core2, double alpha) {
    const std::size_t n = tree.size(), d = tree.dim();
    const double inv_alpha2 = 1.0 / (alpha * alpha);
    std::vector<double> dist(n, kInf);
    std::vector<uint32_t> from(n, 0);
    std::vector<char> in_tree(n, 0);
    std::vector<MstEdge> edges;
    edges.reserve(n > 0 ? n - 1 : 0);
    std::size_t current = 0;
    in_tree[0] = 1;
    for (std::size_t step = 1; step < n; ++step) {
        const double* x = tree.point(current);
        std::size_t next = n;
        double next_w = kInf;
        for (std::size_t j = 0; j < n; ++j) {
            if (in_tree[j]) continue;
            double w = std::max({core2[current], core2[j], squared_distance(x, tree.point(j), d) * inv_alpha2});
            if (w < dist[j]) {
                dist[j] = w;
                from[j] = static_cast<uint32_t>(current);
            }
            if (next == n || dist[j] < next_w) {
                next = j;
                next_w = dist[j];
            }
        }
        in_tree[next] = 1;
        edges.push_back({from[next], static_cast<uint32_t>(next), std::sqrt(next_w)});
        current = next;
    }
    return edges;
}

}  // namespace topicwasm
