// BERTopic's delete_topics (0.17): the deleted topics' documents become outliers; nothing is
// recomputed from documents. The other topics keep their words, representative documents,
// embedding and c-TF-IDF row and are renumbered by size (_sort_mappings_by_frequency); an outlier
// topic that did not exist gets a zero embedding, a zero c-TF-IDF row and the word ("", 1e-5),
// and keeps no words of the deleted topics (as BERTopic, which only re-labels topics_).
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "core/error.hpp"
#include "topics/topic_model.hpp"

namespace topicwasm {
namespace {

// Rows `from` of a CSR matrix, in that order; from[r] == npos gives an empty row.
WeightMatrix pick_rows(const WeightMatrix& m, const std::vector<std::size_t>& from) {
    WeightMatrix out;
    out.rows = from.size();
    out.cols = m.cols;
    for (std::size_t source : from) {
        if (source != std::string::npos)
            for (std::size_t k = m.row_begin(source); k < m.row_end(source); ++k) {
                out.indices.push_back(m.indices[k]);
                out.values.push_back(m.values[k]);
            }
        out.indptr.push_back(out.indices.size());
    }
    return out;
}

}  // namespace

void TopicModel::delete_topics(const std::vector<int>& ids) {
    const State& s = state();
    require(!s.document_topics.empty(),
            "the model does not know its documents' topics (a saved model whose topics.json has no topics): it cannot delete topics");
    const std::set<int> deleted(ids.begin(), ids.end());
    for (int id : deleted) {
        require(id != -1, "deleteTopics: -1 is the outlier topic, not a topic to delete");
        topic_row(s.topics, id);  // Error naming an unknown id
    }
    std::vector<int> labels(s.document_topics);
    for (int& t : labels)
        if (deleted.count(t)) t = -1;
    require(std::any_of(labels.begin(), labels.end(), [](int t) { return t != -1; }),
            "deleteTopics: deleting every topic would leave only outliers");
    const auto new_id = renumber_by_size(labels);
    // A deleted topic goes to -1, any other to its new id; ids no topic has (a vanished one in the
    // topic mapper) to -1.
    auto moved = [&](int old) {
        if (old == -1 || deleted.count(old)) return -1;
        const auto it = new_id.find(old);
        return it == new_id.end() ? -1 : it->second;
    };

    auto out = std::make_shared<State>(s);  // documents, fitted steps, labels' embeddings stay
    for (int& t : out->document_topics) t = moved(t);
    const bool outliers = std::find(out->document_topics.begin(), out->document_topics.end(), -1) != out->document_topics.end();
    // The new topics in ascending id, each with the old row it comes from (npos: a new -1).
    std::vector<std::size_t> from;
    std::vector<Topic> topics;
    if (outliers) {
        const bool had = s.topics.front().id == -1;
        from.push_back(had ? 0 : std::string::npos);
        topics.push_back(had ? s.topics.front() : Topic{-1, 0, {}, {TopicWord{"", 1e-5}}, {}});
        if (!had && s.custom_labels) topics.back().custom_label = "";  // BERTopic's custom_labels_[-1] = ""
    }
    std::vector<std::pair<int, std::size_t>> kept;  // (new id, old row)
    for (std::size_t r = 0; r < s.topics.size(); ++r)
        if (s.topics[r].id != -1 && !deleted.count(s.topics[r].id)) kept.emplace_back(moved(s.topics[r].id), r);
    std::sort(kept.begin(), kept.end());
    for (const auto& [id, r] : kept) {
        from.push_back(r);
        topics.push_back(s.topics[r]);
        topics.back().id = id;
    }
    // Sizes in one pass over the documents (not one per topic).
    std::map<int, std::size_t> counts;
    for (int t : out->document_topics) ++counts[t];
    for (auto& t : topics) t.count = counts[t.id];
    out->topics = std::move(topics);

    if (s.topic_embeddings.rows > 0) {
        const std::size_t d = s.topic_embeddings.cols;
        out->topic_embeddings = Matrix(from.size(), d);
        for (std::size_t r = 0; r < from.size(); ++r)
            if (from[r] != std::string::npos) std::copy(s.topic_embeddings.row(from[r]), s.topic_embeddings.row(from[r]) + d, out->topic_embeddings.row(r));
    }
    if (s.representation) {
        auto rep = std::make_shared<TopicRepresentation>(*s.representation);
        rep->weights = pick_rows(s.representation->weights, from);
        rep->words.clear();
        for (std::size_t r = 0; r < from.size(); ++r)
            rep->words.push_back(from[r] == std::string::npos ? std::vector<TopicWord>{TopicWord{"", 1e-5}} : s.representation->words[from[r]]);
        out->representation = std::move(rep);
    }
    out->original_labels.clear();
    for (std::size_t r = 0; r < from.size(); ++r) out->original_labels.push_back(from[r] == std::string::npos ? -1 : s.original_labels[from[r]]);
    for (auto& [label, topic] : out->label_topics) topic = moved(topic);
    for (auto& row : out->topic_mapper) row.push_back(moved(row.back()));  // TopicMapper.add_mappings
    out->zeroshot_topics.clear();
    for (const auto& [id, label] : s.zeroshot_topics)
        if (!deleted.count(id)) out->zeroshot_topics.emplace_back(moved(id), label);
    std::sort(out->zeroshot_topics.begin(), out->zeroshot_topics.end());
    // BERTopic's delete_topics: each aspect keeps its kept topics under their new ids (-1 stays -1).
    for (auto& [name, topics] : out->aspects) {
        std::vector<std::pair<int, std::vector<TopicWord>>> next;
        for (auto& [id, words] : topics)
            if (!deleted.count(id) && (id == -1 || new_id.count(id))) next.emplace_back(id == -1 ? -1 : moved(id), std::move(words));
        std::sort(next.begin(), next.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        topics = std::move(next);
    }
    out->online_changed = s.online != nullptr;
    out->probabilities = map_probabilities(s.probabilities, moved, out->topics.size() - (outliers ? 1 : 0));
    name_topics(*out);
    state_ = std::move(out);  // only now does the model change
}

}  // namespace topicwasm
