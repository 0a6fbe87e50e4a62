// The 'fast' UMAP schedule's block-parallel SGD (see optimize_layout_blocks in umap_optimize.hpp).
//
// Why blocks and not the faithful schedule's dependency replay: replaying the serial order lets two
// threads overlap only where their heads touch disjoint points, and on a busy 2-core machine the
// waiting ate the gain (a second thread added CPU, not speed). Here the only synchronisation is one
// barrier per phase, and the result is a function of the block partition, the seed and the epoch
// alone, so 1, 2 or N threads give the same bits.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "reduce/umap_kernel.hpp"
#include "reduce/umap_optimize.hpp"

namespace topicwasm {

namespace {

using namespace umap_detail;

// At most 64 blocks, so 2-16 threads all find work in every phase; at least 64 heads each, so a
// block's fixed costs (its Rng, its buffer) stay small next to its work. Both are constants: the
// partition, and so the result, must not depend on the machine.
constexpr std::size_t kMaxBlocks = 64, kMinHeads = 64;

// Block b owns heads [bounds[b], bounds[b + 1]). Contiguous ranges keep locality: rows of a corpus
// often come in runs of related documents, whose edges then stay inside one block and see live
// positions. Balanced by the expected number of samples per epoch (attractive plus negative).
std::vector<std::size_t> block_bounds(const LayoutEdges& edges, double negative_sample_rate) {
    const std::size_t n = edges.head_ptr.size() - 1;
    const std::size_t n_blocks = std::clamp<std::size_t>(n / kMinHeads, 1, kMaxBlocks);
    std::vector<double> cum(n + 1, 0.0);
    for (std::size_t j = 0; j < n; ++j) {
        double w = 1.0;  // per-head overhead
        for (std::size_t e = edges.head_ptr[j]; e < edges.head_ptr[j + 1]; ++e)
            if (edges.epochs_per_sample[e] > 0.0) w += (1.0 + negative_sample_rate) / edges.epochs_per_sample[e];
        cum[j + 1] = cum[j] + w;
    }
    std::vector<std::size_t> bounds(n_blocks + 1, 0);
    bounds[n_blocks] = n;
    for (std::size_t b = 1; b < n_blocks; ++b) {
        const double target = cum[n] * static_cast<double>(b) / static_cast<double>(n_blocks);
        auto j = static_cast<std::size_t>(std::lower_bound(cum.begin(), cum.end(), target) - cum.begin());
        // Every block keeps >= kMinHeads heads (n >= n_blocks * kMinHeads makes this feasible).
        j = std::max(j, bounds[b - 1] + kMinHeads);
        j = std::min(j, n - kMinHeads * (n_blocks - b));
        bounds[b] = j;
    }
    return bounds;
}

// Phases per epoch: the blocks run in this many consecutive groups with a commit after each, so a
// group reads the points of earlier groups as they are after this epoch's updates, not before.
// Measured on Brown (trustworthiness@15, 3,000 sampled rows, seeds 42/43/44): 1 phase 0.9317 /
// 0.9323 / 0.9298, 4 phases 0.9339 / 0.9347 / 0.9321, the faithful schedule 0.9345 / 0.9350 /
// 0.9337 (umap-learn 0.9342). 4 phases keep 16 blocks per group, ample for a few threads, at
// four barriers per epoch. A constant: the result must not depend on the machine.
constexpr std::size_t kPhases = 4;
// Open question (measured, not solved): the whole pipeline on Brown finds fewer topics with this
// schedule at 200 epochs (253-256 over seeds 42-44, NMI 0.402-0.404) than the faithful order at
// 200 epochs (266 / 265 for seeds 42 / 43) or 500 (268-271, NMI 0.408-0.411); at 500 epochs this
// schedule gives 269. Experiments (native, seeds 42 / 43 / 44 where given): one block holding all
// heads (fully serial, live reads) with the Rng per (epoch, block) gave 255 / 257, and with an Rng
// per (epoch, head) the faithful schedule's exact bits (266); with the Rng per head, 4 phases and a
// per-block copy of moved tails (so repeated pulls see earlier ones) gave 255 / 254 / 256, and 64
// phases 261-262. So both the negative samples' streams (the faithful order draws each head's
// from its own PCG stream of one seed, and such streams are correlated) and within-phase
// staleness move the topic count; which count is "right" is open (Python BERTopic: 265-272).
// Follow-up in wasm, 2 threads, seeds 42-44 (bench/umap-schedules.mjs; faithful: 268-271 topics,
// NMI 0.408-0.411): an Rng per (epoch, head) here, independent of blocks and threads, gave 251-256
// topics / NMI 0.403-0.405 at 200 epochs (the Rng per block: 253-255 / 0.402-0.404), and 263-271 /
// 0.407-0.409 at 500; this schedule at 300 epochs 257-265, at 400 264-269 / 0.407-0.408; a learning
// rate of 2.5 at 200 epochs 227-242 topics. So the per-head streams do not close the gap once the
// blocks run in phases: the epoch count does most of it, and the Rng per block stays.

// A block's moves of points outside it: point index and dim floats, in the order made.
struct BlockMoves {
    std::vector<uint32_t> index;
    std::vector<float> delta;
};

template <std::size_t D>
class BlockOptimizer {
public:
    BlockOptimizer(Matrix& emb, const LayoutEdges& edges, const LayoutParams& params)
        : emb_(emb), snap_(emb), edges_(edges), params_(params), n_(static_cast<uint32_t>(emb.rows)),
          dim_(emb.cols), kernel_(make_kernel<D>(params.a, params.b, params.gamma, emb.cols, true)),
          clock_(edges.epochs_per_sample, params.negative_sample_rate) {
        bounds_ = block_bounds(edges, params.negative_sample_rate);
        moves_.resize(bounds_.size() - 1);
    }

    void optimize(const Progress& progress) {
        const std::size_t n_blocks = bounds_.size() - 1, n_epochs = params_.n_epochs;
        const std::size_t phases = std::min(kPhases, n_blocks);
        const std::size_t report_every = std::max<std::size_t>(1, n_epochs / 20);
        for (std::size_t epoch = 0; epoch < n_epochs; ++epoch) {
            // umap-learn's learning rate: epochs 0 and 1 both run at the initial rate.
            const float alpha = epoch_alpha(params_.initial_alpha, epoch, n_epochs);
            const double now = static_cast<double>(epoch);
            const uint64_t eseed = epoch_seed(params_.seed, epoch);
            for (std::size_t phase = 0; phase < phases; ++phase) {
                const std::size_t first = n_blocks * phase / phases, last = n_blocks * (phase + 1) / phases;
                // Threads claim blocks as they finish (blocks differ in cost); which thread runs a
                // block does not matter, as a block reads only the snapshot and its own rows.
                std::atomic<std::size_t> next{first};
                parallel_for(workers_for(last - first), [&](std::size_t, std::size_t, std::size_t) {
                    for (std::size_t b; (b = next.fetch_add(1, std::memory_order_relaxed)) < last;)
                        run_block(b, now, eseed, alpha);
                }, 1);
                commit(first, last);
            }
            if ((epoch + 1) % report_every == 0 || epoch + 1 == n_epochs)
                report(progress, "umap:optimize", epoch + 1, n_epochs);
        }
    }

private:
    bool owns(std::size_t lo, std::size_t hi, uint32_t v) const { return v >= lo && v < hi; }
    float* live(uint32_t v) { return emb_.data.data() + static_cast<std::size_t>(v) * dim_; }
    float* snapped(uint32_t v) { return snap_.data.data() + static_cast<std::size_t>(v) * dim_; }

    void run_block(std::size_t b, double now, uint64_t eseed, float alpha) {
        const std::size_t lo = bounds_[b], hi = bounds_[b + 1];
        Rng rng(eseed, b);
        BlockMoves& moves = moves_[b];
        moves.index.clear();
        moves.delta.clear();
        for (std::size_t j = lo; j < hi; ++j) {
            HeadBatch batch;
            for (std::size_t e = edges_.head_ptr[j]; e < edges_.head_ptr[j + 1]; ++e) {
                if (!clock_.due(e, now)) continue;
                const std::size_t n_neg = clock_.negatives_due(e, now);
                if (batch.n_tails == kTails) flush(batch, j, lo, hi, moves, alpha);
                batch.tails[batch.n_tails++] = edges_.tail[e];
                for (std::size_t p = 0; p < n_neg; ++p) {
                    if (batch.n_negs == kBatch) flush(batch, j, lo, hi, moves, alpha);
                    const uint32_t k = fast_below(rng, n_);
                    batch.neg_rows[batch.n_negs++] = owns(lo, hi, k) ? live(k) : snapped(k);
                }
                clock_.advance(e, n_neg);
            }
            flush(batch, j, lo, hi, moves, alpha);
        }
    }

    // Runs the batch: tails in the block are read and moved live; others are read from the snapshot
    // and their moves recorded in the block's buffer (slots made before taking any pointer into it,
    // as growing the buffer moves it).
    void flush(HeadBatch& batch, std::size_t j, std::size_t lo, std::size_t hi, BlockMoves& moves, float alpha) {
        if (batch.n_tails + batch.n_negs == 0) return;
        std::size_t slot = moves.delta.size();
        for (std::size_t t = 0; t < batch.n_tails; ++t)
            if (!owns(lo, hi, batch.tails[t])) moves.index.push_back(batch.tails[t]);
        moves.delta.resize(moves.index.size() * dim_, 0.0f);
        for (std::size_t t = 0; t < batch.n_tails; ++t) {
            const uint32_t v = batch.tails[t];
            if (owns(lo, hi, v)) {
                batch.tail_rows[t] = batch.tail_out[t] = live(v);
            } else {
                batch.tail_rows[t] = snapped(v);
                batch.tail_out[t] = moves.delta.data() + slot;
                slot += dim_;
            }
        }
        float step_fixed[16] = {};
        std::vector<float> step_dyn(dim_ > 16 ? dim_ : 0, 0.0f);  // layouts wider than 16 dims: rare
        float* step = dim_ > 16 ? step_dyn.data() : step_fixed;
        float* current = emb_.row(j);
        kernel_.run(batch, current, step, alpha);
        for (std::size_t d = 0; d < dim_; ++d) current[d] += step[d] * alpha;
        batch.n_tails = batch.n_negs = 0;
    }

    // Adds the recorded moves of blocks [first, last) in block order, then brings the snapshot up
    // to date for every row that changed (the blocks' own rows and the moved ones).
    void commit(std::size_t first, std::size_t last) {
        for (std::size_t b = first; b < last; ++b) {
            const BlockMoves& m = moves_[b];
            for (std::size_t i = 0; i < m.index.size(); ++i) {
                float* row = live(m.index[i]);
                const float* delta = m.delta.data() + i * dim_;
                for (std::size_t d = 0; d < dim_; ++d) row[d] += delta[d];
            }
        }
        const std::size_t lo = bounds_[first], hi = bounds_[last];
        std::memcpy(snapped(static_cast<uint32_t>(lo)), live(static_cast<uint32_t>(lo)), (hi - lo) * dim_ * sizeof(float));
        for (std::size_t b = first; b < last; ++b)
            for (uint32_t v : moves_[b].index) std::memcpy(snapped(v), live(v), dim_ * sizeof(float));
    }

    Matrix& emb_;
    Matrix snap_;
    const LayoutEdges& edges_;
    const LayoutParams& params_;
    uint32_t n_;
    std::size_t dim_;
    Kernel<D> kernel_;
    EdgeClock clock_;
    std::vector<std::size_t> bounds_;
    std::vector<BlockMoves> moves_;
};

}  // namespace

void optimize_layout_blocks(Matrix& embedding, const LayoutEdges& edges, const LayoutParams& params,
                            const Progress& progress) {
    require(edges.head_ptr.size() == embedding.rows + 1, "optimize_layout: edge list does not match the embedding");
    require(embedding.rows > 0, "optimize_layout: no points");
    if (embedding.cols == 2)
        BlockOptimizer<2>(embedding, edges, params).optimize(progress);
    else if (embedding.cols == 5)
        BlockOptimizer<5>(embedding, edges, params).optimize(progress);
    else
        BlockOptimizer<0>(embedding, edges, params).optimize(progress);
}

}  // namespace topicwasm
