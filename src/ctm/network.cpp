#include "ctm/network.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/thread_pool.hpp"

namespace topicwasm::ctm {

namespace {

template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using RowVec = Eigen::Matrix<T, 1, Eigen::Dynamic>;
template <class T>
using MapMat = Eigen::Map<Mat<T>>;
template <class T>
using CMapMat = Eigen::Map<const Mat<T>>;
template <class T>
using MapRow = Eigen::Map<RowVec<T>>;
template <class T>
using CMapRow = Eigen::Map<const RowVec<T>>;

// Fixed chunk sizes: part of the numerical definition of a step (they fix the reduction order),
// never derived from the thread count.
constexpr std::size_t kVocabChunk = 128;
constexpr std::size_t kDocChunk = 32;
constexpr double kBnEps = 1e-5;       // torch.nn.BatchNorm1d default
constexpr double kBnMomentum = 0.1;   // torch.nn.BatchNorm1d default
constexpr double kLogEps = 1e-10;     // CTM's log(word_dists + 1e-10)

// Runs f(chunk, begin, end) over fixed chunks of [0, n), spread over the thread pool.
template <class F>
void for_chunks(std::size_t n, std::size_t chunk, F&& f) {
    const std::size_t chunks = (n + chunk - 1) / chunk;
    parallel_for(
        chunks,
        [&](std::size_t cb, std::size_t ce, std::size_t) {
            for (std::size_t c = cb; c < ce; ++c) f(c, c * chunk, std::min(n, (c + 1) * chunk));
        },
        1);
}

template <class T>
MapMat<T> W(Param<T>& p) {
    return MapMat<T>(p.w.data(), Eigen::Index(p.rows), Eigen::Index(p.cols));
}
template <class T>
CMapMat<T> W(const Param<T>& p) {
    return CMapMat<T>(p.w.data(), Eigen::Index(p.rows), Eigen::Index(p.cols));
}
template <class T>
MapMat<T> G(Param<T>& p) {
    return MapMat<T>(p.g.data(), Eigen::Index(p.rows), Eigen::Index(p.cols));
}
template <class T>
CMapRow<T> Bv(const Param<T>& p) {
    return CMapRow<T>(p.w.data(), Eigen::Index(p.size()));
}
template <class T>
MapRow<T> Bg(Param<T>& p) {
    return MapRow<T>(p.g.data(), Eigen::Index(p.size()));
}

template <class T>
Param<T> make_param(std::string name, std::size_t rows, std::size_t cols, bool vector_shape) {
    Param<T> p;
    p.name = std::move(name);
    p.rows = rows;
    p.cols = cols;
    p.shape = vector_shape ? std::vector<uint64_t>{cols} : std::vector<uint64_t>{rows, cols};
    p.w.assign(rows * cols, T(0));
    p.g.assign(rows * cols, T(0));
    p.m.assign(rows * cols, T(0));
    p.v.assign(rows * cols, T(0));
    return p;
}

template <class T>
void fill_uniform(Param<T>& p, double bound, Rng& rng) {
    for (auto& x : p.w) x = T((2.0 * rng.uniform_double() - 1.0) * bound);
}

// torch.nn.Linear(in, out): weight out x in and bias, both U(-1/sqrt(in), 1/sqrt(in)).
template <class T>
void make_linear(Param<T>& w, Param<T>& b, const std::string& name, std::size_t in, std::size_t out, Rng& rng) {
    w = make_param<T>(name + ".weight", out, in, false);
    b = make_param<T>(name + ".bias", 1, out, true);
    const double bound = 1.0 / std::sqrt(double(in));
    fill_uniform(w, bound, rng);
    fill_uniform(b, bound, rng);
}

template <class T>
BatchNormStats<T> make_bn(std::string name, std::size_t n) {
    BatchNormStats<T> bn;
    bn.name = std::move(name);
    bn.running_mean.assign(n, T(0));
    bn.running_var.assign(n, T(1));
    return bn;
}

template <class T>
T act(Activation a, T x) {
    if (a == Activation::Relu) return x > T(0) ? x : T(0);
    // torch.nn.Softplus(beta=1, threshold=20): linear above the threshold.
    return x > T(20) ? x : std::log1p(std::exp(x));
}

template <class T>
T act_grad(Activation a, T x) {
    if (a == Activation::Relu) return x > T(0) ? T(1) : T(0);
    if (x > T(20)) return T(1);
    T e = std::exp(x);
    return e / (T(1) + e);
}

template <class T>
Mat<T> apply_act(Activation a, const Mat<T>& x) {
    return x.unaryExpr([a](T v) { return act(a, v); });
}

// Training-mode BatchNorm1d(affine=False) over the rows of x (features = columns), in place.
// Stores the inverse standard deviation per column; updates the running statistics (arrays of
// x.cols()) when given, as torch does: momentum 0.1, unbiased variance.
template <class T, class M>
void bn_train(M& x, T* inv_std, T* running_mean, T* running_var) {
    const Eigen::Index n = x.rows();
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        double mean = 0;
        for (Eigen::Index i = 0; i < n; ++i) mean += double(x(i, j));
        mean /= double(n);
        double var = 0;
        for (Eigen::Index i = 0; i < n; ++i) var += (double(x(i, j)) - mean) * (double(x(i, j)) - mean);
        const double biased = var / double(n);
        const double inv = 1.0 / std::sqrt(biased + kBnEps);
        inv_std[j] = T(inv);
        for (Eigen::Index i = 0; i < n; ++i) x(i, j) = T((double(x(i, j)) - mean) * inv);
        if (running_mean) {
            const double unbiased = n > 1 ? var / double(n - 1) : biased;
            running_mean[j] = T((1 - kBnMomentum) * double(running_mean[j]) + kBnMomentum * mean);
            running_var[j] = T((1 - kBnMomentum) * double(running_var[j]) + kBnMomentum * unbiased);
        }
    }
}

// Backward of bn_train for column j range: dy (in) -> dx (out, in place), y = normalised output.
template <class T, class DY, class Y>
void bn_backward_cols(DY& dy, const Y& y, const std::vector<T>& inv_std, Eigen::Index j0, Eigen::Index j1) {
    const Eigen::Index n = dy.rows();
    for (Eigen::Index j = j0; j < j1; ++j) {
        T sum_dy = 0, sum_dyy = 0;
        for (Eigen::Index i = 0; i < n; ++i) {
            sum_dy += dy(i, j);
            sum_dyy += dy(i, j) * y(i, j);
        }
        const T scale = inv_std[std::size_t(j)] / T(n);
        for (Eigen::Index i = 0; i < n; ++i) dy(i, j) = scale * (T(n) * dy(i, j) - sum_dy - y(i, j) * sum_dyy);
    }
}

template <class T>
void softmax_rows(Mat<T>& x) {
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        T mx = x.row(i).maxCoeff();
        T s = 0;
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            x(i, j) = std::exp(x(i, j) - mx);
            s += x(i, j);
        }
        x.row(i) /= s;
    }
}

// The batch's rows of the bag of words, by row (CSR) and by column (CSC, rows ascending).
template <class T>
struct SparseBatch {
    std::vector<std::size_t> row_ptr, col_ptr;
    std::vector<uint32_t> row_idx_col, col_idx_row;  // CSR column ids; CSC row ids
    std::vector<T> row_val, col_val;
};

template <class T>
SparseBatch<T> gather_bow(const BatchRef& batch, std::size_t vocab, bool need_csc) {
    SparseBatch<T> s;
    s.row_ptr.assign(batch.size + 1, 0);
    if (batch.bow) {
        for (std::size_t b = 0; b < batch.size; ++b) {
            const std::size_t d = batch.docs[b];
            s.row_ptr[b + 1] = s.row_ptr[b] + (batch.bow->row_end(d) - batch.bow->row_begin(d));
        }
        s.row_idx_col.resize(s.row_ptr.back());
        s.row_val.resize(s.row_ptr.back());
        for (std::size_t b = 0; b < batch.size; ++b) {
            const std::size_t d = batch.docs[b];
            std::size_t o = s.row_ptr[b];
            for (std::size_t k = batch.bow->row_begin(d); k < batch.bow->row_end(d); ++k, ++o) {
                s.row_idx_col[o] = batch.bow->indices[k];
                s.row_val[o] = T(batch.bow->values[k]);
            }
        }
    }
    if (need_csc) {
        s.col_ptr.assign(vocab + 1, 0);
        for (uint32_t v : s.row_idx_col) ++s.col_ptr[v + 1];
        for (std::size_t v = 0; v < vocab; ++v) s.col_ptr[v + 1] += s.col_ptr[v];
        s.col_idx_row.resize(s.row_idx_col.size());
        s.col_val.resize(s.row_idx_col.size());
        std::vector<std::size_t> fill(s.col_ptr.begin(), s.col_ptr.end() - 1);
        for (std::size_t b = 0; b < batch.size; ++b)
            for (std::size_t o = s.row_ptr[b]; o < s.row_ptr[b + 1]; ++o) {
                std::size_t at = fill[s.row_idx_col[o]]++;
                s.col_idx_row[at] = uint32_t(b);
                s.col_val[at] = s.row_val[o];
            }
    }
    return s;
}

template <class T>
Mat<T> gather_embeddings(const BatchRef& batch) {
    Mat<T> e(Eigen::Index(batch.size), Eigen::Index(batch.embeddings.cols));
    for (std::size_t b = 0; b < batch.size; ++b) {
        const float* row = batch.embeddings.row(batch.docs[b]);
        for (std::size_t j = 0; j < batch.embeddings.cols; ++j) e(Eigen::Index(b), Eigen::Index(j)) = T(row[j]);
    }
    return e;
}

}  // namespace

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
LossParts Network<T>::train_batch(const BatchRef& batch, const Noise<T>& noise, T kl_weight, bool update_running_stats) {
    const std::size_t B = batch.size, V = shape_.vocab, D = shape_.embedding_dim, K = shape_.n_components;
    const std::size_t L = shape_.label_size, nh = shape_.hidden.size(), Hl = shape_.hidden.back();
    const bool combined = shape_.type == InferenceType::Combined;
    const bool has_labels = L > 0 && batch.labels;
    require(B >= 2, "CTM: a training batch needs at least 2 documents (batch normalisation)");
    require(combined ? batch.bow != nullptr : true, "CTM: CombinedTM needs the bag of words");
    const Activation a = shape_.activation;
    const Eigen::Index b_ = Eigen::Index(B);

    const Mat<T> E = gather_embeddings<T>(batch);
    const SparseBatch<T> bow = gather_bow<T>(batch, V, combined);
    const std::size_t label_off = combined ? 2 * V : D;
    auto label_of = [&](std::size_t b) { return std::size_t(batch.labels[batch.docs[b]]); };

    // ---- encoder forward
    auto W0 = W(in_w_);
    const std::size_t n_vchunks = (V + kVocabChunk - 1) / kVocabChunk;
    Mat<T> xa;  // CombinedTM: adapt_bert(embedding), B x V
    Mat<T> pre0(b_, Eigen::Index(shape_.hidden[0]));
    if (combined) {
        xa.resize(b_, Eigen::Index(V));
        auto Wa = W(adapt_w_);
        auto ba = Bv(adapt_b_);
        std::vector<Mat<T>> part(n_vchunks);
        for_chunks(V, kVocabChunk, [&](std::size_t c, std::size_t v0, std::size_t v1) {
            const Eigen::Index n = Eigen::Index(v1 - v0);
            auto xs = xa.middleCols(Eigen::Index(v0), n);
            xs.noalias() = E * Wa.middleRows(Eigen::Index(v0), n).transpose();
            xs.rowwise() += ba.segment(Eigen::Index(v0), n);
            part[c].noalias() = xs * W0.middleCols(Eigen::Index(V + v0), n).transpose();
        });
        pre0 = part[0];
        for (std::size_t c = 1; c < n_vchunks; ++c) pre0 += part[c];
        // Bag-of-words columns of input_layer, transposed so each word's weights are contiguous
        // (a column of the row-major weight is strided by 2V + L floats: a cache miss per entry).
        const Mat<T> W0bt = W0.leftCols(Eigen::Index(V)).transpose();
        for (std::size_t b = 0; b < B; ++b)
            for (std::size_t o = bow.row_ptr[b]; o < bow.row_ptr[b + 1]; ++o)
                pre0.row(Eigen::Index(b)) += bow.row_val[o] * W0bt.row(Eigen::Index(bow.row_idx_col[o]));
    } else {
        pre0.noalias() = E * W0.leftCols(Eigen::Index(D)).transpose();
    }
    if (has_labels)
        for (std::size_t b = 0; b < B; ++b) pre0.row(Eigen::Index(b)) += W0.col(Eigen::Index(label_off + label_of(b))).transpose();
    pre0.rowwise() += Bv(in_b_);

    std::vector<Mat<T>> pre(nh), hs(nh);
    pre[0] = std::move(pre0);
    hs[0] = apply_act(a, pre[0]);
    for (std::size_t i = 1; i < nh; ++i) {
        pre[i].noalias() = hs[i - 1] * W(hid_w_[i - 1]).transpose();
        pre[i].rowwise() += Bv(hid_b_[i - 1]);
        hs[i] = apply_act(a, pre[i]);
    }
    const CMapMat<T> enc_mask(noise.enc_mask.data(), b_, Eigen::Index(Hl));
    const Mat<T> hd = hs.back().cwiseProduct(enc_mask);

    Mat<T> mu = hd * W(mu_w_).transpose();
    mu.rowwise() += Bv(mu_b_);
    Mat<T> ls = hd * W(ls_w_).transpose();
    ls.rowwise() += Bv(ls_b_);
    std::vector<T> mu_inv(K), ls_inv(K);
    bn_train(mu, mu_inv.data(), update_running_stats ? mu_bn_.running_mean.data() : nullptr,
             update_running_stats ? mu_bn_.running_var.data() : nullptr);
    bn_train(ls, ls_inv.data(), update_running_stats ? ls_bn_.running_mean.data() : nullptr,
             update_running_stats ? ls_bn_.running_var.data() : nullptr);

    const CMapMat<T> eps(noise.eps.data(), b_, Eigen::Index(K));
    const Mat<T> half_sigma = (ls * T(0.5)).array().exp().matrix();
    Mat<T> theta0 = mu + half_sigma.cwiseProduct(eps);
    softmax_rows(theta0);
    const CMapMat<T> theta_mask(noise.theta_mask.data(), b_, Eigen::Index(K));
    const Mat<T> theta = theta0.cwiseProduct(theta_mask);

    // ---- decoder forward: Y = BN(theta @ beta), word_dist = softmax(Y)
    auto Beta = W(beta_);
    Mat<T> Y(b_, Eigen::Index(V));
    std::vector<T> y_inv(V);
    for_chunks(V, kVocabChunk, [&](std::size_t, std::size_t v0, std::size_t v1) {
        auto ys = Y.middleCols(Eigen::Index(v0), Eigen::Index(v1 - v0));
        ys.noalias() = theta * Beta.middleCols(Eigen::Index(v0), Eigen::Index(v1 - v0));
        bn_train(ys, y_inv.data() + v0, update_running_stats ? beta_bn_.running_mean.data() + v0 : nullptr,
                 update_running_stats ? beta_bn_.running_var.data() + v0 : nullptr);
    });
    if (update_running_stats) {
        ++mu_bn_.num_batches_tracked;
        ++ls_bn_.num_batches_tracked;
        ++beta_bn_.num_batches_tracked;
    }

    // Softmax per document, reconstruction loss and its gradient w.r.t. Y:
    // d/dY_v of -sum_u c_u log(p_u + 1e-10) = p_v * (g_v - sum_u p_u g_u), g_u = -c_u / (p_u + 1e-10),
    // where g is nonzero only at the document's words.
    Mat<T> dY(b_, Eigen::Index(V));
    std::vector<double> rl(B, 0.0);
    for_chunks(B, 8, [&](std::size_t, std::size_t r0, std::size_t r1) {
        std::vector<T> pg;
        for (std::size_t b = r0; b < r1; ++b) {
            const Eigen::Index i = Eigen::Index(b);
            const T mx = Y.row(i).maxCoeff();
            T s = 0;
            for (Eigen::Index j = 0; j < Eigen::Index(V); ++j) {
                dY(i, j) = std::exp(Y(i, j) - mx);
                s += dY(i, j);
            }
            dY.row(i) /= s;
            T gsum = 0;
            double loss = 0;
            pg.clear();
            for (std::size_t o = bow.row_ptr[b]; o < bow.row_ptr[b + 1]; ++o) {
                const T p = dY(i, Eigen::Index(bow.row_idx_col[o]));
                const T c = bow.row_val[o];
                loss -= double(c) * std::log(double(p) + kLogEps);
                pg.push_back(-c / (p + T(kLogEps)) * p);
                gsum += pg.back();
            }
            rl[b] = loss;
            dY.row(i) *= -gsum;
            for (std::size_t o = bow.row_ptr[b]; o < bow.row_ptr[b + 1]; ++o)
                dY(i, Eigen::Index(bow.row_idx_col[o])) += pg[o - bow.row_ptr[b]];
        }
    });

    // ---- decoder backward: BN, then beta and theta
    Mat<T> dtheta = Mat<T>::Zero(b_, Eigen::Index(K));
    {
        auto dBeta = G(beta_);
        std::vector<Mat<T>> part(n_vchunks);
        for_chunks(V, kVocabChunk, [&](std::size_t c, std::size_t v0, std::size_t v1) {
            const Eigen::Index n = Eigen::Index(v1 - v0);
            bn_backward_cols(dY, Y, y_inv, Eigen::Index(v0), Eigen::Index(v1));
            dBeta.middleCols(Eigen::Index(v0), n).noalias() = theta.transpose() * dY.middleCols(Eigen::Index(v0), n);
            part[c].noalias() = dY.middleCols(Eigen::Index(v0), n) * Beta.middleCols(Eigen::Index(v0), n).transpose();
        });
        for (std::size_t c = 0; c < n_vchunks; ++c) dtheta += part[c];
    }

    LossParts loss;
    for (double r : rl) loss.rl += r;

    // ---- label head: CrossEntropyLoss (mean over the batch) on label_classification(theta)
    if (L > 0) {
        G(lab_w_).setZero();
        Bg(lab_b_).setZero();
    }
    if (has_labels) {
        Mat<T> logits = theta * W(lab_w_).transpose();
        logits.rowwise() += Bv(lab_b_);
        Mat<T> p = logits;
        softmax_rows(p);
        double ce = 0;
        for (std::size_t b = 0; b < B; ++b) {
            const Eigen::Index i = Eigen::Index(b), y = Eigen::Index(label_of(b));
            const T mx = logits.row(i).maxCoeff();
            const double lse = double(mx) + std::log((logits.row(i).array() - mx).exp().sum());
            ce += lse - double(logits(i, y));
            p(i, y) -= T(1);
        }
        loss.label = ce / double(B);
        p /= T(B);
        G(lab_w_).noalias() = p.transpose() * theta;
        Bg(lab_b_) = p.colwise().sum();
        dtheta.noalias() += p * W(lab_w_);
    }

    // ---- theta = dropout(softmax(z)), z = mu + exp(logvar / 2) * eps, and the KL term
    const Mat<T> dtheta0 = dtheta.cwiseProduct(theta_mask);
    Mat<T> dmu(b_, Eigen::Index(K)), dls(b_, Eigen::Index(K));
    auto pm = Bv(prior_mean_);
    auto pv = Bv(prior_var_);
    auto dpm = Bg(prior_mean_);
    auto dpv = Bg(prior_var_);
    dpm.setZero();
    dpv.setZero();
    double log_pv_sum = 0;
    for (std::size_t k = 0; k < K; ++k) log_pv_sum += std::log(double(pv(Eigen::Index(k))));
    for (std::size_t b = 0; b < B; ++b) {
        const Eigen::Index i = Eigen::Index(b);
        const T dot = dtheta0.row(i).dot(theta0.row(i));
        double kl = 0;
        for (std::size_t kk = 0; kk < K; ++kk) {
            const Eigen::Index k = Eigen::Index(kk);
            const T dz = theta0(i, k) * (dtheta0(i, k) - dot);
            const T var = std::exp(ls(i, k));
            const T diff = pm(k) - mu(i, k);
            kl += double(var / pv(k)) + double(diff * diff / pv(k)) - double(ls(i, k));
            dmu(i, k) = dz - kl_weight * diff / pv(k);
            dls(i, k) = dz * T(0.5) * half_sigma(i, k) * eps(i, k) + kl_weight * T(0.5) * (var / pv(k) - T(1));
            dpm(k) += kl_weight * diff / pv(k);
            dpv(k) += kl_weight * T(0.5) * (-var / (pv(k) * pv(k)) - diff * diff / (pv(k) * pv(k)) + T(1) / pv(k));
        }
        loss.kl += 0.5 * (kl - double(K) + log_pv_sum);
    }

    // ---- encoder backward
    bn_backward_cols(dmu, mu, mu_inv, 0, Eigen::Index(K));
    bn_backward_cols(dls, ls, ls_inv, 0, Eigen::Index(K));
    G(mu_w_).noalias() = dmu.transpose() * hd;
    Bg(mu_b_) = dmu.colwise().sum();
    G(ls_w_).noalias() = dls.transpose() * hd;
    Bg(ls_b_) = dls.colwise().sum();
    Mat<T> dh = dmu * W(mu_w_);
    dh.noalias() += dls * W(ls_w_);
    dh = dh.cwiseProduct(enc_mask);
    for (std::size_t i = nh; i-- > 1;) {
        const Mat<T> dpre = dh.cwiseProduct(pre[i].unaryExpr([a](T v) { return act_grad(a, v); }));
        G(hid_w_[i - 1]).noalias() = dpre.transpose() * hs[i - 1];
        Bg(hid_b_[i - 1]) = dpre.colwise().sum();
        dh.noalias() = dpre * W(hid_w_[i - 1]);
    }
    const Mat<T> dpre0 = dh.cwiseProduct(pre[0].unaryExpr([a](T v) { return act_grad(a, v); }));
    Bg(in_b_) = dpre0.colwise().sum();
    auto dW0 = G(in_w_);
    if (combined) {
        auto Wa = W(adapt_w_);
        auto dWa = G(adapt_w_);
        auto dba = Bg(adapt_b_);
        for_chunks(V, kVocabChunk, [&](std::size_t, std::size_t v0, std::size_t v1) {
            const Eigen::Index n = Eigen::Index(v1 - v0), c0 = Eigen::Index(v0);
            dW0.middleCols(Eigen::Index(V) + c0, n).noalias() = dpre0.transpose() * xa.middleCols(c0, n);
            const Mat<T> dxa = dpre0 * W0.middleCols(Eigen::Index(V) + c0, n);
            dWa.middleRows(c0, n).noalias() = dxa.transpose() * E;
            dba.segment(c0, n) = dxa.colwise().sum();
            // Bag-of-words columns: accumulate word rows contiguously, then write them transposed.
            Mat<T> dWbt = Mat<T>::Zero(n, dpre0.cols());
            for (std::size_t v = v0; v < v1; ++v)
                for (std::size_t o = bow.col_ptr[v]; o < bow.col_ptr[v + 1]; ++o)
                    dWbt.row(Eigen::Index(v - v0)) += bow.col_val[o] * dpre0.row(Eigen::Index(bow.col_idx_row[o]));
            dW0.middleCols(c0, n) = dWbt.transpose();
        });
        (void)Wa;
    } else {
        dW0.leftCols(Eigen::Index(D)).noalias() = dpre0.transpose() * E;
    }
    if (L > 0) {
        dW0.middleCols(Eigen::Index(label_off), Eigen::Index(L)).setZero();
        if (has_labels)
            for (std::size_t b = 0; b < B; ++b)
                dW0.col(Eigen::Index(label_off + label_of(b))) += dpre0.row(Eigen::Index(b)).transpose();
    }
    if (!shape_.learn_priors) {
        dpm.setZero();
        dpv.setZero();
    }
    return loss;
}

template <class T>
void Network<T>::adam_step(double lr, double beta1, double beta2, double eps, int64_t step) {
    // torch.optim.Adam (single-tensor path): p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
    const double bc1 = 1.0 - std::pow(beta1, double(step));
    const double bc2 = 1.0 - std::pow(beta2, double(step));
    const T step_size = T(lr / bc1), bc2_sqrt = T(std::sqrt(bc2));
    const T b1 = T(beta1), b2 = T(beta2), e = T(eps);
    using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
    // One parallel loop over (tensor, element range) items: thread start-up is paid once per step
    // (it is not free in wasm). Element-wise, so the split cannot change the result; Eigen
    // vectorises the sqrt and divide.
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
            for (std::size_t it = first; it < last; ++it) {
                Param<T>* p = items[it].p;
                const std::size_t i0 = items[it].i0;
                const Eigen::Index n = Eigen::Index(items[it].i1 - i0);
                Eigen::Map<Arr> w(p->w.data() + i0, n), m(p->m.data() + i0, n), v(p->v.data() + i0, n);
                Eigen::Map<const Arr> g(p->g.data() + i0, n);
                m = b1 * m + (T(1) - b1) * g;
                v = b2 * v + (T(1) - b2) * g.square();
                w -= step_size * m / (v.sqrt() / bc2_sqrt + e);
            }
        },
        1);
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
