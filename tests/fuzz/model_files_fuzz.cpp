// libFuzzer target: the readers of BERTopic's model files (safetensors, topic embeddings, c-TF-IDF)
// on untrusted bytes. Any topicwasm::Error is a clean refusal; a crash, leak or UB report is a bug.
#include <cstddef>
#include <cstdint>

#include "core/error.hpp"
#include "io/bertopic_files.hpp"
#include "io/safetensors.hpp"

using namespace topicwasm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    // The first byte picks the topic count and vocabulary size the files are checked against.
    const std::size_t topics = size ? data[0] % 16 : 0, vocabulary = size ? data[0] * 7u : 0;
    try {
        safetensors::parse(data, size);
    } catch (const Error&) {
    }
    try {
        bertopic_files::read_topic_embeddings(data, size, topics);
    } catch (const Error&) {
    }
    try {
        bertopic_files::read_ctfidf(data, size, topics, vocabulary);
    } catch (const Error&) {
    }
    return 0;
}
