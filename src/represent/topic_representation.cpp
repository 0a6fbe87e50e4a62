#include "represent/topic_representation.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"

namespace topicwasm {

std::string clean_class_document(std::string text, bool english) {
    std::size_t kept = 0;  // cleaned in place: the write position never passes the read position
    for (char ch : text) {
        if (ch == '\n' || ch == '\t') ch = ' ';
        bool keep = !english || ch == ' ' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        if (keep) text[kept++] = ch;
    }
    text.resize(kept);
    return text.empty() ? "emptydoc" : text;
}

namespace {

std::unordered_map<int, std::size_t> row_of(const std::vector<int>& topic_ids) {
    std::unordered_map<int, std::size_t> row;
    for (std::size_t r = 0; r < topic_ids.size(); ++r) row[topic_ids[r]] = r;
    return row;
}

}  // namespace

std::vector<std::string> class_documents(const std::vector<std::string>& documents, const std::vector<int>& labels,
                                         const std::vector<int>& topic_ids, bool english) {
    auto row = row_of(topic_ids);
    std::vector<std::string> joined(topic_ids.size());
    std::vector<bool> started(topic_ids.size(), false);
    std::vector<std::size_t> length(topic_ids.size(), 0);
    for (std::size_t i = 0; i < documents.size(); ++i)
        if (auto it = row.find(labels[i]); it != row.end()) length[it->second] += documents[i].size() + 1;
    for (std::size_t r = 0; r < joined.size(); ++r) joined[r].reserve(length[r]);
    for (std::size_t i = 0; i < documents.size(); ++i) {
        auto it = row.find(labels[i]);
        if (it == row.end()) continue;
        std::size_t r = it->second;
        if (started[r]) joined[r].push_back(' ');
        joined[r] += documents[i];
        started[r] = true;
    }
    for (auto& doc : joined) doc = clean_class_document(std::move(doc), english);
    return joined;
}

std::vector<std::vector<TopicWord>> top_words(const WeightMatrix& weights, const std::vector<std::string>& names,
                                              std::size_t top_n) {
    // BERTopic takes max(top_n_words, 30) candidates, then keeps top_n_words.
    std::vector<std::vector<TopicWord>> result;
    for (const auto& top : top_n_per_row(weights, top_n)) {
        std::vector<TopicWord> words;
        for (const auto& [column, score] : top)
            words.push_back(score > 0 ? TopicWord{names[column], score} : TopicWord{"", 0.00001});
        while (words.size() < top_n) words.push_back({"", 0.00001});
        result.push_back(std::move(words));
    }
    return result;
}

TopicRepresentation represent_topics(const std::vector<std::string>& documents, const std::vector<int>& labels,
                                     const std::vector<int>& topic_ids, const CountVectorizerOptions& vectorizer,
                                     const CtfidfOptions& ctfidf, bool english, std::size_t top_n_words) {
    TopicRepresentation rep{CountVectorizer(vectorizer), ClassTfidf(ctfidf), {}, {}};
    CountMatrix counts = rep.vectorizer.fit_transform(class_documents(documents, labels, topic_ids, english));
    rep.ctfidf.fit(counts);
    rep.ctfidf.apply_seed_words(rep.vectorizer.feature_names());
    rep.weights = rep.ctfidf.transform(counts);
    rep.words = top_words(rep.weights, rep.vectorizer.feature_names(), top_n_words);
    return rep;
}

std::vector<std::vector<std::size_t>> representative_documents(const TopicRepresentation& rep,
                                                               const std::vector<std::string>& documents,
                                                               const std::vector<int>& labels,
                                                               const std::vector<int>& topic_ids, std::size_t count,
                                                               std::size_t sample, uint64_t seed) {
    auto row = row_of(topic_ids);
    std::vector<std::vector<std::size_t>> members(topic_ids.size());
    for (std::size_t i = 0; i < labels.size(); ++i) members[row.at(labels[i])].push_back(i);

    std::vector<std::vector<std::size_t>> result(topic_ids.size());
    // Topics are independent (each has its own Rng and writes only its own result), so they run in
    // parallel, claimed one at a time as sizes differ; the vectoriser's own parallel loop then runs
    // inline. One parallel section instead of one per topic (~250 on Brown), each too small to share.
    std::atomic<std::size_t> next_topic{0};
    parallel_for(topic_ids.size(), [&](std::size_t, std::size_t, std::size_t) {
    for (std::size_t r; (r = next_topic.fetch_add(1, std::memory_order_relaxed)) < topic_ids.size();) {
        std::vector<std::size_t> candidates = members[r];
        if (candidates.size() > sample) {  // seeded partial Fisher-Yates: a sample without replacement
            Rng rng(seed, r);
            for (std::size_t k = 0; k < sample; ++k)
                std::swap(candidates[k], candidates[k + rng.below(static_cast<uint32_t>(candidates.size() - k))]);
            candidates.resize(sample);
            std::sort(candidates.begin(), candidates.end());
        }
        std::vector<std::string_view> texts;
        for (auto i : candidates) texts.push_back(documents[i]);
        WeightMatrix own = rep.ctfidf.transform(rep.vectorizer.transform(std::span<const std::string_view>(texts)));

        // Cosine similarity between each candidate's row and the topic's row (a dense copy of it).
        std::vector<double> topic_row(rep.weights.cols, 0.0);
        double topic_norm = 0;
        for (std::size_t k = rep.weights.row_begin(r); k < rep.weights.row_end(r); ++k) {
            topic_row[rep.weights.indices[k]] = rep.weights.values[k];
            topic_norm += rep.weights.values[k] * rep.weights.values[k];
        }
        std::vector<double> similarity(candidates.size(), 0.0);
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            double dot = 0, norm = 0;
            for (std::size_t k = own.row_begin(c); k < own.row_end(c); ++k) {
                dot += own.values[k] * topic_row[own.indices[k]];
                norm += own.values[k] * own.values[k];
            }
            similarity[c] = (norm > 0 && topic_norm > 0) ? dot / std::sqrt(norm * topic_norm) : 0.0;
        }
        std::vector<std::size_t> order(candidates.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return similarity[a] > similarity[b]; });
        for (std::size_t k = 0; k < std::min(count, order.size()); ++k) result[r].push_back(candidates[order[k]]);
    }
    }, rep.vectorizer.parallel_safe() ? 8 : topic_ids.size());  // a user tokenizer stays on this thread
    return result;
}

}  // namespace topicwasm
