#pragma once
// The BERTopic pipeline and everything done to a fitted model. This slice: manual topic modeling
// (BERTopic's fit(docs, y=labels) with BaseCluster: the labels are the clusters), topic
// renumbering by size, c-TF-IDF topic words and representative documents.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "represent/topic_representation.hpp"

namespace topicwasm {

struct TopicModelOptions {
    std::string language = "english";  // "english" cleans class documents as BERTopic does
    std::size_t top_n_words = 10;
    std::size_t min_topic_size = 10;
    std::size_t representative_docs = 3;   // BERTopic's nr_repr_docs
    std::size_t representative_sample = 500;  // BERTopic's nr_samples
    CountVectorizerOptions vectorizer;     // CountVectorizer() defaults, as BERTopic's
    CtfidfOptions ctfidf;
    uint64_t seed = 42;
};

struct Topic {
    int id = -1;
    std::size_t count = 0;
    std::string name;  // BERTopic's "<id>_<w1>_<w2>_<w3>_<w4>"
    std::vector<TopicWord> words;
    std::vector<std::size_t> representative_docs;  // document indices
};

class TopicModel {
public:
    explicit TopicModel(TopicModelOptions options = {});

    // Manual topic modeling: documents[i] belongs to labels[i] (-1 = outlier). Returns each
    // document's topic after renumbering by size. On error the model is left as it was.
    std::vector<int> fit_transform(const std::vector<std::string>& documents, const std::vector<int>& labels);

    bool fitted() const { return state_ != nullptr; }
    const TopicModelOptions& options() const { return options_; }

    const std::vector<int>& document_topics() const;
    const std::vector<Topic>& topics() const;  // ascending id, -1 first when there are outliers
    const Topic& topic(int id) const;
    const std::vector<std::string>& documents() const;
    // The vectorizer and c-TF-IDF model fitted on the topics' class documents.
    const TopicRepresentation& representation() const;
    // id -> the label the user gave (manual mode) before renumbering.
    const std::vector<int>& original_labels() const;

private:
    struct State {
        std::vector<std::string> documents;
        std::vector<int> document_topics;
        std::vector<int> original_labels;  // index: id + outlier offset
        std::vector<Topic> topics;
        std::unique_ptr<TopicRepresentation> representation;
    };
    const State& state() const;

    TopicModelOptions options_;
    std::shared_ptr<const State> state_;
};

}  // namespace topicwasm
