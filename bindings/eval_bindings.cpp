// Topic-quality metrics for JavaScript (web/model/evaluation.js wraps them): NPMI coherence as gensim's c_npmi,
// topic diversity, inverted RBO, ARI / NMI, and trustworthiness.
#include <emscripten/bind.h>

#include "convert.hpp"
#include "core/error.hpp"
#include "errors.hpp"
#include "eval/diversity.hpp"
#include "eval/coherence.hpp"
#include "eval/npmi.hpp"
#include "eval/partition_agreement.hpp"
#include "eval/trustworthiness.hpp"
#include "options.hpp"
#include "text/count_vectorizer.hpp"

namespace topicwasm::bindings {
namespace {

std::vector<std::vector<std::string>> topic_lists(const val& topics) {
    std::vector<std::vector<std::string>> out;
    const auto n = topics["length"].as<std::size_t>();
    for (std::size_t t = 0; t < n; ++t) {
        val words = topics[t];
        std::vector<std::string> list;
        const auto m = words["length"].as<std::size_t>();
        for (std::size_t w = 0; w < m; ++w) list.push_back(words[w].as<std::string>());
        out.push_back(std::move(list));
    }
    return out;
}

// Documents are tokenised with a CountVectorizer analyzer (options as the TopicModel's).
val npmi(const val& utf8, const val& offsets, const val& topics, const val& vectorizer, std::size_t top_n,
         std::size_t window_size) {
    return guarded([&] {
        CountVectorizer analyzer(vectorizer_options(vectorizer));
        std::vector<std::vector<std::string>> tokens;
        for (const auto& doc : split_documents(utf8, offsets)) tokens.push_back(analyzer.analyze(doc));
        NpmiOptions options;
        options.top_n = top_n;
        options.window_size = window_size;
        NpmiResult r = npmi_coherence(tokens, topic_lists(topics), options);
        val out = val::object();
        out.set("npmi", r.mean);
        out.set("perTopic", to_typed_array(r.per_topic));
        return out;
    });
}

// u_mass, c_uci, c_npmi or c_v (web/model/evaluation.js has checked the name); window_size 0: the
// measure's default.
val coherence(const val& utf8, const val& offsets, const val& topics, const val& vectorizer, const std::string& measure,
              std::size_t top_n, std::size_t window_size) {
    return guarded([&] {
        CountVectorizer analyzer(vectorizer_options(vectorizer));
        std::vector<std::vector<std::string>> tokens;
        for (const auto& doc : split_documents(utf8, offsets)) tokens.push_back(analyzer.analyze(doc));
        CoherenceOptions options;
        options.measure = measure == "u_mass" ? CoherenceMeasure::u_mass
                        : measure == "c_uci"  ? CoherenceMeasure::c_uci
                        : measure == "c_npmi" ? CoherenceMeasure::c_npmi
                                              : CoherenceMeasure::c_v;
        options.top_n = top_n;
        CoherenceResult r = topic_coherence(tokens, topic_lists(topics), options, window_size);
        val out = val::object();
        out.set("coherence", r.mean);
        out.set("perTopic", to_typed_array(r.per_topic));
        return out;
    });
}

double diversity(const val& topics, std::size_t top_k) {
    return guarded([&] { return topic_diversity(topic_lists(topics), {top_k}); });
}

double irbo(const val& topics, std::size_t top_k, double p) {
    return guarded([&] { return inverted_rbo(topic_lists(topics), {top_k, p}); });
}

double ari(const val& a, const val& b) {
    return guarded([&] {
        auto x = copy_array<int32_t>(a), y = copy_array<int32_t>(b);
        return adjusted_rand_score(x, y);
    });
}

double nmi(const val& a, const val& b) {
    return guarded([&] {
        auto x = copy_array<int32_t>(a), y = copy_array<int32_t>(b);
        return normalized_mutual_info_score(x, y);
    });
}

double trust(const val& input, std::size_t input_cols, const val& embedded, std::size_t embedded_cols,
             std::size_t n_neighbors, const std::string& metric) {
    return guarded([&] {
        auto x = copy_array<float>(input), y = copy_array<float>(embedded);
        require(input_cols > 0 && embedded_cols > 0 && x.size() % input_cols == 0 && y.size() % embedded_cols == 0,
                "trustworthiness: array lengths do not match the dimensions");
        return trustworthiness({x.data(), x.size() / input_cols, input_cols}, {y.data(), y.size() / embedded_cols, embedded_cols},
                               n_neighbors, parse_metric(metric));
    });
}

}  // namespace

EMSCRIPTEN_BINDINGS(topicwasm_eval) {
    emscripten::function("npmiCoherence", &npmi);
    emscripten::function("topicCoherence", &coherence);
    emscripten::function("topicDiversity", &diversity);
    emscripten::function("invertedRbo", &irbo);
    emscripten::function("adjustedRandScore", &ari);
    emscripten::function("normalizedMutualInfo", &nmi);
    emscripten::function("trustworthiness", &trust);
}

}  // namespace topicwasm::bindings
