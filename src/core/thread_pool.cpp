#include "core/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace topicwasm {

namespace {

std::atomic<std::size_t> g_thread_limit{1};
thread_local bool t_inside_parallel = false;  // nested parallel_for runs inline

// Long-lived workers. Starting a thread per parallel_for costs a round trip to the main thread in
// Emscripten (milliseconds), which dominated loops such as UMAP's per-epoch SGD; these threads are
// started once, on first use, and then wait for jobs. Never more than thread_limit() - 1 exist
// beside the caller, so the wasm pool (sized to the limit) is never exceeded.
class WorkerPool {
public:
    ~WorkerPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto& t : threads_) t.join();
    }

    void run(std::size_t n, std::size_t workers, const std::function<void(std::size_t, std::size_t, std::size_t)>& body) {
        std::lock_guard serial(dispatch_);  // one parallel section at a time
        std::vector<std::exception_ptr> errors(workers);
        {
            std::unique_lock lock(mutex_);
            while (threads_.size() < workers - 1) {
                std::size_t index = threads_.size();
                threads_.emplace_back([this, index] { work(index); });
            }
            body_ = &body;
            n_ = n;
            workers_ = workers;
            errors_ = &errors;
            pending_ = workers - 1;
            ++generation_;
        }
        wake_.notify_all();
        execute(0, errors);
        std::unique_lock lock(mutex_);
        done_.wait(lock, [&] { return pending_ == 0; });
        body_ = nullptr;
        for (auto& e : errors)
            if (e) std::rethrow_exception(e);
    }

private:
    void execute(std::size_t w, std::vector<std::exception_ptr>& errors) {
        std::size_t begin = n_ * w / workers_, end = n_ * (w + 1) / workers_;
        t_inside_parallel = true;
        try {
            (*body_)(begin, end, w);
        } catch (...) {
            errors[w] = std::current_exception();
        }
        t_inside_parallel = false;
    }

    void work(std::size_t index) {
        uint64_t seen = 0;
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
            if (stopping_) return;
            seen = generation_;
            if (index + 1 >= workers_) continue;  // this job needs fewer threads
            lock.unlock();
            execute(index + 1, *errors_);
            lock.lock();
            if (--pending_ == 0) done_.notify_one();
        }
    }

    std::mutex dispatch_, mutex_;
    std::condition_variable wake_, done_;
    std::vector<std::thread> threads_;
    const std::function<void(std::size_t, std::size_t, std::size_t)>* body_ = nullptr;
    std::vector<std::exception_ptr>* errors_ = nullptr;
    std::size_t n_ = 0, workers_ = 1, pending_ = 0;
    uint64_t generation_ = 0;
    bool stopping_ = false;
};

WorkerPool& pool() {
    static WorkerPool instance;
    return instance;
}

}  // namespace

void set_thread_limit(std::size_t threads) { g_thread_limit = std::max<std::size_t>(1, threads); }
std::size_t thread_limit() { return g_thread_limit; }

std::size_t workers_for(std::size_t n, std::size_t min_chunk) {
    if (n == 0 || t_inside_parallel) return 1;
    min_chunk = std::max<std::size_t>(1, min_chunk);
    std::size_t by_work = (n + min_chunk - 1) / min_chunk;
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
    pool().run(n, workers, body);
}

}  // namespace topicwasm
