// Ctm::fit: CTM 2.6's training loop (models/ctm.py, CTM.fit / _train_epoch / _validation) with its
// optimizer choice, the learning-rate plateau rule, early stopping on a validation loss and
// checkpoints. The schedule's pieces are in training.hpp.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "ctm/ctm.hpp"

namespace topicwasm {

using ctm::Network;

namespace {

// Rng streams: one per purpose so changing, say, the validation split leaves the init unchanged.
constexpr uint64_t kSplitStream = 1;
constexpr uint64_t kShuffleStreamBase = 1ull << 20;         // + epoch
constexpr uint64_t kNoiseSeedSalt = 0x6a09e667f3bcc909ull;  // training noise: (epoch << 32) | batch
constexpr uint64_t kValSeedSalt = 0xbb67ae8584caa73bull;

void shuffle(std::vector<uint32_t>& v, Rng& rng) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(uint32_t(i))]);
}

// Validation batch start offsets over n items, covering all of them (CTM's validation loader also
// drops the last incomplete batch of a shuffled order; we score every validation document so early
// stopping compares the same documents each epoch), with a trailing batch of one merged into the
// previous one.
std::vector<std::size_t> batch_bounds(std::size_t n, std::size_t batch) {
    std::vector<std::size_t> b;
    for (std::size_t s = 0; s < n; s += batch) b.push_back(s);
    b.push_back(n);
    if (b.size() > 2 && n - b[b.size() - 2] == 1) b.erase(b.end() - 2);
    return b;
}

// CTM's _validation: the eval-mode network (running statistics, no dropout) with sampled z, the
// summed loss divided by the number of documents. The draws come from (seed, epoch, batch).
double validation_loss(const Network<float>& net, ctm::BatchRef ref, const std::vector<uint32_t>& docs,
                       const CtmOptions& o, std::size_t epoch) {
    const std::size_t K = o.n_components;
    const auto vb = batch_bounds(docs.size(), o.batch_size);
    double total = 0;
    for (std::size_t bi = 0; bi + 1 < vb.size(); ++bi) {
        ref.docs = docs.data() + vb[bi];
        ref.size = vb[bi + 1] - vb[bi];
        Rng rng(o.seed ^ kValSeedSalt, (uint64_t(epoch) << 32) | bi);
        std::vector<double> eps_d(ref.size * K);
        ctm::fill_normal(rng, eps_d.data(), eps_d.size());
        std::vector<float> eps(eps_d.begin(), eps_d.end());
        total += net.eval_loss(ref, eps.data(), float(o.kl_weight)).total(o.kl_weight);
    }
    return total / double(docs.size());
}

void check_validation_set(const CtmValidationSet& vs, const CtmOptions& o, std::size_t V, std::size_t D) {
    const char* what = "CTM fit (validation set)";
    require(o.validation_fraction == 0,
            "CTM fit: give either a validation set or validation_fraction, not both");
    require(vs.bow != nullptr, "CTM fit: the validation set needs its bag of words");
    const std::size_t m = vs.bow->rows;
    require(m >= 1, "CTM fit: the validation set has no documents");
    require(vs.bow->cols == V, "CTM fit: the validation bag of words has " + std::to_string(vs.bow->cols) +
                                   " columns but the training vocabulary has " + std::to_string(V) + " words");
    const std::size_t first_empty = ctm::check_bow(*vs.bow, what);
    require(o.allow_empty_documents || first_empty == std::size_t(-1),
            "CTM fit: validation document " + std::to_string(first_empty) +
                " has an empty bag of words (no word of the training vocabulary); drop it or set allow_empty_documents");
    require(vs.embeddings.cols == D, "CTM fit: validation embeddings have dimension " + std::to_string(vs.embeddings.cols) +
                                         " but the training embeddings have " + std::to_string(D));
    ctm::check_embeddings(vs.embeddings, m, what);
    ctm::check_labels(vs.labels, m, o.label_size, false, what);
    require(m < (std::size_t(1) << 31), "CTM fit: too many validation documents");
}

}  // namespace

CtmFitReport Ctm::fit(const CountMatrix& bow, MatrixView embeddings, const std::vector<int32_t>& labels,
                      const Progress& progress, const std::atomic<bool>* cancel) {
    CtmFitOptions f;
    f.progress = progress;
    f.cancel = cancel;
    return fit(bow, embeddings, labels, f);
}

CtmFitReport Ctm::fit(const CountMatrix& bow, MatrixView embeddings, const std::vector<int32_t>& labels,
                      const CtmFitOptions& fo) {
    const CtmOptions& o = options_;
    validate(o);
    const std::size_t patience = fo.patience.value_or(o.patience);
    const double delta = fo.delta.value_or(o.delta);
    require(patience >= 1, "CTM fit: patience must be at least 1");
    require(delta >= 0 && std::isfinite(delta), "CTM fit: delta must be a finite number >= 0");
    const std::size_t n = bow.rows, V = bow.cols, K = o.n_components;
    require(n >= 2, "CTM fit: need at least 2 documents, got " + std::to_string(n));
    require(V >= K, "CTM fit: the vocabulary has " + std::to_string(V) + " words, fewer than n_components = " +
                        std::to_string(K));
    const std::size_t first_empty = ctm::check_bow(bow, "CTM fit");
    require(o.allow_empty_documents || first_empty == std::size_t(-1),
            "CTM fit: document " + std::to_string(first_empty) +
                " has an empty bag of words (no vocabulary word); drop it or set allow_empty_documents");
    ctm::check_embeddings(embeddings, n, "CTM fit");
    ctm::check_labels(labels, n, o.label_size, o.label_size > 0, "CTM fit");
    require(n < (std::size_t(1) << 31), "CTM fit: too many documents");
    const CtmValidationSet* vs = fo.validation;
    if (vs) check_validation_set(*vs, o, V, embeddings.cols);

    // Validation split (validation_fraction) or the given validation set.
    std::vector<uint32_t> train(n), val;
    std::iota(train.begin(), train.end(), 0u);
    if (o.validation_fraction > 0) {
        Rng rng(o.seed, kSplitStream);
        shuffle(train, rng);
        const std::size_t n_val = std::size_t(std::llround(double(n) * o.validation_fraction));
        require(n_val >= 2 && n - n_val >= 2, "CTM fit: validation_fraction leaves fewer than 2 documents on one side");
        val.assign(train.begin(), train.begin() + std::ptrdiff_t(n_val));
        train.erase(train.begin(), train.begin() + std::ptrdiff_t(n_val));
        std::sort(val.begin(), val.end());
        std::sort(train.begin(), train.end());
    }

    ctm::BatchRef ref;
    ref.bow = &bow;
    ref.embeddings = embeddings;
    ref.labels = labels.empty() ? nullptr : labels.data();
    ctm::BatchRef val_ref = ref;
    if (vs) {
        val.resize(vs->bow->rows);
        std::iota(val.begin(), val.end(), 0u);
        val_ref.bow = vs->bow;
        val_ref.embeddings = vs->embeddings;
        val_ref.labels = vs->labels.empty() ? nullptr : vs->labels.data();
    }
    const bool validating = !val.empty();

    auto net = std::make_shared<Network<float>>(ctm::shape_of(o, V, embeddings.cols), o.seed);
    std::shared_ptr<Network<float>> best;
    const ctm::OptimizerSettings optimizer{o.solver, o.momentum, o.beta2, o.adam_eps};
    ctm::PlateauScheduler plateau;
    ctm::EarlyStopping stopping(patience, delta);
    double lr = o.lr;
    const float klw = float(o.kl_weight);
    const std::size_t hidden_last = o.hidden_sizes.back();

    CtmFitReport result;
    int64_t step = 0;
    for (std::size_t epoch = 0; epoch < o.num_epochs; ++epoch) {
        std::vector<uint32_t> order = train;
        Rng shuffler(o.seed, kShuffleStreamBase + epoch);
        shuffle(order, shuffler);
        const auto bounds = ctm::training_batch_bounds(order.size(), o.batch_size);
        double epoch_loss = 0;
        for (std::size_t bi = 0; bi + 1 < bounds.size(); ++bi) {
            if (fo.cancel && fo.cancel->load()) throw Error("CTM fit cancelled");
            ref.docs = order.data() + bounds[bi];
            ref.size = bounds[bi + 1] - bounds[bi];
            Rng rng(o.seed ^ kNoiseSeedSalt, (uint64_t(epoch) << 32) | bi);
            auto noise = ctm::sample_noise<float>(ref.size, hidden_last, K, o.encoder_dropout, o.dropout, rng);
            ctm::LossParts loss = net->train_batch(ref, noise, klw, true);
            ctm::optimizer_step(*net, optimizer, lr, ++step);
            epoch_loss += loss.total(o.kl_weight);
        }
        // As CTM's _train_epoch: summed loss over the documents actually processed.
        const double train_loss = epoch_loss / double(bounds.back());
        require(std::isfinite(train_loss), "CTM fit: the loss became non-finite in epoch " + std::to_string(epoch + 1) +
                                               " (try a smaller lr)");
        result.train_loss.push_back(train_loss);
        result.learning_rate.push_back(lr);
        result.epochs_run = epoch + 1;

        // CTM saves a checkpoint after every epoch without validation, and when the validation loss
        // improves with it (EarlyStopping.save_checkpoint).
        bool improved = !validating, stop = false;
        double val_loss = std::numeric_limits<double>::quiet_NaN();
        if (validating) {
            val_loss = validation_loss(*net, val_ref, val, o, epoch);
            require(std::isfinite(val_loss), "CTM fit: the validation loss became non-finite in epoch " +
                                                 std::to_string(epoch + 1) + " (try a smaller lr)");
            result.validation_loss.push_back(val_loss);
            const auto outcome = stopping.update(val_loss);
            if (outcome == ctm::EarlyStopping::Outcome::Improved) {
                improved = true;
                best = std::make_shared<Network<float>>(*net);
                result.best_epoch = epoch;
            }
            stop = outcome == ctm::EarlyStopping::Outcome::Stop;
        }
        if (improved && fo.on_checkpoint) {
            CtmCheckpoint c;
            c.epoch = epoch;
            c.train_loss = train_loss;
            c.validation_loss = val_loss;
            c.learning_rate = lr;
            c.bytes = serialize(o, *net, vocabulary_.size() == V ? vocabulary_ : std::vector<std::string>{});
            fo.on_checkpoint(c);
        }
        report(fo.progress, "ctm", epoch + 1, o.num_epochs);
        if (stop) {
            result.stopped_early = true;
            break;
        }
        if (o.reduce_on_plateau) lr = plateau.step(train_loss, lr);
    }
    net_ = best ? best : net;
    if (!best) result.best_epoch = result.epochs_run - 1;
    return result;
}

}  // namespace topicwasm
