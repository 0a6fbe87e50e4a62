#pragma once
// Parallel loops that never start more threads than the wasm pthread pool holds.
//
// In Emscripten every std::thread runs on a Web Worker taken from a pool created at start-up
// (-sPTHREAD_POOL_SIZE). Starting more threads than the pool holds and then blocking on them
// deadlocks (the browser cannot create a worker while the main thread waits), so the number of
// threads is capped by set_thread_limit(), which the bindings call with the pool size.
//
// parallel_for splits [0, n) into contiguous chunks by a fixed rule; callers that need
// thread-count-independent results must make each item's result depend only on the item (for
// example one Rng per item), never on which chunk or thread ran it.
#include <cstddef>
#include <functional>

namespace topicwasm {

// Total threads a parallel_for may use, counting the calling thread. Default 1.
void set_thread_limit(std::size_t threads);
std::size_t thread_limit();

// Calls body(begin, end, worker) over disjoint chunks covering [0, n), with worker in
// [0, threads_used). Runs inline when n is small or the limit is 1. Exceptions thrown by body are
// rethrown on the calling thread (the first one, by worker index).
void parallel_for(std::size_t n, const std::function<void(std::size_t begin, std::size_t end, std::size_t worker)>& body,
                  std::size_t min_chunk = 1);

// Number of workers parallel_for(n, ..., min_chunk) will use: lets callers size per-worker scratch.
std::size_t workers_for(std::size_t n, std::size_t min_chunk = 1);

}  // namespace topicwasm
