#include "text/online_count_vectorizer.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

#include "core/error.hpp"

namespace topicwasm {

OnlineCountVectorizer::OnlineCountVectorizer(OnlineCountVectorizerOptions options) : options_(std::move(options)) {
    require(options_.vectorizer.vocabulary.empty(), "OnlineCountVectorizer: a fixed vocabulary cannot grow");
    require(!options_.decay || (*options_.decay >= 0.0 && *options_.decay <= 1.0),
            "OnlineCountVectorizer: decay must be in [0, 1]");
    require(!options_.delete_min_df || (std::isfinite(*options_.delete_min_df) && *options_.delete_min_df >= 0.0),
            "OnlineCountVectorizer: delete_min_df must be a number >= 0");
    CountVectorizer check(options_.vectorizer);  // validates the CountVectorizer options now
}

CountVectorizer OnlineCountVectorizer::fixed_vectorizer() const {
    CountVectorizerOptions o = options_.vectorizer;
    o.vocabulary = vocabulary_;
    return CountVectorizer(std::move(o));
}

void OnlineCountVectorizer::partial_fit(const std::vector<std::string>& documents) {
    if (!fitted()) {
        CountVectorizer first(options_.vectorizer);
        first.fit_transform(documents);
        require(!first.feature_names().empty(), "OnlineCountVectorizer: empty vocabulary; the documents contain only stop words");
        vocabulary_ = first.feature_names();
        fitted_ = true;
        return;
    }
    CountVectorizer analyzer(options_.vectorizer);
    std::unordered_set<std::string> known(vocabulary_.begin(), vocabulary_.end());
    std::set<std::string> oov;
    for (const auto& doc : documents)
        for (auto& term : analyzer.analyze(doc))
            if (!known.count(term)) oov.insert(std::move(term));
    vocabulary_.insert(vocabulary_.end(), oov.begin(), oov.end());
}

CountMatrix OnlineCountVectorizer::transform(const std::vector<std::string>& documents) const {
    require(fitted(), "OnlineCountVectorizer: transform called before partial_fit");
    return fixed_vectorizer().transform(documents);
}

const CsrMatrix<double>& OnlineCountVectorizer::update_bow(const std::vector<std::string>& documents) {
    require(documents.size() >= bow_.rows, "OnlineCountVectorizer: update_bow got " + std::to_string(documents.size()) +
                                               " documents but the bag of words has " + std::to_string(bow_.rows) + " rows");
    const CountMatrix x = transform(documents);
    const double keep = options_.decay ? 1.0 - *options_.decay : 1.0;
    // X_ (padded with empty rows and columns) * keep + x, row by row; both have sorted columns.
    CsrMatrix<double> sum;
    sum.rows = x.rows;
    sum.cols = x.cols;
    for (std::size_t r = 0; r < x.rows; ++r) {
        std::size_t a = r < bow_.rows ? bow_.row_begin(r) : 0, a_end = r < bow_.rows ? bow_.row_end(r) : 0;
        std::size_t b = x.row_begin(r), b_end = x.row_end(r);
        while (a < a_end || b < b_end) {
            if (b == b_end || (a < a_end && bow_.indices[a] < x.indices[b])) {
                sum.indices.push_back(bow_.indices[a]);
                sum.values.push_back(bow_.values[a++] * keep);
            } else if (a == a_end || x.indices[b] < bow_.indices[a]) {
                sum.indices.push_back(x.indices[b]);
                sum.values.push_back(x.values[b++]);
            } else {
                sum.indices.push_back(x.indices[b]);
                sum.values.push_back(bow_.values[a++] * keep + x.values[b++]);
            }
        }
        sum.indptr.push_back(sum.indices.size());
    }
    bow_ = std::move(sum);
    if (options_.delete_min_df) clean_bow(*options_.delete_min_df);
    return bow_;
}

void OnlineCountVectorizer::clean_bow(double min_df) {
    require(std::isfinite(min_df) && min_df >= 0.0, "OnlineCountVectorizer: delete_min_df must be a number >= 0");
    // _clean_bow: keep the columns whose total is >= min_df, renumbered in order.
    std::vector<double> totals(bow_.cols, 0.0);
    for (std::size_t k = 0; k < bow_.nnz(); ++k) totals[bow_.indices[k]] += bow_.values[k];
    std::vector<int64_t> new_index(bow_.cols, -1);
    std::vector<std::string> vocabulary;
    for (std::size_t j = 0; j < bow_.cols; ++j)
        if (totals[j] >= min_df) {
            new_index[j] = static_cast<int64_t>(vocabulary.size());
            vocabulary.push_back(vocabulary_[j]);
        }
    CsrMatrix<double> kept;
    kept.rows = bow_.rows;
    kept.cols = vocabulary.size();
    for (std::size_t r = 0; r < bow_.rows; ++r) {
        for (std::size_t k = bow_.row_begin(r); k < bow_.row_end(r); ++k)
            if (new_index[bow_.indices[k]] >= 0) {
                kept.indices.push_back(static_cast<uint32_t>(new_index[bow_.indices[k]]));
                kept.values.push_back(bow_.values[k]);
            }
        kept.indptr.push_back(kept.indices.size());
    }
    vocabulary_ = std::move(vocabulary);
    bow_ = std::move(kept);
}

}  // namespace topicwasm
