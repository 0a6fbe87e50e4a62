#include "reduce/spectral.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"

namespace topicwasm {

std::vector<uint32_t> connected_components(const CsrMatrix<float>& graph, std::size_t* n_components) {
    const std::size_t n = graph.rows;
    std::vector<uint32_t> label(n, UINT32_MAX);
    std::vector<uint32_t> stack;
    uint32_t next = 0;
    for (std::size_t s = 0; s < n; ++s) {
        if (label[s] != UINT32_MAX) continue;
        label[s] = next;
        stack.push_back(static_cast<uint32_t>(s));
        while (!stack.empty()) {
            uint32_t v = stack.back();
            stack.pop_back();
            for (std::size_t p = graph.indptr[v]; p < graph.indptr[v + 1]; ++p) {
                uint32_t u = graph.indices[p];
                if (label[u] == UINT32_MAX) {
                    label[u] = next;
                    stack.push_back(u);
                }
            }
        }
        ++next;
    }
    if (n_components) *n_components = next;
    return label;
}

std::optional<SpectralResult> spectral_layout(const CsrMatrix<float>& graph, std::size_t dim, uint64_t seed,
                                              double tol, std::size_t max_restarts) {
    const std::size_t n = graph.rows;
    const std::size_t k = dim + 1;
    require(dim >= 1, "spectral layout needs dim >= 1");
    if (n < k + 1) return std::nullopt;
    std::size_t n_comp = 0;
    connected_components(graph, &n_comp);
    if (n_comp != 1) return std::nullopt;

    // D^-1/2 with D the row sums (umap-learn uses graph.sum(axis=0); the graph is symmetric).
    std::vector<double> dinv(n);
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0.0;
        for (std::size_t p = graph.indptr[i]; p < graph.indptr[i + 1]; ++p) s += graph.values[p];
        if (!(s > 0.0)) return std::nullopt;
        dinv[i] = 1.0 / std::sqrt(s);
    }
    auto apply = [&](const double* x, double* y) {  // y = (I + D^-1/2 W D^-1/2) x
        parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t i = begin; i < end; ++i) {
                double s = 0.0;
                for (std::size_t p = graph.indptr[i]; p < graph.indptr[i + 1]; ++p)
                    s += static_cast<double>(graph.values[p]) * dinv[graph.indices[p]] * x[graph.indices[p]];
                y[i] = x[i] + dinv[i] * s;
            }
        }, 2048);
    };

    // Subspace size: enough room beyond the k wanted vectors for fast convergence, small enough
    // that reorthogonalisation (O(n m^2) per cycle) stays cheap at n = 100k.
    const std::size_t m = std::min(n, std::max<std::size_t>(2 * k + 1, k + 24));
    const std::size_t keep = std::min(m - 1, k + (m - k) / 2);
    Eigen::MatrixXd V(n, m);
    Eigen::MatrixXd H = Eigen::MatrixXd::Zero(m, m);
    Eigen::VectorXd w(n), f(n);
    // umap-learn starts ARPACK from v0 = ones. A perfectly symmetric start vector never reaches
    // eigenvectors of the other symmetry class (on a path graph it misses the Fiedler vector), so
    // we add a small seeded perturbation.
    Rng rng(seed, 77);
    for (std::size_t i = 0; i < n; ++i) V(static_cast<Eigen::Index>(i), 0) = 1.0 + 0.01 * (rng.uniform_double() - 0.5);
    V.col(0).normalize();
    std::size_t start = 0;
    double f_norm = 0.0;

    auto orthogonalise = [&](Eigen::VectorXd& vec, std::size_t cols, Eigen::VectorXd* coeffs) {
        // Classical Gram-Schmidt twice ("twice is enough", Giraud et al. 2005).
        for (int pass = 0; pass < 2; ++pass) {
            Eigen::VectorXd h = V.leftCols(cols).transpose() * vec;
            vec.noalias() -= V.leftCols(cols) * h;
            if (coeffs) {
                if (pass == 0)
                    *coeffs = h;
                else
                    *coeffs += h;
            }
        }
    };

    SpectralResult result;
    for (std::size_t restart = 0; restart <= max_restarts; ++restart) {
        for (std::size_t j = start; j < m; ++j) {
            apply(V.col(j).data(), w.data());
            Eigen::VectorXd h;
            orthogonalise(w, j + 1, &h);
            H.col(j).head(j + 1) = h;
            H.row(j).head(j + 1) = h.transpose();
            double beta = w.norm();
            if (j + 1 < m) {
                if (beta < 1e-12) {  // invariant subspace found: continue with a random direction
                    for (std::size_t i = 0; i < n; ++i) w[i] = rng.uniform_double() - 0.5;
                    orthogonalise(w, j + 1, nullptr);
                    beta = w.norm();
                    if (beta < 1e-12) return std::nullopt;
                    H(j + 1, j) = H(j, j + 1) = 0.0;
                }
                V.col(j + 1) = w / beta;
            } else {
                f = w;
                f_norm = beta;
            }
        }
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(H);
        if (eig.info() != Eigen::Success) return std::nullopt;
        const Eigen::VectorXd& theta = eig.eigenvalues();  // ascending
        const Eigen::MatrixXd& Y = eig.eigenvectors();
        bool converged = true;
        for (std::size_t i = 0; i < k; ++i) {
            std::size_t c = m - 1 - i;
            double residual = std::fabs(f_norm * Y(m - 1, static_cast<Eigen::Index>(c)));
            if (residual > tol * std::max(std::fabs(theta[c]), 1e-12)) converged = false;
        }
        result.restarts = restart;
        if (converged || restart == max_restarts || m == n) {
            result.converged = converged || m == n;
            Eigen::MatrixXd ritz = V * Y.rightCols(k);  // columns ascending in theta
            if (!ritz.allFinite()) return std::nullopt;
            result.embedding = Matrix(n, dim);
            result.eigenvalues.resize(k);
            // Largest theta = trivial eigenvector; the next dim ones in descending theta order are
            // umap-learn's eigenvectors[:, order] with ascending Laplacian eigenvalue.
            for (std::size_t c = 0; c < k; ++c) result.eigenvalues[c] = 2.0 - theta[m - 1 - c];
            for (std::size_t d = 0; d < dim; ++d) {
                const auto col = static_cast<Eigen::Index>(k - 2 - d);
                for (std::size_t i = 0; i < n; ++i) result.embedding(i, d) = static_cast<float>(ritz(i, col));
            }
            return result;
        }
        // Krylov-Schur restart: keep the `keep` largest Ritz vectors, continue from the residual.
        Eigen::MatrixXd kept = V * Y.rightCols(keep);
        V.leftCols(keep) = kept;
        H.setZero();
        for (std::size_t i = 0; i < keep; ++i) H(i, i) = theta[m - keep + i];
        if (f_norm < 1e-12) return std::nullopt;
        w = f / f_norm;
        orthogonalise(w, keep, nullptr);
        V.col(keep) = w / w.norm();
        start = keep;
    }
    return std::nullopt;
}

namespace {

// Meta-layout of the component centroids (umap-learn component_layout, which calls sklearn's
// SpectralEmbedding on the dense affinity exp(-d^2)).
Matrix component_layout(const MatrixView& data, Metric metric, const std::vector<uint32_t>& labels,
                        std::size_t n_components, std::size_t dim) {
    const std::size_t d = data.cols;
    Matrix centroids(n_components, d);
    std::vector<double> counts(n_components, 0.0);
    for (std::size_t i = 0; i < data.rows; ++i) {
        counts[labels[i]] += 1.0;
        for (std::size_t j = 0; j < d; ++j) centroids(labels[i], j) += data(i, j);
    }
    for (std::size_t c = 0; c < n_components; ++c)
        for (std::size_t j = 0; j < d; ++j) centroids(c, j) = static_cast<float>(centroids(c, j) / counts[c]);
    Matrix cn = metric == Metric::cosine ? normalized_rows(centroids.view()) : centroids;
    const auto C = static_cast<Eigen::Index>(n_components);
    Eigen::MatrixXd affinity(C, C);
    for (Eigen::Index a = 0; a < C; ++a)
        for (Eigen::Index b = 0; b < C; ++b) {
            double dist = reported_distance(metric, search_distance(metric, cn.row(a), cn.row(b), d));
            affinity(a, b) = std::exp(-dist * dist);
        }
    Eigen::VectorXd dd = affinity.rowwise().sum().cwiseSqrt();
    Eigen::MatrixXd normalized = dd.cwiseInverse().asDiagonal() * affinity * dd.cwiseInverse().asDiagonal();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(normalized);
    Matrix out(n_components, dim);
    if (eig.info() != Eigen::Success) return out;
    // Largest eigenvalue = trivial vector; the next dim, divided by sqrt(degree) (sklearn's
    // norm_laplacian scaling), with sklearn's deterministic sign (largest |entry| positive).
    float max_value = 0.0f;
    for (std::size_t k = 0; k < dim; ++k) {
        const Eigen::Index col = C - 2 - static_cast<Eigen::Index>(k);
        Eigen::VectorXd v = eig.eigenvectors().col(col).cwiseQuotient(dd);
        Eigen::Index arg;
        v.cwiseAbs().maxCoeff(&arg);
        if (v(arg) < 0) v = -v;
        for (Eigen::Index c = 0; c < C; ++c) {
            out(static_cast<std::size_t>(c), k) = static_cast<float>(v(c));
            max_value = std::max(max_value, out(static_cast<std::size_t>(c), k));
        }
    }
    if (max_value > 0.0f)
        for (float& v : out.data) v /= max_value;
    return out;
}

}  // namespace

Matrix multi_component_layout(const MatrixView& data, Metric metric, const CsrMatrix<float>& graph,
                              const std::vector<uint32_t>& labels, std::size_t n_components, std::size_t dim,
                              uint64_t seed) {
    const std::size_t n = graph.rows;
    Matrix meta(n_components, dim);
    // Dense meta-layout is O(C^2 d) memory-light but the eigen solve is O(C^3): above a few thousand
    // components (e.g. thousands of duplicate singletons) place centroids at random instead.
    if (n_components > 2 * dim && n_components <= 3000) {
        meta = component_layout(data, metric, labels, n_components, dim);
    } else if (n_components > 2 * dim) {
        Rng rng(seed, 91);
        for (float& v : meta.data) v = static_cast<float>(rng.uniform_double() * 2.0 - 1.0);
    } else {
        const std::size_t k = (n_components + 1) / 2;  // +-e_0, ..., +-e_{k-1}
        for (std::size_t c = 0; c < n_components; ++c) meta(c, c % k) = c < k ? 1.0f : -1.0f;
    }

    // Members of each component, in index order, and each vertex's position within its component.
    std::vector<std::vector<uint32_t>> members(n_components);
    std::vector<uint32_t> local(n);
    for (std::size_t i = 0; i < n; ++i) {
        local[i] = static_cast<uint32_t>(members[labels[i]].size());
        members[labels[i]].push_back(static_cast<uint32_t>(i));
    }
    Matrix result(n, dim);
    for (std::size_t c = 0; c < n_components; ++c) {
        double nearest = INFINITY;
        for (std::size_t o = 0; o < n_components; ++o) {
            double s = 0.0;
            for (std::size_t k = 0; k < dim; ++k) s += double(meta(c, k) - meta(o, k)) * (meta(c, k) - meta(o, k));
            if (s > 0.0) nearest = std::min(nearest, std::sqrt(s));
        }
        const double data_range = std::isfinite(nearest) ? nearest / 2.0 : 1.0;
        const std::vector<uint32_t>& m = members[c];
        std::optional<SpectralResult> layout;
        if (m.size() >= 2 * dim && m.size() > dim + 1) {
            CsrMatrix<float> sub;
            sub.rows = sub.cols = m.size();
            for (uint32_t v : m) {
                for (std::size_t p = graph.indptr[v]; p < graph.indptr[v + 1]; ++p) {
                    sub.indices.push_back(local[graph.indices[p]]);  // same component by definition
                    sub.values.push_back(graph.values[p]);
                }
                sub.indptr.push_back(sub.indices.size());
            }
            layout = spectral_layout(sub, dim, seed + c);
        }
        float max_abs = 0.0f;
        if (layout)
            for (float v : layout->embedding.data) max_abs = std::max(max_abs, std::fabs(v));
        if (layout && max_abs > 0.0f) {
            const double expansion = data_range / max_abs;
            for (std::size_t r = 0; r < m.size(); ++r)
                for (std::size_t k = 0; k < dim; ++k)
                    result(m[r], k) = static_cast<float>(layout->embedding(r, k) * expansion + meta(c, k));
        } else {
            Rng rng(seed, 1000 + c);
            for (uint32_t v : m)
                for (std::size_t k = 0; k < dim; ++k)
                    result(v, k) = static_cast<float>((rng.uniform_double() * 2.0 - 1.0) * data_range + meta(c, k));
        }
    }
    return result;
}

}  // namespace topicwasm
