#include "reduce/umap_graph.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/thread_pool.hpp"

namespace topicwasm {

namespace {
constexpr double kSmoothKTolerance = 1e-5;  // umap-learn SMOOTH_K_TOLERANCE
constexpr double kMinKDistScale = 1e-3;     // umap-learn MIN_K_DIST_SCALE
}  // namespace

SmoothKnn smooth_knn_dist(const KnnGraph& knn, double k, double local_connectivity, int n_iter, double bandwidth) {
    const std::size_t n = knn.n, cols = knn.k;
    require(local_connectivity >= 0.0, "local_connectivity must be >= 0");
    SmoothKnn out;
    out.sigmas.assign(n, 0.0f);
    out.rhos.assign(n, 0.0f);
    const double target = std::log2(k) * bandwidth;
    double mean_all = 0.0;
    for (float d : knn.distances) mean_all += d;
    mean_all /= std::max<std::size_t>(1, knn.distances.size());

    // Types follow umap-learn's numba code: distances and rho in float32, the bisection in float64.
    parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t) {
        std::vector<float> non_zero;
        for (std::size_t i = begin; i < end; ++i) {
            const float* dist = knn.row_distances(i);
            non_zero.clear();
            for (std::size_t j = 0; j < cols; ++j)
                if (dist[j] > 0.0f) non_zero.push_back(dist[j]);
            float rho = 0.0f;
            if (static_cast<double>(non_zero.size()) >= local_connectivity) {
                const auto index = static_cast<std::size_t>(std::floor(local_connectivity));
                const double interpolation = local_connectivity - static_cast<double>(index);
                if (index > 0) {
                    rho = non_zero[index - 1];
                    if (interpolation > kSmoothKTolerance)
                        rho += static_cast<float>(interpolation * (non_zero[index] - non_zero[index - 1]));
                } else {
                    rho = static_cast<float>(interpolation * non_zero[0]);
                }
            } else if (!non_zero.empty()) {
                rho = *std::max_element(non_zero.begin(), non_zero.end());
            }

            double lo = 0.0, hi = std::numeric_limits<double>::infinity(), mid = 1.0;
            for (int it = 0; it < n_iter; ++it) {
                double psum = 0.0;
                for (std::size_t j = 1; j < cols; ++j) {
                    float d = dist[j] - rho;
                    psum += d > 0.0f ? std::exp(-(static_cast<double>(d) / mid)) : 1.0;
                }
                if (std::fabs(psum - target) < kSmoothKTolerance) break;
                if (psum > target) {
                    hi = mid;
                    mid = (lo + hi) / 2.0;
                } else {
                    lo = mid;
                    mid = std::isinf(hi) ? mid * 2.0 : (lo + hi) / 2.0;
                }
            }
            double sigma = mid;
            if (rho > 0.0f) {
                double mean_i = 0.0;
                for (std::size_t j = 0; j < cols; ++j) mean_i += dist[j];
                mean_i /= static_cast<double>(cols);
                sigma = std::max(sigma, kMinKDistScale * mean_i);
            } else {
                sigma = std::max(sigma, kMinKDistScale * mean_all);
            }
            out.sigmas[i] = static_cast<float>(sigma);
            out.rhos[i] = rho;
        }
    }, 256);
    return out;
}

float membership_strength(const KnnGraph& knn, const SmoothKnn& smooth, std::size_t i, std::size_t t, bool bipartite) {
    const uint32_t j = knn.row_indices(i)[t];
    const float d = knn.row_distances(i)[t];
    if (!bipartite && j == i) return 0.0f;
    if (d - smooth.rhos[i] <= 0.0f || smooth.sigmas[i] == 0.0f) return 1.0f;
    return std::exp(-((d - smooth.rhos[i]) / smooth.sigmas[i]));
}

CsrMatrix<float> fuzzy_union(const CsrMatrix<float>& a, double set_op_mix_ratio) {
    const std::size_t n = a.rows;
    // A^T by counting sort: columns come out sorted because rows are visited in order.
    CsrMatrix<float> at;
    at.rows = at.cols = n;
    at.indptr.assign(n + 1, 0);
    for (uint32_t j : a.indices) ++at.indptr[j + 1];
    for (std::size_t i = 0; i < n; ++i) at.indptr[i + 1] += at.indptr[i];
    at.indices.resize(a.nnz());
    at.values.resize(a.nnz());
    {
        std::vector<std::size_t> fill(at.indptr.begin(), at.indptr.end() - 1);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t p = a.indptr[i]; p < a.indptr[i + 1]; ++p) {
                std::size_t dst = fill[a.indices[p]]++;
                at.indices[dst] = static_cast<uint32_t>(i);
                at.values[dst] = a.values[p];
            }
    }
    // Merge row by row (float32 arithmetic, as scipy does on umap-learn's float32 matrices).
    const float mix = static_cast<float>(set_op_mix_ratio);
    CsrMatrix<float> out;
    out.rows = out.cols = n;
    out.indptr.assign(n + 1, 0);
    out.indices.reserve(2 * a.nnz());
    out.values.reserve(2 * a.nnz());
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t p = a.indptr[i], pe = a.indptr[i + 1], q = at.indptr[i], qe = at.indptr[i + 1];
        while (p < pe || q < qe) {
            uint32_t col;
            float x = 0.0f, y = 0.0f;
            if (q >= qe || (p < pe && a.indices[p] < at.indices[q])) {
                col = a.indices[p];
                x = a.values[p++];
            } else if (p >= pe || at.indices[q] < a.indices[p]) {
                col = at.indices[q];
                y = at.values[q++];
            } else {
                col = a.indices[p];
                x = a.values[p++];
                y = at.values[q++];
            }
            float prod = x * y;
            float v = mix * (x + y - prod) + (1.0f - mix) * prod;
            if (v != 0.0f) {
                out.indices.push_back(col);
                out.values.push_back(v);
            }
        }
        out.indptr[i + 1] = out.indices.size();
    }
    return out;
}

CsrMatrix<float> categorical_intersection(const CsrMatrix<float>& graph, const std::vector<int>& target, double far_dist,
                                          double unknown_dist) {
    require(target.size() == graph.rows, "UMAP target: " + std::to_string(target.size()) + " labels for " +
                                             std::to_string(graph.rows) + " points");
    const float unknown = static_cast<float>(std::exp(-unknown_dist)), far = static_cast<float>(std::exp(-far_dist));
    CsrMatrix<float> out = graph;
    for (std::size_t i = 0; i < graph.rows; ++i)
        for (std::size_t p = graph.indptr[i]; p < graph.indptr[i + 1]; ++p) {
            int a = target[i], b = target[graph.indices[p]];
            if (a == -1 || b == -1) out.values[p] *= unknown;
            else if (a != b) out.values[p] *= far;
        }
    return reset_local_connectivity(out);
}

CsrMatrix<float> reset_local_connectivity(const CsrMatrix<float>& graph) {
    CsrMatrix<float> scaled = graph;
    for (std::size_t i = 0; i < graph.rows; ++i) {
        float row_max = 0.0f;
        for (std::size_t p = graph.indptr[i]; p < graph.indptr[i + 1]; ++p) row_max = std::max(row_max, std::abs(graph.values[p]));
        if (row_max > 0)
            for (std::size_t p = graph.indptr[i]; p < graph.indptr[i + 1]; ++p) scaled.values[p] /= row_max;
    }
    return fuzzy_union(scaled, 1.0);
}

CsrMatrix<float> fuzzy_simplicial_set(const KnnGraph& knn, std::size_t n_neighbors, double set_op_mix_ratio,
                                      double local_connectivity, SmoothKnn* smooth_out) {
    require(set_op_mix_ratio >= 0.0 && set_op_mix_ratio <= 1.0, "set_op_mix_ratio must be in [0, 1]");
    const std::size_t n = knn.n, k = knn.k;
    SmoothKnn smooth = smooth_knn_dist(knn, static_cast<double>(n_neighbors), local_connectivity);

    // Directed memberships A as CSR with sorted columns (a k-NN row has no repeated index).
    CsrMatrix<float> a;
    a.rows = a.cols = n;
    a.indptr.assign(n + 1, 0);
    {
        std::vector<std::pair<uint32_t, float>> row;
        for (std::size_t i = 0; i < n; ++i) {
            row.clear();
            for (std::size_t t = 0; t < k; ++t) {
                float v = membership_strength(knn, smooth, i, t, false);
                if (v != 0.0f) row.push_back({knn.row_indices(i)[t], v});
            }
            std::sort(row.begin(), row.end());
            for (auto& [j, v] : row) {
                a.indices.push_back(j);
                a.values.push_back(v);
            }
            a.indptr[i + 1] = a.indices.size();
        }
    }
    CsrMatrix<float> out = fuzzy_union(a, set_op_mix_ratio);
    if (smooth_out) *smooth_out = std::move(smooth);
    return out;
}

}  // namespace topicwasm
