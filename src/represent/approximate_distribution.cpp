#include "represent/approximate_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "text/tokenizer.hpp"

namespace topicwasm {

namespace {

// A token set: tokens [begin, end) of a document.
struct Span {
    std::size_t begin, end;
};

// BERTopic's windows: every `stride`-th start with a full window (or with padding any window, plus
// ceil(window / stride) - 1 growing prefixes in front); a document shorter than the window is one set.
std::vector<Span> token_sets(std::size_t n, const ApproximateDistributionOptions& o) {
    std::vector<Span> sets;
    if (n < o.window) return {{0, n}};
    std::size_t t = (o.window + o.stride - 1) / o.stride - 1;
    if (o.padding)
        for (std::size_t i = 0; i < t; ++i) sets.push_back({0, o.window - (t - i) * o.stride});
    for (std::size_t start = 0; start < n; start += o.stride) {
        std::size_t end = std::min(n, start + o.window);
        if (o.padding || end - start == o.window) sets.push_back({start, end});
    }
    return sets;
}

// Topic rows (-1 left out) as a term -> (topic, weight / norm) index, so a token set's cosine with
// every topic costs only its own terms' postings.
struct TopicIndex {
    std::vector<std::vector<std::pair<uint32_t, double>>> postings;  // by term
    std::size_t topics = 0;
};

TopicIndex index_topics(const WeightMatrix& weights, const std::vector<int>& topic_ids) {
    TopicIndex index;
    index.postings.resize(weights.cols);
    for (std::size_t r = 0; r < topic_ids.size(); ++r) {
        if (topic_ids[r] == -1) continue;
        double norm = 0;
        for (std::size_t p = weights.row_begin(r); p < weights.row_end(r); ++p) norm += weights.values[p] * weights.values[p];
        norm = std::sqrt(norm);
        for (std::size_t p = weights.row_begin(r); p < weights.row_end(r); ++p)
            if (norm > 0) index.postings[weights.indices[p]].emplace_back(static_cast<uint32_t>(index.topics), weights.values[p] / norm);
        ++index.topics;
    }
    return index;
}

}  // namespace

ApproximateDistribution approximate_distribution(const TopicRepresentation& rep, const std::vector<int>& topic_ids,
                                                 const std::vector<std::string>& documents,
                                                 const ApproximateDistributionOptions& o) {
    require(o.window >= 1, "approximateDistribution: window must be at least 1");
    require(o.stride >= 1, "approximateDistribution: stride must be at least 1");
    require(std::isfinite(o.min_similarity), "approximateDistribution: minSimilarity must be a finite number");
    require(topic_ids.size() == rep.weights.rows, "approximateDistribution: topic ids do not match the c-TF-IDF rows");
    const TopicIndex index = index_topics(rep.weights, topic_ids);
    require(index.topics > 0, "approximateDistribution: the model has no topics other than the outliers");
    const std::size_t k = index.topics;

    ApproximateDistribution result;
    result.distributions = Matrix(documents.size(), k);
    result.max_similarity.assign(documents.size(), 0.0);
    if (o.calculate_tokens) {
        result.tokens.resize(documents.size());
        result.token_distributions.resize(documents.size());
    }
    parallel_for(documents.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        std::vector<double> similarity(k);
        for (std::size_t d = begin; d < end; ++d) {
            std::vector<std::string> tokens = rep.vectorizer.tokens(documents[d]);  // BERTopic: build_tokenizer()
            std::vector<Span> sets = token_sets(tokens.size(), o);
            std::vector<std::string> texts;
            for (const auto& s : sets) {
                std::string text;
                for (std::size_t t = s.begin; t < s.end; ++t) text += (t > s.begin ? o.separator : "") + tokens[t];
                texts.push_back(std::move(text));
            }
            WeightMatrix weights = rep.ctfidf.transform(rep.vectorizer.transform(texts));
            Matrix per_token = o.calculate_tokens ? Matrix(tokens.size(), k) : Matrix();
            std::vector<double> row(k, 0.0);
            for (std::size_t s = 0; s < sets.size(); ++s) {
                std::fill(similarity.begin(), similarity.end(), 0.0);
                double norm = 0;
                for (std::size_t p = weights.row_begin(s); p < weights.row_end(s); ++p) {
                    norm += weights.values[p] * weights.values[p];
                    for (const auto& [topic, w] : index.postings[weights.indices[p]]) similarity[topic] += weights.values[p] * w;
                }
                if (norm <= 0) continue;  // nothing in the vocabulary: similarity 0 to every topic
                norm = std::sqrt(norm);
                for (std::size_t t = 0; t < k; ++t) {
                    double sim = similarity[t] / norm;
                    result.max_similarity[d] = std::max(result.max_similarity[d], sim);
                    if (sim < o.min_similarity) continue;
                    row[t] += sim;
                    if (o.calculate_tokens)
                        for (std::size_t i = sets[s].begin; i < sets[s].end; ++i) per_token.row(i)[t] += static_cast<float>(sim);
                }
            }
            double total = 0;
            for (std::size_t t = 0; t < k; ++t) total += std::abs(row[t]);
            for (std::size_t t = 0; t < k; ++t) result.distributions.row(d)[t] = static_cast<float>(total > 0 ? row[t] / total : 0.0);
            if (o.calculate_tokens) {
                result.tokens[d] = std::move(tokens);
                result.token_distributions[d] = std::move(per_token);
            }
        }
    }, rep.vectorizer.parallel_safe() ? 1 : documents.size());  // a user tokenizer stays on this thread
    return result;
}

}  // namespace topicwasm
