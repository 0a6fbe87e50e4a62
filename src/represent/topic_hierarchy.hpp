#pragma once
// BERTopic's hierarchical_topics (use_ctfidf=True, its defaults): Ward linkage of the topics'
// c-TF-IDF rows under the distance 1 - cosine similarity (outliers left out), merge distances made
// unique, and for every merge the words of the merged topics: their class documents' bags of words
// summed and weighted by the fitted c-TF-IDF idf. Names are the first five words joined by "_".
#include <cstddef>
#include <string>
#include <vector>

#include "cluster/agglomerative.hpp"
#include "represent/topic_representation.hpp"

namespace topicwasm {

struct TopicMerge {
    std::size_t parent_id = 0;  // K + merge index (ids < K are topics)
    std::string parent_name;
    std::vector<int> topics;  // the topics below this merge, ascending
    std::size_t left_id = 0, right_id = 0;
    std::string left_name, right_name;
    double distance = 0;
};

// representation rows are the topics `topic_ids` (ascending, -1 first when present); documents[i]
// belongs to labels[i]. Needs at least two topics other than -1. Merges in order of distance.
// `linkage` (optional): the K - 1 merges to use instead of Ward's (BERTopic's linkage_function;
// ids < K are the topics other than -1, K + s the cluster of merge s); checked here: each merge
// joins two distinct clusters that exist and are not merged yet, with a finite distance >= 0.
std::vector<TopicMerge> hierarchical_topics(const TopicRepresentation& representation, const std::vector<int>& topic_ids,
                                            const std::vector<std::string>& documents, const std::vector<int>& labels,
                                            bool english, std::size_t top_n_words,
                                            const std::vector<LinkageMerge>* linkage = nullptr);

// The condensed distances (1 - cosine of the c-TF-IDF rows, outliers left out; scipy's pdist
// order: (0,1), (0,2), ..., (K-2,K-1)) that hierarchical_topics links: what linkage_function gets.
std::vector<double> topic_distances(const TopicRepresentation& representation, const std::vector<int>& topic_ids);

}  // namespace topicwasm
