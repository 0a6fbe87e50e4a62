#pragma once
// Cosine similarity and distance between topic vectors (dense rows, e.g. topic embeddings, or sparse
// c-TF-IDF rows), as sklearn's cosine_similarity computes them for BERTopic: topic reduction, outlier
// reduction and the topic hierarchy all compare topics this way.
#include <cstddef>
#include <vector>

#include "core/matrix.hpp"
#include "represent/ctfidf.hpp"

namespace topicwasm {

// Topic vectors for topic distances: rows of a dense matrix, or of the c-TF-IDF matrix.
// Returns the n x n cosine distance matrix 1 - cos(a, b), clamped at 0 so rounding cannot make
// it negative (sklearn's cosine_similarity treats zero rows as orthogonal to everything: distance 1),
// diagonal 0 (BERTopic's np.fill_diagonal(distance_matrix, 0)). Rows first_row.. of the input.
std::vector<double> cosine_distances(MatrixView vectors, std::size_t first_row);
std::vector<double> cosine_distances(const WeightMatrix& vectors, std::size_t first_row);

// Cosine similarity of two dense vectors, summed in double; 0 when either is zero (sklearn's
// normalize leaves zero rows at zero).
double cosine_similarity(const float* a, const float* b, std::size_t d);

// Cosine similarity of every row of `a` to every row of `b` (sparse; rows a x rows b, row-major).
std::vector<double> cosine_similarities(const WeightMatrix& a, const WeightMatrix& b, std::size_t b_first_row);

}  // namespace topicwasm
