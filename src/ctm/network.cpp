#include "ctm/network.hpp"

#include "ctm/network_kernels.hpp"

namespace topicwasm::ctm {

using namespace detail;

double normal(Rng& rng) {
    // Box-Muller with u1 in (0, 1] so the log is finite.
    const double u1 = 1.0 - rng.uniform_double();
    const double u2 = rng.uniform_double();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

void fill_normal(Rng& rng, double* out, std::size_t n) {
    // Box-Muller pairs: both the cosine and the sine value are used.
    for (std::size_t i = 0; i < n; i += 2) {
        const double u1 = 1.0 - rng.uniform_double();
        const double u2 = rng.uniform_double();
        const double r = std::sqrt(-2.0 * std::log(u1)), a = 6.283185307179586 * u2;
        out[i] = r * std::cos(a);
        if (i + 1 < n) out[i + 1] = r * std::sin(a);
    }
}

template <class T>
Noise<T> sample_noise(std::size_t batch, std::size_t hidden_last, std::size_t k, double encoder_dropout,
                      double theta_dropout, Rng& rng) {
    Noise<T> n;
    std::vector<double> eps(batch * k);
    fill_normal(rng, eps.data(), eps.size());
    n.eps.assign(eps.begin(), eps.end());
    auto mask = [&](std::vector<T>& m, std::size_t size, double p) {
        m.resize(size);
        const T keep = p > 0 ? T(1.0 / (1.0 - p)) : T(1);
        for (auto& x : m) x = (p > 0 && rng.uniform_double() < p) ? T(0) : keep;
    };
    mask(n.enc_mask, batch * hidden_last, encoder_dropout);
    mask(n.theta_mask, batch * k, theta_dropout);
    return n;
}

template Noise<float> sample_noise<float>(std::size_t, std::size_t, std::size_t, double, double, Rng&);
template Noise<double> sample_noise<double>(std::size_t, std::size_t, std::size_t, double, double, Rng&);

template <class T>
Network<T>::Network(const NetworkShape& shape, uint64_t seed) : shape_(shape) {
    require(shape.vocab > 0 && shape.embedding_dim > 0 && shape.n_components > 0 && !shape.hidden.empty(),
            "CTM network: empty dimension");
    for (std::size_t h : shape.hidden) require(h > 0, "CTM network: hidden sizes must be positive");
    Rng rng(seed, 0);
    const std::size_t V = shape.vocab, D = shape.embedding_dim, K = shape.n_components, L = shape.label_size;
    const bool combined = shape.type == InferenceType::Combined;
    if (combined) make_linear(adapt_w_, adapt_b_, "inf_net.adapt_bert", D, V, rng);
    const std::size_t in_dim = (combined ? 2 * V : D) + L;
    make_linear(in_w_, in_b_, "inf_net.input_layer", in_dim, shape.hidden[0], rng);
    for (std::size_t i = 0; i + 1 < shape.hidden.size(); ++i) {
        hid_w_.emplace_back();
        hid_b_.emplace_back();
        make_linear(hid_w_.back(), hid_b_.back(), "inf_net.hiddens.l_" + std::to_string(i) + ".0", shape.hidden[i],
                    shape.hidden[i + 1], rng);
    }
    make_linear(mu_w_, mu_b_, "inf_net.f_mu", shape.hidden.back(), K, rng);
    make_linear(ls_w_, ls_b_, "inf_net.f_sigma", shape.hidden.back(), K, rng);
    // Logistic-normal approximation of a Dirichlet(alpha = 1) prior (Srivastava & Sutton 2017).
    prior_mean_ = make_param<T>("prior_mean", 1, K, true);
    prior_var_ = make_param<T>("prior_variance", 1, K, true);
    std::fill(prior_var_.w.begin(), prior_var_.w.end(), T(1.0 - 1.0 / double(K)));
    prior_mean_.trainable = prior_var_.trainable = shape.learn_priors;
    beta_ = make_param<T>("beta", K, V, false);
    fill_uniform(beta_, std::sqrt(6.0 / double(K + V)), rng);  // xavier_uniform_
    if (L > 0) make_linear(lab_w_, lab_b_, "label_classification", K, L, rng);
    mu_bn_ = make_bn<T>("inf_net.f_mu_batchnorm", K);
    ls_bn_ = make_bn<T>("inf_net.f_sigma_batchnorm", K);
    beta_bn_ = make_bn<T>("beta_batchnorm", V);
}

template <class T>
std::vector<Param<T>*> Network<T>::params() {
    std::vector<Param<T>*> out;
    if (shape_.type == InferenceType::Combined) out.insert(out.end(), {&adapt_w_, &adapt_b_});
    out.insert(out.end(), {&in_w_, &in_b_});
    for (std::size_t i = 0; i < hid_w_.size(); ++i) out.insert(out.end(), {&hid_w_[i], &hid_b_[i]});
    out.insert(out.end(), {&mu_w_, &mu_b_, &ls_w_, &ls_b_, &prior_mean_, &prior_var_, &beta_});
    if (shape_.label_size > 0) out.insert(out.end(), {&lab_w_, &lab_b_});
    return out;
}

template <class T>
std::vector<const Param<T>*> Network<T>::params() const {
    auto ps = const_cast<Network<T>*>(this)->params();
    return std::vector<const Param<T>*>(ps.begin(), ps.end());
}

template <class T>
std::vector<BatchNormStats<T>*> Network<T>::batch_norms() {
    return {&mu_bn_, &ls_bn_, &beta_bn_};
}

template <class T>
std::vector<const BatchNormStats<T>*> Network<T>::batch_norms() const {
    return {&mu_bn_, &ls_bn_, &beta_bn_};
}


template <class T>
void Network<T>::update_trainable(const std::function<void(Param<T>&, std::size_t, std::size_t)>& update) {
    // One parallel loop over (tensor, element range) items: thread start-up is paid once per step
    // (it is not free in wasm). Updates are element-wise, so the split cannot change the result.
    struct Item {
        Param<T>* p;
        std::size_t i0, i1;
    };
    std::vector<Item> items;
    for (Param<T>* p : params()) {
        if (!p->trainable) continue;
        for (std::size_t i = 0; i < p->size(); i += 16384) items.push_back({p, i, std::min(p->size(), i + 16384)});
    }
    parallel_for(
        items.size(),
        [&](std::size_t first, std::size_t last, std::size_t) {
            for (std::size_t it = first; it < last; ++it) update(*items[it].p, items[it].i0, items[it].i1);
        },
        1);
}

template <class T>
void Network<T>::adam_step(double lr, double beta1, double beta2, double eps, int64_t step) {
    // torch.optim.Adam (single-tensor path): p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
    const double bc1 = 1.0 - std::pow(beta1, double(step));
    const double bc2 = 1.0 - std::pow(beta2, double(step));
    const T step_size = T(lr / bc1), bc2_sqrt = T(std::sqrt(bc2));
    const T b1 = T(beta1), b2 = T(beta2), e = T(eps);
    using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
    // Eigen vectorises the sqrt and divide.
    update_trainable([&](Param<T>& p, std::size_t i0, std::size_t i1) {
        const Eigen::Index n = Eigen::Index(i1 - i0);
        Eigen::Map<Arr> w(p.w.data() + i0, n), m(p.m.data() + i0, n), v(p.v.data() + i0, n);
        Eigen::Map<const Arr> g(p.g.data() + i0, n);
        m = b1 * m + (T(1) - b1) * g;
        v = b2 * v + (T(1) - b2) * g.square();
        w -= step_size * m / (v.sqrt() / bc2_sqrt + e);
    });
}

template <class T>
void Network<T>::encode_eval(const BatchRef& batch, T* mu_out, T* ls_out) const {
    const std::size_t V = shape_.vocab, D = shape_.embedding_dim, K = shape_.n_components, L = shape_.label_size;
    const std::size_t H0 = shape_.hidden[0], nh = shape_.hidden.size();
    const bool combined = shape_.type == InferenceType::Combined;
    const bool has_labels = L > 0 && batch.labels;
    const Activation a = shape_.activation;
    auto W0 = W(in_w_);
    // Folded input weights for the embedding: input_layer restricted to its embedding inputs.
    Mat<T> We{Eigen::Index(H0), Eigen::Index(D)};
    RowVec<T> bias0 = Bv(in_b_);
    if (combined) {
        auto Wa = W(adapt_w_);
        for_chunks(D, 64, [&](std::size_t, std::size_t d0, std::size_t d1) {
            We.middleCols(Eigen::Index(d0), Eigen::Index(d1 - d0)).noalias() =
                W0.middleCols(Eigen::Index(V), Eigen::Index(V)) * Wa.middleCols(Eigen::Index(d0), Eigen::Index(d1 - d0));
        });
        bias0.noalias() += Bv(adapt_b_) * W0.middleCols(Eigen::Index(V), Eigen::Index(V)).transpose();
    } else {
        We = W0.leftCols(Eigen::Index(D));
    }
    Mat<T> W0bt;  // bag-of-words weights, one contiguous row per word (see train_batch)
    if (combined) W0bt = W0.leftCols(Eigen::Index(V)).transpose();
    const std::size_t label_off = combined ? 2 * V : D;
    auto bn_eval = [](Mat<T>& x, const BatchNormStats<T>& s) {
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            const T m = s.running_mean[std::size_t(j)];
            const T inv = T(1.0 / std::sqrt(double(s.running_var[std::size_t(j)]) + kBnEps));
            for (Eigen::Index i = 0; i < x.rows(); ++i) x(i, j) = (x(i, j) - m) * inv;
        }
    };
    for_chunks(batch.size, kDocChunk, [&](std::size_t, std::size_t r0, std::size_t r1) {
        BatchRef sub = batch;
        sub.docs = batch.docs + r0;
        sub.size = r1 - r0;
        const Mat<T> E = gather_embeddings<T>(sub);
        Mat<T> h = E * We.transpose();
        h.rowwise() += bias0;
        if (combined && batch.bow) {
            const SparseBatch<T> bow = gather_bow<T>(sub, V, false);
            for (std::size_t b = 0; b < sub.size; ++b)
                for (std::size_t o = bow.row_ptr[b]; o < bow.row_ptr[b + 1]; ++o)
                    h.row(Eigen::Index(b)) += bow.row_val[o] * W0bt.row(Eigen::Index(bow.row_idx_col[o]));
        }
        if (has_labels)
            for (std::size_t b = 0; b < sub.size; ++b)
                h.row(Eigen::Index(b)) +=
                    W0.col(Eigen::Index(label_off + std::size_t(batch.labels[sub.docs[b]]))).transpose();
        h = apply_act(a, h);
        for (std::size_t i = 1; i < nh; ++i) {
            Mat<T> next = h * W(hid_w_[i - 1]).transpose();
            next.rowwise() += Bv(hid_b_[i - 1]);
            h = apply_act(a, next);
        }
        Mat<T> mu = h * W(mu_w_).transpose();
        mu.rowwise() += Bv(mu_b_);
        Mat<T> ls = h * W(ls_w_).transpose();
        ls.rowwise() += Bv(ls_b_);
        bn_eval(mu, mu_bn_);
        bn_eval(ls, ls_bn_);
        MapMat<T>(mu_out + r0 * K, Eigen::Index(sub.size), Eigen::Index(K)) = mu;
        MapMat<T>(ls_out + r0 * K, Eigen::Index(sub.size), Eigen::Index(K)) = ls;
    });
}

template <class T>
LossParts Network<T>::eval_loss(const BatchRef& batch, const T* eps, T kl_weight) const {
    const std::size_t B = batch.size, V = shape_.vocab, K = shape_.n_components, L = shape_.label_size;
    std::vector<T> mu(B * K), ls(B * K);
    encode_eval(batch, mu.data(), ls.data());
    Mat<T> theta{Eigen::Index(B), Eigen::Index(K)};
    LossParts loss;
    double log_pv_sum = 0;
    for (std::size_t k = 0; k < K; ++k) log_pv_sum += std::log(double(prior_var_.w[k]));
    for (std::size_t b = 0; b < B; ++b) {
        double kl = 0;
        for (std::size_t k = 0; k < K; ++k) {
            const double m = mu[b * K + k], l = ls[b * K + k];
            const double pm = prior_mean_.w[k], pv = prior_var_.w[k];
            kl += std::exp(l) / pv + (pm - m) * (pm - m) / pv - l;
            theta(Eigen::Index(b), Eigen::Index(k)) = T(m + std::exp(0.5 * l) * double(eps[b * K + k]));
        }
        loss.kl += 0.5 * (kl - double(K) + log_pv_sum);
    }
    softmax_rows(theta);
    Mat<T> Y = theta * W(beta_);
    for (Eigen::Index j = 0; j < Eigen::Index(V); ++j) {
        const T m = beta_bn_.running_mean[std::size_t(j)];
        const T inv = T(1.0 / std::sqrt(double(beta_bn_.running_var[std::size_t(j)]) + kBnEps));
        for (Eigen::Index i = 0; i < Y.rows(); ++i) Y(i, j) = (Y(i, j) - m) * inv;
    }
    softmax_rows(Y);
    if (batch.bow)
        for (std::size_t b = 0; b < B; ++b) {
            const std::size_t d = batch.docs[b];
            for (std::size_t o = batch.bow->row_begin(d); o < batch.bow->row_end(d); ++o)
                loss.rl -= double(batch.bow->values[o]) *
                           std::log(double(Y(Eigen::Index(b), Eigen::Index(batch.bow->indices[o]))) + kLogEps);
        }
    if (L > 0 && batch.labels) {
        std::vector<T> logits = label_logits(theta.data(), B);
        double ce = 0;
        for (std::size_t b = 0; b < B; ++b) {
            const T* row = logits.data() + b * L;
            const T mx = *std::max_element(row, row + L);
            double s = 0;
            for (std::size_t l = 0; l < L; ++l) s += std::exp(double(row[l] - mx));
            ce += double(mx) + std::log(s) - double(row[std::size_t(batch.labels[batch.docs[b]])]);
        }
        loss.label = ce / double(B);
    }
    (void)kl_weight;
    return loss;
}

template <class T>
std::vector<T> Network<T>::label_logits(const T* theta, std::size_t rows) const {
    const std::size_t K = shape_.n_components, L = shape_.label_size;
    require(L > 0, "CTM: the model has no label head (label_size = 0)");
    std::vector<T> out(rows * L);
    MapMat<T> o(out.data(), Eigen::Index(rows), Eigen::Index(L));
    o.noalias() = CMapMat<T>(theta, Eigen::Index(rows), Eigen::Index(K)) * W(lab_w_).transpose();
    o.rowwise() += Bv(lab_b_);
    return out;
}

template class Network<float>;
template class Network<double>;

}  // namespace topicwasm::ctm
