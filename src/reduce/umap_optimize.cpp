#include "reduce/umap_optimize.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <climits>
#include <cstring>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/threading.h>
#endif

namespace topicwasm {

std::vector<double> make_epochs_per_sample(const std::vector<float>& weights, std::size_t n_epochs) {
    std::vector<double> out(weights.size(), -1.0);
    float max_w = 0.0f;
    for (float w : weights) max_w = std::max(max_w, w);
    if (max_w <= 0.0f) return out;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        double n_samples = static_cast<double>(n_epochs) * (static_cast<double>(weights[i]) / max_w);
        if (n_samples > 0.0) out[i] = static_cast<double>(n_epochs) / n_samples;
    }
    return out;
}

namespace {


uint64_t epoch_seed(uint64_t seed, std::size_t epoch) {
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

// Completion stamps of the jobs of the parallel schedule. A thread whose dependency is not done
// spins briefly, then sleeps on a futex: on a machine busier than its cores the job it waits for
// may be descheduled for a whole time slice, and spinning (sched_yield does nothing in Emscripten)
// would burn that slice and slow the owner further. Finishing a job wakes sleepers only when
// there are any, so the common case costs one extra atomic load.
class JobStamps {
public:
    explicit JobStamps(std::size_t n) : done_(new std::atomic<uint32_t>[n]) {
        for (std::size_t j = 0; j < n; ++j) done_[j].store(0, std::memory_order_relaxed);
    }

    void wait(std::size_t j, uint32_t stamp) {
        for (unsigned spins = 0; spins < 4096; ++spins)
            if (done_[j].load(std::memory_order_acquire) == stamp) return;
        sleepers_.fetch_add(1, std::memory_order_seq_cst);
        for (uint32_t seen; (seen = done_[j].load(std::memory_order_seq_cst)) != stamp;) sleep(done_[j], seen);
        sleepers_.fetch_sub(1, std::memory_order_relaxed);
    }

    void finish(std::size_t j, uint32_t stamp) {
        done_[j].store(stamp, std::memory_order_seq_cst);
        if (sleepers_.load(std::memory_order_seq_cst) > 0) wake(done_[j]);
    }

private:
    // Blocks while `flag` still holds `seen` (returns at once if it changed meanwhile).
    static void sleep(std::atomic<uint32_t>& flag, uint32_t seen) {
#ifdef __EMSCRIPTEN__
        emscripten_futex_wait(reinterpret_cast<volatile void*>(&flag), seen, 1.0);
#else
        flag.wait(seen, std::memory_order_seq_cst);
#endif
    }
    static void wake(std::atomic<uint32_t>& flag) {
#ifdef __EMSCRIPTEN__
        emscripten_futex_wake(reinterpret_cast<volatile void*>(&flag), INT32_MAX);
#else
        flag.notify_all();
#endif
    }

    std::unique_ptr<std::atomic<uint32_t>[]> done_;
    std::atomic<int> sleepers_{0};
};

// The scheduled work of one epoch: for head j, plan[plan_ptr[j] .. plan_ptr[j+1]) holds, per due
// edge, the edge index, the number of negative samples m, then the m negative sample indices.
struct EpochPlan {
    std::vector<std::size_t> plan_ptr;
    std::vector<uint32_t> plan;
};

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
struct HeadBatch {
    uint32_t tails[kBatch], negs[kBatch];
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
    void run(const HeadBatch& batch, const float* current, float* base, uint32_t self, float* step, float alpha) const {
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
            float* rows[4];
            for (std::size_t l = 0; l < 4; ++l)
                rows[l] = base + static_cast<std::size_t>(batch.tails[p + (l < lanes ? l : 0)]) * n;
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
                    for (std::size_t l = 0; l < lanes; ++l) rows[l][d] -= g[l] * alpha;
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
                const uint32_t k = batch.negs[p + (l < lanes ? l : 0)];
                rows[l] = base + static_cast<std::size_t>(k) * n;
                if (move_other && k == self) skip[l] = -1;
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

// Everything one optimize_layout call shares between epochs: the edge schedules (umap-learn's
// epoch_of_next_sample / epoch_of_next_negative_sample, in double as umap-learn keeps them).
template <std::size_t D>
class Optimizer {
public:
    Optimizer(Matrix& head, Matrix& others, std::size_t n_tail, const LayoutEdges& edges, const LayoutParams& params)
        : head_(head), others_(others), n_tail_(static_cast<uint32_t>(n_tail)), edges_(edges), params_(params) {
        const std::size_t n_edges = edges.tail.size();
        kernel_.a = static_cast<float>(params.a);
        kernel_.b = static_cast<float>(params.b);
        kernel_.two_ab = 2.0f * kernel_.a * kernel_.b;
        kernel_.two_gamma_b = 2.0f * static_cast<float>(params.gamma) * kernel_.b;
        kernel_.move_other = params.move_other;
        kernel_.runtime_dim = head.cols;
        epochs_per_negative_.resize(n_edges);
        next_negative_.resize(n_edges);
        next_sample_.resize(n_edges);
        for (std::size_t e = 0; e < n_edges; ++e) {
            const double eps = edges.epochs_per_sample[e];
            epochs_per_negative_[e] = params.negative_sample_rate > 0.0 ? eps / params.negative_sample_rate : INFINITY;
            next_negative_[e] = epochs_per_negative_[e];
            // Edges of weight 0 (epochs_per_sample -1) are never due: one comparison per edge and epoch.
            next_sample_[e] = eps > 0.0 ? eps : INFINITY;
        }
    }

    // Negative samples due for edge e at epoch `now` (umap-learn's n_neg_samples).
    std::size_t negatives_due(std::size_t e, double now) const {
        return static_cast<std::size_t>(std::max(0.0, (now - next_negative_[e]) / epochs_per_negative_[e]));
    }
    void advance(std::size_t e, std::size_t n_neg) {
        next_sample_[e] += edges_.epochs_per_sample[e];
        next_negative_[e] += static_cast<double>(n_neg) * epochs_per_negative_[e];
    }

    // Head j's work of one epoch, drawing its negative samples as it goes from the same stream
    // (seed, epoch, j) the plan uses, so this equals planning first and running the plan.
    void run_head(std::size_t j, double now, uint64_t eseed, float alpha) {
        Rng rng(eseed, j);
        HeadBatch batch;
        for (std::size_t e = edges_.head_ptr[j]; e < edges_.head_ptr[j + 1]; ++e) {
            if (next_sample_[e] > now) continue;
            const std::size_t n_neg = negatives_due(e, now);
            add_tail(batch, j, edges_.tail[e], alpha);
            for (std::size_t p = 0; p < n_neg; ++p) add_negative(batch, j, fast_below(rng, n_tail_), alpha);
            advance(e, n_neg);
        }
        flush(batch, j, alpha);
    }

    // Batches fill in visiting order and run when full (and at the end of the head's work), so
    // batch boundaries depend only on the sampling schedule. Transform (fixed tails) keeps
    // umap-learn's update after every sample: its few points are cheap.
    void add_tail(HeadBatch& batch, std::size_t j, uint32_t tail, float alpha) {
        if (batch.n_tails == kTails) flush(batch, j, alpha);
        batch.tails[batch.n_tails++] = tail;
        if (!params_.move_other) flush(batch, j, alpha);
    }
    void add_negative(HeadBatch& batch, std::size_t j, uint32_t k, float alpha) {
        if (batch.n_negs == kBatch) flush(batch, j, alpha);
        batch.negs[batch.n_negs++] = k;
        if (!params_.move_other) flush(batch, j, alpha);
    }
    void flush(HeadBatch& batch, std::size_t j, float alpha) {
        if (batch.n_tails + batch.n_negs == 0) return;
        const std::size_t n = head_.cols;
        float step_fixed[16] = {};
        std::vector<float> step_dyn(n > 16 ? n : 0, 0.0f);  // layouts wider than 16 dims: rare
        float* step = n > 16 ? step_dyn.data() : step_fixed;
        float* current = head_.row(j);
        kernel_.run(batch, current, others_.data.data(), static_cast<uint32_t>(j), step, alpha);
        for (std::size_t d = 0; d < n; ++d) current[d] += step[d] * alpha;
        batch.n_tails = batch.n_negs = 0;
    }

    // Plan sizes and contents of one epoch (per head, independent of coordinates and threads).
    void plan(EpochPlan& ep, double now, uint64_t eseed) {
        const std::size_t n_head = head_.rows;
        parallel_for(n_head, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t j = begin; j < end; ++j) {
                std::size_t count = 0;
                for (std::size_t e = edges_.head_ptr[j]; e < edges_.head_ptr[j + 1]; ++e)
                    if (!(next_sample_[e] > now)) count += 2 + negatives_due(e, now);
                ep.plan_ptr[j + 1] = count;
            }
        }, 8192);  // small epochs run inline: starting threads costs more than the work
        for (std::size_t j = 0; j < n_head; ++j) ep.plan_ptr[j + 1] += ep.plan_ptr[j];
        ep.plan.resize(ep.plan_ptr[n_head]);
        parallel_for(n_head, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t j = begin; j < end; ++j) {
                Rng rng(eseed, j);
                uint32_t* out = ep.plan.data() + ep.plan_ptr[j];
                for (std::size_t e = edges_.head_ptr[j]; e < edges_.head_ptr[j + 1]; ++e) {
                    if (next_sample_[e] > now) continue;
                    const std::size_t n_neg = negatives_due(e, now);
                    *out++ = static_cast<uint32_t>(e);
                    *out++ = static_cast<uint32_t>(n_neg);
                    for (std::size_t p = 0; p < n_neg; ++p) *out++ = fast_below(rng, n_tail_);
                    advance(e, n_neg);
                }
            }
        }, 8192);
    }

    // Head j's planned work, reading and writing live coordinates.
    void run_planned(const EpochPlan& ep, std::size_t j, float alpha) {
        const uint32_t* it = ep.plan.data() + ep.plan_ptr[j];
        const uint32_t* stop = ep.plan.data() + ep.plan_ptr[j + 1];
        HeadBatch batch;
        while (it < stop) {
            const uint32_t e = *it++;
            const uint32_t n_neg = *it++;
            add_tail(batch, j, edges_.tail[e], alpha);
            for (uint32_t p = 0; p < n_neg; ++p) add_negative(batch, j, *it++, alpha);
        }
        flush(batch, j, alpha);
    }

    void optimize(const Progress& progress);

private:
    Matrix& head_;
    Matrix& others_;
    uint32_t n_tail_;
    const LayoutEdges& edges_;
    const LayoutParams& params_;
    Kernel<D> kernel_{};
    std::vector<double> epochs_per_negative_, next_negative_, next_sample_;
};

template <std::size_t D>
void Optimizer<D>::optimize(const Progress& progress) {
    const std::size_t n_head = head_.rows;
    EpochPlan ep;
    ep.plan_ptr.assign(n_head + 1, 0);
    std::vector<uint32_t> last_touch, deps;
    std::vector<std::size_t> deps_ptr;
    if (params_.move_other) {
        last_touch.assign(n_head, UINT32_MAX);
        deps_ptr.assign(n_head + 1, 0);
    }
    JobStamps done(params_.move_other ? n_head : 0);

    double serial_rate = 0.0, parallel_rate = 0.0;  // heads per second, last measured
    std::size_t probe_at = 0, probe_every = 64;
    const std::size_t n_epochs = params_.n_epochs;
    const std::size_t report_every = std::max<std::size_t>(1, n_epochs / 20);
    for (std::size_t epoch = 0; epoch < n_epochs; ++epoch) {
        // umap-learn updates alpha after each epoch from the finished epoch's index, so epochs 0
        // and 1 both run at the initial rate.
        const double finished = epoch == 0 ? 0.0 : static_cast<double>(epoch - 1);
        const float alpha = static_cast<float>(params_.initial_alpha * (1.0 - finished / static_cast<double>(n_epochs)));
        const double now = static_cast<double>(epoch);
        const uint64_t eseed = epoch_seed(params_.seed, epoch);

        // Serial or scheduled-parallel gives the same result, so choose by measured speed: with
        // few free cores (or a busy machine) waiting on dependencies can cost more than it saves.
        // Probe each mode for two epochs at the start and then every 64 epochs, then use the
        // faster; each probe that parallel loses doubles the interval (up to 512 epochs), so a
        // loaded machine pays for few parallel epochs.
        const std::size_t threads = params_.move_other ? workers_for(n_head, 256) : 1;
        bool parallel_mode = false;
        if (threads > 1) {
            if (epoch >= probe_at + 4) {
                probe_every = parallel_rate > serial_rate ? 64 : std::min<std::size_t>(512, 2 * probe_every);
                probe_at += probe_every;
            }
            if (epoch >= probe_at && epoch < probe_at + 4)
                parallel_mode = epoch >= probe_at + 2;
            else
                parallel_mode = parallel_rate > serial_rate;
        }
        const auto t_start = std::chrono::steady_clock::now();

        if (params_.move_other && !parallel_mode) {
            for (std::size_t j = 0; j < n_head; ++j) run_head(j, now, eseed, alpha);
        } else if (!params_.move_other) {
            // Transform: tails are fixed, heads independent.
            parallel_for(n_head, [&](std::size_t begin, std::size_t end, std::size_t) {
                for (std::size_t j = begin; j < end; ++j) run_head(j, now, eseed, alpha);
            }, 64);
        } else {
            // 1. Plan the epoch.
            plan(ep, now, eseed);
            // 2. Dependencies: for each vertex a job touches, the last earlier job touching it.
            std::fill(last_touch.begin(), last_touch.end(), UINT32_MAX);
            deps.clear();
            for (std::size_t j = 0; j < n_head; ++j) {
                auto touch = [&](uint32_t v) {
                    uint32_t prev = last_touch[v];
                    if (prev != UINT32_MAX && prev != j && (deps.size() == deps_ptr[j] || deps.back() != prev))
                        deps.push_back(prev);
                    last_touch[v] = static_cast<uint32_t>(j);
                };
                touch(static_cast<uint32_t>(j));
                const uint32_t* it = ep.plan.data() + ep.plan_ptr[j];
                const uint32_t* stop = ep.plan.data() + ep.plan_ptr[j + 1];
                while (it < stop) {
                    touch(edges_.tail[*it++]);
                    const uint32_t n_neg = *it++;
                    for (uint32_t p = 0; p < n_neg; ++p) touch(*it++);
                }
                deps_ptr[j + 1] = deps.size();
            }
            // 3. Run jobs in claimed order, each after the jobs it depends on.
            const uint32_t stamp = static_cast<uint32_t>(epoch + 1);
            std::atomic<std::size_t> next_job{0};
            parallel_for(threads, [&](std::size_t, std::size_t, std::size_t) {
                for (;;) {
                    const std::size_t j = next_job.fetch_add(1, std::memory_order_relaxed);
                    if (j >= n_head) break;
                    for (std::size_t p = deps_ptr[j]; p < deps_ptr[j + 1]; ++p) done.wait(deps[p], stamp);
                    run_planned(ep, j, alpha);
                    done.finish(j, stamp);
                }
            }, 1);
        }
        if (threads > 1) {
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
            const double rate = static_cast<double>(n_head) / std::max(secs, 1e-9);
            (parallel_mode ? parallel_rate : serial_rate) = rate;
        }
        if ((epoch + 1) % report_every == 0 || epoch + 1 == n_epochs) report(progress, "umap:optimize", epoch + 1, n_epochs);
    }
}

}  // namespace

void optimize_layout(Matrix& head, const Matrix* tail, const LayoutEdges& edges, const LayoutParams& params,
                     const Progress& progress) {
    const std::size_t n_head = head.rows, dim = head.cols;
    require(edges.head_ptr.size() == n_head + 1, "optimize_layout: edge list does not match the embedding");
    require(params.move_other == (tail == nullptr), "optimize_layout: move_other needs tail == nullptr");
    const std::size_t n_tail = tail ? tail->rows : n_head;
    require(n_tail > 0, "optimize_layout: no tail points");
    require(!tail || tail->cols == dim, "optimize_layout: head and tail dimensions differ");
    require(params.negative_sample_rate > 0.0 || params.negative_sample_rate == 0.0,
            "optimize_layout: negative_sample_rate must be >= 0");
    Matrix& others = params.move_other ? head : const_cast<Matrix&>(*tail);  // written only if move_other
    if (dim == 2)
        Optimizer<2>(head, others, n_tail, edges, params).optimize(progress);
    else if (dim == 5)
        Optimizer<5>(head, others, n_tail, edges, params).optimize(progress);
    else
        Optimizer<0>(head, others, n_tail, edges, params).optimize(progress);
}

}  // namespace topicwasm
