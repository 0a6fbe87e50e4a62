#pragma once
// From documents with topic labels to topic words, as BERTopic's _c_tf_idf and
// _extract_words_per_topic do: one class document per topic (its documents joined by a space,
// cleaned by _preprocess_text), CountVectorizer over the class documents, c-TF-IDF, top words.
#include <cstdint>
#include <string>
#include <vector>

#include "represent/ctfidf.hpp"
#include "text/count_vectorizer.hpp"

namespace topicwasm {

struct TopicWord {
    std::string word;
    double score = 0;
};

// BERTopic's _preprocess_text: newlines and tabs become spaces; for language "english" everything
// but [A-Za-z0-9 ] is removed (so "don't" counts as "dont"); an empty result becomes "emptydoc".
std::string clean_class_document(std::string text, bool english);

struct TopicRepresentation {
    CountVectorizer vectorizer;
    ClassTfidf ctfidf;
    WeightMatrix weights;                      // one row per topic, in `topic_ids` order
    std::vector<std::vector<TopicWord>> words;  // top_n_words per topic, padded with ("", 1e-5)
};

// One class document per topic (rows in topic_ids order): its documents joined by a space, in
// document order, then clean_class_document. Documents whose label is not in topic_ids are skipped.
std::vector<std::string> class_documents(const std::vector<std::string>& documents, const std::vector<int>& labels,
                                         const std::vector<int>& topic_ids, bool english);

// BERTopic's _extract_words_per_topic: the top_n best-weighted words of every row, a missing or
// zero-weight word becoming ("", 0.00001), padded to top_n.
std::vector<std::vector<TopicWord>> top_words(const WeightMatrix& weights, const std::vector<std::string>& names,
                                              std::size_t top_n);

// topic_ids: the distinct topics in ascending order; labels[i] is document i's topic.
TopicRepresentation represent_topics(const std::vector<std::string>& documents, const std::vector<int>& labels,
                                     const std::vector<int>& topic_ids, const CountVectorizerOptions& vectorizer,
                                     const CtfidfOptions& ctfidf, bool english, std::size_t top_n_words);

// BERTopic's _extract_representative_docs: among (a seeded sample of up to `sample` of) each
// topic's documents, the `count` whose own c-TF-IDF vectors are most cosine-similar to the topic's.
std::vector<std::vector<std::size_t>> representative_documents(const TopicRepresentation& representation,
                                                               const std::vector<std::string>& documents,
                                                               const std::vector<int>& labels,
                                                               const std::vector<int>& topic_ids, std::size_t count,
                                                               std::size_t sample, uint64_t seed);

}  // namespace topicwasm
