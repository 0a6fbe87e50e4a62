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
