#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "cluster/kmeans.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "hdbscan_fixture.hpp"

using namespace topicwasm;

namespace {

// k well-separated Gaussian-ish blobs in d dimensions; truth[i] = blob of point i.
std::vector<float> blobs(std::size_t k, std::size_t per, std::size_t d, uint64_t seed, std::vector<int32_t>& truth) {
    Rng rng(seed);
    std::vector<float> centers(k * d);
    for (auto& c : centers) c = rng.uniform() * 100.0f;
    std::vector<float> x;
    truth.clear();
    for (std::size_t i = 0; i < k * per; ++i) {
        std::size_t c = i % k;  // interleaved, so order carries no hint
        for (std::size_t j = 0; j < d; ++j) x.push_back(centers[c * d + j] + (rng.uniform() - 0.5f) * 2.0f);
        truth.push_back(static_cast<int32_t>(c));
    }
    return x;
}

}  // namespace

TEST(KMeans, RecoversSeparatedBlobs) {
    std::vector<int32_t> truth;
    auto x = blobs(6, 200, 5, 1, truth);
    KMeansOptions o;
    o.n_clusters = 6;
    o.n_init = 3;
    KMeans km(o);
    km.fit({x.data(), truth.size(), 5});
    EXPECT_NEAR(hdbscan_fixture::adjusted_rand_index(km.labels(), truth), 1.0, 1e-12);
    EXPECT_EQ(km.centers().rows, 6u);
    EXPECT_GT(km.n_iter(), 0u);
    // Inertia of uniform noise in [-1, 1]^5 around each centre: about n * 5 / 3.
    EXPECT_LT(km.inertia(), 1.2 * truth.size() * 5.0 / 3.0);
    auto p = km.predict({x.data(), 10, 5});
    for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(p[i], km.labels()[i]);
}

TEST(KMeans, DeterministicForSeedAndThreadCount) {
    std::vector<int32_t> truth;
    auto x = blobs(10, 300, 4, 2, truth);
    // Overlapping setting (k differs from the blob count) so the result depends on the init.
    KMeansOptions o;
    o.n_clusters = 7;
    o.seed = 5;
    set_thread_limit(1);
    KMeans a(o);
    a.fit({x.data(), truth.size(), 4});
    set_thread_limit(2);
    KMeans b(o);
    b.fit({x.data(), truth.size(), 4});
    set_thread_limit(1);
    EXPECT_EQ(a.labels(), b.labels());
    EXPECT_EQ(a.centers().data, b.centers().data);
    EXPECT_EQ(a.inertia(), b.inertia());
    KMeans c(o);
    c.fit({x.data(), truth.size(), 4});
    EXPECT_EQ(a.labels(), c.labels());
}

TEST(KMeans, EveryClusterNonEmpty) {
    // Many duplicate points: k-means++ can only pick distinct locations so some clusters would be
    // empty without re-seeding.
    std::vector<float> x(200, 1.0f);
    for (std::size_t i = 0; i < 10; ++i) x[i * 2] = float(i) * 10.0f;
    KMeansOptions o;
    o.n_clusters = 5;
    KMeans km(o);
    km.fit({x.data(), 100, 2});
    std::vector<int> counts(5, 0);
    for (int32_t l : km.labels()) counts[static_cast<std::size_t>(l)]++;
    for (int c : counts) EXPECT_GT(c, 0);
}

TEST(KMeans, BadInputThrows) {
    std::vector<float> x(20, 1.0f);
    KMeansOptions o;
    o.n_clusters = 3;
    EXPECT_THROW(KMeans(o).fit({x.data(), 0, 2}), Error);
    EXPECT_THROW(KMeans(o).fit({x.data(), 2, 2}), Error);  // more clusters than points
    o.n_clusters = 0;
    EXPECT_THROW(KMeans(o).fit({x.data(), 10, 2}), Error);
    o.n_clusters = 2;
    x[3] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW(KMeans(o).fit({x.data(), 10, 2}), Error);
    EXPECT_THROW(KMeans(o).predict({x.data(), 1, 2}), Error);  // not fitted
}
