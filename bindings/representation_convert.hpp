#pragma once
// Representation models' words and aspects between JavaScript and the engine (header-only:
// topic_model_bindings.cpp is the one user).
#include <emscripten/val.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "topics/topic_model.hpp"

namespace topicwasm::bindings {

using emscripten::val;

// [[word, score], ...] -> words.
inline std::vector<TopicWord> words_of(const val& pairs) {
    std::vector<TopicWord> own;
    const auto k = pairs["length"].as<std::size_t>();
    for (std::size_t w = 0; w < k; ++w) own.push_back({pairs[w][0].as<std::string>(), pairs[w][1].as<double>()});
    return own;
}

// BERTopic's topic_aspects_ as [[aspect, [[topicId, [[word, score], ...]], ...]], ...] (order kept).
inline TopicAspects aspects_of(const val& aspects) {
    TopicAspects out;
    const auto n = aspects["length"].as<std::size_t>();
    for (std::size_t a = 0; a < n; ++a) {
        const val rows = aspects[a][1];
        std::vector<std::pair<int, std::vector<TopicWord>>> topics;
        const auto k = rows["length"].as<std::size_t>();
        for (std::size_t r = 0; r < k; ++r) topics.emplace_back(rows[r][0].as<int>(), words_of(rows[r][1]));
        out.emplace_back(aspects[a][0].as<std::string>(), std::move(topics));
    }
    return out;
}

// A JavaScript array of the given values.
inline val js_array(std::initializer_list<val> items) {
    val out = val::array();
    for (const auto& item : items) out.call<void>("push", item);
    return out;
}

inline val aspects_val(const TopicAspects& aspects) {
    const auto pairs = [](const std::vector<TopicWord>& words) {
        val out = val::array();
        for (const auto& w : words) out.call<void>("push", js_array({val(w.word), val(w.score)}));
        return out;
    };
    val out = val::array();
    for (const auto& [name, topics] : aspects) {
        val rows = val::array();
        for (const auto& [id, words] : topics) rows.call<void>("push", js_array({val(id), pairs(words)}));
        out.call<void>("push", js_array({val(name), rows}));
    }
    return out;
}

}  // namespace topicwasm::bindings
