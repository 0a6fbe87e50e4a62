#pragma once
// The SIMD kernel of UMAP's SGD shared by both optimisation schedules (umap_optimize.cpp: the
// umap-learn-faithful serial order; umap_blocks.cpp: the block-parallel 'fast' schedule). Internal
// to reduce/: included by those two files only.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/rng.hpp"

namespace topicwasm::umap_detail {

// The seed of one epoch's random streams (splitmix64 of seed and epoch).
inline uint64_t epoch_seed(uint64_t seed, std::size_t epoch) {
    uint64_t x = seed * 0x9e3779b97f4a7c15ULL + epoch + 0x632be59bd9b4e019ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Uniform index below `bound` by multiply-shift (Lemire 2019 without the rejection step: the bias
// is below bound / 2^32, irrelevant for sampling negative points, and it avoids two divisions).
inline uint32_t fast_below(Rng& rng, uint32_t bound) {
    return static_cast<uint32_t>((static_cast<uint64_t>(rng.next()) * bound) >> 32);
}

// Four lanes of float / int32 (GCC and Clang vector extensions: SSE natively, simd128 in wasm).
using f4 = float __attribute__((vector_size(16)));
using i4 = int32_t __attribute__((vector_size(16)));

inline f4 splat(float x) { return f4{x, x, x, x}; }
inline f4 select(i4 mask, f4 yes, f4 no) { return reinterpret_cast<f4>((reinterpret_cast<i4>(yes) & mask) | (reinterpret_cast<i4>(no) & ~mask)); }
inline f4 clip4(f4 v) { return select(v > 4.0f, splat(4.0f), select(v < -4.0f, splat(-4.0f), v)); }
inline float hsum(f4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

// x^y per lane for x > 0 as exp2(y log2 x), inline and branch-free. The SGD evaluates ~1.5e8
// powers per Brown fit; the library powf is an out-of-line scalar call. log2: exponent plus the
// atanh series of the mantissa reduced to [sqrt(1/2), sqrt(2)] (truncation below 4e-8); exp2:
// rounding to the nearest integer (the 1.5 * 2^23 trick) and a degree-6 Taylor polynomial of 2^f
// for |f| <= 1/2, in Estrin's form to shorten the dependency chain. Relative error below 1e-5
// over the float range (measured against double pow). Arguments below FLT_MIN are raised to it
// (a subnormal distance moves a point no differently) and the result's exponent is clamped to
// the float range, so nothing overflows.
inline f4 fast_pow(f4 x, f4 y) {
    const f4 tiny = splat(1.17549435e-38f);
    x = select(x > tiny, x, tiny);
    const i4 bits = reinterpret_cast<i4>(x);
    i4 e = (bits >> 23) - 127;
    i4 mbits = (bits & 0x007fffff) | 0x3f800000;
    const i4 big = mbits > 0x3fb504f3;  // mantissa > sqrt(2): halve it (lanes of -1 / 0)
    mbits -= big & 0x00800000;
    e -= big;
    const f4 m = reinterpret_cast<f4>(mbits);
    const f4 t = (m - 1.0f) / (m + 1.0f), t2 = t * t;
    // log2(m) = 2/ln2 * atanh(t) = 2/ln2 * (t + t^3/3 + t^5/5 + t^7/7 + ...)
    const f4 log2m = t * ((2.88539008f + t2 * 0.961796694f) + (t2 * t2) * (0.577078016f + t2 * 0.412198583f));
    f4 z = y * (__builtin_convertvector(e, f4) + log2m);
    z = select(z > 127.0f, splat(127.0f), select(z < -126.0f, splat(-126.0f), z));
    const f4 shifted = z + 12582912.0f;  // 1.5 * 2^23: the low mantissa bits hold round(z)
    const f4 k = shifted - 12582912.0f, f = z - k, f2 = f * f;
    const i4 ki = reinterpret_cast<i4>(shifted) - 0x4b400000;
    // 2^f = e^(f ln2), Taylor to degree 6.
    const f4 p = ((1.0f + f * 0.693147181f) + f2 * (0.240226507f + f * 0.0555041087f)) +
                 (f2 * f2) * ((0.00961812911f + f * 0.00133335581f) + f2 * 0.000154035304f);
    return p * reinterpret_cast<f4>((ki + 127) << 23);
}

// A head's work between two updates of its position: the tails of up to kTails due edges and
// their negative samples, in the order umap-learn visits them.
// At most kTails attractive samples per batch: a whole epoch of a head's samples (~6) in one batch
// was as fast but staler (on 800 Brown points in 2-d, transformed training points landed farther
// from their own embedding: 34-35 of 40 within the 15-NN spacing vs 39 before batching; 38-39
// with 1 or 4). kBatch bounds the negative samples.
constexpr std::size_t kTails = 4, kBatch = 64;
// Rows are held as pointers so the two optimisers can point them at different storage: the
// faithful one reads and moves every point in place; the block-parallel one reads other blocks'
// points from a snapshot and sends their moves to a per-block buffer (umap_blocks.cpp).
struct HeadBatch {
    float* tail_rows[kTails];        // tail positions read for the gradient
    float* tail_out[kTails];         // where a tail's move (move_other) is subtracted
    uint32_t tails[kTails];          // tail indices (the block optimiser resolves rows at flush)
    const float* neg_rows[kBatch];   // negative samples' positions
    std::size_t n_tails = 0, n_negs = 0;
};

// umap-learn's optimize_layout_euclidean updates, evaluated a head's batch at a time: every
// attraction and repulsion of a batch sees the head where the batch started, and the head moves
// once by their sum (each term clipped as in umap-learn); tails and negative samples are read
// live. A batch holds up to kTails attractive samples and their negative samples. umap-learn
// moves the head after every sample instead, which chains each update on the
// previous one (distance, power, division, step: ~100 cycles of latency each, so the serial SGD
// ran at one sample per ~90 cycles whatever the arithmetic cost); independent terms run four to
// a SIMD vector and overlap. A batch's ~20 samples thus act on a position stale by at most the
// batch's own updates, much less than in umap-learn's parallel (Hogwild) mode, where every point
// may be stale; trustworthiness and the pipeline's topic quality are checked in the tests.
// D is the embedding dimension when known at compile time (2 and 5 cover UMAP's default and
// BERTopic's), 0 for any other: a fixed trip count lets the compiler unroll the coordinate loops.
template <std::size_t D>
struct Kernel {
    float a, b, two_ab, two_gamma_b;
    bool move_other;
    std::size_t runtime_dim;

    std::size_t dim() const { return D ? D : runtime_dim; }

    // Adds the batch's steps to `step` (dim floats) for the head at `current` (index self).
    void run(const HeadBatch& batch, const float* current, float* step, float alpha) const {
        const std::size_t n = dim();
        // Per-coordinate sums stay in vectors until the end (for D known; else summed per group).
        f4 acc[D ? D : 1];
        for (f4& v : acc) v = splat(0.0f);
        auto add_step = [&](std::size_t d, f4 g) {
            if constexpr (D > 0)
                acc[d] += g;
            else
                step[d] += hsum(g);
        };
        // The head-to-row differences of four rows, kept for the update when D is known.
        f4 kept[D ? D : 1];
        auto diffs = [&](const float* const* rows, f4& dist2) {
            dist2 = splat(0.0f);
            for (std::size_t d = 0; d < n; ++d) {
                const f4 v = current[d] - f4{rows[0][d], rows[1][d], rows[2][d], rows[3][d]};
                if constexpr (D > 0) kept[d] = v;
                dist2 += v * v;
            }
        };
        auto diff = [&](const float* const* rows, std::size_t d) {
            if constexpr (D > 0)
                return kept[d];
            else
                return current[d] - f4{rows[0][d], rows[1][d], rows[2][d], rows[3][d]};
        };
        // Attraction along each edge; with move_other the tail moves by the opposite step.
        for (std::size_t p = 0; p < batch.n_tails; p += 4) {
            const std::size_t lanes = std::min<std::size_t>(4, batch.n_tails - p);
            const float* rows[4];
            float* outs[4];
            for (std::size_t l = 0; l < 4; ++l) {
                rows[l] = batch.tail_rows[p + (l < lanes ? l : 0)];
                outs[l] = batch.tail_out[p + (l < lanes ? l : 0)];
            }
            f4 dist2;
            diffs(rows, dist2);
            // d^(2b-2) = pb1; d^2b = pb1 * dist2. A lane with dist2 = 0 (or padding) gets 0.
            const f4 pb1 = fast_pow(dist2, splat(b - 1.0f));
            const i4 live = (dist2 > 0.0f) & (i4{0, 1, 2, 3} < static_cast<int32_t>(lanes));
            const f4 coeff = select(live, (-two_ab * pb1) / (a * pb1 * dist2 + 1.0f), splat(0.0f));
            for (std::size_t d = 0; d < n; ++d) {
                const f4 g = clip4(coeff * diff(rows, d));
                add_step(d, g);
                if (move_other)
                    for (std::size_t l = 0; l < lanes; ++l) outs[l][d] -= g[l] * alpha;
            }
        }
        // Repulsion from each negative sample. One equal to the head is skipped (umap-learn's
        // j == k test); another point at the same position pushes by 4 in every coordinate
        // (umap-learn's gradient for a zero coefficient).
        for (std::size_t p = 0; p < batch.n_negs; p += 4) {
            const std::size_t lanes = std::min<std::size_t>(4, batch.n_negs - p);
            const float* rows[4];
            i4 skip = i4{0, 1, 2, 3} >= static_cast<int32_t>(lanes);
            for (std::size_t l = 0; l < 4; ++l) {
                rows[l] = batch.neg_rows[p + (l < lanes ? l : 0)];
                // The head itself is read where it lives, so the same address means the same point.
                if (move_other && rows[l] == current) skip[l] = -1;
            }
            f4 nd2;
            diffs(rows, nd2);
            const f4 rcoeff = two_gamma_b / ((0.001f + nd2) * (a * fast_pow(nd2, splat(b)) + 1.0f));
            const i4 push = (nd2 > 0.0f) & (rcoeff > 0.0f);
            for (std::size_t d = 0; d < n; ++d)
                add_step(d, select(skip, splat(0.0f), select(push, clip4(rcoeff * diff(rows, d)), splat(4.0f))));
        }
        if constexpr (D > 0)
            for (std::size_t d = 0; d < n; ++d) step[d] += hsum(acc[d]);
    }
};

// The kernel's constants from UMAP's curve (a, b) and repulsion strength gamma.
template <std::size_t D>
Kernel<D> make_kernel(double a, double b, double gamma, std::size_t dim, bool move_other) {
    Kernel<D> k{};
    k.a = static_cast<float>(a);
    k.b = static_cast<float>(b);
    k.two_ab = 2.0f * k.a * k.b;
    k.two_gamma_b = 2.0f * static_cast<float>(gamma) * k.b;
    k.move_other = move_other;
    k.runtime_dim = dim;
    return k;
}

// umap-learn's learning rate at `epoch`: it updates alpha after each epoch from the finished
// epoch's index, so epochs 0 and 1 both run at the initial rate.
inline float epoch_alpha(double initial_alpha, std::size_t epoch, std::size_t n_epochs) {
    const double finished = epoch == 0 ? 0.0 : static_cast<double>(epoch - 1);
    return static_cast<float>(initial_alpha * (1.0 - finished / static_cast<double>(n_epochs)));
}

// umap-learn's per-edge sampling clock (epoch_of_next_sample / epoch_of_next_negative_sample, in
// double as umap-learn keeps them), shared by both schedules.
class EdgeClock {
public:
    EdgeClock(const std::vector<double>& epochs_per_sample, double negative_sample_rate) : epochs_per_sample_(epochs_per_sample) {
        const std::size_t n_edges = epochs_per_sample.size();
        epochs_per_negative_.resize(n_edges);
        next_negative_.resize(n_edges);
        next_sample_.resize(n_edges);
        for (std::size_t e = 0; e < n_edges; ++e) {
            const double eps = epochs_per_sample[e];
            epochs_per_negative_[e] = negative_sample_rate > 0.0 ? eps / negative_sample_rate : INFINITY;
            next_negative_[e] = epochs_per_negative_[e];
            // Edges of weight 0 (epochs_per_sample -1) are never due: one comparison per edge and epoch.
            next_sample_[e] = eps > 0.0 ? eps : INFINITY;
        }
    }

    // Whether edge e is sampled at epoch `now`.
    bool due(std::size_t e, double now) const { return !(next_sample_[e] > now); }
    // Negative samples due for edge e at epoch `now` (umap-learn's n_neg_samples).
    std::size_t negatives_due(std::size_t e, double now) const {
        return static_cast<std::size_t>(std::max(0.0, (now - next_negative_[e]) / epochs_per_negative_[e]));
    }
    // After edge e was sampled with n_neg negatives.
    void advance(std::size_t e, std::size_t n_neg) {
        next_sample_[e] += epochs_per_sample_[e];
        next_negative_[e] += static_cast<double>(n_neg) * epochs_per_negative_[e];
    }

private:
    const std::vector<double>& epochs_per_sample_;
    std::vector<double> epochs_per_negative_, next_negative_, next_sample_;
};

}  // namespace topicwasm::umap_detail
