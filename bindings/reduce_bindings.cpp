// Dimension reduction for JavaScript: the figures (web/plotting/) put documents and topics on 2-D
// maps with the same UMAP / PCA the engine uses.
#include <emscripten/bind.h>

#include <cmath>
#include <string>

#include "convert.hpp"
#include "core/error.hpp"
#include "errors.hpp"
#include "options.hpp"
#include "cluster/hdbscan.hpp"
#include "cluster/ward_linkage.hpp"
#include "reduce/pca.hpp"
#include "reduce/umap.hpp"

namespace topicwasm::bindings {
namespace {

MatrixView view_of(const std::vector<float>& data, std::size_t cols) {
    require(cols > 0 && !data.empty() && data.size() % cols == 0, "data length is not a multiple of the dimension");
    return {data.data(), data.size() / cols, cols};
}

// umap: options as TopicModel's umapModel (already checked by web/engine/options.js), plus seed.
val umap_reduce(const val& data, std::size_t cols, const val& options, double seed) {
    return guarded([&] {
        auto values = copy_array<float>(data);
        UmapOptions o = umap_options(options);
        o.seed = static_cast<uint64_t>(seed);
        return to_js_matrix(Umap(o).fit_transform(view_of(values, cols)));
    });
}

val pca_reduce(const val& data, std::size_t cols, std::size_t n_components) {
    return guarded([&] {
        auto values = copy_array<float>(data);
        return to_js_matrix(Pca({n_components}).fit_transform(view_of(values, cols)));
    });
}

// Ward clusters of observation rows (visualizeHeatmap's nClusters): a cluster number per row.
val ward_clusters_of(const val& data, std::size_t cols, std::size_t n_clusters) {
    return guarded([&] {
        auto values = copy_array<double>(data);
        require(cols > 0 && values.size() % cols == 0, "data length is not a multiple of the dimension");
        const auto labels = ward_clusters(values, values.size() / cols, cols, n_clusters);
        return val::array(labels.begin(), labels.end());
    });
}

// scipy's linkage(condensed, method) (hierarchicalTopics' linkage and the hierarchy figures): the
// condensed distances in pdist order -> the linkage matrix as a flat Float64Array of n - 1 rows
// [a, b, distance, size].
val linkage_of(const val& condensed, const std::string& method) {
    return guarded([&] {
        const auto values = copy_array<double>(condensed);
        const auto n = static_cast<std::size_t>(std::llround((1 + std::sqrt(1 + 8.0 * double(values.size()))) / 2));
        require(n >= 2 && n * (n - 1) / 2 == values.size(), "linkage: " + std::to_string(values.size()) +
                                                                 " distances are not a condensed matrix of at least 2 points");
        std::vector<double> square(n * n, 0.0);
        for (std::size_t i = 0, p = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j, ++p) square[i * n + j] = square[j * n + i] = values[p];
        std::vector<double> flat;
        for (const auto& m : linkage(square, n, method))
            flat.insert(flat.end(), {double(m.a), double(m.b), m.distance, double(m.size)});
        return to_typed_array(flat);
    });
}

// HDBSCAN of any rows (options as hdbscanModel, checked by web/engine/options.js; minClusterSize
// required): {labels: Int32Array, probabilities: Float64Array}. The demo re-clusters a model's
// UMAP output with it ("more topics") without running UMAP again.
val hdbscan_cluster(const val& data, std::size_t cols, const val& options) {
    return guarded([&] {
        auto values = copy_array<float>(data);
        require(!options["minClusterSize"].isNull(), "hdbscanCluster needs minClusterSize");
        Hdbscan h(hdbscan_options(options, 0));
        h.fit(view_of(values, cols));
        val out = val::object();
        out.set("labels", to_typed_array(h.labels()));
        out.set("probabilities", to_typed_array(h.probabilities()));
        return out;
    });
}

}  // namespace

EMSCRIPTEN_BINDINGS(topicwasm_reduce) {
    emscripten::function("hdbscanCluster", &hdbscan_cluster);
    emscripten::function("wardClusters", &ward_clusters_of);
    emscripten::function("linkage", &linkage_of);
    emscripten::function("umapReduce", &umap_reduce);
    emscripten::function("pcaReduce", &pca_reduce);
}

}  // namespace topicwasm::bindings
