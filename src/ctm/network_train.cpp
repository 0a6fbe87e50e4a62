// Network<T>::train_batch: one training step's forward pass, loss and hand-written backward pass
// (the gradients Adam then applies; network.cpp). Split from network.cpp to keep files small.
#include "ctm/network.hpp"

#include "ctm/network_kernels.hpp"

namespace topicwasm::ctm {

using namespace detail;

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

template LossParts Network<float>::train_batch(const BatchRef&, const Noise<float>&, float, bool);
template LossParts Network<double>::train_batch(const BatchRef&, const Noise<double>&, double, bool);

}  // namespace topicwasm::ctm
