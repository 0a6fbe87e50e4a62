#pragma once
// Contextualized Topic Models: CombinedTM and ZeroShotTM (Bianchi et al. 2021, "Pre-training is a
// Hot Topic" (ACL) and "Cross-lingual Contextualized Topic Models with Zero-shot Learning" (EACL);
// reference implementation contextualized-topic-models 2.6, models/ctm.py). See network.hpp for the
// architecture.
//
// Usage: Ctm model(options); model.fit(bow, embeddings); theta = model.transform(&bow, embeddings);
// model.top_word_ids(10); bytes = model.save(); Ctm::load(bytes).
//
// Choices where CTM leaves room (documented here, tested in tests/native/ctm_test.cpp):
// - Documents with an empty bag of words are rejected by fit() with an Error naming the first one
//   (CTM silently trains on them, where they only pull theta towards the prior); set
//   allow_empty_documents to accept them. transform() accepts them (ZeroShotTM ignores the bag of
//   words entirely; CombinedTM then relies on the embedding alone).
// - Training skips the incomplete last batch of each shuffled epoch, as CTM's
//   DataLoader(drop_last=True) does; with fewer documents than batch_size (where CTM would take no
//   step) all documents form one batch.
// - With a validation set (CTM's fit(validation_dataset=...)) or a validation split
//   (validation_fraction), the whole network of the best validation epoch is restored at the end
//   (CTM keeps only that epoch's beta as best_components, so its topics and its transform can come
//   from different epochs). The validation loss scores every validation document in a fixed order
//   (CTM's validation DataLoader shuffles and drops the last incomplete batch), so early stopping
//   compares the same documents every epoch.
// - reduce_on_plateau: CTM 2.6 builds ReduceLROnPlateau(optimizer, patience=10) but never calls its
//   step(), so the option has no effect there; we do what its docstring says ("reduce learning rate
//   by 10x on plateau of 10 epochs"), stepping torch's scheduler rule on the training loss after
//   every epoch (training.hpp).
// - Checkpoints (CTM's save_dir): the model as save() writes it, after every epoch without
//   validation, after every epoch that improves the validation loss with it (as CTM's
//   EarlyStopping.save_checkpoint).
// - get_doc_topic_distribution: CTM runs the eval-mode network n_samples times; the encoder is
//   deterministic in eval mode, so we encode once and draw n_samples reparameterised samples of
//   theta per document (same distribution, 1/n_samples of the work). The draws come from
//   (seed, document index), so results do not depend on batching or threads.
// - Labels (label_size > 0) are class ids in [0, label_size) (CTM one-hot encodes them). As in CTM
//   they are concatenated to the encoder input; transform() without labels feeds zeros there.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/matrix.hpp"
#include "core/progress.hpp"
#include "core/sparse.hpp"
#include "ctm/network.hpp"
#include "ctm/training.hpp"

namespace topicwasm {

struct CtmOptions {
    // "combined" (CombinedTM: bag of words + embedding in the encoder) or "zeroshot" (ZeroShotTM:
    // embedding only, so it can infer topics for documents in other languages).
    ctm::InferenceType model_type = ctm::InferenceType::Combined;
    std::size_t n_components = 10;                 // K, number of topics (CTM default 10)
    std::vector<std::size_t> hidden_sizes{100, 100};
    ctm::Activation activation = ctm::Activation::Softplus;
    double dropout = 0.2;          // dropout on theta (CTM's `dropout`)
    double encoder_dropout = 0.2;  // CTM's inference network always uses its default 0.2
    bool learn_priors = true;
    std::size_t batch_size = 64;
    // CTM's solver: Adam (torch.optim.Adam, betas (momentum, beta2)) or SGD (torch.optim.SGD with
    // momentum `momentum`); both with learning rate lr (CTM's default 2e-3 for either).
    ctm::Solver solver = ctm::Solver::Adam;
    double lr = 2e-3;
    double momentum = 0.99;        // Adam beta1 (CTM: betas = (momentum, 0.99)); SGD's momentum
    // Divide lr by 10 after 10 epochs without a relative improvement of 1e-4 in the training loss
    // (torch ReduceLROnPlateau defaults, patience=10 as CTM; see the note above).
    bool reduce_on_plateau = false;
    double beta2 = 0.99;
    double adam_eps = 1e-8;        // torch default
    std::size_t num_epochs = 100;
    double kl_weight = 1.0;        // CTM's loss_weights={"beta": w}: the beta-VAE weight on KL
    std::size_t label_size = 0;    // number of label classes for the supervised head (0 = none)
    uint64_t seed = 42;
    // Fraction of the documents held out for validation and early stopping (0 = none; CTM takes
    // a separate validation dataset). Patience and delta as CTM's fit(patience=5, delta=0).
    double validation_fraction = 0.0;
    std::size_t patience = 5;
    double delta = 0.0;
    bool allow_empty_documents = false;
};

struct CtmFitReport {
    std::size_t epochs_run = 0;
    std::vector<double> train_loss;       // per epoch: summed loss / documents processed (as CTM)
    std::vector<double> validation_loss;  // per epoch, when validating
    std::vector<double> learning_rate;    // per epoch: the learning rate its steps used
    std::size_t best_epoch = 0;           // 0-based; the last epoch without validation
    bool stopped_early = false;
};

// A validation set given to fit (CTM's validation_dataset): its bag of words over the training
// vocabulary, its embeddings, and optionally its labels (label_size > 0; without them the
// validation loss has no label term).
struct CtmValidationSet {
    const CountMatrix* bow = nullptr;
    MatrixView embeddings;
    std::vector<int32_t> labels;
};

// What a checkpoint callback receives: the model of that epoch as save() writes it.
struct CtmCheckpoint {
    std::size_t epoch = 0;        // 0-based, as CTM's nn_epoch (its file epoch_{epoch}.pth)
    double train_loss = 0;
    double validation_loss = 0;   // NaN without validation
    double learning_rate = 0;
    std::vector<uint8_t> bytes;
};

struct CtmFitOptions {
    const CtmValidationSet* validation = nullptr;  // not with options.validation_fraction > 0
    std::optional<std::size_t> patience;           // CTM's fit(patience=5): default options.patience
    std::optional<double> delta;                   // CTM's fit(delta=0): default options.delta
    std::function<void(const CtmCheckpoint&)> on_checkpoint;  // called on the calling thread
    Progress progress;
    const std::atomic<bool>* cancel = nullptr;
};

class Ctm {
public:
    explicit Ctm(CtmOptions options = {});

    const CtmOptions& options() const { return options_; }
    bool fitted() const { return net_ != nullptr; }
    std::size_t vocab_size() const;
    std::size_t embedding_dim() const;

    // Trains from scratch on n documents: bow is n x V counts, embeddings n x D. labels: empty, or
    // n class ids when label_size > 0. Reports ("ctm", epoch, num_epochs) after every epoch; if
    // *cancel becomes true, stops before the next batch and throws Error, leaving the model as it
    // was (the same for any other Error).
    CtmFitReport fit(const CountMatrix& bow, MatrixView embeddings, const std::vector<int32_t>& labels = {},
                     const Progress& progress = {}, const std::atomic<bool>* cancel = nullptr);
    // The same with a validation set, fit-time patience / delta and checkpoints. Every input is
    // checked before training starts; an Error thrown by on_checkpoint also leaves the model as it was.
    CtmFitReport fit(const CountMatrix& bow, MatrixView embeddings, const std::vector<int32_t>& labels,
                     const CtmFitOptions& fit_options);

    // Document-topic distribution (n x K) averaged over n_samples draws of theta in eval mode.
    // bow may be null for ZeroShotTM (required for CombinedTM).
    Matrix transform(const CountMatrix* bow, MatrixView embeddings, std::size_t n_samples = 20,
                     const std::vector<int32_t>& labels = {}) const;
    // CTM's name for transform on the training documents.
    Matrix get_doc_topic_distribution(const CountMatrix& bow, MatrixView embeddings, std::size_t n_samples = 20,
                                      const std::vector<int32_t>& labels = {}) const {
        return transform(&bow, embeddings, n_samples, labels);
    }
    // argmax per row (CTM's get_predicted_topics).
    static std::vector<int32_t> predicted_topics(const Matrix& doc_topic);

    // K x V: beta of the kept epoch (CTM's best_components / get_topic_word_matrix for prodLDA).
    Matrix topic_word_matrix() const;
    // Row-wise softmax of topic_word_matrix (CTM's get_topic_word_distribution).
    Matrix topic_word_distribution() const;
    // Indices of the k largest entries of each topic's beta row, largest first (CTM's get_topics).
    std::vector<std::vector<uint32_t>> top_word_ids(std::size_t k = 10) const;
    // The same as words; needs a vocabulary (set_vocabulary) of size V.
    std::vector<std::vector<std::string>> topic_lists(std::size_t k = 10) const;

    // Softmax of the label head on given thetas (rows x label_size).
    Matrix predict_label_probabilities(const Matrix& doc_topic) const;

    void set_vocabulary(std::vector<std::string> vocabulary);
    const std::vector<std::string>& vocabulary() const { return vocabulary_; }

    // safetensors bytes: every tensor under its PyTorch state_dict name (float32), BatchNorm
    // running statistics, and the options + vocabulary in __metadata__.
    std::vector<uint8_t> save() const;
    static Ctm load(const uint8_t* bytes, std::size_t size);
    static Ctm load(const std::vector<uint8_t>& bytes) { return load(bytes.data(), bytes.size()); }

    // The trained network (for tests and advanced use).
    const ctm::Network<float>* network() const { return net_.get(); }

private:
    static std::vector<uint8_t> serialize(const CtmOptions& options, const ctm::Network<float>& net,
                                          const std::vector<std::string>& vocabulary);

    CtmOptions options_;
    std::shared_ptr<ctm::Network<float>> net_;
    std::vector<std::string> vocabulary_;
};

namespace ctm {
// Input checks shared by fit and transform (ctm.cpp); they throw Error naming `what`.
void check_embeddings(MatrixView e, std::size_t rows, const char* what);
// Returns the index of the first document with an empty bag of words, or npos.
std::size_t check_bow(const CountMatrix& bow, const char* what);
void check_labels(const std::vector<int32_t>& labels, std::size_t n, std::size_t label_size, bool required,
                  const char* what);
NetworkShape shape_of(const CtmOptions& o, std::size_t vocab, std::size_t dim);

// Start offsets (plus the end) of the training batches over n shuffled documents: full batches
// only, as CTM's DataLoader(drop_last=True); one batch of all n when n <= batch.
std::vector<std::size_t> training_batch_bounds(std::size_t n, std::size_t batch);
}  // namespace ctm

// Throws Error for options that cannot be trained (K < 2, empty hidden layer, batch < 2, ...).
void validate(const CtmOptions& options);

}  // namespace topicwasm
