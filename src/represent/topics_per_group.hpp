#pragma once
// BERTopic's topics_over_time and topics_per_class: the fitted topics described again within each
// group of documents (a time bin or a class). Per group, every topic present gets a class document
// of its documents in that group, weighted by the *fitted* vectorizer and c-TF-IDF idf (BERTopic's
// _c_tf_idf(fit=False)); optionally
//   global tuning:    the row averaged with the topic's global (L1-normalised) c-TF-IDF row;
//   evolution tuning: (topics over time) the row averaged with the same topic's row in the
//                     previous group, when the topic was present there;
// both on L1-normalised rows, as BERTopic does. Then the top words of each row.
#include <cstddef>
#include <string>
#include <vector>

#include "represent/topic_representation.hpp"

namespace topicwasm {

struct TopicsPerGroupOptions {
    bool global_tuning = true;
    bool evolution_tuning = false;  // BERTopic: true for topics_over_time; topics_per_class has none
    bool english = true;            // clean class documents as BERTopic's _preprocess_text
    std::size_t top_n_words = 10;
};

struct GroupTopic {
    std::size_t group = 0;  // 0 .. groups-1, ascending
    int topic = -1;
    std::size_t frequency = 0;  // documents of the topic in the group
    std::vector<TopicWord> words;
};

// labels[i]: document i's topic (must be one of topic_ids, the ids of representation's rows in
// order); groups[i]: its group. Rows come by group, then ascending topic.
std::vector<GroupTopic> topics_per_group(const TopicRepresentation& representation, const std::vector<int>& topic_ids,
                                         const std::vector<std::string>& documents, const std::vector<int>& labels,
                                         const std::vector<std::size_t>& groups, const TopicsPerGroupOptions& options);

}  // namespace topicwasm
