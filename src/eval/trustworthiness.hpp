#pragma once
// Trustworthiness of an embedding (Venna & Kaski 2001), exactly as
// sklearn.manifold.trustworthiness(X, X_embedded, n_neighbors, metric) computes it:
//   T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in N_k^emb(i)} max(0, r(i, j) - k)
// where r(i, j) is the rank of j among i's neighbours in the input space (1 = nearest) and
// N_k^emb(i) are i's k nearest neighbours in the embedding (euclidean, self excluded).
// Ties in the input space are ranked by index, as numpy's argsort of equal values usually does.
// O(n^2 d) time, O(n) memory per thread.
#include <cstddef>

#include "core/matrix.hpp"
#include "neighbors/distance.hpp"

namespace topicwasm {

// Throws Error unless both have the same number of rows and n_neighbors < n / 2 (sklearn's
// condition), or on NaN/inf.
double trustworthiness(const MatrixView& input, const MatrixView& embedded, std::size_t n_neighbors = 5,
                       Metric input_metric = Metric::euclidean);

}  // namespace topicwasm
