#pragma once
// The CTM network's building blocks, shared by its forward/backward pass (network_train.cpp) and
// the rest of the network (network.cpp): Eigen views of parameters, torch-like initialisation,
// activations, BatchNorm1d, softmax and the batch gathers. Internal to src/ctm/.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "ctm/network.hpp"

namespace topicwasm::ctm::detail {


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


}  // namespace topicwasm::ctm::detail
