#pragma once
// UMAP's stochastic gradient descent on the fuzzy-set cross entropy (umap-learn 0.5.3 layouts.py:
// optimize_layout_euclidean), with its epochs_per_sample schedule: an edge of weight w is sampled
// every max_w / w epochs, and each sample draws negative_sample_rate random repulsive points.
//
// One change from umap-learn's serial order: a head's samples of an epoch (its due edges and their
// negative samples) are evaluated in batches of up to 4 attractive samples with their negative
// samples, each batch at the head's position when the batch starts, and the head moves once per
// batch by the batch's sum (each term clipped as umap-learn clips it; tails and negative
// samples are read live). umap-learn moves the head after every sample, which chains each update
// on the previous one; batched, the terms are independent and run four to a SIMD vector (serial
// SGD on Brown 5.3 -> 2.3 CPU-s natively). Quality is unchanged within noise (trustworthiness@15
// on Brown 0.9345 vs 0.9351 before and 0.9342 for umap-learn). Transform keeps the per-sample update.
//
// Parallel and deterministic: every thread count gives the single-thread result. umap-learn runs
// the edges in parallel "Hogwild" style (threads race on shared coordinates, so results vary run
// to run). We instead follow umappp's idea of running the serial order with a schedule that lets
// independent work overlap: each epoch,
//   1. every head vertex j (in parallel) works out which of its edges are due this epoch and draws
//      its negative samples from an Rng seeded by (seed, epoch, j) - this depends only on the
//      sampling schedule, never on coordinates;
//   2. a serial pass records, for job j, the last earlier job that touched each vertex j touches
//      (j itself, its due tails, its negative samples);
//   3. threads claim jobs in increasing order and wait until those earlier jobs are done before
//      running job j. A vertex's touches therefore happen in serial order, so every thread count
//      produces exactly the single-thread result (move_other: both endpoints of an attractive
//      edge move).
// Because every schedule gives the same result, each epoch may also run serially: the optimiser
// times both modes (two probe epochs every 64) and uses the faster, so a busy machine or a small
// graph with many dependencies never pays for waiting threads.
// An earlier design (each thread reading the other points from a snapshot taken at the start of
// the epoch) was thread-count independent too, but lost 0.02 trustworthiness on Brown: stale
// positions within an epoch hurt with min_dist = 0. The 'fast' schedule (optimize_layout_blocks
// below) is a snapshot design that avoids most of that loss: a block reads its own points live,
// and the snapshot is committed four times per epoch, not once (loss ~0.001 on Brown).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matrix.hpp"
#include "core/progress.hpp"

namespace topicwasm {

struct LayoutEdges {
    // Edges grouped by head: edges of head h are [head_ptr[h], head_ptr[h+1]).
    std::vector<std::size_t> head_ptr;
    std::vector<uint32_t> tail;
    std::vector<double> epochs_per_sample;  // umap-learn make_epochs_per_sample
};

struct LayoutParams {
    double a = 1.577, b = 0.895;
    double gamma = 1.0;          // repulsion_strength
    double initial_alpha = 1.0;  // learning_rate
    double negative_sample_rate = 5.0;
    std::size_t n_epochs = 200;
    bool move_other = true;  // fit: true (tail embedding is the head embedding); transform: false
    uint64_t seed = 42;
    // The 'fast' schedule's block-parallel SGD (see optimize_layout_blocks) instead of the
    // umap-learn-faithful serial order; fit only (needs move_other).
    bool blocks = false;
};

// umap-learn make_epochs_per_sample: n_epochs / (n_epochs * w / max_w) for w > 0, else -1.
std::vector<double> make_epochs_per_sample(const std::vector<float>& weights, std::size_t n_epochs);

// Optimises `head` (n_head x dim) in place. When move_other is true, `tail` must be null (the head
// embedding is also the tail); otherwise tail points (n_tail x dim) stay fixed and negative
// samples are drawn from them.
void optimize_layout(Matrix& head, const Matrix* tail, const LayoutEdges& edges, const LayoutParams& params,
                     const Progress& progress = {});

// The 'fast' schedule's SGD (umap_blocks.cpp), deterministic for any thread count by construction
// rather than by replaying the serial order: the heads are split into a fixed number of contiguous
// blocks (at most 64, of at least 64 heads, balanced by expected samples; never dependent on the
// thread count), run in 4 consecutive groups (phases) per epoch. Within a phase, the blocks run in
// parallel, each over its heads' due edges and negative samples, reading its own points live and
// every other point from a snapshot committed at the end of the previous phase; a block writes
// only its own heads. Moves of tails outside the block (umap-learn's move_other) go to the block's
// buffer and are added after the phase, in block order. Negative samples come from an Rng per
// (seed, epoch, block). Same kernel and edge schedule as the faithful order. optimize_layout calls
// it when params.blocks is set.
void optimize_layout_blocks(Matrix& embedding, const LayoutEdges& edges, const LayoutParams& params,
                            const Progress& progress = {});

}  // namespace topicwasm
