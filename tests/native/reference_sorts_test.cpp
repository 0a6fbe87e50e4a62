// The ports of libstdc++'s nth_element and NumPy 1.24's argsort / argpartition (core/reference_sorts):
// equal to libstdc++ where we can run it, and correct orderings everywhere. Their agreement with
// NumPy itself is checked end to end: HDBSCAN and BERTopic's topic words on the Brown fixture.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/reference_sorts.hpp"
#include "core/rng.hpp"

using namespace topicwasm;

TEST(ReferenceSorts, GnuNthElementEqualsLibstdcxx) {
    // scikit-learn's kd-tree layout depends on the element order std::nth_element leaves behind;
    // our port must leave exactly the order libstdc++ does (the native tests build with g++).
#ifndef __GLIBCXX__
    FAIL() << "this comparison needs libstdc++ (build the native tests with g++)";
#else
    Rng rng(11, 0);
    for (std::size_t n : {1u, 2u, 3u, 4u, 5u, 17u, 64u, 333u, 4096u}) {
        for (int rep = 0; rep < 20; ++rep) {
            std::vector<double> key(n);
            for (auto& k : key) k = std::floor(rng.uniform() * 8.0);  // many equal keys
            auto less = [&](std::size_t a, std::size_t b) { return key[a] == key[b] ? a < b : key[a] < key[b]; };
            std::vector<std::size_t> ours(n), theirs(n);
            for (std::size_t i = 0; i < n; ++i) ours[i] = theirs[i] = (i * 7919) % n;  // a shuffled start
            const std::size_t nth = static_cast<std::size_t>(rng.uniform() * static_cast<float>(n)) % n;
            gnu_nth_element(ours.data(), ours.data() + nth, ours.data() + n, less);
            std::nth_element(theirs.begin(), theirs.begin() + static_cast<std::ptrdiff_t>(nth), theirs.end(), less);
            ASSERT_EQ(ours, theirs) << "n=" << n << " nth=" << nth;
        }
    }
#endif
}

TEST(ReferenceSorts, NumpyArgsortSortsAndIsStableOnSmallInputs) {
    // Up to 16 elements numpy's quicksort is a plain (stable) insertion sort.
    std::vector<double> small{3, 1, 2, 1, 3, 0, 2, 1};
    EXPECT_EQ(numpy_argsort(small), (std::vector<std::size_t>{5, 1, 3, 7, 2, 6, 0, 4}));
    Rng rng(12, 0);
    for (std::size_t n : {0u, 1u, 16u, 17u, 100u, 7724u}) {
        std::vector<double> v(n);
        for (auto& x : v) x = std::floor(rng.uniform() * 50.0);
        auto order = numpy_argsort(v);
        ASSERT_EQ(order.size(), n);
        std::vector<char> seen(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_LT(order[i], n);
            ASSERT_FALSE(seen[order[i]]);
            seen[order[i]] = 1;
            if (i > 0) {
                ASSERT_LE(v[order[i - 1]], v[order[i]]);
            }
        }
    }
}

TEST(ReferenceSorts, NumpyArgpartitionPartitions) {
    Rng rng(13, 0);
    for (std::size_t n : {1u, 2u, 3u, 5u, 31u, 200u, 5000u}) {
        for (int rep = 0; rep < 10; ++rep) {
            std::vector<double> v(n);
            for (auto& x : v) x = std::floor(rng.uniform() * 40.0);
            const std::size_t kth = static_cast<std::size_t>(rng.uniform() * static_cast<float>(n)) % n;
            for (std::size_t k : {kth, std::size_t{0}, n - 1, n > 30 ? n - 30 : 0}) {
                auto order = numpy_argpartition(v, k);
                std::vector<std::size_t> sorted_order = order;
                std::sort(sorted_order.begin(), sorted_order.end());
                for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(sorted_order[i], i);
                for (std::size_t i = 0; i < k; ++i) ASSERT_LE(v[order[i]], v[order[k]]);
                for (std::size_t i = k + 1; i < n; ++i) ASSERT_GE(v[order[i]], v[order[k]]);
            }
        }
    }
    EXPECT_THROW(numpy_argpartition({1.0, 2.0}, 2), Error);
}
