#pragma once
// Agreement between two partitions of the same items (e.g. topics vs. known classes), as
// scikit-learn 1.2 computes them. Labels are arbitrary integers (-1 is an ordinary label here:
// drop outliers before calling to score without them). Both are symmetric in their arguments and
// invariant to renaming labels.
#include <cstdint>
#include <span>

namespace topicwasm {

// sklearn.metrics.adjusted_rand_score (Hubert & Arabie 1985): pair-counting agreement corrected
// for chance; 1 for identical partitions, about 0 for independent ones, can be negative. As in
// sklearn, 1.0 when no pair is split differently (e.g. both partitions put everything together).
// Throws topicwasm::Error for different lengths or no items.
double adjusted_rand_score(std::span<const std::int32_t> labels_true, std::span<const std::int32_t> labels_pred);

// sklearn.metrics.normalized_mutual_info_score with average_method='arithmetic':
// MI / ((H(true) + H(pred)) / 2), natural logarithms. 1.0 when both partitions have a single
// cluster, 0.0 when the mutual information is 0. Throws for different lengths or no items.
double normalized_mutual_info_score(std::span<const std::int32_t> labels_true, std::span<const std::int32_t> labels_pred);

}  // namespace topicwasm
