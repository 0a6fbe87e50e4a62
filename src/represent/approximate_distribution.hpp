#pragma once
// BERTopic's approximate_distribution (c-TF-IDF variant, bertopic/_approximate_distribution.py): a
// post-hoc topic distribution for any document, whatever clustered it. Each document's tokens
// (the vectorizer's token pattern) are cut into windows ("token sets") of `window` tokens every
// `stride` tokens; each token set is weighted by the fitted vectorizer and c-TF-IDF idf and compared
// (cosine) with every topic's c-TF-IDF row; similarities below `min_similarity` count as 0; a
// document's distribution is the L1-normalised sum over its token sets. With per-token output, a
// token gets the summed similarities of the token sets that contain it.
#include <cstddef>
#include <string>
#include <vector>

#include "core/matrix.hpp"
#include "represent/topic_representation.hpp"

namespace topicwasm {

struct ApproximateDistributionOptions {
    std::size_t window = 4;
    std::size_t stride = 1;
    double min_similarity = 0.1;
    bool padding = false;       // also the partial windows at the start and end of a document
    bool calculate_tokens = false;
    std::string separator = " ";  // joins a token set's tokens before vectorizing
};

struct ApproximateDistribution {
    Matrix distributions;  // documents x topics (topics other than -1, ascending)
    // With calculate_tokens: per document its tokens and a tokens x topics matrix.
    std::vector<std::vector<std::string>> tokens;
    std::vector<Matrix> token_distributions;
    // Per document, the highest token-set similarity to any topic before min_similarity cuts
    // (0 when no token set is in the vocabulary): the document's row is non-zero iff this is
    // >= min_similarity and > 0 (reduce_outliers' targetOutlierShare reads it).
    std::vector<double> max_similarity;
};

// topic_ids: the ids of representation's rows (ascending, -1 first when present).
ApproximateDistribution approximate_distribution(const TopicRepresentation& representation, const std::vector<int>& topic_ids,
                                                 const std::vector<std::string>& documents,
                                                 const ApproximateDistributionOptions& options);

}  // namespace topicwasm
