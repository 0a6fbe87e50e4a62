#include "cluster/ward_linkage.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace topicwasm {

namespace {

enum class Update { single, complete, ward };

// Closest pair first (ties: the lexicographically smallest slots (i, j)), then the Lance-Williams
// update of the merged cluster's distances, kept in slot i.
std::vector<LinkageMerge> closest_pair_linkage(const std::vector<double>& distances, std::size_t n, Update update) {
    require(n >= 1 && distances.size() == n * n, "linkage: the distance matrix is not n x n");
    for (double d : distances) require(std::isfinite(d) && d >= -1e-12, "linkage: distances must be finite and >= 0");
    std::vector<double> d(distances);
    std::vector<std::size_t> size(n, 1), id(n);
    std::vector<bool> alive(n, true);
    for (std::size_t i = 0; i < n; ++i) id[i] = i;

    std::vector<LinkageMerge> merges;
    for (std::size_t step = 0; step + 1 < n; ++step) {
        double best = std::numeric_limits<double>::infinity();
        std::size_t bi = 0, bj = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!alive[i]) continue;
            for (std::size_t j = i + 1; j < n; ++j)
                if (alive[j] && d[i * n + j] < best) best = d[i * n + j], bi = i, bj = j;
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (!alive[k] || k == bi || k == bj) continue;
            const double dki = d[k * n + bi], dkj = d[k * n + bj];
            double merged = 0;
            if (update == Update::single) {
                merged = std::min(dki, dkj);
            } else if (update == Update::complete) {
                merged = std::max(dki, dkj);
            } else {
                const double nk = double(size[k]), ni = double(size[bi]), nj = double(size[bj]);
                const double v = ((ni + nk) * dki * dki + (nj + nk) * dkj * dkj - nk * best * best) / (ni + nj + nk);
                merged = std::sqrt(std::max(v, 0.0));
            }
            d[k * n + bi] = d[bi * n + k] = merged;
        }
        merges.push_back({std::min(id[bi], id[bj]), std::max(id[bi], id[bj]), std::max(best, 0.0), size[bi] + size[bj]});
        alive[bj] = false;
        size[bi] += size[bj];
        id[bi] = n + step;
    }
    return merges;
}

}  // namespace

std::vector<LinkageMerge> ward_linkage(const std::vector<double>& distances, std::size_t n) {
    return closest_pair_linkage(distances, n, Update::ward);
}

std::vector<LinkageMerge> linkage(const std::vector<double>& distances, std::size_t n, const std::string& method) {
    if (method == "ward") return closest_pair_linkage(distances, n, Update::ward);
    if (method == "single") return closest_pair_linkage(distances, n, Update::single);
    if (method == "complete") return closest_pair_linkage(distances, n, Update::complete);
    if (method == "average") return average_linkage(distances, n);
    throw Error("linkage: method must be 'ward', 'single', 'complete' or 'average', got '" + method + "'");
}

std::vector<int> ward_clusters(const std::vector<double>& rows, std::size_t n, std::size_t dim, std::size_t n_clusters) {
    require(rows.size() == n * dim, "ward clusters: the rows are not n x dim");
    std::vector<double> distances(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            double s = 0;
            for (std::size_t c = 0; c < dim; ++c) {
                const double diff = rows[i * dim + c] - rows[j * dim + c];
                s += diff * diff;
            }
            distances[i * n + j] = distances[j * n + i] = std::sqrt(s);
        }
    // fcluster numbers clusters from 1; cut_linkage from 0, both by first appearance.
    auto labels = cut_linkage(ward_linkage(distances, n), n, n_clusters);
    for (int& label : labels) ++label;
    return labels;
}

void make_distances_unique(std::vector<LinkageMerge>& merges, double noise_max) {
    std::vector<double> original;
    for (const auto& m : merges) original.push_back(m.distance);
    for (std::size_t i = 0; i + 1 < merges.size(); ++i) {
        if (original[i] != original[i + 1]) continue;
        double next = original[i] + noise_max;
        for (std::size_t k = i + 1; k < original.size(); ++k)
            if (original[k] != original[i]) {
                next = original[k];
                break;
            }
        double noise = std::min(noise_max, next - merges[i].distance);
        merges[i + 1].distance = merges[i].distance + 0.75 * noise;
    }
}

}  // namespace topicwasm
