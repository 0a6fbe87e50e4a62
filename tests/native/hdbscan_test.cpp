// HDBSCAN against the Python hdbscan 0.8.43 reference on the Brown-corpus UMAP output (7,725 x 5),
// plus invariants on synthetic data and bad-input errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <vector>

#include "cluster/dual_tree_boruvka.hpp"
#include "cluster/hdbscan.hpp"
#include "cluster/sklearn_kd_tree.hpp"
#include "cluster/mutual_reachability.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "hdbscan_fixture.hpp"

using namespace topicwasm;
using namespace hdbscan_fixture;

namespace {

constexpr std::size_t kN = 7725, kD = 5;

struct Brown {
    std::vector<float> x = load_raw<float>("umap5.f32");
    MatrixView view() const { return {x.data(), x.size() / kD, kD}; }
};

const Brown& brown() {
    static Brown b;
    return b;
}

std::vector<int32_t> load_labels(const char* name) {
    auto raw = load_raw<int16_t>(name);
    return std::vector<int32_t>(raw.begin(), raw.end());
}

HdbscanOptions bertopic_options(ClusterSelectionMethod method) {
    HdbscanOptions o;
    o.min_cluster_size = 10;
    o.cluster_selection_method = method;
    return o;
}

struct Agreement {
    double ari = 0;
    std::size_t same_label = 0;      // identical label numbers
    std::size_t mapped_agree = 0;    // equal after mapping our labels to the reference's
    double max_prob_diff = 0;        // where mapped labels agree
    std::size_t prob_over = 0;       // ... how many differ by more than 1e-4
};

Agreement compare(const Hdbscan& h, const std::vector<int32_t>& ref, const std::vector<float>& ref_prob) {
    Agreement a;
    const auto& labels = h.labels();
    a.ari = adjusted_rand_index(labels, ref);
    auto map = majority_map(labels, ref);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        a.same_label += labels[i] == ref[i];
        if (map[labels[i]] != ref[i]) continue;
        ++a.mapped_agree;
        double d = std::fabs(h.probabilities()[i] - ref_prob[i]);
        a.max_prob_diff = std::max(a.max_prob_diff, d);
        a.prob_over += d > 1e-4;
    }
    return a;
}

const Hdbscan& fitted_eom() {
    static Hdbscan h = [] {
        Hdbscan x(bertopic_options(ClusterSelectionMethod::Eom));
        auto t0 = std::chrono::steady_clock::now();
        x.fit(brown().view());
        auto t1 = std::chrono::steady_clock::now();
        std::printf("[hdbscan] fit 7725 x 5 (eom): %.3f s\n", std::chrono::duration<double>(t1 - t0).count());
        return x;
    }();
    return h;
}

}  // namespace

TEST(Hdbscan, EomMatchesReference) {
    const Hdbscan& h = fitted_eom();
    auto ref = load_labels("hdbscan_eom_labels.i16");
    auto ref_prob = load_raw<float>("hdbscan_eom_prob.f32");
    ASSERT_EQ(h.labels().size(), ref.size());
    Agreement a = compare(h, ref, ref_prob);
    std::printf("[hdbscan] eom: clusters %zu (ref 269), ARI %.6f, identical label numbers %zu/%zu, "
                "mapped agreement %zu, max |prob diff| %.2e (%zu > 1e-4)\n",
                h.n_clusters(), a.ari, a.same_label, kN, a.mapped_agree, a.max_prob_diff, a.prob_over);
    // The same partition with the same label numbers: the MST, its edge order among exactly tied
    // weights and the tree code all follow hdbscan (dual_tree_boruvka.hpp, reference_sorts.hpp).
    EXPECT_EQ(h.n_clusters(), 269u);
    EXPECT_EQ(a.same_label, kN);
    EXPECT_GE(a.ari, 1.0 - 1e-12);
    EXPECT_EQ(a.prob_over, 0u);  // every probability within 1e-4

    auto ref_out = load_raw<float>("hdbscan_outlier.f32");
    double max_out = 0;
    std::size_t out_over = 0;
    for (std::size_t i = 0; i < kN; ++i) {
        double d = std::fabs(h.outlier_scores()[i] - ref_out[i]);
        max_out = std::max(max_out, d);
        out_over += d > 1e-4;
    }
    std::printf("[hdbscan] GLOSH: max |diff| %.2e, %zu points > 1e-4\n", max_out, out_over);
    EXPECT_EQ(out_over, 0u);
}

TEST(Hdbscan, LeafMatchesReference) {
    Hdbscan h(bertopic_options(ClusterSelectionMethod::Leaf));
    h.fit(brown().view());
    auto ref = load_labels("hdbscan_leaf_labels.i16");
    auto ref_prob = load_raw<float>("hdbscan_leaf_prob.f32");
    Agreement a = compare(h, ref, ref_prob);
    std::printf("[hdbscan] leaf: clusters %zu (ref 286), ARI %.6f, identical label numbers %zu/%zu, "
                "mapped agreement %zu, max |prob diff| %.2e (%zu > 1e-4)\n",
                h.n_clusters(), a.ari, a.same_label, kN, a.mapped_agree, a.max_prob_diff, a.prob_over);
    EXPECT_EQ(h.n_clusters(), 286u);
    EXPECT_EQ(a.same_label, kN);
    EXPECT_GE(a.ari, 1.0 - 1e-12);
    EXPECT_EQ(a.prob_over, 0u);
}

TEST(Hdbscan, ApproximatePredictMatchesReference) {
    const Hdbscan& h = fitted_eom();
    auto ref_labels = load_labels("hdbscan_eom_labels.i16");
    auto map = majority_map(h.labels(), ref_labels);
    auto q = load_raw<float>("hdbscan_query5.f32");
    auto ref = load_raw<float>("hdbscan_predict.f32");
    const std::size_t nq = q.size() / kD;
    ASSERT_EQ(ref.size(), 2 * nq);
    HdbscanPrediction p = h.approximate_predict({q.data(), nq, kD});
    std::size_t agree = 0, prob_over = 0;
    double max_diff = 0;
    for (std::size_t i = 0; i < nq; ++i) {
        int32_t want = static_cast<int32_t>(ref[i]);
        if (map[p.labels[i]] != want) continue;
        ++agree;
        double d = std::fabs(p.probabilities[i] - ref[nq + i]);
        max_diff = std::max(max_diff, d);
        prob_over += d > 1e-4;
    }
    std::printf("[hdbscan] approximate_predict: %zu/%zu labels agree, max |prob diff| %.2e\n", agree, nq, max_diff);
    EXPECT_EQ(agree, nq);
    EXPECT_EQ(prob_over, 0u);
}

TEST(Hdbscan, MembershipVectorsMatchReference) {
    const Hdbscan& h = fitted_eom();
    auto ref_labels = load_labels("hdbscan_eom_labels.i16");
    auto map = majority_map(h.labels(), ref_labels);
    auto ref = load_raw<float>("hdbscan_membership50.f32");
    Matrix mv = h.all_points_membership_vectors();
    ASSERT_EQ(mv.rows, kN);
    ASSERT_EQ(mv.cols, h.n_clusters());
    const std::size_t k_ref = ref.size() / 50;
    // Compare the columns of clusters that map one-to-one onto a reference cluster.
    std::map<int32_t, int> hits;
    for (auto& [ours, r] : map) hits[r] += ours >= 0 && r >= 0;
    double max_diff = 0;
    std::size_t compared = 0, over = 0;
    for (std::size_t j = 0; j < mv.cols; ++j) {
        int32_t r = map[static_cast<int32_t>(j)];
        if (r < 0 || hits[r] != 1) continue;
        ASSERT_LT(static_cast<std::size_t>(r), k_ref);
        for (std::size_t i = 0; i < 50; ++i) {
            double d = std::fabs(double(mv(i, j)) - ref[i * k_ref + static_cast<std::size_t>(r)]);
            max_diff = std::max(max_diff, d);
            over += d > 1e-4;
            ++compared;
        }
    }
    // Row sums (the probability of being in some cluster) and the most likely cluster.
    double max_sum_diff = 0;
    std::size_t argmax_agree = 0, sums_close = 0;
    for (std::size_t i = 0; i < 50; ++i) {
        double so = 0, sr = 0;
        std::size_t ao = 0, ar = 0;
        for (std::size_t j = 0; j < mv.cols; ++j) {
            so += mv(i, j);
            if (mv(i, j) > mv(i, ao)) ao = j;
        }
        for (std::size_t r = 0; r < k_ref; ++r) {
            sr += ref[i * k_ref + r];
            if (ref[i * k_ref + r] > ref[i * k_ref + ar]) ar = r;
        }
        max_sum_diff = std::max(max_sum_diff, std::fabs(so - sr));
        sums_close += std::fabs(so - sr) < 1e-4;
        argmax_agree += map[static_cast<int32_t>(ao)] == static_cast<int32_t>(ar);
    }
    std::printf("[hdbscan] membership rows: %zu/50 row sums within 1e-4 (max diff %.2e), argmax agrees %zu/50\n",
                sums_close, max_sum_diff, argmax_agree);
    EXPECT_EQ(argmax_agree, 50u);
    EXPECT_GE(sums_close, 40u);
    std::printf("[hdbscan] all_points_membership_vectors (first 50 rows): %zu entries compared, max |diff| %.2e, "
                "%zu > 1e-4\n", compared, max_diff, over);
    // Entries are normalised over all clusters, so one cluster more or less than the reference
    // shifts every entry by about 1/270 of itself: compare loosely.
    EXPECT_LT(max_diff, 0.05);

    // membership_vector of the training points themselves: rows are distributions scaled by a
    // probability, so they are non-negative and sum to at most 1.
    Matrix m2 = h.membership_vector({brown().x.data(), 20, kD});
    for (std::size_t i = 0; i < 20; ++i) {
        double s = 0;
        for (std::size_t j = 0; j < m2.cols; ++j) {
            EXPECT_GE(m2(i, j), 0.0f);
            s += m2(i, j);
        }
        EXPECT_LE(s, 1.0 + 1e-5);
    }
}

TEST(Hdbscan, DualTreeBoruvkaSpansAndExactModeEqualsPrim) {
    // The MST weight is unique even when the tree is not: the exact dual-tree Boruvka must match
    // O(n^2) Prim; hdbscan's approximate mode must still span all points, never lighter than Prim.
    for (std::size_t n : {50u, 400u, 1500u}) {
        Rng rng(7, n);
        std::vector<float> x(n * 3);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::floor(rng.uniform() * 20.0f) / 4.0f;  // many ties
        const MatrixView view{x.data(), n, 3};
        KdTree kd(view, 8);
        KnnTable knn = knn_all(kd, 6);
        DualTreeBoruvkaInput in;
        in.core_rdist.resize(n);
        for (std::size_t i = 0; i < n; ++i) in.core_rdist[i] = knn.dist2[i * knn.k + 5];
        SklearnKdTree tree(view, 13);
        in.tree = &tree;
        in.knn = &knn;
        in.min_samples = 5;
        auto p = prim_mst(kd, in.core_rdist, 1.0);
        double wp = 0;
        for (auto& e : p) wp += e.weight;
        for (bool approx : {false, true}) {
            in.approx_min_span_tree = approx;
            auto b = dual_tree_boruvka_mst(in);
            ASSERT_EQ(b.size(), n - 1);
            std::vector<std::size_t> parent(n);
            for (std::size_t i = 0; i < n; ++i) parent[i] = i;
            auto find = [&](std::size_t v) { while (parent[v] != v) v = parent[v] = parent[parent[v]]; return v; };
            double wb = 0;
            for (auto& e : b) {
                wb += e.weight;
                std::size_t ra = find(e.a), rb = find(e.b);
                ASSERT_NE(ra, rb) << "edge closes a cycle";
                parent[ra] = rb;
            }
            if (approx) {
                EXPECT_GE(wb, wp - 1e-9 * std::max(1.0, wp)) << "n=" << n;
            } else {
                EXPECT_NEAR(wb, wp, 1e-9 * std::max(1.0, wp)) << "n=" << n;
            }
        }
    }
}

TEST(Hdbscan, IdenticalForAnyThreadCount) {
    Rng rng(3);
    const std::size_t n = 3000;
    std::vector<float> x(n * 5);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t t = 0; t < 5; ++t) x[i * 5 + t] = float(i % 7) * 3.0f + rng.uniform();
    HdbscanOptions o;
    o.min_cluster_size = 15;
    set_thread_limit(1);
    Hdbscan a(o);
    a.fit({x.data(), n, 5});
    Matrix ma = a.all_points_membership_vectors();
    auto pa = a.approximate_predict({x.data(), 100, 5});
    set_thread_limit(2);
    Hdbscan b(o);
    b.fit({x.data(), n, 5});
    Matrix mb = b.all_points_membership_vectors();
    auto pb = b.approximate_predict({x.data(), 100, 5});
    set_thread_limit(1);
    EXPECT_EQ(a.labels(), b.labels());
    EXPECT_EQ(a.probabilities(), b.probabilities());
    EXPECT_EQ(a.outlier_scores(), b.outlier_scores());
    EXPECT_EQ(ma.data, mb.data);
    EXPECT_EQ(pa.labels, pb.labels);
    EXPECT_EQ(pa.probabilities, pb.probabilities);
    EXPECT_EQ(a.n_clusters(), 7u);
}

TEST(Hdbscan, OptionsBehave) {
    // Three blobs of 60, one of 20 points, far apart.
    Rng rng(11);
    std::vector<float> x;
    const float centers[4][2] = {{0, 0}, {10, 0}, {0, 10}, {30, 30}};
    const int sizes[4] = {60, 60, 60, 20};
    for (int c = 0; c < 4; ++c)
        for (int i = 0; i < sizes[c]; ++i) {
            x.push_back(centers[c][0] + rng.uniform());
            x.push_back(centers[c][1] + rng.uniform());
        }
    MatrixView v{x.data(), x.size() / 2, 2};
    HdbscanOptions o;
    o.min_cluster_size = 10;
    Hdbscan h(o);
    h.fit(v);
    EXPECT_EQ(h.n_clusters(), 4u);
    // Each blob one label.
    for (int c = 0, start = 0; c < 4; start += sizes[c], ++c)
        for (int i = 1; i < sizes[c]; ++i) EXPECT_EQ(h.labels()[start + i], h.labels()[start]);

    o.max_cluster_size = 0;
    o.cluster_selection_epsilon = 100.0;  // merges everything below the root, which is not allowed
    Hdbscan e(o);
    e.fit(v);
    EXPECT_GE(e.n_clusters(), 1u);
    EXPECT_LE(e.n_clusters(), 2u);

    o.cluster_selection_epsilon = 100.0;
    o.allow_single_cluster = true;
    Hdbscan s(o);
    s.fit(v);
    EXPECT_EQ(s.n_clusters(), 1u);

    // Leaf selection never selects fewer clusters than eom here.
    HdbscanOptions lo;
    lo.min_cluster_size = 10;
    lo.cluster_selection_method = ClusterSelectionMethod::Leaf;
    Hdbscan l(lo);
    l.fit(v);
    EXPECT_GE(l.n_clusters(), 4u);
}

TEST(Hdbscan, BadInputThrows) {
    HdbscanOptions o;
    o.min_cluster_size = 5;
    std::vector<float> x(40, 0.0f);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = float(i);
    EXPECT_THROW(Hdbscan(o).fit({x.data(), 0, 2}), Error);        // empty
    EXPECT_THROW(Hdbscan(o).fit({nullptr, 0, 0}), Error);
    EXPECT_THROW(Hdbscan(o).fit({x.data(), 4, 2}), Error);        // fewer points than min_samples
    std::vector<float> bad = x;
    bad[7] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW(Hdbscan(o).fit({bad.data(), 20, 2}), Error);     // NaN
    HdbscanOptions small = o;
    small.min_cluster_size = 1;
    EXPECT_THROW(Hdbscan(small).fit({x.data(), 20, 2}), Error);   // min_cluster_size < 2
    HdbscanOptions neg = o;
    neg.alpha = 0.0;
    EXPECT_THROW(Hdbscan(neg).fit({x.data(), 20, 2}), Error);
    Hdbscan unfitted(o);
    EXPECT_THROW(unfitted.approximate_predict({x.data(), 1, 2}), Error);
    Hdbscan h(o);
    h.fit({x.data(), 20, 2});
    EXPECT_THROW(h.approximate_predict({x.data(), 2, 4}), Error);  // wrong dimension
}
