#include "reduce/umap_optimize.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"

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

inline float clip4(float v) { return v > 4.0f ? 4.0f : (v < -4.0f ? -4.0f : v); }

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

// The scheduled work of one epoch: for head j, plan[plan_ptr[j] .. plan_ptr[j+1]) holds, per due
// edge, the edge index, the number of negative samples m, then the m negative sample indices.
struct EpochPlan {
    std::vector<std::size_t> plan_ptr;
    std::vector<uint32_t> plan;
};

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
    const std::size_t n_edges = edges.tail.size();
    const float a = static_cast<float>(params.a), b = static_cast<float>(params.b);
    const float gamma = static_cast<float>(params.gamma);
    Matrix& others = params.move_other ? head : const_cast<Matrix&>(*tail);  // written only if move_other

    std::vector<double> epochs_per_negative(n_edges), next_negative(n_edges), next_sample(n_edges);
    for (std::size_t e = 0; e < n_edges; ++e) {
        epochs_per_negative[e] = params.negative_sample_rate > 0.0 ? edges.epochs_per_sample[e] / params.negative_sample_rate
                                                                   : INFINITY;
        next_negative[e] = epochs_per_negative[e];
        next_sample[e] = edges.epochs_per_sample[e];
    }

    EpochPlan ep;
    ep.plan_ptr.assign(n_head + 1, 0);
    std::vector<uint32_t> last_touch, deps;
    std::vector<std::size_t> deps_ptr;
    if (params.move_other) {
        last_touch.assign(n_head, UINT32_MAX);
        deps_ptr.assign(n_head + 1, 0);
    }
    std::unique_ptr<std::atomic<uint32_t>[]> done(params.move_other ? new std::atomic<uint32_t>[n_head] : nullptr);
    for (std::size_t j = 0; params.move_other && j < n_head; ++j) done[j].store(0, std::memory_order_relaxed);

    double serial_rate = 0.0, parallel_rate = 0.0;  // work units per second, last measured
    const std::size_t n_epochs = params.n_epochs;
    const std::size_t report_every = std::max<std::size_t>(1, n_epochs / 20);
    for (std::size_t epoch = 0; epoch < n_epochs; ++epoch) {
        // umap-learn updates alpha after each epoch from the finished epoch's index, so epochs 0
        // and 1 both run at the initial rate.
        const double finished = epoch == 0 ? 0.0 : static_cast<double>(epoch - 1);
        const float alpha = static_cast<float>(params.initial_alpha * (1.0 - finished / static_cast<double>(n_epochs)));
        const double now = static_cast<double>(epoch);
        const uint64_t eseed = epoch_seed(params.seed, epoch);

        // 1. Plan: sizes, then contents (per head, independent of coordinates and threads).
        parallel_for(n_head, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t j = begin; j < end; ++j) {
                std::size_t count = 0;
                for (std::size_t e = edges.head_ptr[j]; e < edges.head_ptr[j + 1]; ++e) {
                    if (edges.epochs_per_sample[e] <= 0.0 || next_sample[e] > now) continue;
                    const auto n_neg = static_cast<std::size_t>(std::max(0.0, (now - next_negative[e]) / epochs_per_negative[e]));
                    count += 2 + n_neg;
                }
                ep.plan_ptr[j + 1] = count;
            }
        }, 8192);  // small epochs run inline: starting threads costs more than the work
        for (std::size_t j = 0; j < n_head; ++j) ep.plan_ptr[j + 1] += ep.plan_ptr[j];
        ep.plan.resize(ep.plan_ptr[n_head]);
        parallel_for(n_head, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t j = begin; j < end; ++j) {
                Rng rng(eseed, j);
                uint32_t* out = ep.plan.data() + ep.plan_ptr[j];
                for (std::size_t e = edges.head_ptr[j]; e < edges.head_ptr[j + 1]; ++e) {
                    if (edges.epochs_per_sample[e] <= 0.0 || next_sample[e] > now) continue;
                    const auto n_neg = static_cast<std::size_t>(std::max(0.0, (now - next_negative[e]) / epochs_per_negative[e]));
                    *out++ = static_cast<uint32_t>(e);
                    *out++ = static_cast<uint32_t>(n_neg);
                    for (std::size_t p = 0; p < n_neg; ++p) *out++ = fast_below(rng, static_cast<uint32_t>(n_tail));
                    next_sample[e] += edges.epochs_per_sample[e];
                    next_negative[e] += static_cast<double>(n_neg) * epochs_per_negative[e];
                }
            }
        }, 8192);  // small epochs run inline: starting threads costs more than the work

        // The serial algorithm's work for head j, reading and writing live coordinates.
        auto run_job = [&](std::size_t j) {
            float* current = head.row(j);
            const uint32_t* it = ep.plan.data() + ep.plan_ptr[j];
            const uint32_t* stop = ep.plan.data() + ep.plan_ptr[j + 1];
            while (it < stop) {
                const uint32_t e = *it++;
                const uint32_t n_neg = *it++;
                float* other = others.row(edges.tail[e]);
                float dist2 = 0.0f;
                for (std::size_t d = 0; d < dim; ++d) dist2 += (current[d] - other[d]) * (current[d] - other[d]);
                float coeff = 0.0f;
                if (dist2 > 0.0f) {
                    const float pb = std::pow(dist2, b);  // d^2b; d^(2b-2) = pb / dist2
                    coeff = (-2.0f * a * b * (pb / dist2)) / (a * pb + 1.0f);
                }
                for (std::size_t d = 0; d < dim; ++d) {
                    const float g = clip4(coeff * (current[d] - other[d]));
                    current[d] += g * alpha;
                    if (params.move_other) other[d] -= g * alpha;
                }
                for (uint32_t p = 0; p < n_neg; ++p) {
                    const uint32_t kk = *it++;
                    const float* neg = others.row(kk);
                    float nd2 = 0.0f;
                    for (std::size_t d = 0; d < dim; ++d) nd2 += (current[d] - neg[d]) * (current[d] - neg[d]);
                    float rcoeff;
                    if (nd2 > 0.0f)
                        rcoeff = 2.0f * gamma * b / ((0.001f + nd2) * (a * std::pow(nd2, b) + 1.0f));
                    else if (params.move_other && kk == j)
                        continue;
                    else
                        rcoeff = 0.0f;
                    for (std::size_t d = 0; d < dim; ++d)
                        current[d] += (rcoeff > 0.0f ? clip4(rcoeff * (current[d] - neg[d])) : 4.0f) * alpha;
                }
            }
        };

        // Serial or scheduled-parallel gives the same result, so choose by measured speed: with
        // few free cores (or a busy machine) waiting on dependencies can cost more than it saves.
        // Probe each mode for two epochs at the start and every 64 epochs, then use the faster.
        const std::size_t threads = params.move_other ? workers_for(n_head, 256) : 1;
        bool parallel_mode = false;
        if (threads > 1) {
            const std::size_t phase = epoch % 64;
            if (phase < 2)
                parallel_mode = false;
            else if (phase < 4)
                parallel_mode = true;
            else
                parallel_mode = parallel_rate > serial_rate;
        }
        const auto t_start = std::chrono::steady_clock::now();

        if (params.move_other && !parallel_mode) {
            for (std::size_t j = 0; j < n_head; ++j) run_job(j);
        } else if (!params.move_other) {
            // Transform: tails are fixed, heads independent.
            parallel_for(n_head, [&](std::size_t begin, std::size_t end, std::size_t) {
                for (std::size_t j = begin; j < end; ++j) run_job(j);
            }, 64);
        } else {
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
                    touch(edges.tail[*it++]);
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
                    for (std::size_t p = deps_ptr[j]; p < deps_ptr[j + 1]; ++p) {
                        const uint32_t d = deps[p];
                        for (unsigned spins = 0; done[d].load(std::memory_order_acquire) != stamp; ++spins)
                            if (spins > 256) std::this_thread::yield();
                    }
                    run_job(j);
                    done[j].store(stamp, std::memory_order_release);
                }
            }, 1);
        }
        if (threads > 1) {
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
            const double rate = static_cast<double>(ep.plan.size() + n_head) / std::max(secs, 1e-9);
            (parallel_mode ? parallel_rate : serial_rate) = rate;
        }
        if ((epoch + 1) % report_every == 0 || epoch + 1 == n_epochs) report(progress, "umap:optimize", epoch + 1, n_epochs);
    }
}

}  // namespace topicwasm
