#pragma once
// Options and helpers for changing a fitted topic model's topics, as BERTopic 0.17 does:
// nr_topics / reduce_topics (average-linkage agglomerative clustering of the topic vectors, or
// HDBSCAN on them for "auto"), merge_topics, reduce_outliers and update_topics. The TopicModel
// methods that apply them live in topic_reduction.cpp.
#include <cstddef>
#include <string>
#include <vector>

#include "core/matrix.hpp"
#include "represent/ctfidf.hpp"

namespace topicwasm {

// BERTopic's nr_topics: None (keep the topics), an integer, or "auto".
// An integer counts every topic including the outlier topic -1, as BERTopic's
// AgglomerativeClustering(nr_topics - _outliers): nr_topics = 50 with outliers leaves topics
// -1, 0..48. A count >= the current number of topics keeps the topics as they are.
struct NrTopics {
    enum class Kind { keep, count, automatic };
    Kind kind = Kind::keep;
    std::size_t count = 0;  // with Kind::count: at least 2
};
// The one value check of nr_topics: a count of at least 2; keep only where `keep_allowed` (fit's
// default; reduce_topics needs a target).
void check_nr_topics(const NrTopics& nr_topics, bool keep_allowed);

// BERTopic's reduce_outliers strategies ("distributions": approximate_distribution with
// min_similarity = threshold, its other parameters at their defaults).
enum class OutlierStrategy { distributions, probabilities, ctfidf, embeddings };
OutlierStrategy parse_outlier_strategy(const std::string& name);

struct OutlierOptions {
    OutlierStrategy strategy = OutlierStrategy::distributions;  // BERTopic's default
    double threshold = 0;     // minimum probability (probabilities) or cosine similarity (others)
    MatrixView probabilities;  // n x K topic distributions (strategy probabilities)
    MatrixView embeddings;     // n x d document embeddings (strategy embeddings)
    // When set (targetOutlierShare): per document, the lowest threshold at which reduce_outliers
    // would give it a topic (a threshold t reassigns an outlier iff t <= its score, for t > 0 and,
    // with strategy probabilities, t >= 0); -inf for an outlier no positive threshold reassigns,
    // NaN for a document that is not an outlier. Filled whatever `threshold` is.
    std::vector<double>* scores = nullptr;
};

// BERTopic's "auto": HDBSCAN(min_cluster_size=2, metric="euclidean", "eom") on the L2-normalised
// topic vectors (dense, rows = topics 0..K-1); every topic of a cluster maps to the cluster's
// lowest topic id, unclustered topics to themselves. Returns topic -> new id.
std::vector<int> auto_topic_groups(const Matrix& vectors);

}  // namespace topicwasm
