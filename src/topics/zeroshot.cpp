#include "topics/zeroshot.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "represent/similarity.hpp"

namespace topicwasm {

ZeroShotAssignment assign_zeroshot(MatrixView documents, MatrixView labels, double min_similarity) {
    require(labels.cols == documents.cols, "zeroshotTopicList: the labels' embeddings have " + std::to_string(labels.cols) +
                                               " dimensions but the documents' have " + std::to_string(documents.cols) +
                                               ": embed both with the same model");
    std::vector<int> best(documents.rows, -1);
    for (std::size_t i = 0; i < documents.rows; ++i) {
        int top = 0;
        double top_sim = -INFINITY;
        for (std::size_t l = 0; l < labels.rows; ++l) {
            const double sim = cosine_similarity(documents.row(i), labels.row(l), documents.cols);
            if (sim > top_sim) top = static_cast<int>(l), top_sim = sim;
        }
        if (top_sim >= min_similarity) best[i] = top;
    }
    ZeroShotAssignment out;
    std::vector<int> topic_of(labels.rows, -1);
    for (int l : best)
        if (l >= 0) topic_of[l] = 0;
    for (std::size_t l = 0; l < labels.rows; ++l)
        if (topic_of[l] == 0) topic_of[l] = static_cast<int>(out.matched.size()), out.matched.push_back(static_cast<int>(l));
    out.topics.reserve(best.size());
    for (int l : best) out.topics.push_back(l < 0 ? -1 : topic_of[l]);
    return out;
}

ZeroShotTopics follow_zeroshot(const ZeroShotTopics& previous, const std::vector<int>& before, const std::vector<int>& after,
                               const std::vector<int>& topic_ids, const Matrix& topic_embeddings, MatrixView labels,
                               double min_similarity) {
    if (previous.empty()) return {};
    require(labels.rows > 0 && labels.cols == topic_embeddings.cols,
            "zeroshotTopicList: the labels' embeddings (with the topic embeddings' dimension) are needed to follow zero-shot topics");
    std::map<int, int> moves;  // old topic -> new topic (every document of a topic moves together)
    for (std::size_t i = 0; i < before.size(); ++i) moves[before[i]] = after[i];
    std::map<int, std::vector<int>> candidates;  // new topic -> labels of the zero-shot topics it took, by old id
    for (const auto& [topic, label] : previous) {
        const auto to = moves.find(topic);
        if (to == moves.end() || to->second == -1) continue;
        candidates[to->second].push_back(label);
    }
    ZeroShotTopics next;
    for (const auto& [topic, choices] : candidates) {
        const auto row = std::find(topic_ids.begin(), topic_ids.end(), topic) - topic_ids.begin();
        int best = -1;
        double best_sim = -INFINITY;
        for (int label : choices) {
            const double sim = cosine_similarity(labels.row(label), topic_embeddings.row(row), topic_embeddings.cols);
            if (sim > best_sim) best = label, best_sim = sim;
        }
        if (best_sim >= min_similarity) next.emplace_back(topic, best);
    }
    return next;
}

}  // namespace topicwasm
