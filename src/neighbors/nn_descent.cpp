// NN-descent (Dong, Moses & Li, WWW 2011) as pynndescent implements it (McInnes): heaps seeded from
// a random-projection forest, then rounds of "local joins" (a neighbour of my neighbour is likely
// my neighbour) over sampled new/old candidate lists until fewer than delta * n * k heap entries
// change.
//
// Determinism for any thread count: every random choice is a hash of (seed, round, point, ...),
// candidate lists are built by scanning all edges in a fixed order, and the local join first
// collects updates from a fixed block of points (reading heaps that no one writes meanwhile), then
// applies them in that block's point order, each heap written by exactly one thread. The result is
// the one a single thread produces.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "neighbors/knn.hpp"
#include "neighbors/rp_forest.hpp"

namespace topicwasm {

namespace {

uint64_t mix64(uint64_t x) {  // splitmix64 finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t hash4(uint64_t seed, uint64_t a, uint64_t b, uint64_t c) {
    return mix64(mix64(mix64(mix64(seed) ^ a) ^ b) ^ c);
}

// Per-point max-heaps of capacity cap (root = current worst neighbour), pynndescent's layout.
struct Heaps {
    std::size_t n = 0, cap = 0;
    std::vector<uint32_t> idx;
    std::vector<float> dist;
    std::vector<uint8_t> is_new;

    Heaps(std::size_t n_, std::size_t cap_)
        : n(n_), cap(cap_), idx(n_ * cap_, UINT32_MAX), dist(n_ * cap_, INFINITY), is_new(n_ * cap_, 0) {}

    float worst(std::size_t p) const { return dist[p * cap]; }

    // Push (d, j) into heap p unless it is no better than the worst or already present. Returns 1
    // when the heap changed.
    int checked_push(std::size_t p, float d, uint32_t j, uint8_t flag) {
        uint32_t* I = idx.data() + p * cap;
        float* D = dist.data() + p * cap;
        uint8_t* F = is_new.data() + p * cap;
        if (!(d < D[0])) return 0;
        for (std::size_t t = 0; t < cap; ++t)
            if (I[t] == j) return 0;
        // Replace the root and sift down.
        std::size_t i = 0;
        for (;;) {
            std::size_t l = 2 * i + 1, r = l + 1, swap;
            if (l >= cap) break;
            if (r >= cap || D[l] >= D[r])
                swap = l;
            else
                swap = r;
            if (D[swap] > d) {
                D[i] = D[swap];
                I[i] = I[swap];
                F[i] = F[swap];
                i = swap;
            } else {
                break;
            }
        }
        D[i] = d;
        I[i] = j;
        F[i] = flag;
        return 1;
    }
};

// A bounded candidate list keeping the `cap` entries with the smallest priorities, no duplicates.
struct CandidateLists {
    std::size_t cap = 0;
    std::vector<uint32_t> idx;
    std::vector<float> prio;
    std::vector<uint32_t> size;

    CandidateLists(std::size_t n, std::size_t cap_) : cap(cap_), idx(n * cap_), prio(n * cap_), size(n, 0) {}

    void clear(std::size_t p) { size[p] = 0; }

    void push(std::size_t p, uint32_t j, float pr) {
        uint32_t* I = idx.data() + p * cap;
        float* P = prio.data() + p * cap;
        uint32_t& s = size[p];
        for (uint32_t t = 0; t < s; ++t)
            if (I[t] == j) return;
        if (s < cap) {
            I[s] = j;
            P[s] = pr;
            ++s;
            return;
        }
        // Full: replace the largest priority if the new one is smaller (linear scan; cap <= 60).
        uint32_t worst = 0;
        for (uint32_t t = 1; t < s; ++t)
            if (P[t] > P[worst]) worst = t;
        if (pr < P[worst]) {
            I[worst] = j;
            P[worst] = pr;
        }
    }
};

float priority(uint64_t seed, std::size_t round, std::size_t i, uint32_t j) {
    return static_cast<float>(hash4(seed, round, i, j) >> 40) * (1.0f / 16777216.0f);
}

struct Update {
    uint32_t a, b;
    float d;
};

}  // namespace

KnnGraph nn_descent(const MatrixView& input, const KnnOptions& options, const Progress& progress) {
    const std::size_t n = input.rows, k = options.k, dim = input.cols;
    require(k >= 1, "NN-descent needs k >= 1");
    require(k <= n, "NN-descent needs k <= number of points (k = " + std::to_string(k) + ", points = " +
                        std::to_string(n) + ")");
    require(options.delta >= 0.0, "NN-descent delta must be >= 0");
    require_finite(input, "k-NN input");

    Matrix normed;
    MatrixView data = input;
    if (options.metric == Metric::cosine) {
        normed = normalized_rows(input);
        data = normed.view();
    }
    const Metric metric = options.metric;
    const std::size_t cap = k - 1;  // self is prepended at the end
    KnnGraph out;
    out.n = n;
    out.k = k;
    out.indices.assign(n * k, 0);
    out.distances.assign(n * k, 0.0f);
    if (cap == 0) {
        for (std::size_t i = 0; i < n; ++i) out.indices[i] = static_cast<uint32_t>(i);
        return out;
    }

    const std::size_t n_trees = options.n_trees
                                    ? options.n_trees
                                    : std::min<std::size_t>(64, 5 + static_cast<std::size_t>(std::lround(std::sqrt(double(n)) / 20.0)));
    const std::size_t n_iters =
        options.n_iters ? options.n_iters : std::max<std::size_t>(5, static_cast<std::size_t>(std::lround(std::log2(double(n)))));
    const std::size_t max_cand = options.max_candidates ? options.max_candidates : 60;
    const std::size_t leaf_size = std::max<std::size_t>(2, options.leaf_size ? options.leaf_size : std::max<std::size_t>(10, k));
    const uint64_t seed = options.seed;

    auto distance = [&](uint32_t a, uint32_t b) { return search_distance(metric, data.row(a), data.row(b), dim); };

    // 1. Seed the heaps with leaf-mates from the RP forest, tree by tree. Each leaf's pairwise
    // distances are computed once (a table per leaf, in parallel over leaves), then every point
    // pushes its leaf-mates into its own heap (in parallel over points, each heap written by one
    // thread, in tree order then leaf order: the same sequence for any thread count).
    report(progress, "knn:trees", 0, n_trees);
    Heaps heaps(n, cap);
    {
        std::vector<RpTree> forest = build_rp_forest(data, metric, n_trees, leaf_size, seed);
        std::vector<std::size_t> table_offset;
        std::vector<float> table;
        std::vector<uint32_t> pos_in_leaf(n);
        for (const RpTree& tree : forest) {
            const std::size_t n_leaves = tree.leaf_offsets.size() - 1;
            table_offset.assign(n_leaves + 1, 0);
            for (std::size_t l = 0; l < n_leaves; ++l) {
                const std::size_t size = tree.leaf_offsets[l + 1] - tree.leaf_offsets[l];
                table_offset[l + 1] = table_offset[l] + size * size;
                for (std::size_t a = 0; a < size; ++a) pos_in_leaf[tree.order[tree.leaf_offsets[l] + a]] = static_cast<uint32_t>(a);
            }
            table.resize(table_offset[n_leaves]);
            parallel_for(n_leaves, [&](std::size_t begin, std::size_t end, std::size_t) {
                for (std::size_t l = begin; l < end; ++l) {
                    const uint32_t* pts = tree.order.data() + tree.leaf_offsets[l];
                    const std::size_t size = tree.leaf_offsets[l + 1] - tree.leaf_offsets[l];
                    float* t = table.data() + table_offset[l];
                    for (std::size_t a = 0; a < size; ++a) {
                        t[a * size + a] = 0.0f;
                        for (std::size_t b = a + 1; b < size; ++b) t[a * size + b] = t[b * size + a] = distance(pts[a], pts[b]);
                    }
                }
            }, 64);
            parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t) {
                for (std::size_t p = begin; p < end; ++p) {
                    const uint32_t leaf = tree.leaf_of[p];
                    const uint32_t* pts = tree.order.data() + tree.leaf_offsets[leaf];
                    const std::size_t size = tree.leaf_offsets[leaf + 1] - tree.leaf_offsets[leaf];
                    const float* row = table.data() + table_offset[leaf] + pos_in_leaf[p] * size;
                    for (std::size_t q = 0; q < size; ++q)
                        if (pts[q] != p) heaps.checked_push(p, row[q], pts[q], 1);
                }
            }, 1024);
        }
        // Top up with random points (small leaves, duplicates) so every heap is full.
        parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t p = begin; p < end; ++p) {
                Rng rng(hash4(seed, 7, p, 0), p);
                std::size_t filled = 0;
                for (std::size_t t = 0; t < cap; ++t) filled += heaps.idx[p * cap + t] != UINT32_MAX;
                for (std::size_t tries = 0; filled < cap && tries < 4 * cap + 64; ++tries) {
                    uint32_t j = rng.below(static_cast<uint32_t>(n));
                    if (j == p) continue;
                    filled += heaps.checked_push(p, distance(static_cast<uint32_t>(p), j), j, 1);
                }
                for (uint32_t j = 0; filled < cap && j < n; ++j)  // tiny n: take whatever is left
                    if (j != p) filled += heaps.checked_push(p, distance(static_cast<uint32_t>(p), j), j, 1);
            }
        }, 256);
    }
    report(progress, "knn:trees", n_trees, n_trees);

    // 2. NN-descent rounds.
    CandidateLists new_cand(n, max_cand), old_cand(n, max_cand);
    constexpr std::size_t kBlock = 16384;
    std::vector<std::vector<Update>> updates;
    for (std::size_t round = 0; round < n_iters; ++round) {
        report(progress, "knn:descent", round, n_iters);
        // 2a. Sample candidates: every edge i->j offers j to i's list and i to j's list, with a
        // hashed priority; each thread fills the lists of its own range of points.
        parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t p = begin; p < end; ++p) {
                new_cand.clear(p);
                old_cand.clear(p);
            }
            for (std::size_t i = 0; i < n; ++i) {
                for (std::size_t t = 0; t < cap; ++t) {
                    uint32_t j = heaps.idx[i * cap + t];
                    if (j == UINT32_MAX) continue;
                    bool in_i = i >= begin && i < end, in_j = j >= begin && j < end;
                    if (!in_i && !in_j) continue;
                    float pr = priority(seed, round, i, j);
                    CandidateLists& lists = heaps.is_new[i * cap + t] ? new_cand : old_cand;
                    if (in_i) lists.push(i, j, pr);
                    if (in_j) lists.push(j, static_cast<uint32_t>(i), pr);
                }
            }
        }, 256);
        // 2b. Entries sampled as new become old.
        parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t i = begin; i < end; ++i) {
                const uint32_t* C = new_cand.idx.data() + i * max_cand;
                for (std::size_t t = 0; t < cap; ++t) {
                    if (!heaps.is_new[i * cap + t]) continue;
                    uint32_t j = heaps.idx[i * cap + t];
                    for (uint32_t c = 0; c < new_cand.size[i]; ++c)
                        if (C[c] == j) {
                            heaps.is_new[i * cap + t] = 0;
                            break;
                        }
                }
            }
        }, 256);

        // 2c. Local join, block by block.
        std::size_t changes = 0;
        for (std::size_t b0 = 0; b0 < n; b0 += kBlock) {
            const std::size_t b1 = std::min(n, b0 + kBlock);
            const std::size_t workers = workers_for(b1 - b0, 64);
            updates.assign(workers, {});
            parallel_for(b1 - b0, [&](std::size_t begin, std::size_t end, std::size_t w) {
                std::vector<Update>& out_updates = updates[w];
                for (std::size_t p = b0 + begin; p < b0 + end; ++p) {
                    const uint32_t* NC = new_cand.idx.data() + p * max_cand;
                    const uint32_t* OC = old_cand.idx.data() + p * max_cand;
                    const uint32_t nn = new_cand.size[p], no = old_cand.size[p];
                    for (uint32_t x = 0; x < nn; ++x) {
                        uint32_t a = NC[x];
                        for (uint32_t y = x + 1; y < nn; ++y) {
                            uint32_t b = NC[y];
                            float d = distance(a, b);
                            if (d < heaps.worst(a) || d < heaps.worst(b)) out_updates.push_back({a, b, d});
                        }
                        for (uint32_t y = 0; y < no; ++y) {
                            uint32_t b = OC[y];
                            if (a == b) continue;
                            float d = distance(a, b);
                            if (d < heaps.worst(a) || d < heaps.worst(b)) out_updates.push_back({a, b, d});
                        }
                    }
                }
            }, 64);
            // Apply: worker chunks are contiguous and in order, so concatenating them gives the
            // single-thread sequence; each thread applies the updates whose target it owns.
            const std::size_t appliers = workers_for(n, 1024);
            std::vector<std::size_t> changed(appliers, 0);
            parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t w) {
                std::size_t c = 0;
                for (const auto& list : updates)
                    for (const Update& u : list) {
                        if (u.a == u.b) continue;
                        if (u.a >= begin && u.a < end) c += heaps.checked_push(u.a, u.d, u.b, 1);
                        if (u.b >= begin && u.b < end) c += heaps.checked_push(u.b, u.d, u.a, 1);
                    }
                changed[w] = c;
            }, 1024);
            for (std::size_t c : changed) changes += c;
        }
        if (static_cast<double>(changes) <= options.delta * static_cast<double>(k) * static_cast<double>(n)) break;
    }
    report(progress, "knn:descent", n_iters, n_iters);

    // 3. Sorted rows, self first.
    parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t) {
        std::vector<std::pair<float, uint32_t>> row(cap);
        for (std::size_t p = begin; p < end; ++p) {
            for (std::size_t t = 0; t < cap; ++t) row[t] = {heaps.dist[p * cap + t], heaps.idx[p * cap + t]};
            std::sort(row.begin(), row.end());
            out.indices[p * k] = static_cast<uint32_t>(p);
            out.distances[p * k] = 0.0f;
            for (std::size_t t = 0; t < cap; ++t) {
                out.indices[p * k + 1 + t] = row[t].second;
                out.distances[p * k + 1 + t] = reported_distance(metric, row[t].first);
            }
        }
    }, 256);
    return out;
}

KnnGraph nearest_neighbors(const MatrixView& data, const KnnOptions& options, const Progress& progress) {
    bool exact = options.method == KnnMethod::exact ||
                 (options.method == KnnMethod::automatic && data.rows < options.exact_threshold);
    if (exact) {
        report(progress, "knn:exact", 0, 1);
        KnnGraph g = exact_knn(data, options.k, options.metric);
        report(progress, "knn:exact", 1, 1);
        return g;
    }
    return nn_descent(data, options, progress);
}

}  // namespace topicwasm
