#pragma once
// Reads the option objects web/options.js has already checked (names, types, defaults) into the
// engine's Options structs. The engine validates values again, so a bad value is still an Error.
#include <emscripten/val.h>

#include "topics/topic_model.hpp"

namespace topicwasm::bindings {

CountVectorizerOptions vectorizer_options(const emscripten::val& js);
CtfidfOptions ctfidf_options(const emscripten::val& js);
UmapOptions umap_options(const emscripten::val& js);
// hdbscanModel options; a null minClusterSize means min_topic_size.
HdbscanOptions hdbscan_options(const emscripten::val& js, std::size_t min_topic_size);
TopicModelOptions topic_model_options(const emscripten::val& js);
// null | integer >= 2 | "auto" (BERTopic's nr_topics).
NrTopics nr_topics_option(const emscripten::val& js);
// A JS array of strings.
std::vector<std::string> strings(const emscripten::val& array);

}  // namespace topicwasm::bindings
