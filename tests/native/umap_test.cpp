// UMAP pieces against umap-learn 0.5.3's internals on the first 2000 Brown embeddings
// (tests/fixtures/brown/*, written by scripts/fixtures/umap_fixtures.py), the full UMAP against the
// reference reduction by trustworthiness, determinism over thread counts, transform, PCA, errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "eval/trustworthiness.hpp"
#include "reduce/pca.hpp"
#include "reduce/spectral.hpp"
#include "reduce/umap.hpp"
#include "reduce/umap_ab.hpp"
#include "reduce/umap_graph.hpp"
#include "umap_fixture.hpp"

using namespace topicwasm;

namespace {

// umap-learn's k-NN of the first 2000 embeddings as a KnnGraph (float32 distances as given).
KnnGraph reference_graph() {
    auto ref = umap_fixture::reference_knn();
    KnnGraph g;
    g.n = ref.n;
    g.k = ref.k;
    g.indices.assign(ref.indices.begin(), ref.indices.end());
    g.distances = ref.distances;
    return g;
}

double rel_err(double got, double want) { return std::fabs(got - want) / std::max(std::fabs(want), 1e-12); }

// A seeded sample of `count` distinct rows of [0, n), sorted: partial Fisher-Yates with Rng(seed).
std::vector<std::size_t> sample_rows(std::size_t n, std::size_t count, uint64_t seed) {
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), 0);
    Rng rng(seed);
    for (std::size_t i = 0; i < count; ++i) std::swap(all[i], all[i + rng.below(static_cast<uint32_t>(n - i))]);
    all.resize(count);
    std::sort(all.begin(), all.end());
    return all;
}

Matrix take_rows(const float* data, std::size_t cols, const std::vector<std::size_t>& rows) {
    Matrix m(rows.size(), cols);
    for (std::size_t r = 0; r < rows.size(); ++r) std::copy(data + rows[r] * cols, data + (rows[r] + 1) * cols, m.row(r));
    return m;
}


bool sanitized_or_unoptimised() {
#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

}  // namespace

TEST(UmapGraph, SmoothKnnMatchesUmapLearn) {
    KnnGraph g = reference_graph();
    SmoothKnn s = smooth_knn_dist(g, 15.0, 1.0);
    std::vector<float> ref = umap_fixture::read_f32("umap_smooth2000.f32");
    ASSERT_EQ(ref.size(), 2 * g.n);
    double worst_sigma = 0, worst_rho = 0;
    for (std::size_t i = 0; i < g.n; ++i) {
        worst_sigma = std::max(worst_sigma, rel_err(s.sigmas[i], ref[i]));
        worst_rho = std::max(worst_rho, rel_err(s.rhos[i], ref[g.n + i]));
    }
    std::printf("sigmas max rel err %.2e, rhos max rel err %.2e\n", worst_sigma, worst_rho);
    EXPECT_LT(worst_sigma, 1e-4);
    EXPECT_LT(worst_rho, 1e-4);
}

TEST(UmapGraph, FuzzySetMatchesUmapLearn) {
    KnnGraph g = reference_graph();
    CsrMatrix<float> fs = fuzzy_simplicial_set(g, 15, 1.0, 1.0);
    auto ref = umap_fixture::reference_fuzzy();
    ASSERT_EQ(fs.nnz(), ref.values.size());
    std::map<std::pair<uint32_t, uint32_t>, float> want;
    for (std::size_t e = 0; e < ref.values.size(); ++e) want[{ref.rows[e], ref.cols[e]}] = ref.values[e];
    double worst = 0;
    std::size_t missing = 0;
    for (std::size_t i = 0; i < fs.rows; ++i)
        for (std::size_t p = fs.indptr[i]; p < fs.indptr[i + 1]; ++p) {
            auto it = want.find({static_cast<uint32_t>(i), fs.indices[p]});
            if (it == want.end()) {
                ++missing;
                continue;
            }
            worst = std::max(worst, std::fabs(double(fs.values[p]) - it->second));
        }
    std::printf("fuzzy set: %zu edges, %zu not in reference, max |w err| %.2e\n", fs.nnz(), missing, worst);
    EXPECT_EQ(missing, 0u);
    EXPECT_LT(worst, 1e-4);
}

TEST(UmapGraph, OurExactKnnGivesTheSameFuzzySetUpToHalfFloatNoise) {
    // End to end from the half-float fixture: small weight differences come from f16 rounding.
    // (The exact k-NN itself is checked in neighbors_test; skipped here under sanitizers for time.)
    if (sanitized_or_unoptimised()) GTEST_SKIP() << "slow under sanitizers";
    Matrix x = umap_fixture::embeddings(2000);
    KnnGraph ours = exact_knn(x.view(), 15, Metric::cosine);
    CsrMatrix<float> fs = fuzzy_simplicial_set(ours, 15);
    auto ref = umap_fixture::reference_fuzzy();
    std::map<std::pair<uint32_t, uint32_t>, float> got;
    for (std::size_t i = 0; i < fs.rows; ++i)
        for (std::size_t p = fs.indptr[i]; p < fs.indptr[i + 1]; ++p) got[{uint32_t(i), fs.indices[p]}] = fs.values[p];
    double total_abs = 0, ref_total = 0;
    for (std::size_t e = 0; e < ref.values.size(); ++e) {
        auto it = got.find({ref.rows[e], ref.cols[e]});
        total_abs += std::fabs((it == got.end() ? 0.0 : it->second) - ref.values[e]);
        ref_total += ref.values[e];
    }
    std::printf("fuzzy set from f16 embeddings: relative L1 difference %.2e\n", total_abs / ref_total);
    EXPECT_LT(total_abs / ref_total, 0.01);
}

TEST(UmapAb, MatchesCurveFit) {
    std::ifstream in(umap_fixture::path("umap_ab.txt"));
    double md, a, b;
    int lines = 0;
    while (in >> md >> a >> b) {
        auto [ga, gb] = find_ab_params(1.0, md);
        std::printf("min_dist %.1f: a %.6f (ref %.6f), b %.6f (ref %.6f)\n", md, ga, a, gb, b);
        EXPECT_NEAR(ga, a, 1e-3);
        EXPECT_NEAR(gb, b, 1e-3);
        ++lines;
    }
    EXPECT_EQ(lines, 3);
}

TEST(Spectral, PathGraphEigenvalues) {
    // Normalised Laplacian of an n-vertex path: eigenvalues 1 - cos(pi m / (n - 1)), all simple;
    // the Fiedler vector is monotone along the path.
    const std::size_t n = 300;
    CsrMatrix<float> g;
    g.rows = g.cols = n;
    g.indptr = {0};
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) {
            g.indices.push_back(uint32_t(i - 1));
            g.values.push_back(1.0f);
        }
        if (i + 1 < n) {
            g.indices.push_back(uint32_t(i + 1));
            g.values.push_back(1.0f);
        }
        g.indptr.push_back(g.indices.size());
    }
    auto r = spectral_layout(g, 2, 42, 1e-8, 5000);
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(r->converged);
    EXPECT_NEAR(r->eigenvalues[0], 0.0, 1e-8);
    for (int m = 1; m <= 2; ++m) EXPECT_NEAR(r->eigenvalues[m], 1.0 - std::cos(M_PI * m / double(n - 1)), 1e-7);
    const float sign = r->embedding(0, 0) < r->embedding(n - 1, 0) ? 1.0f : -1.0f;
    // (Entries are D^1/2-weighted, so the degree-1 end points sit apart; check the interior.)
    for (std::size_t i = 2; i + 1 < n; ++i) EXPECT_LT(sign * r->embedding(i - 1, 0), sign * r->embedding(i, 0));
}

TEST(Spectral, DisconnectedGraphFallsBack) {
    CsrMatrix<float> g;
    g.rows = g.cols = 4;
    g.indptr = {0, 1, 2, 3, 4};
    g.indices = {1, 0, 3, 2};
    g.values = {1, 1, 1, 1};
    std::size_t comps = 0;
    connected_components(g, &comps);
    EXPECT_EQ(comps, 2u);
    EXPECT_FALSE(spectral_layout(g, 1).has_value());
}

// The main quality check: BERTopic's UMAP settings on all 7725 Brown embeddings; trustworthiness@15
// (cosine) on a seeded 3000-row sample (sample_rows(7725, 3000, 2024)) of our reduction vs the
// umap-learn reference reduction, both computed by our trustworthiness(). Under sanitizers (or
// without optimisation) the full fit is too slow, so there it runs on the first 1000 documents
// with 200 epochs, compared with the reference reduction restricted to the same rows, with a
// looser bound: a smoke test of the whole pipeline, the quality bar is the optimised build's.
TEST(Umap, TrustworthinessMatchesReferenceOnBrown) {
    const bool small = sanitized_or_unoptimised();
    Matrix x = umap_fixture::embeddings(small ? 1000 : 0);
    std::vector<float> ref = umap_fixture::read_f32("umap5.f32");
    std::vector<std::size_t> rows = small ? sample_rows(x.rows, 1000, 2024) : sample_rows(x.rows, 3000, 2024);
    Matrix xs = take_rows(x.data.data(), x.cols, rows);
    Matrix rs = take_rows(ref.data(), 5, rows);
    set_thread_limit(2);
    const double theirs = trustworthiness(xs.view(), rs.view(), 15, Metric::cosine);
    set_thread_limit(1);
    // Both schedules: 'fast' (opt-in) and 'faithful' (umap-learn's, the default) must each reach umap-learn.
    double ours[2] = {0, 0};
    for (UmapSchedule schedule : {UmapSchedule::fast, UmapSchedule::faithful}) {
        UmapOptions o = bertopic_umap_options();
        o.schedule = schedule;
        if (small) o.n_epochs = 200;
        set_thread_limit(2);
        Umap umap(o);
        Matrix emb = umap.fit_transform(x.view());
        set_thread_limit(1);
        ASSERT_EQ(emb.rows, x.rows);
        ASSERT_EQ(emb.cols, 5u);
        for (float v : emb.data) ASSERT_TRUE(std::isfinite(v));
        EXPECT_EQ(umap.init_used(), "spectral");
        Matrix es = take_rows(emb.data.data(), 5, rows);
        set_thread_limit(2);
        const double t = trustworthiness(xs.view(), es.view(), 15, Metric::cosine);
        set_thread_limit(1);
        const char* name = schedule == UmapSchedule::fast ? "fast" : "faithful";
        ours[schedule == UmapSchedule::fast ? 0 : 1] = t;
        std::printf("%s: trustworthiness@15 cosine on %zu sampled rows: ours (%s) %.4f, umap-learn %.4f\n",
                    small ? "first 1000 docs, 200 epochs (sanitizer build)" : "all 7725 docs", rows.size(), name, t, theirs);
        EXPECT_NEAR(t, theirs, small ? 0.03 : 0.01) << name;
    }
    // The 'fast' schedule's quality bar: within 0.01 of the faithful schedule (full data only; the
    // sanitizer build's 1000-document smoke run is too small and too short to hold it).
    if (!small) EXPECT_NEAR(ours[0], ours[1], 0.01);
    if (!small) {
        std::ifstream in(umap_fixture::path("umap_reference.txt"));
        std::string key;
        double sklearn_value = 0;
        in >> key >> sklearn_value;
        std::printf("(sklearn's value for the reference on its own 3000-doc sample: %.4f)\n", sklearn_value);
    }
}

// Both schedules give the same bits for 1 and 2 threads (and 3, which leaves a block count that
// does not divide evenly), and the seed matters.
TEST(Umap, IdenticalForOneAndTwoThreads) {
    Matrix x = umap_fixture::embeddings(800);
    Matrix by_schedule[2];
    for (UmapSchedule schedule : {UmapSchedule::fast, UmapSchedule::faithful}) {
        UmapOptions o = bertopic_umap_options();
        o.schedule = schedule;
        o.knn_method = KnnMethod::nn_descent;  // cover the NN-descent path too
        o.n_epochs = 100;
        set_thread_limit(1);
        Matrix e1 = Umap(o).fit_transform(x.view());
        set_thread_limit(2);
        Umap u2(o);
        Matrix e2 = u2.fit_transform(x.view());
        Matrix t2 = u2.transform(MatrixView{x.data.data(), 50, x.cols});
        set_thread_limit(1);
        Matrix t1 = u2.transform(MatrixView{x.data.data(), 50, x.cols});
        set_thread_limit(3);
        Matrix e3 = Umap(o).fit_transform(x.view());
        set_thread_limit(1);
        EXPECT_EQ(e1.data, e2.data);
        EXPECT_EQ(e1.data, e3.data);
        EXPECT_EQ(t1.data, t2.data);
        o.seed = 7;
        Matrix other_seed = Umap(o).fit_transform(x.view());
        EXPECT_NE(e1.data, other_seed.data);
        by_schedule[schedule == UmapSchedule::fast ? 0 : 1] = e1;
    }
    EXPECT_NE(by_schedule[0].data, by_schedule[1].data);  // the option reaches the optimiser
}

TEST(Umap, TransformPlacesTrainingPointsNearTheirEmbedding) {
    Matrix x = umap_fixture::embeddings(800);
    UmapOptions o = bertopic_umap_options();
    o.n_components = 2;
    o.min_dist = 0.1;
    o.n_epochs = 200;
    // The 9/10 bar was set on the faithful schedule's trajectory at seed 42 (39/40). Over seeds 1-5
    // both schedules land in 35-40 (fast 36 39 37 40 36, faithful 37 37 39 40 35), so seed 42 of
    // 'fast' (35) is within that spread; this test is about transform, so it keeps the schedule it
    // was calibrated on.
    o.schedule = UmapSchedule::faithful;
    Umap umap(o);
    Matrix emb = umap.fit_transform(x.view());
    const std::size_t q = 40;
    Matrix t = umap.transform(MatrixView{x.data.data(), q, x.cols});
    // Typical spacing: mean distance from a point to its 15th nearest embedded neighbour.
    KnnGraph ek = exact_knn(emb.view(), 16, Metric::euclidean);
    double spacing = 0;
    for (std::size_t i = 0; i < emb.rows; ++i) spacing += ek.row_distances(i)[15];
    spacing /= double(emb.rows);
    std::size_t close = 0;
    double mean = 0;
    for (std::size_t i = 0; i < q; ++i) {
        double d = std::hypot(t(i, 0) - emb(i, 0), t(i, 1) - emb(i, 1));
        mean += d / q;
        close += d < spacing;
    }
    std::printf("transform of %zu training points: mean distance to own embedding %.3f, 15-NN spacing %.3f, "
                "%zu within it\n", q, mean, spacing, close);
    EXPECT_GE(close, q * 9 / 10);
}

TEST(Umap, RejectsBadInput) {
    UmapOptions o;
    o.n_neighbors = 5;
    Matrix tiny(2, 3, 1.0f);
    EXPECT_THROW(Umap(o).fit_transform(tiny.view()), Error);  // fewer than 3 points
    Matrix x(40, 3);
    Rng rng(1);
    for (float& v : x.data) v = rng.uniform();
    UmapOptions wide = o;
    wide.n_components = 40;
    EXPECT_THROW(Umap(wide).fit_transform(x.view()), Error);  // n_components >= n
    Matrix bad = x;
    bad(7, 2) = NAN;
    EXPECT_THROW(Umap(o).fit_transform(bad.view()), Error);
    UmapOptions neg = o;
    neg.min_dist = -1;
    EXPECT_THROW(Umap{neg}, Error);
    neg = o;
    neg.min_dist = 2.0;  // > spread
    EXPECT_THROW(Umap{neg}, Error);
    neg = o;
    neg.n_neighbors = 1;
    EXPECT_THROW(Umap{neg}, Error);
    neg = o;
    neg.set_op_mix_ratio = 1.5;
    EXPECT_THROW(Umap{neg}, Error);
    Umap unfitted(o);
    EXPECT_THROW(unfitted.transform(x.view()), Error);
    Umap fitted(o);
    fitted.fit(x.view());
    Matrix wrong(3, 4);
    EXPECT_THROW(fitted.transform(wrong.view()), Error);
    // A failed fit leaves the previous one in place.
    Matrix before = fitted.embedding();
    EXPECT_THROW(fitted.fit(bad.view()), Error);
    EXPECT_EQ(before.data, fitted.embedding().data);
    EXPECT_THROW(find_ab_params(0.0, 0.0), Error);
}

TEST(Umap, FewerPointsThanNeighborsTruncatesToNMinusOneAsUmapLearn) {
    // umap-learn: n <= n_neighbors warns and uses n - 1 neighbours (self and every other point).
    Matrix x = umap_fixture::embeddings(12);
    UmapOptions o = bertopic_umap_options();  // n_neighbors 15
    o.n_epochs = 50;
    Umap small(o);
    Matrix e = small.fit_transform(x.view());
    EXPECT_EQ(small.n_neighbors(), 11u);
    EXPECT_EQ(small.options().n_neighbors, 15u);  // what was asked stays, as umap-learn's n_neighbors
    ASSERT_FALSE(small.warnings().empty());
    EXPECT_EQ(small.warnings()[0], neighbors_truncated_warning(15, 12));
    EXPECT_NE(small.warnings()[0].find("n_neighbors is larger than the dataset size; truncating to X.shape[0] - 1"), std::string::npos);
    // The same embedding and transform as asking for 11 neighbours, which gives no such warning.
    UmapOptions eleven = o;
    eleven.n_neighbors = 11;
    Umap exact(eleven);
    EXPECT_EQ(exact.fit_transform(x.view()).data, e.data);
    for (const auto& w : exact.warnings()) EXPECT_EQ(w.find("n_neighbors is larger"), std::string::npos);
    MatrixView three{x.data.data(), 3, x.cols};
    EXPECT_EQ(small.transform(three).data, exact.transform(three).data);
}

TEST(Umap, DisconnectedDataGetsPerComponentLayoutWithWarning) {
    // Three far-apart blobs: the k-NN graph has >= 3 components; umap-learn's multi_component_layout
    // places them apart, and the final embedding keeps them apart.
    Matrix x(90, 2);
    Rng rng(9);
    for (std::size_t i = 0; i < x.rows; ++i) {
        x(i, 0) = float(i / 30) * 1000.0f + rng.uniform();
        x(i, 1) = rng.uniform();
    }
    UmapOptions o;
    o.n_neighbors = 5;
    o.n_epochs = 100;
    Umap umap(o);
    Matrix e = umap.fit_transform(x.view());
    EXPECT_EQ(umap.init_used(), "spectral");
    ASSERT_FALSE(umap.warnings().empty());
    EXPECT_NE(umap.warnings()[0].find("connected components"), std::string::npos);
    for (float v : e.data) ASSERT_TRUE(std::isfinite(v));
    // Every point's nearest embedded neighbour is in its own blob.
    KnnGraph g = exact_knn(e.view(), 2, Metric::euclidean);
    for (std::size_t i = 0; i < e.rows; ++i) EXPECT_EQ(g.row_indices(i)[1] / 30, i / 30);
}

TEST(Trustworthiness, MatchesDefinitionOnSmallData) {
    Rng rng(4);
    Matrix x(60, 6), y(60, 2);
    for (float& v : x.data) v = rng.uniform();
    for (std::size_t i = 0; i < 60; ++i) {
        y(i, 0) = x(i, 0) + 0.3f * rng.uniform();
        y(i, 1) = x(i, 1) + 0.3f * rng.uniform();
    }
    const std::size_t n = 60, k = 5;
    // Direct transcription of sklearn: full rank matrix by argsort of the input distances.
    double penalty = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::pair<double, std::size_t>> dx, dy;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            double a = 0, b = 0;
            for (std::size_t d = 0; d < 6; ++d) a += double(x(i, d) - x(j, d)) * (x(i, d) - x(j, d));
            for (std::size_t d = 0; d < 2; ++d) b += double(y(i, d) - y(j, d)) * (y(i, d) - y(j, d));
            dx.push_back({a, j});
            dy.push_back({b, j});
        }
        std::sort(dx.begin(), dx.end());
        std::sort(dy.begin(), dy.end());
        std::vector<std::size_t> rank(n, 0);
        for (std::size_t r = 0; r < dx.size(); ++r) rank[dx[r].second] = r + 1;
        for (std::size_t t = 0; t < k; ++t) penalty += std::max<double>(0, double(rank[dy[t].second]) - double(k));
    }
    double want = 1.0 - penalty * 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0));
    EXPECT_NEAR(trustworthiness(x.view(), y.view(), k, Metric::euclidean), want, 1e-12);
    EXPECT_NEAR(trustworthiness(x.view(), x.view(), k, Metric::euclidean), 1.0, 1e-12);
    EXPECT_THROW(trustworthiness(x.view(), y.view(), 30, Metric::euclidean), Error);
}

TEST(Pca, RecoversPlantedDirectionsWithSklearnSigns) {
    Rng rng(8);
    const std::size_t n = 500, d = 6;
    Matrix x(n, d);
    for (std::size_t i = 0; i < n; ++i) {
        float s = 5.0f * (rng.uniform() - 0.5f), t = 2.0f * (rng.uniform() - 0.5f);
        for (std::size_t j = 0; j < d; ++j) x(i, j) = 3.0f + 0.01f * (rng.uniform() - 0.5f);
        x(i, 0) += s;  // first axis: largest variance along e0
        x(i, 3) += t;  // second: e3
    }
    Pca pca(PcaOptions{2});
    Matrix y = pca.fit_transform(x.view());
    EXPECT_NEAR(std::fabs(pca.components()(0, 0)), 1.0, 1e-3);
    EXPECT_NEAR(std::fabs(pca.components()(1, 3)), 1.0, 1e-3);
    EXPECT_GT(pca.explained_variance()[0], pca.explained_variance()[1]);
    EXPECT_GT(pca.explained_variance_ratio()[0] + pca.explained_variance_ratio()[1], 0.99);
    for (std::size_t c = 0; c < 2; ++c) {  // svd_flip: the largest-magnitude score is positive
        float best = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (std::fabs(y(i, c)) > std::fabs(best)) best = y(i, c);
        EXPECT_GT(best, 0.0f);
    }
    Matrix again = pca.transform(x.view());
    for (std::size_t i = 0; i < y.data.size(); ++i) EXPECT_NEAR(again.data[i], y.data[i], 1e-4);
    EXPECT_THROW(Pca(PcaOptions{7}).fit(x.view()), Error);
    Matrix bad = x;
    bad(0, 0) = INFINITY;
    EXPECT_THROW(Pca(PcaOptions{2}).fit(bad.view()), Error);
}

// Supervised UMAP's graph (umap-learn's categorical intersection): edges across labels shrink by
// exp(-far_dist) relative to edges within a label, unknown labels by exp(-1); after
// reset_local_connectivity the graph is symmetric with every row's maximum 1 or more shared.
TEST(UmapGraph, CategoricalIntersectionScalesCrossLabelEdges) {
    // A complete graph of 4 points with weight 0.5 everywhere (no self loops).
    CsrMatrix<float> g;
    g.rows = g.cols = 4;
    g.indptr = {0};
    for (uint32_t i = 0; i < 4; ++i) {
        for (uint32_t j = 0; j < 4; ++j)
            if (i != j) g.indices.push_back(j), g.values.push_back(0.5f);
        g.indptr.push_back(g.indices.size());
    }
    std::vector<int> target{0, 0, 1, -1};
    auto out = categorical_intersection(g, target, 5.0);
    auto at = [&](uint32_t i, uint32_t j) {
        for (std::size_t p = out.indptr[i]; p < out.indptr[i + 1]; ++p)
            if (out.indices[p] == j) return out.values[p];
        return 0.0f;
    };
    for (uint32_t i = 0; i < 4; ++i)
        for (uint32_t j = 0; j < 4; ++j) EXPECT_FLOAT_EQ(at(i, j), at(j, i));
    // Rows 0 and 1: the same-label edge is the row maximum (scaled to 1; union 1 + 1 - 1 = 1).
    EXPECT_FLOAT_EQ(at(0, 1), 1.0f);
    // 0 -> 2 across labels: exp(-5) relative to the row max in both directions, then the union.
    const float cross_row0 = std::exp(-5.0f);  // row 0's max is the 0-1 edge (0.5)
    const float cross_row2 = std::exp(-5.0f) / std::exp(-1.0f);  // row 2's max is its edge to the unknown point 3
    EXPECT_NEAR(at(0, 2), cross_row0 + cross_row2 - cross_row0 * cross_row2, 1e-6);
    EXPECT_THROW(categorical_intersection(g, {0, 1}, 5.0), Error);
}
