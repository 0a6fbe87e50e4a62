#include "topics/topic_model.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "core/error.hpp"

namespace topicwasm {

TopicModel::TopicModel(TopicModelOptions options) : options_(std::move(options)) {
    require(options_.top_n_words >= 1 && options_.top_n_words <= 100, "topNWords must be between 1 and 100");
    require(options_.min_topic_size >= 2, "minTopicSize must be at least 2");
    CountVectorizer check(options_.vectorizer);  // validates the vectorizer options now, not at fit
}

namespace {

// BERTopic's _sort_mappings_by_frequency: topics renumbered 0..K-1 by decreasing size, -1 kept.
// pandas sorts sizes with an unstable quicksort; we break ties by first appearance, which is
// deterministic and agrees with BERTopic whenever sizes differ.
std::unordered_map<int, int> renumber_by_size(const std::vector<int>& labels) {
    std::vector<int> order;
    std::unordered_map<int, std::size_t> size;
    for (int label : labels)
        if (size[label]++ == 0) order.push_back(label);
    std::erase(order, -1);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return size[a] > size[b]; });
    std::unordered_map<int, int> mapping{{-1, -1}};
    for (std::size_t k = 0; k < order.size(); ++k) mapping[order[k]] = static_cast<int>(k);
    return mapping;
}

}  // namespace

std::vector<int> TopicModel::fit_transform(const std::vector<std::string>& documents, const std::vector<int>& labels) {
    require(!documents.empty(), "empty corpus: fit needs at least one document");
    require(labels.size() == documents.size(), "y has " + std::to_string(labels.size()) + " labels but there are " +
                                                   std::to_string(documents.size()) + " documents");
    for (int label : labels) require(label >= -1, "y contains " + std::to_string(label) + ": topic labels must be >= -1");

    auto state = std::make_shared<State>();
    state->documents = documents;
    auto mapping = renumber_by_size(labels);
    state->document_topics.reserve(labels.size());
    for (int label : labels) state->document_topics.push_back(mapping.at(label));

    std::vector<int> ids;
    for (const auto& [from, to] : mapping) ids.push_back(to);
    std::sort(ids.begin(), ids.end());
    bool has_outliers = std::find(labels.begin(), labels.end(), -1) != labels.end();
    if (!has_outliers) ids.erase(ids.begin());  // -1 only when some document is an outlier
    state->original_labels.resize(ids.size());
    for (const auto& [from, to] : mapping)
        if (to >= 0 || has_outliers) state->original_labels[to + (has_outliers ? 1 : 0)] = from;

    const auto& docs = state->documents;
    const auto& topics = state->document_topics;
    auto rep = std::make_unique<TopicRepresentation>(represent_topics(
        docs, topics, ids, options_.vectorizer, options_.ctfidf, options_.language == "english", options_.top_n_words));
    auto representative = representative_documents(*rep, docs, topics, ids, options_.representative_docs,
                                                   options_.representative_sample, options_.seed);

    std::vector<std::size_t> counts(ids.size(), 0);
    for (int t : topics) ++counts[t + (has_outliers ? 1 : 0)];
    for (std::size_t r = 0; r < ids.size(); ++r) {
        Topic topic{ids[r], counts[r], std::to_string(ids[r]), rep->words[r], representative[r]};
        for (std::size_t w = 0; w < std::min<std::size_t>(4, topic.words.size()); ++w) topic.name += "_" + topic.words[w].word;
        state->topics.push_back(std::move(topic));
    }
    state->representation = std::move(rep);
    state_ = std::move(state);  // only now does the model change
    return state_->document_topics;
}

const TopicModel::State& TopicModel::state() const {
    require(state_ != nullptr, "the model is not fitted yet: call fit or fitTransform first");
    return *state_;
}

const std::vector<int>& TopicModel::document_topics() const { return state().document_topics; }
const std::vector<Topic>& TopicModel::topics() const { return state().topics; }
const std::vector<std::string>& TopicModel::documents() const { return state().documents; }
const std::vector<int>& TopicModel::original_labels() const { return state().original_labels; }

const TopicRepresentation& TopicModel::representation() const { return *state().representation; }

const Topic& TopicModel::topic(int id) const {
    const auto& all = topics();
    for (const auto& t : all)
        if (t.id == id) return t;
    throw Error("there is no topic " + std::to_string(id) + " (topics are " + std::to_string(all.front().id) + " to " +
                std::to_string(all.back().id) + ")");
}

}  // namespace topicwasm
