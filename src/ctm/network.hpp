#pragma once
// The CTM network (Bianchi et al. 2021; contextualized-topic-models 2.6, networks/
// inference_network.py + decoding_network.py): an inference network q(z | bow, embedding) and the
// ProdLDA decoder, with the forward pass, a hand-written backward pass and Adam.
//
// Templated on the scalar type: training runs in float, the finite-difference gradient check in
// double. Explicitly instantiated for float and double in network.cpp and network_train.cpp (the
// training step); their shared kernels are in network_kernels.hpp.
//
// Architecture (names are the PyTorch state_dict keys, so saved files read like CTM's):
//   CombinedTM input  = [bow (V) | adapt_bert(embedding) (V) | one-hot label (L)]
//   ZeroShotTM input  = [embedding (D) | one-hot label (L)]
//   h = act(input_layer(input)); h = act(hiddens.l_i(h)) ...; h = dropout_enc(h)   (p = 0.2 fixed
//       in CTM: DecoderNetwork does not pass its dropout to the inference network)
//   mu = BN(f_mu(h)), logvar = BN(f_sigma(h))            (BatchNorm1d, affine=False)
//   z = mu + exp(logvar / 2) * eps, theta = dropout(softmax(z))
//   word_dist = softmax(BN(theta @ beta))                 (beta_batchnorm, affine=False)
//   loss = sum_batch [kl_weight * KL(q || prior) + -sum(bow * log(word_dist + 1e-10))]
//          + mean_batch CrossEntropy(label_classification(theta), label)     (label_size > 0)
// BatchNorm uses batch statistics (biased variance) in training and updates running statistics
// (momentum 0.1, unbiased variance, eps 1e-5) exactly as torch.nn.BatchNorm1d does.
//
// Determinism: the wide (vocabulary-sized) stages run over fixed column chunks of the vocabulary
// and fixed row chunks of documents; each chunk is computed by one thread with one Eigen call,
// and partial sums over chunks are reduced in chunk order, so results do not depend on the number
// of threads.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/matrix.hpp"
#include "core/rng.hpp"
#include "core/sparse.hpp"

namespace topicwasm::ctm {

enum class InferenceType { Combined, ZeroShot };
enum class Activation { Softplus, Relu };

struct NetworkShape {
    InferenceType type = InferenceType::Combined;
    std::size_t vocab = 0;
    std::size_t embedding_dim = 0;
    std::size_t n_components = 10;
    std::size_t label_size = 0;
    std::vector<std::size_t> hidden{100, 100};
    Activation activation = Activation::Softplus;
    bool learn_priors = true;
};

// One tensor: weights, gradient, Adam moments. Row-major rows x cols; `shape` is the torch shape
// used when saving (a bias is 1 x n here and [n] there).
template <class T>
struct Param {
    std::string name;
    std::size_t rows = 0, cols = 0;
    std::vector<uint64_t> shape;
    bool trainable = true;
    std::vector<T> w, g, m, v;

    std::size_t size() const { return w.size(); }
};

// Running statistics of one BatchNorm1d(affine=False).
template <class T>
struct BatchNormStats {
    std::string name;  // state_dict prefix, e.g. "inf_net.f_mu_batchnorm"
    std::vector<T> running_mean, running_var;
    int64_t num_batches_tracked = 0;
};

// Rows of a batch: documents docs[0..size) of the bag of words and embeddings.
struct BatchRef {
    const CountMatrix* bow = nullptr;  // may be null in eval for ZeroShotTM
    MatrixView embeddings;
    const int32_t* labels = nullptr;   // class per document (indexed by document id) or null
    const uint32_t* docs = nullptr;
    std::size_t size = 0;
};

// The random draws of one training batch, fixed up front so a step is a pure function of them
// (the gradient check relies on this).
template <class T>
struct Noise {
    std::vector<T> eps;         // B x K standard normals
    std::vector<T> enc_mask;    // B x H_last: 0 or 1 / (1 - p)
    std::vector<T> theta_mask;  // B x K: 0 or 1 / (1 - p)
};

template <class T>
Noise<T> sample_noise(std::size_t batch, std::size_t hidden_last, std::size_t k, double encoder_dropout,
                      double theta_dropout, Rng& rng);

// Standard normals by Box-Muller, identical on every platform: one value per call, or n values
// using both values of each pair.
double normal(Rng& rng);
void fill_normal(Rng& rng, double* out, std::size_t n);

struct LossParts {
    double kl = 0;     // sum over the batch of KL (before kl_weight)
    double rl = 0;     // sum over the batch of the reconstruction NLL
    double label = 0;  // mean over the batch of the label cross-entropy (as CTM)
    double total(double kl_weight) const { return kl_weight * kl + rl + label; }
};

template <class T>
class Network {
public:
    Network() = default;
    // Initialises like torch: Linear weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)), beta
    // Xavier-uniform, prior mean 0 and variance 1 - 1/K, running mean 0 and variance 1.
    Network(const NetworkShape& shape, uint64_t seed);

    const NetworkShape& shape() const { return shape_; }

    // Every tensor, in a fixed order (trainable or not). Pointers stay valid while the Network lives.
    std::vector<Param<T>*> params();
    std::vector<const Param<T>*> params() const;
    std::vector<BatchNormStats<T>*> batch_norms();
    std::vector<const BatchNormStats<T>*> batch_norms() const;
    Param<T>& beta() { return beta_; }
    const Param<T>& beta() const { return beta_; }

    // Training-mode forward and backward pass over one batch: writes the gradient of
    // loss.total(kl_weight) into every Param::g and returns the loss. Updates the BatchNorm
    // running statistics when update_running_stats.
    LossParts train_batch(const BatchRef& batch, const Noise<T>& noise, T kl_weight, bool update_running_stats);

    // One Adam step (torch.optim.Adam, no weight decay) with step count `step` (1-based).
    void adam_step(double lr, double beta1, double beta2, double eps, int64_t step);
    // Runs update(param, i0, i1) over element ranges of every trainable tensor, in parallel (for
    // element-wise optimizer steps: Adam above, SGD in training.cpp).
    void update_trainable(const std::function<void(Param<T>&, std::size_t, std::size_t)>& update);

    // Eval-mode encoder (running statistics, no dropout): writes mu and logvar, batch.size x K,
    // row-major. CombinedTM folds adapt_bert into the input layer first (no nonlinearity lies
    // between them), which makes inference about 20x cheaper.
    void encode_eval(const BatchRef& batch, T* mu, T* logvar) const;

    // Eval-mode loss of a batch (CTM's _validation): eps is batch.size x K standard normals.
    LossParts eval_loss(const BatchRef& batch, const T* eps, T kl_weight) const;

    // Label-head logits for thetas (rows x K) -> rows x label_size.
    std::vector<T> label_logits(const T* theta, std::size_t rows) const;

private:
    NetworkShape shape_;
    Param<T> adapt_w_, adapt_b_, in_w_, in_b_;
    std::vector<Param<T>> hid_w_, hid_b_;
    Param<T> mu_w_, mu_b_, ls_w_, ls_b_;
    Param<T> prior_mean_, prior_var_, beta_;
    Param<T> lab_w_, lab_b_;
    BatchNormStats<T> mu_bn_, ls_bn_, beta_bn_;
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace topicwasm::ctm
