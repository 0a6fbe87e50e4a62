// Benchmark (not a test): the fit's text stage, CountVectorizer + c-TF-IDF + representative documents
// (represent_topics + representative_documents, as TopicModel's fit calls them), on Brown with the
// Python reference's topic labels. The same source is built natively (g++ -O3) and to wasm (em++ with
// the engine's flags) by bench/text-stage.sh, which prints the wasm / native ratio of issue 13.
//   text_stage <docs.bin> <labels.i32> <threads> <repeats>
// docs.bin: per document a little-endian uint32 byte length, then its UTF-8 bytes.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "core/thread_pool.hpp"
#include "represent/topic_representation.hpp"
#include "text/tokenizer.hpp"

using namespace topicwasm;

static std::vector<char> read_all(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: text_stage docs.bin labels.i32 threads repeats\n");
        return 2;
    }
    const auto doc_bytes = read_all(argv[1]), label_bytes = read_all(argv[2]);
    std::vector<std::string> documents;
    for (std::size_t at = 0; at + 4 <= doc_bytes.size();) {
        uint32_t length;
        std::copy_n(doc_bytes.data() + at, 4, reinterpret_cast<char*>(&length));
        documents.emplace_back(doc_bytes.data() + at + 4, length);
        at += 4 + length;
    }
    std::vector<int> labels(label_bytes.size() / 4);
    std::copy_n(label_bytes.data(), label_bytes.size(), reinterpret_cast<char*>(labels.data()));
    if (labels.size() != documents.size()) {
        std::fprintf(stderr, "%zu documents but %zu labels\n", documents.size(), labels.size());
        return 2;
    }
    set_thread_limit(std::stoul(argv[3]));
    const std::set<int> distinct(labels.begin(), labels.end());
    const std::vector<int> ids(distinct.begin(), distinct.end());
    CountVectorizerOptions vectorizer;
    vectorizer.stop_words = english_stop_words();

    std::vector<double> represent_ms, representative_ms;
    uint64_t checksum = 0;
    for (int r = 0; r < std::stoi(argv[4]); ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        auto rep = represent_topics(documents, labels, ids, vectorizer, CtfidfOptions{}, true, 10);
        const auto t1 = std::chrono::steady_clock::now();
        auto representative = representative_documents(rep, documents, labels, ids, 3, 500, 42);
        const auto t2 = std::chrono::steady_clock::now();
        represent_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        representative_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        // Something of the result, so the work cannot be skipped and both builds can be compared.
        checksum = uint64_t{rep.vectorizer.feature_names().size()} * 1000003 + rep.weights.values.size();
        for (const auto& docs : representative)
            for (auto d : docs) checksum = checksum * 31 + d;
    }
    std::sort(represent_ms.begin(), represent_ms.end());
    std::sort(representative_ms.begin(), representative_ms.end());
    const std::size_t mid = represent_ms.size() / 2;
    std::printf("{\"represent_ms\": %.1f, \"representative_ms\": %.1f, \"total_ms\": %.1f, \"checksum\": \"%llu\"}\n",
                represent_ms[mid], representative_ms[mid], represent_ms[mid] + representative_ms[mid], static_cast<unsigned long long>(checksum));
}
