// libFuzzer target: scikit-learn's tokenizer + CountVectorizer (unigrams to trigrams, English stop
// words) on untrusted documents, one per line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "text/count_vectorizer.hpp"
#include "text/tokenizer.hpp"

using namespace topicwasm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::vector<std::string> documents(1);
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == '\n') documents.emplace_back();
        else documents.back() += static_cast<char>(data[i]);
    }
    CountVectorizerOptions options;
    options.ngram_max = 3;
    options.stop_words = english_stop_words();
    try {
        CountVectorizer(options).fit_transform(documents);
    } catch (const Error&) {
    }
    return 0;
}
