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

using namespace topicwasm;
using ctm::InferenceType;

namespace {

struct Corpus {
    CountMatrix bow;
    Matrix embeddings;
    std::vector<int32_t> topic;  // planted dominant topic per document
};

// n documents over K planted topics, each owning `words_per_topic` consecutive words. A document
// draws ~40 tokens, 90% from its topic's words; its embedding is the topic's centroid + noise.
Corpus planted_corpus(std::size_t n, std::size_t K, std::size_t words_per_topic, std::size_t dim, uint64_t seed) {
    Rng rng(seed, 7);
    const std::size_t V = K * words_per_topic;
    Matrix centroids(K, dim);
    for (auto& x : centroids.data) x = float(ctm::normal(rng));
    Corpus c;
    c.bow.rows = n;
    c.bow.cols = V;
    c.embeddings = Matrix(n, dim);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t t = rng.below(uint32_t(K));
        c.topic.push_back(int32_t(t));
        std::map<uint32_t, float> counts;
        for (int tok = 0; tok < 40; ++tok) {
            std::size_t topic = rng.uniform() < 0.9f ? t : rng.below(uint32_t(K));
            // Zipf-ish within the topic so top words are well defined.
            std::size_t w = std::size_t(words_per_topic * std::pow(rng.uniform_double(), 2.0));
            counts[uint32_t(topic * words_per_topic + std::min(w, words_per_topic - 1))] += 1;
        }
        for (auto& [w, cnt] : counts) {
            c.bow.indices.push_back(w);
            c.bow.values.push_back(cnt);
        }
        c.bow.indptr.push_back(c.bow.indices.size());
        for (std::size_t j = 0; j < dim; ++j) c.embeddings(i, j) = centroids(t, j) + 0.5f * float(ctm::normal(rng));
    }
    return c;
}

CtmOptions small_options(InferenceType type, std::size_t K) {
    CtmOptions o;
    o.model_type = type;
    o.n_components = K;
    o.hidden_sizes = {32, 32};
    o.num_epochs = 30;
    o.batch_size = 32;
    o.seed = 5;
    return o;
}

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

namespace {
template <class F>
void expect_error(F&& f, const std::string& fragment) {
    try {
        f();
        ADD_FAILURE() << "expected an Error containing '" << fragment << "'";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}
}  // namespace

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

// ---- training options: solver, plateau schedule, validation set, checkpoints -----------------

namespace {

// Thetas of a model on the corpus (the bag of words only for CombinedTM).
std::vector<float> thetas(const Ctm& m, const Corpus& c) {
    const CountMatrix* bow = m.options().model_type == InferenceType::Combined ? &c.bow : nullptr;
    return m.transform(bow, c.embeddings.view(), 5).data;
}

// Rows [from, from + count) of a corpus as a corpus of their own.
Corpus rows_of(const Corpus& c, std::size_t from, std::size_t count) {
    Corpus out;
    out.bow.rows = count;
    out.bow.cols = c.bow.cols;
    out.embeddings = Matrix(count, c.embeddings.cols);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t r = from + i;
        for (std::size_t o = c.bow.indptr[r]; o < c.bow.indptr[r + 1]; ++o) {
            out.bow.indices.push_back(c.bow.indices[o]);
            out.bow.values.push_back(c.bow.values[o]);
        }
        out.bow.indptr.push_back(out.bow.indices.size());
        std::copy(c.embeddings.row(r), c.embeddings.row(r) + c.embeddings.cols, out.embeddings.row(i));
        out.topic.push_back(c.topic[r]);
    }
    return out;
}

}  // namespace

TEST(CtmSchedule, SgdStepIsTorchSgdWithMomentum) {
    ctm::NetworkShape s;
    s.vocab = 6;
    s.embedding_dim = 3;
    s.n_components = 2;
    s.hidden = {4};
    ctm::Network<float> net(s, 3);
    auto& beta = net.beta();
    const std::vector<float> w0 = beta.w;
    const double lr = 0.5, mu = 0.9;
    std::vector<float> g1(beta.size()), g2(beta.size());
    for (std::size_t i = 0; i < beta.size(); ++i) {
        g1[i] = float(i) * 0.25f - 1.0f;
        g2[i] = 0.5f - float(i % 3);
    }
    for (auto* p : net.params()) std::fill(p->g.begin(), p->g.end(), 0.0f);
    const ctm::OptimizerSettings sgd{ctm::Solver::Sgd, mu, 0.99, 1e-8};
    beta.g = g1;
    ctm::optimizer_step(net, sgd, lr, 1);
    beta.g = g2;
    ctm::optimizer_step(net, sgd, lr, 2);
    // torch: buf1 = g1, w1 = w0 - lr g1; buf2 = mu g1 + g2, w2 = w1 - lr buf2.
    for (std::size_t i = 0; i < beta.size(); ++i) {
        const double expected = double(w0[i]) - lr * g1[i] - lr * (mu * g1[i] + g2[i]);
        EXPECT_NEAR(beta.w[i], expected, 1e-5) << i;
    }
}

TEST(CtmSchedule, PlateauSchedulerFollowsTorchReduceLROnPlateau) {
    ctm::PlateauScheduler p;
    double lr = 2e-3;
    lr = p.step(10.0, lr);  // first metric: the best so far
    EXPECT_EQ(lr, 2e-3);
    // Ten epochs without a 1e-4 relative improvement (9.9995 is only 5e-5 better) leave lr alone...
    lr = p.step(9.9995, lr);
    for (int i = 0; i < 9; ++i) lr = p.step(10.5, lr);
    EXPECT_EQ(p.bad_epochs(), 10u);
    EXPECT_EQ(lr, 2e-3);
    // ... the eleventh (num_bad_epochs > patience = 10) divides it by 10 and restarts the count.
    lr = p.step(10.0, lr);
    EXPECT_DOUBLE_EQ(lr, 2e-4);
    EXPECT_EQ(p.bad_epochs(), 0u);
    // A real improvement resets the count.
    for (int i = 0; i < 5; ++i) lr = p.step(10.0, lr);
    lr = p.step(9.0, lr);
    EXPECT_EQ(p.bad_epochs(), 0u);
    // Reductions stop once they would change lr by less than eps = 1e-8.
    ctm::PlateauScheduler q;
    double tiny = 1e-8;
    for (int i = 0; i < 12; ++i) tiny = q.step(1.0, tiny);
    EXPECT_EQ(tiny, 1e-8);
}

TEST(CtmSchedule, EarlyStoppingFollowsCtmRule) {
    // patience 2, delta 0.5: 10 -> 9.6 is not an improvement (needs < 9.5), 9.4 is.
    ctm::EarlyStopping e(2, 0.5);
    using O = ctm::EarlyStopping::Outcome;
    EXPECT_EQ(e.update(10.0), O::Improved);
    EXPECT_EQ(e.update(9.6), O::NotImproved);
    EXPECT_EQ(e.update(9.4), O::Improved);
    EXPECT_EQ(e.update(9.4), O::NotImproved);
    EXPECT_EQ(e.update(12.0), O::Stop);
    EXPECT_DOUBLE_EQ(e.best_loss(), 9.4);
}

TEST(CtmTraining, SgdConvergesAndDiffersFromAdam) {
    Corpus c = planted_corpus(300, 3, 40, 8, 4);
    CtmOptions o = small_options(InferenceType::Combined, 3);
    o.num_epochs = 15;
    o.solver = ctm::Solver::Sgd;
    Ctm sgd(o);
    CtmFitReport r = sgd.fit(c.bow, c.embeddings.view());
    EXPECT_LT(r.train_loss.back(), 0.95 * r.train_loss.front()) << "SGD did not lower the loss";
    for (double lr : r.learning_rate) EXPECT_EQ(lr, o.lr);
    o.solver = ctm::Solver::Adam;
    Ctm adam(o);
    CtmFitReport ra = adam.fit(c.bow, c.embeddings.view());
    EXPECT_NE(sgd.topic_word_matrix().data, adam.topic_word_matrix().data);
    EXPECT_NE(r.train_loss.back(), ra.train_loss.back());
    std::printf("  train loss: sgd %.2f -> %.2f, adam %.2f -> %.2f\n", r.train_loss.front(), r.train_loss.back(),
                ra.train_loss.front(), ra.train_loss.back());
    // The solver is saved with the model.
    Ctm loaded = Ctm::load(sgd.save());
    EXPECT_EQ(loaded.options().solver, ctm::Solver::Sgd);
}

TEST(CtmTraining, ReduceOnPlateauLowersTheLearningRateAfterAPlateau) {
    Corpus c = planted_corpus(120, 3, 20, 8, 8);
    CtmOptions o = small_options(InferenceType::ZeroShot, 3);
    o.solver = ctm::Solver::Sgd;
    o.lr = 1e-7;  // the loss barely moves: only sampling noise, so its running minimum stalls
    o.num_epochs = 40;
    o.reduce_on_plateau = true;
    Ctm m(o);
    CtmFitReport r = m.fit(c.bow, c.embeddings.view());
    ASSERT_EQ(r.learning_rate.size(), r.epochs_run);
    // Replaying torch's rule on the recorded training losses gives the recorded schedule.
    ctm::PlateauScheduler replay;
    double lr = o.lr;
    for (std::size_t e = 0; e < r.epochs_run; ++e) {
        EXPECT_EQ(r.learning_rate[e], lr) << "epoch " << e;
        lr = replay.step(r.train_loss[e], lr);
    }
    EXPECT_LT(r.learning_rate.back(), o.lr) << "no reduction in 40 epochs of a flat loss";
    const std::size_t first_drop =
        std::size_t(std::find_if(r.learning_rate.begin(), r.learning_rate.end(), [&](double x) { return x < o.lr; }) -
                    r.learning_rate.begin());
    EXPECT_GE(first_drop, 12u) << "a drop needs 11 epochs without improvement after the first";
    std::printf("  lr first lowered for epoch %zu, final lr %g\n", first_drop, r.learning_rate.back());
    EXPECT_TRUE(Ctm::load(m.save()).options().reduce_on_plateau);
}

TEST(CtmTraining, ValidationSetEarlyStoppingKeepsTheBestEpoch) {
    Corpus all = planted_corpus(400, 4, 60, 16, 1);
    Corpus train = rows_of(all, 0, 300), val = rows_of(all, 300, 100);
    CtmOptions o = small_options(InferenceType::ZeroShot, 4);
    o.num_epochs = 60;
    o.lr = 1e-2;  // overfits within a few epochs, so the validation loss turns up
    CtmValidationSet vs{&val.bow, val.embeddings.view(), {}};
    CtmFitOptions f;
    f.validation = &vs;
    f.patience = 3;
    std::vector<CtmCheckpoint> saved;
    f.on_checkpoint = [&](const CtmCheckpoint& c) { saved.push_back(c); };
    Ctm model(o);
    CtmFitReport r = model.fit(train.bow, train.embeddings.view(), {}, f);
    ASSERT_EQ(r.validation_loss.size(), r.epochs_run);
    ASSERT_TRUE(r.stopped_early) << "no early stop in 60 epochs";
    // The patience rule replayed on the recorded losses: stop at the first epoch that is the
    // third in a row without improvement; the best epoch is the minimum.
    std::size_t best = 0, counter = 0, stop = 0;
    std::vector<std::size_t> improved{0};
    for (std::size_t e = 1; e < r.validation_loss.size(); ++e) {
        if (r.validation_loss[e] > r.validation_loss[best]) {
            if (++counter >= 3) {
                stop = e;
                break;
            }
        } else {
            best = e;
            counter = 0;
            improved.push_back(e);
        }
    }
    EXPECT_EQ(r.epochs_run - 1, stop);
    EXPECT_EQ(r.best_epoch, best);
    EXPECT_EQ(r.validation_loss[best], *std::min_element(r.validation_loss.begin(), r.validation_loss.end()));
    // Checkpoints: exactly the improving epochs (CTM's EarlyStopping.save_checkpoint).
    std::vector<std::size_t> saved_epochs;
    for (const auto& c : saved) saved_epochs.push_back(c.epoch);
    EXPECT_EQ(saved_epochs, improved);
    for (const auto& c : saved) EXPECT_EQ(c.validation_loss, r.validation_loss[c.epoch]);
    // The kept model is the best epoch's: the same as its checkpoint, and as a model trained for
    // best + 1 epochs without validation (training does not depend on the validation set).
    EXPECT_EQ(thetas(Ctm::load(saved.back().bytes), all), thetas(model, all));
    CtmOptions shorter = o;
    shorter.num_epochs = best + 1;
    Ctm retrained(shorter);
    retrained.fit(train.bow, train.embeddings.view());
    EXPECT_EQ(thetas(retrained, all), thetas(model, all));
    EXPECT_EQ(retrained.topic_word_matrix().data, model.topic_word_matrix().data);
    std::printf("  validation set: %zu epochs run, best %zu (loss %.3f), checkpoints %zu\n", r.epochs_run, best,
                r.validation_loss[best], saved.size());
}

TEST(CtmTraining, CheckpointsEveryEpochLoadAsThatEpochsModel) {
    Corpus c = planted_corpus(150, 3, 20, 8, 9);
    CtmOptions o = small_options(InferenceType::Combined, 3);
    o.num_epochs = 4;
    o.solver = ctm::Solver::Sgd;
    o.reduce_on_plateau = true;
    std::vector<CtmCheckpoint> saved;
    CtmFitOptions f;
    f.on_checkpoint = [&](const CtmCheckpoint& cp) { saved.push_back(cp); };
    Ctm model(o);
    std::vector<std::string> vocab;
    for (std::size_t v = 0; v < c.bow.cols; ++v) vocab.push_back("w" + std::to_string(v));
    model.set_vocabulary(vocab);
    CtmFitReport r = model.fit(c.bow, c.embeddings.view(), {}, f);
    ASSERT_EQ(saved.size(), 4u);
    for (std::size_t e = 0; e < 4; ++e) {
        EXPECT_EQ(saved[e].epoch, e);
        EXPECT_EQ(saved[e].train_loss, r.train_loss[e]);
        EXPECT_TRUE(std::isnan(saved[e].validation_loss));
    }
    Ctm at1 = Ctm::load(saved[1].bytes);
    EXPECT_EQ(at1.vocabulary(), vocab);
    CtmOptions two = o;
    two.num_epochs = 2;
    Ctm trained2(two);
    trained2.fit(c.bow, c.embeddings.view());
    EXPECT_EQ(thetas(at1, c), thetas(trained2, c));
    EXPECT_EQ(thetas(Ctm::load(saved.back().bytes), c), thetas(model, c));
}

TEST(CtmTraining, TrainingOptionsDeterministicForThreadCount) {
    Corpus all = planted_corpus(200, 3, 100, 8, 2);
    Corpus train = rows_of(all, 0, 150), val = rows_of(all, 150, 50);
    auto run = [&](std::size_t threads) {
        set_thread_limit(threads);
        CtmOptions o = small_options(InferenceType::Combined, 3);
        o.num_epochs = 3;
        o.solver = ctm::Solver::Sgd;
        o.reduce_on_plateau = true;
        CtmValidationSet vs{&val.bow, val.embeddings.view(), {}};
        CtmFitOptions f;
        f.validation = &vs;
        Ctm m(o);
        CtmFitReport r = m.fit(train.bow, train.embeddings.view(), {}, f);
        auto t = thetas(m, all);
        set_thread_limit(1);
        return std::make_pair(t, r.validation_loss);
    };
    auto a = run(1), b = run(2);
    EXPECT_EQ(a.first, b.first);
    EXPECT_EQ(a.second, b.second);
}

TEST(CtmErrors, TrainingOptionErrorsLeaveTheModelAsItWas) {
    Corpus c = planted_corpus(80, 3, 10, 8, 6);
    Corpus val = rows_of(c, 0, 10);
    CtmOptions o = small_options(InferenceType::Combined, 3);
    o.num_epochs = 2;
    Ctm model(o);
    model.fit(c.bow, c.embeddings.view());
    const Matrix before = model.topic_word_matrix();
    auto fit_with = [&](const CtmValidationSet& vs) {
        CtmFitOptions f;
        f.validation = &vs;
        model.fit(c.bow, c.embeddings.view(), {}, f);
    };
    {
        Corpus wide = val;
        wide.bow.cols += 1;
        expect_error([&] { fit_with({&wide.bow, wide.embeddings.view(), {}}); }, "validation bag of words has 31 columns");
    }
    {
        Matrix e(10, 9);
        expect_error([&] { fit_with({&val.bow, e.view(), {}}); }, "validation embeddings have dimension 9");
        Matrix nan = val.embeddings;
        nan(2, 1) = std::nanf("");
        expect_error([&] { fit_with({&val.bow, nan.view(), {}}); }, "document 2 has a non-finite value");
        expect_error([&] { fit_with({nullptr, val.embeddings.view(), {}}); }, "needs its bag of words");
    }
    {
        CtmOptions frac = o;
        frac.validation_fraction = 0.2;
        CtmValidationSet vs{&val.bow, val.embeddings.view(), {}};
        CtmFitOptions f;
        f.validation = &vs;
        expect_error([&] { Ctm(frac).fit(c.bow, c.embeddings.view(), {}, f); }, "not both");
    }
    {
        CtmFitOptions f;
        f.patience = 0;
        expect_error([&] { model.fit(c.bow, c.embeddings.view(), {}, f); }, "patience must be at least 1");
        f.patience = 2;
        f.delta = -1;
        expect_error([&] { model.fit(c.bow, c.embeddings.view(), {}, f); }, "delta must be");
    }
    {  // a failing checkpoint callback stops training and changes nothing
        CtmFitOptions f;
        f.on_checkpoint = [](const CtmCheckpoint& cp) {
            if (cp.epoch == 1) throw Error("disk full");
        };
        expect_error([&] { model.fit(c.bow, c.embeddings.view(), {}, f); }, "disk full");
    }
    {  // momentum: Adam's beta1 must stay below 1 (torch), SGD accepts 1 (CTM's 0 < momentum <= 1)
        CtmOptions adam1 = o;
        adam1.momentum = 1.0;
        expect_error([&] { Ctm(adam1).fit(c.bow, c.embeddings.view()); }, "momentum (Adam beta1) must be in (0, 1)");
        CtmOptions sgd1 = adam1;
        sgd1.solver = ctm::Solver::Sgd;
        EXPECT_NO_THROW(Ctm(sgd1).fit(c.bow, c.embeddings.view()));
    }
    EXPECT_EQ(model.topic_word_matrix().data, before.data);
}
