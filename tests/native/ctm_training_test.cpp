// CTM's training options (CTM 2.6 models/ctm.py): the SGD solver, the ReduceLROnPlateau rule,
// early stopping on a validation set, checkpoints, and their input errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "ctm/ctm.hpp"
#include "ctm/training.hpp"
#include "ctm_corpus.hpp"

using namespace topicwasm;
using namespace topicwasm::ctm_test;
using ctm::InferenceType;

namespace {

// Thetas of a model on the corpus (the bag of words only for CombinedTM).
std::vector<float> thetas(const Ctm& m, const Corpus& c) {
    const CountMatrix* bow = m.options().model_type == InferenceType::Combined ? &c.bow : nullptr;
    return m.transform(bow, c.embeddings.view(), 5).data;
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
    o.batch_size = 120;  // one batch of every document, no dropout: the least noise
    o.dropout = 0;
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
    // torch's eps: 1e-8 -> 1e-9 would change lr by less than 1e-8, so there is no second drop.
    EXPECT_EQ(r.learning_rate.back(), 1e-8);
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
