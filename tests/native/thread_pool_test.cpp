// parallel_for: covers [0, n) exactly once, respects the thread limit, rethrows worker errors.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/rng.hpp"
#include "core/thread_pool.hpp"

using namespace topicwasm;

TEST(ThreadPool, CoversEveryIndexOnceForAnyLimit) {
    for (std::size_t limit : {1u, 2u, 3u, 8u}) {
        set_thread_limit(limit);
        std::vector<std::atomic<int>> hits(1000);
        std::atomic<std::size_t> max_worker{0};
        parallel_for(hits.size(), [&](std::size_t b, std::size_t e, std::size_t w) {
            for (std::size_t i = b; i < e; ++i) ++hits[i];
            std::size_t seen = max_worker.load();
            while (w > seen && !max_worker.compare_exchange_weak(seen, w)) {
            }
        });
        for (auto& h : hits) EXPECT_EQ(h.load(), 1);
        EXPECT_LT(max_worker.load(), limit);
        EXPECT_EQ(workers_for(1000), limit);
    }
    set_thread_limit(1);
}

TEST(ThreadPool, SmallWorkRunsInline) {
    set_thread_limit(4);
    EXPECT_EQ(workers_for(3, 2), 2u);
    EXPECT_EQ(workers_for(0), 1u);
    set_thread_limit(1);
}

TEST(ThreadPool, RethrowsWorkerExceptions) {
    set_thread_limit(2);
    EXPECT_THROW(parallel_for(10, [](std::size_t b, std::size_t, std::size_t) {
        if (b > 0) throw std::runtime_error("boom");
    }), std::runtime_error);
    set_thread_limit(1);
}

TEST(Rng, SeededStreamsAreReproducibleAndBounded) {
    Rng a(42, 1), b(42, 1), c(43, 1), d(42, 2);
    bool differs_by_seed = false, differs_by_stream = false;
    for (int i = 0; i < 100; ++i) {
        uint32_t x = a.next();
        EXPECT_EQ(x, b.next());
        differs_by_seed |= x != c.next();
        differs_by_stream |= x != d.next();
    }
    EXPECT_TRUE(differs_by_seed);
    EXPECT_TRUE(differs_by_stream);
    for (int i = 0; i < 1000; ++i) {
        EXPECT_LT(a.below(7), 7u);
        float u = a.uniform();
        EXPECT_GE(u, 0.0f);
        EXPECT_LT(u, 1.0f);
    }
}

TEST(ThreadPool, ManyShortSectionsAndNestedCalls) {
    set_thread_limit(3);
    std::atomic<long> total{0};
    for (int round = 0; round < 2000; ++round) {
        parallel_for(8, [&](std::size_t b, std::size_t e, std::size_t) {
            for (std::size_t i = b; i < e; ++i) total += static_cast<long>(i);
        });
    }
    EXPECT_EQ(total.load(), 2000L * 28);
    // A parallel_for inside a parallel section runs inline on that thread (no deadlock).
    std::atomic<int> inner{0};
    parallel_for(4, [&](std::size_t begin, std::size_t end, std::size_t) {
        EXPECT_EQ(workers_for(100), 1u);
        for (std::size_t item = begin; item < end; ++item) {
            parallel_for(10, [&](std::size_t b, std::size_t e, std::size_t w) {
                EXPECT_EQ(w, 0u);
                inner += static_cast<int>(e - b);
            });
        }
    });
    EXPECT_EQ(inner.load(), 40);
    set_thread_limit(1);
}
