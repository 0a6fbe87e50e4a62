#pragma once
// A TopicModel from BERTopic's saved model directory (BERTopic.load): the JSON files are parsed
// and checked in JavaScript (web/files/model_files.js), which hands over their contents as a
// SavedModelSpec; the tensor files are read here and the c-TF-IDF is rebuilt with the saved
// vocabulary and idf, so the whole restore is reachable from the native tests.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "topics/topic_model.hpp"

namespace topicwasm {

struct SavedModelSpec {
    std::vector<int> topic_ids;                  // ascending
    std::vector<std::size_t> counts;             // topic_sizes, per topic
    std::vector<std::vector<TopicWord>> words;   // topic_representations, per topic
    std::vector<int> document_topics;            // topics_ (may be empty)
    std::vector<std::vector<int>> topic_mapper;  // topic_mapper rows (may be empty)
    std::vector<uint8_t> topic_embeddings_file;  // topic_embeddings.safetensors
    std::optional<std::vector<uint8_t>> ctfidf_file;  // ctfidf.safetensors, when saved
    std::vector<std::string> vocabulary;         // ctfidf_config.json's vocab in column order
    std::vector<std::string> saved_names;        // topic_labels per topic (may be empty)
    std::vector<std::optional<std::string>> custom_labels;  // custom_labels per topic (may be empty; null entries)
};

// The saved model the files describe; `options`: the model's (its vectorizer and c-TF-IDF settings
// rebuild the c-TF-IDF). Throws Error naming the file for a bad tensor file or vocabulary.
SavedTopicModel saved_topic_model(SavedModelSpec spec, const TopicModelOptions& options);

}  // namespace topicwasm
