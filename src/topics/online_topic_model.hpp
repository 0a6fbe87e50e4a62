#pragma once
// What BERTopic's partial_fit carries from batch to batch (topic_model.hpp declares partial_fit).
#include <cstddef>
#include <map>
#include <optional>
#include <vector>

#include "cluster/mini_batch_kmeans.hpp"
#include "reduce/incremental_pca.hpp"
#include "text/online_count_vectorizer.hpp"

namespace topicwasm {

struct OnlineState {
    std::optional<IncrementalPca> ipca;  // none with ReducerKind::none
    MiniBatchKMeans kmeans;
    OnlineCountVectorizer vectorizer;  // its bag of words has one row per topic, ascending id
    std::map<int, int> topic_mapper;   // cluster label -> topic id (BERTopic's topic_mapper_)
    std::map<int, std::size_t> sizes;  // topic id -> documents over all batches (topic_sizes_)
    std::map<int, std::vector<double>> embedding_sums;  // topic id -> sum of its document embeddings
    std::size_t dimension = 0;          // of the embeddings
};

}  // namespace topicwasm
