#include "reduce/umap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <tuple>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "reduce/spectral.hpp"
#include "reduce/umap_ab.hpp"
#include "reduce/umap_optimize.hpp"

namespace topicwasm {

namespace {

bool finite_positive(double v) { return std::isfinite(v) && v > 0.0; }

// Standard normal deviates by Box-Muller (numpy's generator differs; only the scale matters here).
double normal(Rng& rng) {
    double u1 = rng.uniform_double(), u2 = rng.uniform_double();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

std::size_t auto_epochs(std::size_t n, UmapSchedule schedule) {
    if (schedule == UmapSchedule::fast) return 200;
    return n <= 10000 ? 500 : 200;
}

// Edges with weight >= max / n_epochs, grouped by head (umap-learn zeroes the rest so they are
// never sampled, and they do not enter the spectral initialisation either).
CsrMatrix<float> prune(const CsrMatrix<float>& graph, std::size_t n_epochs) {
    float max_w = 0.0f;
    for (float v : graph.values) max_w = std::max(max_w, v);
    const float threshold = max_w / static_cast<float>(n_epochs);
    CsrMatrix<float> out;
    out.rows = graph.rows;
    out.cols = graph.cols;
    out.indptr.assign(graph.rows + 1, 0);
    for (std::size_t i = 0; i < graph.rows; ++i) {
        for (std::size_t p = graph.indptr[i]; p < graph.indptr[i + 1]; ++p)
            if (!(graph.values[p] < threshold)) {
                out.indices.push_back(graph.indices[p]);
                out.values.push_back(graph.values[p]);
            }
        out.indptr[i + 1] = out.indices.size();
    }
    return out;
}

LayoutEdges to_edges(const CsrMatrix<float>& graph, std::size_t n_epochs) {
    LayoutEdges edges;
    edges.head_ptr = graph.indptr;
    edges.tail = graph.indices;
    edges.epochs_per_sample = make_epochs_per_sample(graph.values, n_epochs);
    return edges;
}

// umap-learn: embedding = 10 * (x - min) / (max - min), per column.
void rescale_to_10(Matrix& emb) {
    for (std::size_t d = 0; d < emb.cols; ++d) {
        float lo = std::numeric_limits<float>::infinity(), hi = -lo;
        for (std::size_t i = 0; i < emb.rows; ++i) {
            lo = std::min(lo, emb(i, d));
            hi = std::max(hi, emb(i, d));
        }
        const float range = hi - lo;
        for (std::size_t i = 0; i < emb.rows; ++i) emb(i, d) = range > 0.0f ? 10.0f * (emb(i, d) - lo) / range : 0.0f;
    }
}

}  // namespace

void validate(const UmapOptions& o) {
    require(o.n_neighbors >= 2, "UMAP n_neighbors must be >= 2");
    require(o.n_components >= 1, "UMAP n_components must be >= 1");
    require(std::isfinite(o.min_dist) && o.min_dist >= 0.0, "UMAP min_dist must be >= 0");
    require(finite_positive(o.spread), "UMAP spread must be > 0");
    require(o.min_dist <= o.spread, "UMAP min_dist must be <= spread");
    require(finite_positive(o.learning_rate), "UMAP learning_rate must be > 0");
    require(std::isfinite(o.negative_sample_rate) && o.negative_sample_rate >= 0.0,
            "UMAP negative_sample_rate must be >= 0");
    require(std::isfinite(o.repulsion_strength) && o.repulsion_strength >= 0.0, "UMAP repulsion_strength must be >= 0");
    require(o.set_op_mix_ratio >= 0.0 && o.set_op_mix_ratio <= 1.0, "UMAP set_op_mix_ratio must be in [0, 1]");
    require(std::isfinite(o.local_connectivity) && o.local_connectivity >= 0.0, "UMAP local_connectivity must be >= 0");
    require(std::isfinite(o.a) && std::isfinite(o.b) && o.a >= 0.0 && o.b >= 0.0, "UMAP a and b must be >= 0");
    require((o.a == 0.0) == (o.b == 0.0), "UMAP a and b must be given together");
    require(o.n_epochs <= 100000, "UMAP n_epochs is unreasonably large (> 100000)");
}

Umap::Umap(UmapOptions options) : options_(options) { validate(options_); }

Matrix Umap::fit_transform(const MatrixView& data, const Progress& progress, const std::vector<int>* target) {
    validate(options_);
    const std::size_t n = data.rows;
    require(data.cols >= 1, "UMAP input has no columns");
    // A neighbourhood of one (the point itself) has no edges to lay out.
    require(n >= 3, "UMAP needs at least 3 points, got " + std::to_string(n));
    require(options_.n_components < n, "UMAP n_components (" + std::to_string(options_.n_components) +
                                            ") must be smaller than the number of points (" + std::to_string(n) + ")");
    require_finite(data, "UMAP input");

    std::vector<std::string> warnings;
    // umap-learn's fit: n_neighbors larger than the data shrinks to n - 1 (self plus every other
    // point) with a warning, so small data sets still fit.
    std::size_t k = options_.n_neighbors;
    if (n <= k) {
        k = n - 1;
        warnings.push_back(neighbors_truncated_warning(options_.n_neighbors, n));
    }
    double a = options_.a, b = options_.b;
    if (a == 0.0) std::tie(a, b) = find_ab_params(options_.spread, options_.min_dist);

    KnnOptions knn_opt;
    knn_opt.k = k;
    knn_opt.metric = options_.metric;
    knn_opt.method = options_.knn_method;
    knn_opt.seed = options_.seed;
    KnnGraph knn = nearest_neighbors(data, knn_opt, progress);

    SmoothKnn smooth;
    CsrMatrix<float> graph = fuzzy_simplicial_set(knn, k, options_.set_op_mix_ratio,
                                                  options_.local_connectivity, &smooth);
    if (target) {
        require(options_.target_weight >= 0.0 && options_.target_weight <= 1.0, "UMAP target_weight must be in [0, 1]");
        const double far_dist = options_.target_weight < 1.0 ? 2.5 / (1.0 - options_.target_weight) : 1.0e12;
        graph = categorical_intersection(graph, *target, far_dist);
    }
    const std::size_t n_epochs = options_.n_epochs ? options_.n_epochs : auto_epochs(n, options_.schedule);
    CsrMatrix<float> pruned = prune(graph, n_epochs);

    const std::size_t dim = options_.n_components;
    Matrix emb(n, dim);
    std::string init_used = "random";
    if (options_.init == UmapInit::spectral) {
        report(progress, "umap:spectral", 0, 1);
        std::size_t n_comp = 0;
        std::vector<uint32_t> labels = connected_components(pruned, &n_comp);
        std::optional<SpectralResult> spectral;
        Matrix layout;
        if (n_comp == 1) {
            spectral = spectral_layout(pruned, dim, options_.seed);
            if (spectral) {
                layout = std::move(spectral->embedding);
                if (!spectral->converged)
                    warnings.push_back("spectral initialisation did not fully converge; using the approximate eigenvectors");
            }
        } else {
            // umap-learn warns and lays out each component separately.
            warnings.push_back("the k-NN graph has " + std::to_string(n_comp) +
                               " connected components; spectral initialisation is done per component");
            layout = multi_component_layout(data, options_.metric, pruned, labels, n_comp, dim, options_.seed);
        }
        report(progress, "umap:spectral", 1, 1);
        float max_abs = 0.0f;
        for (float v : layout.data) max_abs = std::isfinite(v) ? std::max(max_abs, std::fabs(v)) : INFINITY;
        if (layout.rows == n && max_abs > 0.0f && std::isfinite(max_abs)) {
            const float expansion = 10.0f / max_abs;
            Rng rng(options_.seed, 3);
            for (std::size_t i = 0; i < n * dim; ++i)
                emb.data[i] = layout.data[i] * expansion + static_cast<float>(0.0001 * normal(rng));
            init_used = "spectral";
        } else {
            warnings.push_back("spectral initialisation failed; falling back to random initialisation");
        }
    }
    if (init_used == "random") {
        Rng rng(options_.seed, 4);
        for (float& v : emb.data) v = static_cast<float>(rng.uniform_double() * 20.0 - 10.0);
    }
    rescale_to_10(emb);

    LayoutParams params;
    params.a = a;
    params.b = b;
    params.gamma = options_.repulsion_strength;
    params.initial_alpha = options_.learning_rate;
    params.negative_sample_rate = options_.negative_sample_rate;
    params.n_epochs = n_epochs;
    params.move_other = true;
    params.seed = options_.seed;
    params.blocks = options_.schedule == UmapSchedule::fast;
    optimize_layout(emb, nullptr, to_edges(pruned, n_epochs), params, progress);

    // Commit only now, so a failure leaves the previous fit untouched.
    data_ = Matrix(n, data.cols);
    std::copy(data.data, data.data + n * data.cols, data_.data.begin());
    embedding_ = emb;
    graph_ = std::move(graph);
    knn_ = std::move(knn);
    smooth_ = std::move(smooth);
    a_ = a;
    b_ = b;
    init_used_ = init_used;
    warnings_ = std::move(warnings);
    n_neighbors_ = k;
    fitted_ = true;
    return emb;
}

Matrix Umap::transform(const MatrixView& points, const Progress& progress) const {
    require(fitted_, "UMAP transform called before fit");
    require(points.cols == data_.cols, "UMAP transform input has " + std::to_string(points.cols) +
                                           " columns, the model was fitted on " + std::to_string(data_.cols));
    const std::size_t q = points.rows, dim = options_.n_components, k = n_neighbors_;
    Matrix out(q, dim);
    if (q == 0) return out;
    require_finite(points, "UMAP transform input");

    KnnGraph knn = exact_knn_query(data_.view(), points, k, options_.metric);
    SmoothKnn smooth = smooth_knn_dist(knn, static_cast<double>(k), std::max(0.0, options_.local_connectivity - 1.0));
    std::vector<float> weights(q * k);
    for (std::size_t i = 0; i < q; ++i)
        for (std::size_t t = 0; t < k; ++t) weights[i * k + t] = membership_strength(knn, smooth, i, t, true);

    // Initial position: the L1-normalised membership-weighted mean of the neighbours' embeddings.
    for (std::size_t i = 0; i < q; ++i) {
        double total = 0.0;
        for (std::size_t t = 0; t < k; ++t) total += weights[i * k + t];
        for (std::size_t t = 0; t < k; ++t) {
            const float w = total > 0.0 ? static_cast<float>(weights[i * k + t] / total) : 1.0f / static_cast<float>(k);
            const float* e = embedding_.row(knn.row_indices(i)[t]);
            for (std::size_t d = 0; d < dim; ++d) out(i, d) += w * e[d];
        }
    }

    const std::size_t n_epochs = options_.n_epochs ? std::max<std::size_t>(1, options_.n_epochs / 3) : (q <= 10000 ? 100 : 30);
    CsrMatrix<float> bipartite;
    bipartite.rows = q;
    bipartite.cols = data_.rows;
    bipartite.indptr.assign(q + 1, 0);
    for (std::size_t i = 0; i < q; ++i) {
        for (std::size_t t = 0; t < k; ++t) {
            bipartite.indices.push_back(knn.row_indices(i)[t]);
            bipartite.values.push_back(weights[i * k + t]);
        }
        bipartite.indptr[i + 1] = bipartite.indices.size();
    }
    CsrMatrix<float> pruned = prune(bipartite, n_epochs);

    LayoutParams params;
    params.a = a_;
    params.b = b_;
    params.gamma = options_.repulsion_strength;
    params.initial_alpha = options_.learning_rate / 4.0;
    params.negative_sample_rate = options_.negative_sample_rate;
    params.n_epochs = n_epochs;
    params.move_other = false;
    params.seed = options_.seed ^ 0x7472616e73666f72ULL;  // "transfor": a stream apart from fit's
    optimize_layout(out, &embedding_, to_edges(pruned, n_epochs), params, progress);
    return out;
}

std::string neighbors_truncated_warning(std::size_t n_neighbors, std::size_t n) {
    return "n_neighbors is larger than the dataset size; truncating to X.shape[0] - 1 (umapModel.nNeighbors " +
           std::to_string(n_neighbors) + " -> " + std::to_string(n - 1) + " for " + std::to_string(n) + " points)";
}

UmapOptions bertopic_umap_options() {
    UmapOptions o;
    o.n_neighbors = 15;
    o.n_components = 5;
    o.min_dist = 0.0;
    o.metric = Metric::cosine;
    return o;
}

}  // namespace topicwasm
