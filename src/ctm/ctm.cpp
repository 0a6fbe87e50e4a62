#include "ctm/ctm.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "io/safetensors.hpp"

namespace topicwasm {

using ctm::InferenceType;
using ctm::Network;

namespace {

// Inference draws: stream = document index (the training streams are in ctm_fit.cpp).
constexpr uint64_t kInferSeedSalt = 0x3c6ef372fe94f82bull;

std::string fmt_double(double x) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return buf;
}

double parse_double(const std::string& s, const std::string& key) {
    try {
        std::size_t used = 0;
        double v = std::stod(s, &used);
        if (used == s.size()) return v;
    } catch (...) {
    }
    throw Error("CTM load: metadata '" + key + "' is not a number: '" + s + "'");
}

uint64_t parse_uint(const std::string& s, const std::string& key) {
    require(!s.empty() && s.size() <= 20 && s.find_first_not_of("0123456789") == std::string::npos,
            "CTM load: metadata '" + key + "' is not a non-negative integer: '" + s + "'");
    return std::stoull(s);
}

}  // namespace

void ctm::check_embeddings(MatrixView e, std::size_t rows, const char* what) {
    require(e.rows == rows, std::string(what) + ": embeddings have " + std::to_string(e.rows) +
                                " rows but there are " + std::to_string(rows) + " documents");
    require(e.cols > 0 && (e.data != nullptr || rows == 0), std::string(what) + ": embeddings are empty");
    const std::size_t total = e.rows * e.cols;
    for (std::size_t i = 0; i < total; ++i)
        if (!std::isfinite(e.data[i]))
            throw Error(std::string(what) + ": embedding of document " + std::to_string(i / e.cols) +
                        " has a non-finite value (NaN or infinity) at dimension " + std::to_string(i % e.cols));
}

// Returns the index of the first document with an empty bag of words, or npos. (Messages are built
// only on failure: these loops touch every nonzero.)
std::size_t ctm::check_bow(const CountMatrix& bow, const char* what) {
    const std::string w(what);
    if (!(bow.indptr.size() == bow.rows + 1 && bow.indptr.front() == 0 && bow.indptr.back() == bow.indices.size() &&
          bow.values.size() == bow.indices.size()))
        throw Error(w + ": malformed bag-of-words matrix (indptr/indices/values sizes disagree)");
    std::size_t first_empty = std::size_t(-1);
    for (std::size_t i = 0; i < bow.rows; ++i) {
        if (bow.indptr[i] > bow.indptr[i + 1]) throw Error(w + ": malformed bag-of-words matrix (indptr decreases)");
        double total = 0;
        for (std::size_t o = bow.indptr[i]; o < bow.indptr[i + 1]; ++o) {
            if (bow.indices[o] >= bow.cols)
                throw Error(w + ": bag of words of document " + std::to_string(i) + " has word index " +
                            std::to_string(bow.indices[o]) + " outside the vocabulary of " + std::to_string(bow.cols));
            if (o > bow.indptr[i] && bow.indices[o] <= bow.indices[o - 1])
                throw Error(w + ": bag of words of document " + std::to_string(i) +
                            " has unsorted or repeated word indices");
            const float v = bow.values[o];
            if (!(std::isfinite(v) && v >= 0))
                throw Error(w + ": bag of words of document " + std::to_string(i) + " has a negative or non-finite count");
            total += v;
        }
        if (total == 0 && first_empty == std::size_t(-1)) first_empty = i;
    }
    return first_empty;
}

void ctm::check_labels(const std::vector<int32_t>& labels, std::size_t n, std::size_t label_size, bool required,
                  const char* what) {
    if (labels.empty()) {
        require(!required, std::string(what) + ": label_size is " + std::to_string(label_size) +
                               " but no labels were given");
        return;
    }
    require(label_size > 0, std::string(what) + ": labels given but label_size is 0");
    require(labels.size() == n, std::string(what) + ": " + std::to_string(labels.size()) + " labels for " +
                                    std::to_string(n) + " documents");
    for (std::size_t i = 0; i < n; ++i)
        if (labels[i] < 0 || std::size_t(labels[i]) >= label_size)
            throw Error(std::string(what) + ": label " + std::to_string(labels[i]) + " of document " + std::to_string(i) +
                        " is outside [0, " + std::to_string(label_size) + ")");
}

ctm::NetworkShape ctm::shape_of(const CtmOptions& o, std::size_t vocab, std::size_t dim) {
    ctm::NetworkShape s;
    s.type = o.model_type;
    s.vocab = vocab;
    s.embedding_dim = dim;
    s.n_components = o.n_components;
    s.label_size = o.label_size;
    s.hidden = o.hidden_sizes;
    s.activation = o.activation;
    s.learn_priors = o.learn_priors;
    return s;
}

// CTM 2.6 trains with DataLoader(shuffle=True, drop_last=True) (models/ctm.py,
// CTM.fit), so the incomplete last batch of each (shuffled) epoch is skipped and every step sees a
// full batch: no step's batch-norm statistics come from a handful of documents. With fewer
// documents than batch_size CTM would take no step at all; we train on the one batch of all of them.
std::vector<std::size_t> ctm::training_batch_bounds(std::size_t n, std::size_t batch) {
    if (n <= batch) return {0, n};
    std::vector<std::size_t> b;
    for (std::size_t s = 0; s + batch <= n; s += batch) b.push_back(s);
    b.push_back(b.back() + batch);
    return b;
}

void validate(const CtmOptions& o) {
    require(o.n_components >= 2, "CTM: n_components must be at least 2 (got " + std::to_string(o.n_components) + ")");
    require(!o.hidden_sizes.empty(), "CTM: hidden_sizes must name at least one layer");
    for (std::size_t h : o.hidden_sizes) require(h > 0, "CTM: hidden_sizes must be positive");
    require(o.dropout >= 0 && o.dropout < 1, "CTM: dropout must be in [0, 1)");
    require(o.encoder_dropout >= 0 && o.encoder_dropout < 1, "CTM: encoder_dropout must be in [0, 1)");
    require(o.batch_size >= 2, "CTM: batch_size must be at least 2 (batch normalisation needs two documents)");
    require(o.lr > 0 && std::isfinite(o.lr), "CTM: lr must be > 0");
    // CTM asserts 0 < momentum <= 1; torch's Adam also refuses beta1 = 1 (its bias correction
    // would divide by zero), torch's SGD accepts it.
    if (o.solver == ctm::Solver::Adam)
        require(o.momentum > 0 && o.momentum < 1, "CTM: momentum (Adam beta1) must be in (0, 1)");
    else
        require(o.momentum > 0 && o.momentum <= 1, "CTM: momentum (SGD) must be in (0, 1]");
    require(o.beta2 > 0 && o.beta2 < 1, "CTM: beta2 must be in (0, 1)");
    require(o.adam_eps > 0, "CTM: adam_eps must be > 0");
    require(o.num_epochs >= 1, "CTM: num_epochs must be at least 1");
    require(o.kl_weight >= 0 && std::isfinite(o.kl_weight), "CTM: kl_weight must be >= 0");
    require(o.validation_fraction >= 0 && o.validation_fraction < 1, "CTM: validation_fraction must be in [0, 1)");
    require(o.patience >= 1, "CTM: patience must be at least 1");
    require(o.delta >= 0 && std::isfinite(o.delta), "CTM: delta must be a finite number >= 0");
    require(o.label_size != 1, "CTM: label_size must be 0 (no labels) or at least 2 classes");
}

Ctm::Ctm(CtmOptions options) : options_(std::move(options)) {}

std::size_t Ctm::vocab_size() const { return net_ ? net_->shape().vocab : 0; }
std::size_t Ctm::embedding_dim() const { return net_ ? net_->shape().embedding_dim : 0; }

Matrix Ctm::transform(const CountMatrix* bow, MatrixView embeddings, std::size_t n_samples,
                      const std::vector<int32_t>& labels) const {
    require(net_ != nullptr, "CTM transform: the model is not fitted");
    require(n_samples >= 1, "CTM transform: n_samples must be at least 1");
    const auto& s = net_->shape();
    const std::size_t n = embeddings.rows, K = s.n_components;
    require(embeddings.cols == s.embedding_dim, "CTM transform: embeddings have dimension " +
                                                    std::to_string(embeddings.cols) + " but the model was trained on " +
                                                    std::to_string(s.embedding_dim));
    ctm::check_embeddings(embeddings, n, "CTM transform");
    if (s.type == InferenceType::Combined)
        require(bow != nullptr, "CTM transform: CombinedTM needs the bag of words of the documents");
    if (bow) {
        require(bow->rows == n, "CTM transform: bag of words has " + std::to_string(bow->rows) + " documents but " +
                                    std::to_string(n) + " embeddings were given");
        require(bow->cols == s.vocab, "CTM transform: bag of words has " + std::to_string(bow->cols) +
                                          " columns but the model's vocabulary has " + std::to_string(s.vocab) + " words");
        ctm::check_bow(*bow, "CTM transform");
    }
    ctm::check_labels(labels, n, s.label_size, false, "CTM transform");
    Matrix out(n, K);
    if (n == 0) return out;

    std::vector<uint32_t> docs(n);
    std::iota(docs.begin(), docs.end(), 0u);
    ctm::BatchRef ref;
    ref.bow = s.type == InferenceType::Combined ? bow : nullptr;
    ref.embeddings = embeddings;
    ref.labels = labels.empty() ? nullptr : labels.data();
    ref.docs = docs.data();
    ref.size = n;
    std::vector<float> mu(n * K), ls(n * K);
    net_->encode_eval(ref, mu.data(), ls.data());

    const uint64_t seed = options_.seed ^ kInferSeedSalt;
    parallel_for(
        n,
        [&](std::size_t b, std::size_t e, std::size_t) {
            std::vector<double> z(K), acc(K), sigma(K), eps(n_samples * K);
            for (std::size_t i = b; i < e; ++i) {
                Rng rng(seed, i);
                ctm::fill_normal(rng, eps.data(), eps.size());
                std::fill(acc.begin(), acc.end(), 0.0);
                for (std::size_t k = 0; k < K; ++k) sigma[k] = std::exp(0.5 * double(ls[i * K + k]));
                for (std::size_t t = 0; t < n_samples; ++t) {
                    double mx = -INFINITY;
                    for (std::size_t k = 0; k < K; ++k) {
                        z[k] = double(mu[i * K + k]) + sigma[k] * eps[t * K + k];
                        mx = std::max(mx, z[k]);
                    }
                    double sum = 0;
                    for (std::size_t k = 0; k < K; ++k) sum += (z[k] = std::exp(z[k] - mx));
                    for (std::size_t k = 0; k < K; ++k) acc[k] += z[k] / sum;
                }
                for (std::size_t k = 0; k < K; ++k) out(i, k) = float(acc[k] / double(n_samples));
            }
        },
        64);
    return out;
}

std::vector<int32_t> Ctm::predicted_topics(const Matrix& doc_topic) {
    std::vector<int32_t> out(doc_topic.rows);
    for (std::size_t i = 0; i < doc_topic.rows; ++i) {
        const float* r = doc_topic.row(i);
        out[i] = int32_t(std::max_element(r, r + doc_topic.cols) - r);
    }
    return out;
}

Matrix Ctm::topic_word_matrix() const {
    require(net_ != nullptr, "CTM: the model is not fitted");
    const auto& beta = net_->beta();
    Matrix m(beta.rows, beta.cols);
    std::copy(beta.w.begin(), beta.w.end(), m.data.begin());
    return m;
}

Matrix Ctm::topic_word_distribution() const {
    Matrix m = topic_word_matrix();
    for (std::size_t k = 0; k < m.rows; ++k) {
        float* r = m.row(k);
        const float mx = *std::max_element(r, r + m.cols);
        double s = 0;
        for (std::size_t j = 0; j < m.cols; ++j) s += std::exp(double(r[j] - mx));
        for (std::size_t j = 0; j < m.cols; ++j) r[j] = float(std::exp(double(r[j] - mx)) / s);
    }
    return m;
}

std::vector<std::vector<uint32_t>> Ctm::top_word_ids(std::size_t k) const {
    Matrix m = topic_word_matrix();
    require(k >= 1 && k <= m.cols, "CTM: k must be in [1, vocabulary size]");
    std::vector<std::vector<uint32_t>> out(m.rows);
    for (std::size_t t = 0; t < m.rows; ++t) {
        std::vector<uint32_t> idx(m.cols);
        std::iota(idx.begin(), idx.end(), 0u);
        const float* r = m.row(t);
        std::partial_sort(idx.begin(), idx.begin() + std::ptrdiff_t(k), idx.end(),
                          [r](uint32_t a, uint32_t b) { return r[a] > r[b] || (r[a] == r[b] && a < b); });
        out[t].assign(idx.begin(), idx.begin() + std::ptrdiff_t(k));
    }
    return out;
}

std::vector<std::vector<std::string>> Ctm::topic_lists(std::size_t k) const {
    require(vocabulary_.size() == vocab_size(), "CTM: topic_lists needs a vocabulary of " +
                                                    std::to_string(vocab_size()) + " words (set_vocabulary)");
    std::vector<std::vector<std::string>> out;
    for (const auto& ids : top_word_ids(k)) {
        out.emplace_back();
        for (uint32_t i : ids) out.back().push_back(vocabulary_[i]);
    }
    return out;
}

Matrix Ctm::predict_label_probabilities(const Matrix& doc_topic) const {
    require(net_ != nullptr, "CTM: the model is not fitted");
    require(doc_topic.cols == options_.n_components, "CTM: doc-topic matrix must have n_components columns");
    const std::size_t L = options_.label_size;
    std::vector<float> logits = net_->label_logits(doc_topic.data.data(), doc_topic.rows);
    Matrix p(doc_topic.rows, L);
    for (std::size_t i = 0; i < doc_topic.rows; ++i) {
        const float* r = logits.data() + i * L;
        const float mx = *std::max_element(r, r + L);
        double s = 0;
        for (std::size_t l = 0; l < L; ++l) s += std::exp(double(r[l] - mx));
        for (std::size_t l = 0; l < L; ++l) p(i, l) = float(std::exp(double(r[l] - mx)) / s);
    }
    return p;
}

void Ctm::set_vocabulary(std::vector<std::string> vocabulary) {
    require(!net_ || vocabulary.empty() || vocabulary.size() == vocab_size(),
            "CTM: vocabulary has " + std::to_string(vocabulary.size()) + " words but the model has " +
                std::to_string(vocab_size()));
    vocabulary_ = std::move(vocabulary);
}

std::vector<uint8_t> Ctm::save() const {
    require(net_ != nullptr, "CTM save: the model is not fitted");
    return serialize(options_, *net_, vocabulary_);
}

std::vector<uint8_t> Ctm::serialize(const CtmOptions& o, const Network<float>& net,
                                    const std::vector<std::string>& vocabulary) {
    namespace st = safetensors;
    st::File f;
    const auto& s = net.shape();
    auto& md = f.metadata;
    md["format"] = "topicwasm-ctm";
    md["format_version"] = "1";
    md["model_type"] = o.model_type == InferenceType::Combined ? "combined" : "zeroshot";
    md["n_components"] = std::to_string(o.n_components);
    std::string hs;
    for (std::size_t i = 0; i < o.hidden_sizes.size(); ++i) hs += (i ? "," : "") + std::to_string(o.hidden_sizes[i]);
    md["hidden_sizes"] = hs;
    md["activation"] = o.activation == ctm::Activation::Softplus ? "softplus" : "relu";
    md["dropout"] = fmt_double(o.dropout);
    md["encoder_dropout"] = fmt_double(o.encoder_dropout);
    md["learn_priors"] = o.learn_priors ? "true" : "false";
    md["batch_size"] = std::to_string(o.batch_size);
    md["solver"] = o.solver == ctm::Solver::Adam ? "adam" : "sgd";
    md["reduce_on_plateau"] = o.reduce_on_plateau ? "true" : "false";
    md["lr"] = fmt_double(o.lr);
    md["momentum"] = fmt_double(o.momentum);
    md["beta2"] = fmt_double(o.beta2);
    md["adam_eps"] = fmt_double(o.adam_eps);
    md["num_epochs"] = std::to_string(o.num_epochs);
    md["kl_weight"] = fmt_double(o.kl_weight);
    md["label_size"] = std::to_string(o.label_size);
    md["seed"] = std::to_string(o.seed);
    md["validation_fraction"] = fmt_double(o.validation_fraction);
    md["patience"] = std::to_string(o.patience);
    md["delta"] = fmt_double(o.delta);
    md["allow_empty_documents"] = o.allow_empty_documents ? "true" : "false";
    md["vocab_size"] = std::to_string(s.vocab);
    md["embedding_dim"] = std::to_string(s.embedding_dim);
    if (!vocabulary.empty()) md["vocabulary"] = st::encode_string_list(vocabulary);
    for (const auto* p : net.params()) f.add(st::make_f32(p->name, p->shape, p->w.data()));
    for (const auto* bn : net.batch_norms()) {
        f.add(st::make_f32(bn->name + ".running_mean", {bn->running_mean.size()}, bn->running_mean.data()));
        f.add(st::make_f32(bn->name + ".running_var", {bn->running_var.size()}, bn->running_var.data()));
        f.add(st::make_i64(bn->name + ".num_batches_tracked", {}, &bn->num_batches_tracked));
    }
    return st::serialize(f);
}

Ctm Ctm::load(const uint8_t* bytes, std::size_t size) {
    namespace st = safetensors;
    const st::File f = st::parse(bytes, size);
    auto meta = [&](const std::string& key) -> const std::string& {
        auto it = f.metadata.find(key);
        if (it == f.metadata.end()) throw Error("CTM load: metadata has no '" + key + "'");
        return it->second;
    };
    require(f.metadata.count("format") && meta("format") == "topicwasm-ctm", "CTM load: not a topicwasm CTM file");
    require(meta("format_version") == "1", "CTM load: unsupported format_version " + meta("format_version"));
    auto boolean = [&](const std::string& key) {
        const std::string& v = meta(key);
        require(v == "true" || v == "false", "CTM load: metadata '" + key + "' must be true or false");
        return v == "true";
    };
    CtmOptions o;
    const std::string& mt = meta("model_type");
    require(mt == "combined" || mt == "zeroshot", "CTM load: unknown model_type '" + mt + "'");
    o.model_type = mt == "combined" ? InferenceType::Combined : InferenceType::ZeroShot;
    o.n_components = std::size_t(parse_uint(meta("n_components"), "n_components"));
    o.hidden_sizes.clear();
    {
        const std::string& hs = meta("hidden_sizes");
        std::size_t pos = 0;
        while (pos <= hs.size()) {
            std::size_t comma = hs.find(',', pos);
            if (comma == std::string::npos) comma = hs.size();
            o.hidden_sizes.push_back(std::size_t(parse_uint(hs.substr(pos, comma - pos), "hidden_sizes")));
            pos = comma + 1;
        }
    }
    const std::string& act = meta("activation");
    require(act == "softplus" || act == "relu", "CTM load: unknown activation '" + act + "'");
    o.activation = act == "softplus" ? ctm::Activation::Softplus : ctm::Activation::Relu;
    o.dropout = parse_double(meta("dropout"), "dropout");
    o.encoder_dropout = parse_double(meta("encoder_dropout"), "encoder_dropout");
    o.learn_priors = boolean("learn_priors");
    o.batch_size = std::size_t(parse_uint(meta("batch_size"), "batch_size"));
    // Files written before the solver options existed were trained with Adam, without the plateau rule.
    if (f.metadata.count("solver")) {
        const std::string& solver = meta("solver");
        require(solver == "adam" || solver == "sgd", "CTM load: unknown solver '" + solver + "'");
        o.solver = solver == "adam" ? ctm::Solver::Adam : ctm::Solver::Sgd;
    }
    if (f.metadata.count("reduce_on_plateau")) o.reduce_on_plateau = boolean("reduce_on_plateau");
    o.lr = parse_double(meta("lr"), "lr");
    o.momentum = parse_double(meta("momentum"), "momentum");
    o.beta2 = parse_double(meta("beta2"), "beta2");
    o.adam_eps = parse_double(meta("adam_eps"), "adam_eps");
    o.num_epochs = std::size_t(parse_uint(meta("num_epochs"), "num_epochs"));
    o.kl_weight = parse_double(meta("kl_weight"), "kl_weight");
    o.label_size = std::size_t(parse_uint(meta("label_size"), "label_size"));
    o.seed = parse_uint(meta("seed"), "seed");
    o.validation_fraction = parse_double(meta("validation_fraction"), "validation_fraction");
    o.patience = std::size_t(parse_uint(meta("patience"), "patience"));
    o.delta = parse_double(meta("delta"), "delta");
    o.allow_empty_documents = boolean("allow_empty_documents");
    validate(o);
    const std::size_t V = std::size_t(parse_uint(meta("vocab_size"), "vocab_size"));
    const std::size_t D = std::size_t(parse_uint(meta("embedding_dim"), "embedding_dim"));
    require(V >= o.n_components && D > 0 && V <= (1u << 24) && D <= (1u << 16), "CTM load: bad vocab_size/embedding_dim");

    Ctm model(o);
    auto net = std::make_shared<Network<float>>(ctm::shape_of(o, V, D), o.seed);
    auto expect = [&](const std::string& name, const std::vector<uint64_t>& shape) -> std::vector<float> {
        const st::Tensor& t = f.get(name);
        require(t.shape == shape, "CTM load: tensor '" + name + "' has the wrong shape");
        require(t.dtype == st::Dtype::F32 || t.dtype == st::Dtype::F16 || t.dtype == st::Dtype::F64,
                "CTM load: tensor '" + name + "' must be floating point");
        std::vector<float> v = t.to_f32();
        for (float x : v) require(std::isfinite(x), "CTM load: tensor '" + name + "' has a non-finite value");
        return v;
    };
    for (auto* p : net->params()) p->w = expect(p->name, p->shape);
    for (auto* bn : net->batch_norms()) {
        bn->running_mean = expect(bn->name + ".running_mean", {bn->running_mean.size()});
        bn->running_var = expect(bn->name + ".running_var", {bn->running_var.size()});
        for (float v : bn->running_var) require(v >= 0, "CTM load: negative running variance in '" + bn->name + "'");
        if (const st::Tensor* t = f.find(bn->name + ".num_batches_tracked")) {
            auto v = t->to_i64();
            require(v.size() == 1, "CTM load: num_batches_tracked must be a scalar");
            bn->num_batches_tracked = v[0];
        }
    }
    model.net_ = net;
    if (f.metadata.count("vocabulary")) {
        auto vocab = st::decode_string_list(meta("vocabulary"));
        require(vocab.size() == V, "CTM load: vocabulary has " + std::to_string(vocab.size()) + " words, expected " +
                                       std::to_string(V));
        model.vocabulary_ = std::move(vocab);
    }
    return model;
}

}  // namespace topicwasm
