#include "topics/fit_memory.hpp"

#include <algorithm>
#include <cstdio>

#include "core/error.hpp"

namespace topicwasm {

void check_fit_memory(const std::vector<std::string>& documents, const MatrixView& embeddings, const TopicModelOptions& o) {
    const double n = static_cast<double>(documents.size());
    double text = 0;
    for (const auto& d : documents) text += static_cast<double>(d.size() + sizeof(std::string));
    const bool umap = o.reducer == ReducerKind::umap;
    // UMAP uses n - 1 neighbours when there are no more documents than nNeighbors.
    const double k = umap ? static_cast<double>(std::min(o.umap.n_neighbors, documents.size())) : 0.0;
    const double s = static_cast<double>(o.hdbscan.min_samples ? o.hdbscan.min_samples : o.hdbscan.min_cluster_size);
    const double graphs = n * k * 8.0 + 2.0 * n * k * 16.0;
    const double normed = umap && o.umap.metric == Metric::cosine ? 4.0 * n * static_cast<double>(embeddings.cols) : 0.0;
    const double bytes = 4.0 * n * static_cast<double>(embeddings.cols) + normed + 2.0 * text + 4.0 * text + graphs +
                         8.0 * n * static_cast<double>(o.umap.n_components) + (o.clusterer == ClustererKind::hdbscan ? n * (8.0 * s + 64.0) : 0.0);
    constexpr double limit = 4.0 * 1024 * 1024 * 1024;
    if (bytes > limit) {
        const auto gb = [](double b) {
            char text[32];
            std::snprintf(text, sizeof text, "%.1f GB", b / 1e9);
            return std::string(text);
        };
        throw Error("this fit needs about " + gb(bytes) + " (" +
                    (graphs > bytes / 2 ? "UMAP's neighbour graphs for " + std::to_string(documents.size()) + " documents x nNeighbors " +
                                              std::to_string(o.umap.n_neighbors) + ": " + gb(graphs)
                                        : "embeddings and documents") +
                    "), more than the 4 GB a WebAssembly (wasm32) module can address: fit fewer documents" + (umap ? " or lower umapModel.nNeighbors" : ""));
    }
}


}  // namespace topicwasm
