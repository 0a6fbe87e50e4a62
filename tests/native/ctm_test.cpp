// CTM: finite-difference check of every gradient, recovery of planted topics, determinism across
// thread counts, save/load, and input errors.
#include "ctm/ctm.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "ctm/network.hpp"
#include "ctm_corpus.hpp"

using namespace topicwasm;
using namespace topicwasm::ctm_test;
using ctm::InferenceType;

namespace {

// ---- finite-difference gradient check -------------------------------------------------------

void gradient_check(InferenceType type, std::size_t label_size, bool learn_priors) {
    const std::size_t n = 4, V = 12, D = 5, K = 3;
    Rng rng(11, 3);
    CountMatrix bow;
    bow.rows = n;
    bow.cols = V;
    for (std::size_t i = 0; i < n; ++i) {
        for (uint32_t v = 0; v < V; ++v)
            if (rng.uniform() < 0.5f) {
                bow.indices.push_back(v);
                bow.values.push_back(float(1 + rng.below(4)));
            }
        bow.indptr.push_back(bow.indices.size());
    }
    Matrix emb(n, D);
    for (auto& x : emb.data) x = float(ctm::normal(rng));
    std::vector<int32_t> labels;
    for (std::size_t i = 0; i < n; ++i) labels.push_back(int32_t(rng.below(uint32_t(std::max<std::size_t>(1, label_size)))));

    ctm::NetworkShape shape;
    shape.type = type;
    shape.vocab = V;
    shape.embedding_dim = D;
    shape.n_components = K;
    shape.label_size = label_size;
    shape.hidden = {6, 5};
    shape.learn_priors = learn_priors;
    ctm::Network<double> net(shape, 3);
    // Move the priors and running stats off their symmetric initial values so their gradients are
    // generic.
    for (auto* p : net.params())
        if (p->name == "prior_mean" || p->name == "prior_variance")
            for (auto& x : p->w) x += 0.3 * (rng.uniform_double() - 0.3);

    std::vector<uint32_t> docs(n);
    std::iota(docs.begin(), docs.end(), 0u);
    ctm::BatchRef batch;
    batch.bow = &bow;
    batch.embeddings = emb.view();
    batch.labels = label_size ? labels.data() : nullptr;
    batch.docs = docs.data();
    batch.size = n;
    // Dropout masks with zeros in them: dropout is a fixed product here, so it is checked too.
    auto noise = ctm::sample_noise<double>(n, 5, K, 0.3, 0.3, rng);
    const double klw = 0.7;

    net.train_batch(batch, noise, klw, false);
    std::map<std::string, std::vector<double>> analytic;
    for (auto* p : net.params()) analytic[p->name] = p->g;

    const double h = 1e-5;
    std::size_t checked = 0;
    for (auto* p : net.params()) {
        double worst = 0;
        for (std::size_t i = 0; i < p->size(); ++i) {
            const double keep = p->w[i];
            p->w[i] = keep + h;
            const double up = net.train_batch(batch, noise, klw, false).total(klw);
            p->w[i] = keep - h;
            const double down = net.train_batch(batch, noise, klw, false).total(klw);
            p->w[i] = keep;
            double numeric = (up - down) / (2 * h);
            if (!p->trainable) {
                EXPECT_EQ(analytic[p->name][i], 0.0) << p->name << " is frozen but got a gradient";
                continue;
            }
            const double a = analytic[p->name][i];
            // Central differences of a loss of ~100 carry ~1e-9 of rounding noise: the 1e-3 floor
            // keeps exact zeros (e.g. head biases, which batch norm cancels) from failing on it.
            const double err = std::abs(a - numeric) / (1e-3 + std::max(std::abs(a), std::abs(numeric)));
            worst = std::max(worst, err);
            ASSERT_LT(err, 2e-5) << p->name << "[" << i << "] analytic " << a << " numeric " << numeric;
            ++checked;
        }
        SCOPED_TRACE(p->name);
    }
    EXPECT_GT(checked, 100u);
}

}  // namespace

TEST(CtmGradient, CombinedEveryParameter) { gradient_check(InferenceType::Combined, 0, true); }
TEST(CtmGradient, ZeroShotEveryParameter) { gradient_check(InferenceType::ZeroShot, 0, true); }
TEST(CtmGradient, CombinedWithLabelHead) { gradient_check(InferenceType::Combined, 3, true); }
TEST(CtmGradient, ZeroShotWithLabelHeadAndFixedPriors) { gradient_check(InferenceType::ZeroShot, 2, false); }

// transform's eval-mode encoder folds adapt_bert into the input layer; check it against the plain
// layer-by-layer computation (running statistics, no dropout) written out here.
TEST(CtmGradient, EvalEncoderMatchesUnfoldedComputation) {
    for (auto type : {InferenceType::Combined, InferenceType::ZeroShot}) {
        const std::size_t n = 5, V = 9, D = 4, K = 3, L = 2;
        Rng rng(21, 1);
        CountMatrix bow;
        bow.rows = n;
        bow.cols = V;
        for (std::size_t i = 0; i < n; ++i) {
            for (uint32_t v = 0; v < V; ++v)
                if (rng.uniform() < 0.4f) {
                    bow.indices.push_back(v);
                    bow.values.push_back(float(1 + rng.below(3)));
                }
            bow.indptr.push_back(bow.indices.size());
        }
        Matrix emb(n, D);
        for (auto& x : emb.data) x = float(ctm::normal(rng));
        std::vector<int32_t> labels = {0, 1, 1, 0, 1};
        ctm::NetworkShape shape;
        shape.type = type;
        shape.vocab = V;
        shape.embedding_dim = D;
        shape.n_components = K;
        shape.label_size = L;
        shape.hidden = {6, 5};
        ctm::Network<double> net(shape, 8);
        for (auto* bn : net.batch_norms())
            for (std::size_t j = 0; j < bn->running_mean.size(); ++j) {
                bn->running_mean[j] = rng.uniform_double() - 0.5;
                bn->running_var[j] = 0.5 + rng.uniform_double();
            }
        std::map<std::string, ctm::Param<double>*> P;
        for (auto* p : net.params()) P[p->name] = p;
        auto linear = [&](const std::string& name, const std::vector<double>& x) {
            const auto& w = *P[name + ".weight"];
            const auto& b = *P[name + ".bias"];
            std::vector<double> y(w.rows);
            for (std::size_t o = 0; o < w.rows; ++o) {
                y[o] = b.w[o];
                for (std::size_t i = 0; i < w.cols; ++i) y[o] += w.w[o * w.cols + i] * x[i];
            }
            return y;
        };
        auto softplus = [](std::vector<double> x) {
            for (auto& v : x) v = v > 20 ? v : std::log1p(std::exp(v));
            return x;
        };
        std::vector<uint32_t> docs = {0, 1, 2, 3, 4};
        ctm::BatchRef batch{&bow, emb.view(), labels.data(), docs.data(), n};
        std::vector<double> mu(n * K), ls(n * K);
        net.encode_eval(batch, mu.data(), ls.data());
        const auto bns = net.batch_norms();
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<double> e(D), x;
            for (std::size_t j = 0; j < D; ++j) e[j] = emb(i, j);
            if (type == InferenceType::Combined) {
                x.assign(V, 0.0);
                for (std::size_t o = bow.indptr[i]; o < bow.indptr[i + 1]; ++o) x[bow.indices[o]] = bow.values[o];
                auto xa = linear("inf_net.adapt_bert", e);
                x.insert(x.end(), xa.begin(), xa.end());
            } else {
                x = e;
            }
            for (std::size_t l = 0; l < L; ++l) x.push_back(labels[i] == int32_t(l) ? 1.0 : 0.0);
            auto h = softplus(linear("inf_net.input_layer", x));
            h = softplus(linear("inf_net.hiddens.l_0.0", h));
            auto m = linear("inf_net.f_mu", h), s = linear("inf_net.f_sigma", h);
            for (std::size_t k = 0; k < K; ++k) {
                const double em = (m[k] - bns[0]->running_mean[k]) / std::sqrt(bns[0]->running_var[k] + 1e-5);
                const double es = (s[k] - bns[1]->running_mean[k]) / std::sqrt(bns[1]->running_var[k] + 1e-5);
                EXPECT_NEAR(mu[i * K + k], em, 1e-10);
                EXPECT_NEAR(ls[i * K + k], es, 1e-10);
            }
        }
    }
}

// ---- training --------------------------------------------------------------------------------

namespace {

// Each topic's top-10 words must come from one planted group, and the groups must differ.
void expect_planted_topics_recovered(const Ctm& model, std::size_t words_per_topic) {
    const auto top = model.top_word_ids(10);
    std::set<std::size_t> groups;
    for (const auto& words : top) {
        std::map<std::size_t, int> votes;
        for (uint32_t w : words) ++votes[w / words_per_topic];
        auto best = std::max_element(votes.begin(), votes.end(),
                                     [](auto& a, auto& b) { return a.second < b.second; });
        EXPECT_GE(best->second, 9) << "a topic mixes planted vocabularies";
        groups.insert(best->first);
    }
    EXPECT_EQ(groups.size(), top.size()) << "two topics found the same planted vocabulary";
}

// Share of documents whose argmax topic agrees with the planted topic under the best matching
// (topics are few, so the majority vote per learned topic is enough).
double purity(const std::vector<int32_t>& predicted, const std::vector<int32_t>& planted) {
    std::map<int32_t, std::map<int32_t, int>> table;
    for (std::size_t i = 0; i < planted.size(); ++i) ++table[predicted[i]][planted[i]];
    int agree = 0;
    for (auto& [p, row] : table) {
        int best = 0;
        for (auto& [t, c] : row) best = std::max(best, c);
        agree += best;
    }
    return double(agree) / double(planted.size());
}

}  // namespace

TEST(CtmTraining, TrainingBatchesDropTheIncompleteLastBatchAsCtm) {
    // CTM 2.6: DataLoader(batch_size=64, shuffle=True, drop_last=True).
    using V = std::vector<std::size_t>;
    EXPECT_EQ(ctm::training_batch_bounds(130, 64), (V{0, 64, 128}));
    EXPECT_EQ(ctm::training_batch_bounds(128, 64), (V{0, 64, 128}));
    EXPECT_EQ(ctm::training_batch_bounds(7725, 64).size(), 121u);  // Brown: 120 steps per epoch
    EXPECT_EQ(ctm::training_batch_bounds(7725, 64).back(), 7680u);
    // Fewer documents than a batch (CTM would take no step): one batch of all of them.
    EXPECT_EQ(ctm::training_batch_bounds(50, 64), (V{0, 50}));
    EXPECT_EQ(ctm::training_batch_bounds(64, 64), (V{0, 64}));
}

TEST(CtmTraining, RecoversPlantedTopicsBothModels) {
    const std::size_t K = 4, W = 60;
    Corpus c = planted_corpus(400, K, W, 16, 1);
    for (auto type : {InferenceType::Combined, InferenceType::ZeroShot}) {
        SCOPED_TRACE(type == InferenceType::Combined ? "combined" : "zeroshot");
        CtmOptions o = small_options(type, K);
        o.num_epochs = 50;
        Ctm model(o);
        std::vector<std::size_t> epochs_seen;
        CtmFitReport r = model.fit(c.bow, c.embeddings.view(), {},
                                   [&](std::string_view stage, std::size_t done, std::size_t total) {
                                       EXPECT_EQ(stage, "ctm");
                                       EXPECT_EQ(total, 50u);
                                       epochs_seen.push_back(done);
                                   });
        ASSERT_EQ(r.train_loss.size(), 50u);
        EXPECT_EQ(epochs_seen.size(), 50u);
        EXPECT_EQ(epochs_seen.back(), 50u);
        // Loss decreases: the last 5 epochs average well below the first epoch.
        double tail = 0;
        for (std::size_t e = 45; e < 50; ++e) tail += r.train_loss[e] / 5;
        EXPECT_LT(tail, r.train_loss[0] * 0.9) << "first " << r.train_loss[0] << " tail " << tail;
        expect_planted_topics_recovered(model, W);
        Matrix theta = model.transform(&c.bow, c.embeddings.view());
        for (std::size_t i = 0; i < theta.rows; ++i) {
            double s = 0;
            for (std::size_t k = 0; k < K; ++k) s += theta(i, k);
            ASSERT_NEAR(s, 1.0, 1e-5);
        }
        const double pur = purity(Ctm::predicted_topics(theta), c.topic);
        EXPECT_GT(pur, 0.9);
        std::printf("  %s: loss %.2f -> %.2f, purity %.3f\n", type == InferenceType::Combined ? "combined" : "zeroshot",
                    r.train_loss[0], tail, pur);
    }
}

TEST(CtmTraining, DeterministicForSeedAndThreadCount) {
    // V = 300 spans three vocabulary chunks, so the chunked reductions are exercised.
    Corpus c = planted_corpus(150, 3, 100, 8, 2);
    auto run = [&](std::size_t threads, uint64_t seed) {
        set_thread_limit(threads);
        CtmOptions o = small_options(InferenceType::Combined, 3);
        o.num_epochs = 3;
        o.seed = seed;
        Ctm m(o);
        m.fit(c.bow, c.embeddings.view());
        Matrix theta = m.transform(&c.bow, c.embeddings.view(), 5);
        set_thread_limit(1);
        return std::make_pair(theta.data, m.topic_word_matrix().data);
    };
    auto a = run(1, 9), b = run(1, 9), t2 = run(2, 9), other = run(1, 10);
    EXPECT_EQ(a.first, b.first);
    EXPECT_EQ(a.second, b.second);
    EXPECT_EQ(a.first, t2.first) << "1 and 2 threads differ";
    EXPECT_EQ(a.second, t2.second) << "1 and 2 threads differ";
    EXPECT_NE(a.second, other.second) << "the seed has no effect";
}

TEST(CtmTraining, LabelHeadLearnsLabels) {
    const std::size_t K = 3;
    Corpus c = planted_corpus(300, K, 40, 8, 3);
    CtmOptions o = small_options(InferenceType::Combined, K);
    o.label_size = K;
    o.num_epochs = 20;
    Ctm model(o);
    model.fit(c.bow, c.embeddings.view(), c.topic);
    Matrix theta = model.transform(&c.bow, c.embeddings.view(), 20, c.topic);
    Matrix p = model.predict_label_probabilities(theta);
    std::size_t right = 0;
    for (std::size_t i = 0; i < p.rows; ++i)
        right += std::size_t(std::max_element(p.row(i), p.row(i) + K) - p.row(i)) == std::size_t(c.topic[i]);
    EXPECT_GT(double(right) / double(p.rows), 0.9);
    EXPECT_THROW(model.fit(c.bow, c.embeddings.view()), Error);  // labels required when label_size > 0
}

TEST(CtmTraining, ValidationEarlyStoppingFollowsPatience) {
    Corpus c = planted_corpus(400, 4, 60, 16, 1);
    CtmOptions o = small_options(InferenceType::ZeroShot, 4);
    o.validation_fraction = 0.25;
    o.patience = 2;
    o.num_epochs = 60;
    o.lr = 1e-2;  // overfits within a few epochs, so the validation loss turns up
    Ctm model(o);
    CtmFitReport r = model.fit(c.bow, c.embeddings.view());
    ASSERT_EQ(r.validation_loss.size(), r.epochs_run);
    const std::size_t argmin =
        std::size_t(std::min_element(r.validation_loss.begin(), r.validation_loss.end()) - r.validation_loss.begin());
    EXPECT_EQ(r.best_epoch, argmin);
    if (r.stopped_early) EXPECT_EQ(r.epochs_run - 1 - r.best_epoch, o.patience);
    else EXPECT_EQ(r.epochs_run, o.num_epochs);
    EXPECT_GT(r.best_epoch, 2u) << "validation loss should improve for a few epochs first";
    std::printf("  epochs run %zu, best %zu, stopped early %d\n", r.epochs_run, r.best_epoch, int(r.stopped_early));
}

TEST(CtmTraining, SaveLoadTransformsIdentically) {
    Corpus c = planted_corpus(120, 3, 30, 8, 5);
    for (auto type : {InferenceType::Combined, InferenceType::ZeroShot}) {
        CtmOptions o = small_options(type, 3);
        o.num_epochs = 3;
        o.label_size = type == InferenceType::ZeroShot ? 3 : 0;
        Ctm model(o);
        model.fit(c.bow, c.embeddings.view(), type == InferenceType::ZeroShot ? c.topic : std::vector<int32_t>{});
        std::vector<std::string> vocab;
        for (std::size_t v = 0; v < c.bow.cols; ++v) vocab.push_back("w\"" + std::to_string(v));
        model.set_vocabulary(vocab);
        std::vector<uint8_t> bytes = model.save();
        Ctm loaded = Ctm::load(bytes);
        EXPECT_EQ(loaded.save(), bytes);
        EXPECT_EQ(loaded.vocabulary(), vocab);
        EXPECT_EQ(loaded.options().model_type, type);
        EXPECT_EQ(loaded.topic_lists(5), model.topic_lists(5));
        const CountMatrix* bow = type == InferenceType::Combined ? &c.bow : nullptr;
        EXPECT_EQ(loaded.transform(bow, c.embeddings.view()).data, model.transform(bow, c.embeddings.view()).data);
        if (type == InferenceType::ZeroShot) {
            // ZeroShotTM ignores the bag of words: transform needs only embeddings.
            EXPECT_EQ(model.transform(&c.bow, c.embeddings.view()).data, model.transform(nullptr, c.embeddings.view()).data);
        }
        // Corrupt files fail clearly.
        std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + std::ptrdiff_t(bytes.size() / 2));
        EXPECT_THROW(Ctm::load(cut), Error);
    }
}

TEST(CtmErrors, BadInputGivesClearErrors) {
    Corpus c = planted_corpus(60, 3, 10, 8, 6);
    CtmOptions o = small_options(InferenceType::Combined, 3);
    o.num_epochs = 1;

    {  // vocabulary smaller than K
        CtmOptions big = o;
        big.n_components = 40;
        expect_error([&] { Ctm(big).fit(c.bow, c.embeddings.view()); }, "fewer than n_components");
    }
    {  // K < 2
        CtmOptions one = o;
        one.n_components = 1;
        expect_error([&] { Ctm(one).fit(c.bow, c.embeddings.view()); }, "n_components must be at least 2");
    }
    {  // empty bag of words: rejected by default, accepted on request
        CountMatrix bow = c.bow;
        const std::size_t cut = bow.indptr[3] - bow.indptr[2];
        bow.indices.erase(bow.indices.begin() + std::ptrdiff_t(bow.indptr[2]), bow.indices.begin() + std::ptrdiff_t(bow.indptr[3]));
        bow.values.erase(bow.values.begin() + std::ptrdiff_t(bow.indptr[2]), bow.values.begin() + std::ptrdiff_t(bow.indptr[3]));
        for (std::size_t i = 3; i < bow.indptr.size(); ++i) bow.indptr[i] -= cut;
        expect_error([&] { Ctm(o).fit(bow, c.embeddings.view()); }, "document 2 has an empty bag of words");
        CtmOptions allow = o;
        allow.allow_empty_documents = true;
        Ctm m(allow);
        EXPECT_NO_THROW(m.fit(bow, c.embeddings.view()));
        EXPECT_NO_THROW(m.transform(&bow, c.embeddings.view()));
    }
    {  // embedding dimension mismatch and row count mismatch
        Ctm m(o);
        m.fit(c.bow, c.embeddings.view());
        Matrix wrong(c.embeddings.rows, c.embeddings.cols + 1);
        expect_error([&] { m.transform(&c.bow, wrong.view()); }, "dimension 9 but the model was trained on 8");
        MatrixView fewer{c.embeddings.data.data(), c.embeddings.rows - 1, c.embeddings.cols};
        expect_error([&] { Ctm(o).fit(c.bow, fewer); }, "embeddings have 59 rows");
        expect_error([&] { m.transform(nullptr, c.embeddings.view()); }, "CombinedTM needs the bag of words");
    }
    {  // NaN in embeddings
        Matrix e = c.embeddings;
        e(7, 3) = std::nanf("");
        expect_error([&] { Ctm(o).fit(c.bow, e.view()); }, "document 7 has a non-finite value");
    }
    {  // bad counts and labels
        CountMatrix bow = c.bow;
        bow.values[0] = -1;
        expect_error([&] { Ctm(o).fit(bow, c.embeddings.view()); }, "negative or non-finite count");
        bow = c.bow;
        bow.indices[0] = 1000;
        expect_error([&] { Ctm(o).fit(bow, c.embeddings.view()); }, "outside the vocabulary");
        CtmOptions lab = o;
        lab.label_size = 3;
        std::vector<int32_t> labels(c.topic);
        labels[4] = 3;
        expect_error([&] { Ctm(lab).fit(c.bow, c.embeddings.view(), labels); }, "label 3 of document 4");
    }
    expect_error([&] { Ctm(o).transform(&c.bow, c.embeddings.view()); }, "not fitted");
}

TEST(CtmErrors, CancelLeavesModelUnchanged) {
    Corpus c = planted_corpus(100, 3, 20, 8, 7);
    CtmOptions o = small_options(InferenceType::ZeroShot, 3);
    o.num_epochs = 2;
    Ctm model(o);
    model.fit(c.bow, c.embeddings.view());
    Matrix before = model.topic_word_matrix();
    std::atomic<bool> cancel{false};
    o.num_epochs = 50;
    EXPECT_THROW(model.fit(c.bow, c.embeddings.view(), {},
                           [&](std::string_view, std::size_t done, std::size_t) {
                               if (done == 1) cancel = true;
                           },
                           &cancel),
                 Error);
    EXPECT_EQ(model.topic_word_matrix().data, before.data);
}
