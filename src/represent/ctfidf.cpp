#include "represent/ctfidf.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/error.hpp"
#include "core/reference_sorts.hpp"

namespace topicwasm {

void ClassTfidf::fit(const CountMatrix& class_counts) {
    require(class_counts.rows > 0, "c-TF-IDF needs at least one class");
    std::vector<double> frequency(class_counts.cols, 0.0);
    double total = 0;
    for (std::size_t k = 0; k < class_counts.nnz(); ++k) {
        frequency[class_counts.indices[k]] += class_counts.values[k];
        total += class_counts.values[k];
    }
    // BERTopic: avg_nr_samples = int(X.sum(axis=1).mean()), truncated toward zero.
    const double average = std::trunc(total / static_cast<double>(class_counts.rows));
    idf_.assign(class_counts.cols, 0.0);
    for (std::size_t j = 0; j < class_counts.cols; ++j) {
        double f = frequency[j];
        // A term that occurs nowhere has f = 0: numpy gives inf here; such columns never carry a
        // weight (they are empty), so 0 keeps the arithmetic finite without changing any score.
        if (f == 0) continue;
        idf_[j] = options_.bm25_weighting ? std::log(1.0 + (average - f + 0.5) / (f + 0.5)) : std::log(average / f + 1.0);
    }
}

void ClassTfidf::apply_seed_words(const std::vector<std::string>& feature_names) {
    if (options_.seed_words.empty() && options_.seed_topic_words.empty()) return;
    require(feature_names.size() == idf_.size(), "c-TF-IDF seed words: the vocabulary does not match the fitted idf");
    std::unordered_map<std::string, double> multiplier;
    for (const auto& w : options_.seed_words) multiplier[w] = options_.seed_multiplier;
    for (const auto& w : options_.seed_topic_words) multiplier[w] = 1.2;  // BERTopic's fixed guided boost
    for (std::size_t j = 0; j < feature_names.size(); ++j) {
        auto it = multiplier.find(feature_names[j]);
        if (it != multiplier.end()) idf_[j] *= it->second;
    }
}

WeightMatrix ClassTfidf::transform(const CountMatrix& counts) const {
    require(counts.cols == idf_.size(), "c-TF-IDF: the count matrix has " + std::to_string(counts.cols) +
                                            " terms but the model was fitted on " + std::to_string(idf_.size()));
    WeightMatrix w;
    w.rows = counts.rows;
    w.cols = counts.cols;
    w.indptr = counts.indptr;
    w.indices = counts.indices;
    w.values.resize(counts.nnz());
    for (std::size_t i = 0; i < counts.rows; ++i) {
        double row_sum = 0;
        for (std::size_t k = counts.row_begin(i); k < counts.row_end(i); ++k) row_sum += std::abs(counts.values[k]);
        for (std::size_t k = counts.row_begin(i); k < counts.row_end(i); ++k) {
            double tf = row_sum > 0 ? counts.values[k] / row_sum : 0.0;
            if (options_.reduce_frequent_words) tf = std::sqrt(tf);
            w.values[k] = tf * idf_[counts.indices[k]];
        }
    }
    return w;
}

std::vector<std::vector<std::pair<uint32_t, double>>> top_n_per_row(const WeightMatrix& weights, std::size_t n) {
    // BERTopic's _extract_words_per_topic, tie for tie: np.argpartition picks the row's best
    // max(n, 30) entries (_top_n_idx_sparse, the row padded with score 0 when shorter), np.argsort
    // orders their scores and the result is read backwards. The row's entries are taken in the
    // order scipy stores them after X * diag(idf): csr_matmat prepends each new column, so
    // descending column index. Equal scores (words with the same count and document frequency)
    // are common in small topics, and this is the order BERTopic lists them in.
    const std::size_t candidates = std::max<std::size_t>(n, 30);
    std::vector<std::vector<std::pair<uint32_t, double>>> top(weights.rows);
    std::vector<std::pair<uint32_t, double>> row;
    std::vector<double> values, scores(candidates);
    std::vector<int64_t> columns(candidates);
    for (std::size_t i = 0; i < weights.rows; ++i) {
        row.clear();
        for (std::size_t k = weights.row_begin(i); k < weights.row_end(i); ++k) row.emplace_back(weights.indices[k], weights.values[k]);
        if (row.empty()) continue;
        std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        values.resize(row.size());
        for (std::size_t k = 0; k < row.size(); ++k) values[k] = row[k].second;
        const std::size_t pick = std::min(candidates, row.size());
        const std::vector<std::size_t> part = numpy_argpartition(values, row.size() - pick);
        std::fill(scores.begin(), scores.end(), 0.0);
        std::fill(columns.begin(), columns.end(), -1);
        for (std::size_t j = 0; j < pick; ++j) {
            const auto& [column, score] = row[part[row.size() - pick + j]];
            columns[j] = column;
            scores[j] = score;
        }
        const std::vector<std::size_t> ascending = numpy_argsort(scores);
        for (std::size_t j = candidates; j-- > 0 && top[i].size() < n;) {
            const std::size_t c = ascending[j];
            if (columns[c] >= 0) top[i].emplace_back(static_cast<uint32_t>(columns[c]), scores[c]);
        }
    }
    return top;
}

}  // namespace topicwasm
