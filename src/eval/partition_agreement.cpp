#include "eval/partition_agreement.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "eval/numpy_sum.hpp"

namespace topicwasm {

namespace {

// Labels renamed 0..k-1 in increasing order of value (np.unique(..., return_inverse=True)).
struct Encoded {
    std::vector<std::uint32_t> codes;
    std::size_t count = 0;
};

Encoded encode(std::span<const std::int32_t> labels) {
    std::vector<std::int32_t> values(labels.begin(), labels.end());
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    Encoded out;
    out.count = values.size();
    out.codes.reserve(labels.size());
    for (auto v : labels)
        out.codes.push_back(static_cast<std::uint32_t>(std::lower_bound(values.begin(), values.end(), v) - values.begin()));
    return out;
}

// Sparse contingency table in row-major order (scikit-learn's CSR contingency_matrix), with the
// class (row) and cluster (column) sizes.
struct Contingency {
    std::vector<std::uint32_t> row, col;
    std::vector<std::int64_t> count;
    std::vector<std::int64_t> row_sum, col_sum;
    std::int64_t n = 0;
};

Contingency contingency(std::span<const std::int32_t> labels_true, std::span<const std::int32_t> labels_pred,
                        const char* who) {
    require(labels_true.size() == labels_pred.size(),
            std::string(who) + ": label vectors differ in length (" + std::to_string(labels_true.size()) + " vs " +
                std::to_string(labels_pred.size()) + ")");
    require(!labels_true.empty(), std::string(who) + ": no labels given");
    const Encoded a = encode(labels_true), b = encode(labels_pred);
    std::vector<std::uint64_t> keys(labels_true.size());
    for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = std::uint64_t{a.codes[i]} * b.count + b.codes[i];
    std::sort(keys.begin(), keys.end());
    Contingency c;
    c.n = static_cast<std::int64_t>(keys.size());
    c.row_sum.assign(a.count, 0);
    c.col_sum.assign(b.count, 0);
    for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i;
        while (j < keys.size() && keys[j] == keys[i]) ++j;
        const auto r = static_cast<std::uint32_t>(keys[i] / b.count), k = static_cast<std::uint32_t>(keys[i] % b.count);
        const auto m = static_cast<std::int64_t>(j - i);
        c.row.push_back(r);
        c.col.push_back(k);
        c.count.push_back(m);
        c.row_sum[r] += m;
        c.col_sum[k] += m;
        i = j;
    }
    return c;
}

// sklearn.metrics.cluster.entropy on the cluster sizes.
double entropy(const std::vector<std::int64_t>& sizes) {
    std::vector<double> pi;
    for (auto s : sizes)
        if (s > 0) pi.push_back(static_cast<double>(s));
    if (pi.size() == 1) return 0.0;
    const double pi_sum = detail::numpy_pairwise_sum(pi.data(), pi.size());
    const double log_sum = std::log(pi_sum);
    std::vector<double> terms(pi.size());
    for (std::size_t i = 0; i < pi.size(); ++i) terms[i] = (pi[i] / pi_sum) * (std::log(pi[i]) - log_sum);
    return -detail::numpy_pairwise_sum(terms.data(), terms.size());
}

}  // namespace

double adjusted_rand_score(std::span<const std::int32_t> labels_true, std::span<const std::int32_t> labels_pred) {
    const Contingency c = contingency(labels_true, labels_pred, "adjusted_rand_score");
    // sklearn's pair_confusion_matrix, in exact integers (the products below overflow 64 bits
    // from about 55k items on; Python's integers never overflow).
    std::int64_t sum_squares = 0, dot_cols = 0, dot_rows = 0;
    for (std::size_t e = 0; e < c.count.size(); ++e) {
        sum_squares += c.count[e] * c.count[e];
        dot_cols += c.count[e] * c.col_sum[c.col[e]];
        dot_rows += c.count[e] * c.row_sum[c.row[e]];
    }
    using i128 = __int128;
    const i128 tp = sum_squares - c.n;
    const i128 fp = dot_cols - sum_squares;
    const i128 fn = dot_rows - sum_squares;
    const i128 tn = i128{c.n} * c.n - fp - fn - sum_squares;
    if (fn == 0 && fp == 0) return 1.0;  // identical partitions (or all items in one cluster)
    // Python: 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn)):
    // each integer rounds once to double, then one division.
    const double numerator = 2.0 * static_cast<double>(tp * tn - fn * fp);
    const double denominator = static_cast<double>((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    return numerator / denominator;
}

double normalized_mutual_info_score(std::span<const std::int32_t> labels_true, std::span<const std::int32_t> labels_pred) {
    const Contingency c = contingency(labels_true, labels_pred, "normalized_mutual_info_score");
    const std::size_t classes = c.row_sum.size(), clusters = c.col_sum.size();
    if (classes == 1 && clusters == 1) return 1.0;  // no split at all: a perfect match, as sklearn says

    // sklearn.metrics.mutual_info_score on the sparse contingency table.
    double mi = 0.0;
    if (classes > 1 && clusters > 1) {
        const double total = static_cast<double>(c.n);
        const double log_total = std::log(total);
        std::vector<double> terms(c.count.size());
        for (std::size_t e = 0; e < c.count.size(); ++e) {
            const double nz = static_cast<double>(c.count[e]);
            const double p = nz / total;
            const double outer = static_cast<double>(c.row_sum[c.row[e]] * c.col_sum[c.col[e]]);
            // -log(outer) + log(pi.sum()) + log(pj.sum()); both sums are n.
            const double log_outer = -std::log(outer) + log_total + log_total;
            terms[e] = p * (std::log(nz) - log_total) + p * log_outer;
        }
        mi = std::max(0.0, detail::numpy_pairwise_sum(terms.data(), terms.size()));
    }
    if (mi == 0.0) return 0.0;
    const double h_true = entropy(c.row_sum), h_pred = entropy(c.col_sum);
    const double normalizer = (h_true + h_pred) / 2.0;  // average_method='arithmetic'
    return mi / normalizer;
}

}  // namespace topicwasm
