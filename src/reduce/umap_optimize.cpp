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
#include "reduce/umap_kernel.hpp"

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

using namespace umap_detail;

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

// Everything one optimize_layout call shares between epochs: the edge schedules (EdgeClock,
// umap_kernel.hpp).
template <std::size_t D>
class Optimizer {
public:
    Optimizer(Matrix& head, Matrix& others, std::size_t n_tail, const LayoutEdges& edges, const LayoutParams& params)
        : head_(head), others_(others), n_tail_(static_cast<uint32_t>(n_tail)), edges_(edges), params_(params),
          kernel_(make_kernel<D>(params.a, params.b, params.gamma, head.cols, params.move_other)),
          clock_(edges.epochs_per_sample, params.negative_sample_rate) {}

    // Head j's work of one epoch, drawing its negative samples as it goes from the same stream
    // (seed, epoch, j) the plan uses, so this equals planning first and running the plan.
    void run_head(std::size_t j, double now, uint64_t eseed, float alpha) {
        Rng rng(eseed, j);
        HeadBatch batch;
        for (std::size_t e = edges_.head_ptr[j]; e < edges_.head_ptr[j + 1]; ++e) {
            if (!clock_.due(e, now)) continue;
            const std::size_t n_neg = clock_.negatives_due(e, now);
            add_tail(batch, j, edges_.tail[e], alpha);
            for (std::size_t p = 0; p < n_neg; ++p) add_negative(batch, j, fast_below(rng, n_tail_), alpha);
            clock_.advance(e, n_neg);
        }
        flush(batch, j, alpha);
    }

    // Batches fill in visiting order and run when full (and at the end of the head's work), so
    // batch boundaries depend only on the sampling schedule. Transform (fixed tails) keeps
    // umap-learn's update after every sample: its few points are cheap.
    void add_tail(HeadBatch& batch, std::size_t j, uint32_t tail, float alpha) {
        if (batch.n_tails == kTails) flush(batch, j, alpha);
        float* row = others_.data.data() + static_cast<std::size_t>(tail) * head_.cols;
        batch.tail_rows[batch.n_tails] = row;
        batch.tail_out[batch.n_tails++] = row;
        if (!params_.move_other) flush(batch, j, alpha);
    }
    void add_negative(HeadBatch& batch, std::size_t j, uint32_t k, float alpha) {
        if (batch.n_negs == kBatch) flush(batch, j, alpha);
        batch.neg_rows[batch.n_negs++] = others_.data.data() + static_cast<std::size_t>(k) * head_.cols;
        if (!params_.move_other) flush(batch, j, alpha);
    }
    void flush(HeadBatch& batch, std::size_t j, float alpha) {
        if (batch.n_tails + batch.n_negs == 0) return;
        const std::size_t n = head_.cols;
        float step_fixed[16] = {};
        std::vector<float> step_dyn(n > 16 ? n : 0, 0.0f);  // layouts wider than 16 dims: rare
        float* step = n > 16 ? step_dyn.data() : step_fixed;
        float* current = head_.row(j);
        kernel_.run(batch, current, step, alpha);
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
                    if (clock_.due(e, now)) count += 2 + clock_.negatives_due(e, now);
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
                    if (!clock_.due(e, now)) continue;
                    const std::size_t n_neg = clock_.negatives_due(e, now);
                    *out++ = static_cast<uint32_t>(e);
                    *out++ = static_cast<uint32_t>(n_neg);
                    for (std::size_t p = 0; p < n_neg; ++p) *out++ = fast_below(rng, n_tail_);
                    clock_.advance(e, n_neg);
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
    Kernel<D> kernel_;
    EdgeClock clock_;
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
        const float alpha = epoch_alpha(params_.initial_alpha, epoch, n_epochs);
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
    if (params.blocks) {
        require(params.move_other, "optimize_layout: the block schedule is for fitting (move_other) only");
        optimize_layout_blocks(head, edges, params, progress);
        return;
    }
    Matrix& others = params.move_other ? head : const_cast<Matrix&>(*tail);  // written only if move_other
    if (dim == 2)
        Optimizer<2>(head, others, n_tail, edges, params).optimize(progress);
    else if (dim == 5)
        Optimizer<5>(head, others, n_tail, edges, params).optimize(progress);
    else
        Optimizer<0>(head, others, n_tail, edges, params).optimize(progress);
}

}  // namespace topicwasm
