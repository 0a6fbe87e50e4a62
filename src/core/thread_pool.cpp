#include "core/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace topicwasm {

namespace {
std::atomic<std::size_t> g_thread_limit{1};
}

void set_thread_limit(std::size_t threads) { g_thread_limit = std::max<std::size_t>(1, threads); }
std::size_t thread_limit() { return g_thread_limit; }

std::size_t workers_for(std::size_t n, std::size_t min_chunk) {
    if (n == 0) return 1;
    std::size_t by_work = (n + std::max<std::size_t>(1, min_chunk) - 1) / std::max<std::size_t>(1, min_chunk);
    return std::max<std::size_t>(1, std::min(thread_limit(), by_work));
}

void parallel_for(std::size_t n, const std::function<void(std::size_t, std::size_t, std::size_t)>& body,
                  std::size_t min_chunk) {
    if (n == 0) return;
    const std::size_t workers = workers_for(n, min_chunk);
    if (workers == 1) {
        body(0, n, 0);
        return;
    }
    std::vector<std::exception_ptr> errors(workers);
    auto run = [&](std::size_t w) {
        std::size_t begin = n * w / workers, end = n * (w + 1) / workers;
        try {
            body(begin, end, w);
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(workers - 1);
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(run, w);
    run(0);  // the calling thread takes chunk 0, so `workers` threads run in all
    for (auto& t : threads) t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace topicwasm
