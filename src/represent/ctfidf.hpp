#pragma once
// BERTopic's class-based TF-IDF (Grootendorst 2022, bertopic/vectorizers/_ctfidf.py
// ClassTfidfTransformer): every topic's documents are joined into one class document; a term's
// weight in a class is its L1-normalised frequency there times idf = log(1 + A / f), with f the
// term's total count over all classes and A the average number of words per class (an integer).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/sparse.hpp"

namespace topicwasm {

struct CtfidfOptions {
    bool bm25_weighting = false;         // idf = log(1 + (A - f + 0.5) / (f + 0.5))
    bool reduce_frequent_words = false;  // sqrt of the normalised term frequency
    // ClassTfidfTransformer(seed_words, seed_multiplier): these words' idf times seed_multiplier.
    std::vector<std::string> seed_words;
    double seed_multiplier = 2.0;
    // BERTopic's seed_topic_list (guided topic modeling): its words' idf times 1.2, instead.
    std::vector<std::string> seed_topic_words;
};

using WeightMatrix = CsrMatrix<double>;

class ClassTfidf {
public:
    explicit ClassTfidf(CtfidfOptions options = {}) : options_(options) {}
    // A fitted model from saved idf weights (BERTopic's ctfidf.safetensors "diag").
    ClassTfidf(CtfidfOptions options, std::vector<double> idf) : options_(options), idf_(std::move(idf)) {}

    // Learns idf from class-term counts (one row per class).
    void fit(const CountMatrix& class_counts);
    // BERTopic's fit(X, multiplier): the seed words' idf scaled (names: the vectorizer's features).
    void apply_seed_words(const std::vector<std::string>& feature_names);
    // normalize(X, l1) [-> sqrt] * diag(idf). Rows with no terms stay empty.
    WeightMatrix transform(const CountMatrix& counts) const;

    const std::vector<double>& idf() const { return idf_; }
    const CtfidfOptions& options() const { return options_; }

private:
    CtfidfOptions options_;
    std::vector<double> idf_;
};

// The n highest-weighted (column, weight) pairs of every row, best first, equal weights in the
// order BERTopic lists them (numpy's argpartition and argsort; see the definition).
std::vector<std::vector<std::pair<uint32_t, double>>> top_n_per_row(const WeightMatrix& weights, std::size_t n);

}  // namespace topicwasm
