#pragma once
// scikit-learn's CountVectorizer as BERTopic uses it: documents -> sparse term counts over a sorted
// vocabulary of words and word n-grams, with document-frequency pruning and a feature cap.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <span>
#include <utility>
#include <vector>

#include "core/sparse.hpp"
#include "text/tokenizer.hpp"

namespace topicwasm {

// sklearn's min_df / max_df: an absolute document count, or a fraction of the documents.
struct DocumentFrequency {
    double value = 1;
    bool fraction = false;
    double documents(std::size_t n_docs) const;  // the bound as a document count
};

struct CountVectorizerOptions {
    bool lowercase = true;
    // Words dropped after tokenising (sklearn's stop_words). english_stop_words() gives sklearn's list.
    TermSet stop_words;
    std::size_t ngram_min = 1;  // ngram_range=(1, 1)
    std::size_t ngram_max = 1;
    DocumentFrequency min_df{1, false};   // min_df=1
    DocumentFrequency max_df{1.0, true};  // max_df=1.0
    std::size_t max_features = 0;         // None: no cap
    // A fixed vocabulary (feature i = vocabulary[i]); empty = learn it from the documents.
    std::vector<std::string> vocabulary;
    // scikit-learn's tokenizer=: the (lowercased) text -> its tokens, in place of the
    // (?u)\b\w\w+\b pattern; empty: the pattern. It may call into JavaScript, which only the
    // calling thread can, so a vectorizer with one tokenizes serially (parallel_safe() is false).
    std::function<std::vector<std::string>(const std::string&)> tokenizer;
};

class CountVectorizer {
public:
    explicit CountVectorizer(CountVectorizerOptions options = {});

    // Learns the vocabulary (unless fixed) and returns the documents' term counts.
    CountMatrix fit_transform(const std::vector<std::string>& documents);
    // Term counts over the learned vocabulary; unknown terms are ignored.
    CountMatrix transform(const std::vector<std::string>& documents) const;
    CountMatrix transform(std::span<const std::string_view> documents) const;

    // sklearn's build_analyzer(): the terms (words and n-grams) of one document, in order.
    std::vector<std::string> analyze(std::string_view document) const;
    // The tokens of one document (lowercased first when lowercase is set): the pattern's or the tokenizer's.
    std::vector<std::string> tokens(std::string_view document) const;
    // False when tokenizing must stay on the calling thread (a user tokenizer): callers that
    // vectorise inside their own parallel loops run them serially then.
    bool parallel_safe() const { return !options_.tokenizer; }

    const std::vector<std::string>& feature_names() const { return features_; }
    const CountVectorizerOptions& options() const { return options_; }
    bool fitted() const { return !features_.empty(); }

private:
    // One document's terms back to back in one string, as (offset, length) spans: one allocation
    // per document rather than one per token (per-token strings made this stage 2.5x slower in
    // wasm than natively, where allocation is cheaper).
    struct Terms {
        std::string chars;
        std::vector<std::pair<uint32_t, uint32_t>> spans;
        std::size_t size() const { return spans.size(); }
        std::string_view operator[](std::size_t i) const {
            return std::string_view(chars).substr(spans[i].first, spans[i].second);
        }
    };
    Terms terms_of(std::string_view document, bool drop_stop_words) const;
    std::vector<Terms> terms_of_all(std::span<const std::string_view> documents) const;
    CountMatrix count(const std::vector<Terms>& terms) const;

    CountVectorizerOptions options_;
    std::vector<std::string> features_;
    std::unordered_map<std::string, uint32_t, TermHash, std::equal_to<>> index_;
    // Stop words leave each document token by token only where it matters: for n-grams (which form
    // after their removal) and for a fixed vocabulary that lists one. Otherwise a learned unigram
    // vocabulary drops them once per distinct term, and transform's lookup drops them with the other
    // unknown terms: the same counts, without hashing every token against the stop list.
    bool drop_stop_words_per_token_ = false;
};

}  // namespace topicwasm
