#pragma once
// BERTopic's OnlineCountVectorizer (bertopic/vectorizers/_online_cv.py), the vectorizer of its
// online topic modeling: a CountVectorizer whose vocabulary grows and a bag-of-words matrix that
// is carried from batch to batch.
//   partial_fit: the first call is a plain fit (min_df, max_df, max_features apply); later calls
//     append every term not yet in the vocabulary (sorted here; Python's set order is arbitrary).
//   update_bow: X_ grows by empty rows / columns, X_ *= (1 - decay) when decay is set, X_ += the
//     new counts; then, with delete_min_df, terms whose column total is below it are dropped from
//     X_ and the vocabulary (the rest keep their order).
// Rows are positional, as in BERTopic: row r of every update_bow call adds to row r of X_.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/sparse.hpp"
#include "text/count_vectorizer.hpp"

namespace topicwasm {

struct OnlineCountVectorizerOptions {
    CountVectorizerOptions vectorizer;  // CountVectorizer's options (vocabulary must be empty)
    std::optional<double> decay;         // None: counts are never decayed; else in [0, 1]
    std::optional<double> delete_min_df;  // None: nothing is deleted; else >= 0
};

class OnlineCountVectorizer {
public:
    explicit OnlineCountVectorizer(OnlineCountVectorizerOptions options = {});

    void partial_fit(const std::vector<std::string>& documents);
    // Adds one row of counts per document (documents.size() must be >= rows()); returns X_.
    const CsrMatrix<double>& update_bow(const std::vector<std::string>& documents);
    // BERTopic's _clean_bow on demand: drops the terms whose column total in X_ is below min_df
    // (from X_ and the vocabulary; the rest keep their order). update_bow does it with delete_min_df.
    void clean_bow(double min_df);
    CountMatrix transform(const std::vector<std::string>& documents) const;

    const std::vector<std::string>& feature_names() const { return vocabulary_; }
    const CsrMatrix<double>& bow() const { return bow_; }  // X_: rows x vocabulary
    std::size_t rows() const { return bow_.rows; }
    bool fitted() const { return fitted_; }
    // A CountVectorizer with the current vocabulary fixed (for transforming documents later).
    CountVectorizer fixed_vectorizer() const;

private:
    OnlineCountVectorizerOptions options_;
    std::vector<std::string> vocabulary_;
    CsrMatrix<double> bow_;
    bool fitted_ = false;  // the vocabulary may shrink to nothing with delete_min_df
};

}  // namespace topicwasm
