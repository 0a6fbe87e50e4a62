#include "cluster/agglomerative.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "core/error.hpp"

namespace topicwasm {

namespace {

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

// Active clusters live in slots 0..n-1; d is the working n x n distance matrix between slots.
struct Working {
    std::size_t n;
    std::vector<double> d;
    std::vector<bool> active;
    std::vector<std::size_t> nearest;  // slot of the nearest active slot (smallest slot on ties)
    std::vector<double> nearest_distance;

    double at(std::size_t i, std::size_t j) const { return d[i * n + j]; }

    void find_nearest(std::size_t i) {
        nearest[i] = none;
        nearest_distance[i] = std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i || !active[j]) continue;
            if (at(i, j) < nearest_distance[i]) {  // strict: the first (smallest) slot wins ties
                nearest_distance[i] = at(i, j);
                nearest[i] = j;
            }
        }
    }
};

}  // namespace

std::vector<LinkageMerge> average_linkage(const std::vector<double>& distances, std::size_t n) {
    require(n >= 1, "agglomerative clustering needs at least one point");
    require(distances.size() == n * n, "the distance matrix must be n x n (" + std::to_string(n * n) + " entries), got " +
                                           std::to_string(distances.size()));
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            double v = distances[i * n + j];
            require(std::isfinite(v) && (i == j || v >= 0), "distances must be finite and non-negative (entry " +
                                                                 std::to_string(i) + ", " + std::to_string(j) + ")");
            require(v == distances[j * n + i], "the distance matrix must be symmetric (entry " + std::to_string(i) + ", " +
                                                   std::to_string(j) + ")");
        }
    }
    Working w{n, distances, std::vector<bool>(n, true), std::vector<std::size_t>(n), std::vector<double>(n)};
    std::vector<std::size_t> size(n, 1), id(n);
    std::iota(id.begin(), id.end(), 0);
    for (std::size_t i = 0; i < n; ++i) w.find_nearest(i);

    std::vector<LinkageMerge> merges;
    merges.reserve(n - 1);
    for (std::size_t step = 0; step + 1 < n; ++step) {
        // The closest pair: smallest distance, then smallest slot a, then its nearest (smallest) b.
        std::size_t a = none;
        for (std::size_t i = 0; i < n; ++i)
            if (w.active[i] && (a == none || w.nearest_distance[i] < w.nearest_distance[a])) a = i;
        std::size_t b = w.nearest[a];
        if (b < a) std::swap(a, b);  // cannot happen with the tie rule, kept for safety
        const double dist = w.at(a, b);
        merges.push_back({std::min(id[a], id[b]), std::max(id[a], id[b]), dist, size[a] + size[b]});

        // Slot a becomes the merged cluster; slot b retires.
        w.active[b] = false;
        const double na = static_cast<double>(size[a]), nb = static_cast<double>(size[b]);
        for (std::size_t k = 0; k < n; ++k) {
            if (!w.active[k] || k == a) continue;
            double merged = (na * w.at(a, k) + nb * w.at(b, k)) / (na + nb);
            w.d[a * n + k] = w.d[k * n + a] = merged;
        }
        size[a] += size[b];
        id[a] = n + step;

        w.find_nearest(a);
        for (std::size_t k = 0; k < n; ++k) {
            if (!w.active[k] || k == a) continue;
            if (w.nearest[k] == a || w.nearest[k] == b) {
                w.find_nearest(k);
            } else if (w.at(k, a) < w.nearest_distance[k] || (w.at(k, a) == w.nearest_distance[k] && a < w.nearest[k])) {
                // A merged distance lies between d(k,a) and d(k,b), so it can only tie or undercut
                // the cached neighbour through rounding; keep the smallest-slot rule either way.
                w.nearest[k] = a;
                w.nearest_distance[k] = w.at(k, a);
            }
        }
    }
    return merges;
}

std::vector<int> cut_linkage(const std::vector<LinkageMerge>& merges, std::size_t n, std::size_t n_clusters) {
    require(n_clusters >= 1 && n_clusters <= n, "n_clusters must be between 1 and the number of points (" +
                                                    std::to_string(n) + "), got " + std::to_string(n_clusters));
    require(merges.size() + 1 == n || n == 0, "a linkage over n points has n - 1 merges");
    // Union-find over cluster ids 0..2n-2: apply the first n - n_clusters merges.
    std::vector<std::size_t> parent(2 * n - 1);
    std::iota(parent.begin(), parent.end(), 0);
    auto root = [&](std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    for (std::size_t s = 0; s < n - n_clusters; ++s) {
        parent[root(merges[s].a)] = n + s;
        parent[root(merges[s].b)] = n + s;
    }
    std::vector<int> labels(n, -1);
    std::vector<int> label_of_root(2 * n - 1, -1);
    int next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t r = root(i);
        if (label_of_root[r] < 0) label_of_root[r] = next++;
        labels[i] = label_of_root[r];
    }
    return labels;
}

std::vector<int> agglomerative_average(const std::vector<double>& distances, std::size_t n, std::size_t n_clusters) {
    require(n_clusters >= 1 && n_clusters <= n, "n_clusters must be between 1 and the number of points (" +
                                                    std::to_string(n) + "), got " + std::to_string(n_clusters));
    return cut_linkage(average_linkage(distances, n), n, n_clusters);
}

}  // namespace topicwasm
