#include "topics/guided.hpp"

#include <string>

#include "core/error.hpp"
#include "represent/similarity.hpp"

namespace topicwasm {

GuidedTargets guided_targets(MatrixView embeddings, MatrixView seeds) {
    const std::size_t n = embeddings.rows, d = embeddings.cols, s = seeds.rows;
    require(s > 0, "seedTopicList: no seed topic embeddings");
    require(seeds.cols == d, "seedTopicList: the seed topics' embeddings have " + std::to_string(seeds.cols) +
                                 " dimensions but the documents' have " + std::to_string(d) +
                                 ": give embeddings from the model in embeddingModel");
    // The candidates: the seed topics, then the mean document (BERTopic appends it last).
    std::vector<float> mean(d, 0.0f);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < d; ++k) mean[k] += embeddings(i, k) / static_cast<float>(n);
    GuidedTargets out{std::vector<int>(n, -1), to_matrix(embeddings)};
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t best = s;
        double best_similarity = cosine_similarity(embeddings.row(i), mean.data(), d);
        for (std::size_t c = 0; c < s; ++c) {
            const double similarity = cosine_similarity(embeddings.row(i), seeds.row(c), d);
            if (similarity > best_similarity || (similarity == best_similarity && c < best)) best = c, best_similarity = similarity;
        }
        if (best == s) continue;
        out.y[i] = static_cast<int>(best);
        for (std::size_t k = 0; k < d; ++k) out.embeddings(i, k) = static_cast<float>((3.0 * embeddings(i, k) + seeds(best, k)) / 4.0);
    }
    return out;
}

}  // namespace topicwasm
