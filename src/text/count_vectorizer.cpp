#include "text/count_vectorizer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "text/tokenizer.hpp"

namespace topicwasm {

double DocumentFrequency::documents(std::size_t n_docs) const {
    // sklearn: max_doc_count = max_df if int else max_df * n_doc (a float, compared with counts).
    return fraction ? value * static_cast<double>(n_docs) : value;
}

namespace {

void validate(const CountVectorizerOptions& o) {
    require(o.ngram_min >= 1 && o.ngram_min <= o.ngram_max,
            "ngramRange must be [min, max] with 1 <= min <= max, got [" + std::to_string(o.ngram_min) + ", " +
                std::to_string(o.ngram_max) + "]");
    for (const auto* df : {&o.min_df, &o.max_df}) {
        const char* name = df == &o.min_df ? "minDf" : "maxDf";
        require(std::isfinite(df->value) && df->value >= 0, std::string(name) + " must be a non-negative number");
        require(!df->fraction || df->value <= 1.0, std::string(name) + " as a fraction must be in [0, 1]");
    }
    std::unordered_set<std::string> seen;
    for (const auto& term : o.vocabulary) {
        require(!term.empty(), "vocabulary contains an empty term");
        require(seen.insert(term).second, "vocabulary contains the term \"" + term + "\" twice");
    }
}

}  // namespace

CountVectorizer::CountVectorizer(CountVectorizerOptions options) : options_(std::move(options)) {
    validate(options_);
    if (!options_.vocabulary.empty()) {
        features_ = options_.vocabulary;
        for (uint32_t i = 0; i < features_.size(); ++i) index_.emplace(features_[i], i);
    }
    drop_stop_words_per_token_ = !options_.stop_words.empty() &&
        (options_.ngram_max > 1 || std::any_of(features_.begin(), features_.end(), [&](const std::string& term) {
             return options_.stop_words.count(term) > 0;
         }));
}

CountVectorizer::Terms CountVectorizer::terms_of(std::string_view document, bool drop_stop_words) const {
    Terms words;
    words.chars = options_.lowercase ? lowercase(document) : std::string(document);
    const auto keep = [&](std::string_view word) {
        return !drop_stop_words || options_.stop_words.find(word) == options_.stop_words.end();
    };
    if (options_.tokenizer) {
        // The tokenizer's tokens back to back in their own buffer.
        std::string chars;
        for (const std::string& token : options_.tokenizer(words.chars)) {
            if (token.empty() || !keep(token)) continue;
            words.spans.emplace_back(static_cast<uint32_t>(chars.size()), static_cast<uint32_t>(token.size()));
            chars += token;
        }
        words.chars = std::move(chars);
    } else {
        const std::string_view text(words.chars);
        for (std::string_view word : word_views(text))
            if (keep(word)) words.spans.emplace_back(static_cast<uint32_t>(word.data() - text.data()), static_cast<uint32_t>(word.size()));
    }
    if (options_.ngram_max == 1) return words;
    // sklearn's _word_ngrams: n-grams of the stop-word-filtered tokens, joined by one space.
    Terms grams;
    const std::size_t n_words = words.size();
    for (std::size_t n = options_.ngram_min; n <= std::min(options_.ngram_max, n_words); ++n) {
        for (std::size_t i = 0; i + n <= n_words; ++i) {
            const std::size_t start = grams.chars.size();
            grams.chars.append(words[i]);
            for (std::size_t k = 1; k < n; ++k) grams.chars.append(" ").append(words[i + k]);
            grams.spans.emplace_back(static_cast<uint32_t>(start), static_cast<uint32_t>(grams.chars.size() - start));
        }
    }
    return grams;
}

std::vector<std::string> CountVectorizer::analyze(std::string_view document) const {
    const Terms terms = terms_of(document, !options_.stop_words.empty());
    std::vector<std::string> out;
    out.reserve(terms.size());
    for (std::size_t i = 0; i < terms.size(); ++i) out.emplace_back(terms[i]);
    return out;
}

std::vector<std::string> CountVectorizer::tokens(std::string_view document) const {
    const std::string text = options_.lowercase ? lowercase(document) : std::string(document);
    return options_.tokenizer ? options_.tokenizer(text) : word_tokens(text);
}

std::vector<CountVectorizer::Terms> CountVectorizer::terms_of_all(std::span<const std::string_view> documents) const {
    std::vector<Terms> terms(documents.size());
    // One chunk (inline, on the calling thread) when a user tokenizer must not leave it.
    parallel_for(documents.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t i = begin; i < end; ++i) terms[i] = terms_of(documents[i], drop_stop_words_per_token_);
    }, parallel_safe() ? 64 : documents.size());
    return terms;
}

namespace {

// Term ids per document -> sparse counts (columns ascending within a row). Ids of UINT32_MAX (terms
// outside the vocabulary) are dropped.
CountMatrix count_ids(std::vector<std::vector<uint32_t>>& doc_ids, std::size_t cols) {
    parallel_for(doc_ids.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t d = begin; d < end; ++d) {
            auto& ids = doc_ids[d];
            std::erase(ids, UINT32_MAX);
            std::sort(ids.begin(), ids.end());
        }
    }, 256);
    CountMatrix m;
    m.rows = doc_ids.size();
    m.cols = cols;
    for (const auto& ids : doc_ids) {
        for (std::size_t i = 0; i < ids.size();) {
            std::size_t j = i;
            while (j < ids.size() && ids[j] == ids[i]) ++j;
            m.indices.push_back(ids[i]);
            m.values.push_back(static_cast<float>(j - i));
            i = j;
        }
        m.indptr.push_back(m.indices.size());
    }
    return m;
}

}  // namespace

CountMatrix CountVectorizer::count(const std::vector<Terms>& terms) const {
    std::vector<std::vector<uint32_t>> doc_ids(terms.size());
    parallel_for(terms.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t d = begin; d < end; ++d) {
            doc_ids[d].reserve(terms[d].size());
            for (std::size_t t = 0; t < terms[d].size(); ++t) {
                auto it = index_.find(terms[d][t]);
                doc_ids[d].push_back(it != index_.end() ? it->second : UINT32_MAX);
            }
        }
    }, 256);
    return count_ids(doc_ids, features_.size());
}

static std::vector<std::string_view> views_of(const std::vector<std::string>& documents) {
    return {documents.begin(), documents.end()};
}

CountMatrix CountVectorizer::transform(const std::vector<std::string>& documents) const {
    return transform(std::span<const std::string_view>(views_of(documents)));
}

CountMatrix CountVectorizer::transform(std::span<const std::string_view> documents) const {
    require(fitted(), "CountVectorizer is not fitted: call fit_transform first");
    return count(terms_of_all(documents));
}

CountMatrix CountVectorizer::fit_transform(const std::vector<std::string>& documents) {
    require(!documents.empty(), "empty corpus: no documents to fit");
    const auto terms = terms_of_all(views_of(documents));
    if (!options_.vocabulary.empty()) return count(terms);

    // Learn: one pass gives every distinct term a provisional id (first-seen order) with its
    // document frequency and total count, and rewrites the documents as provisional ids, so each
    // token is hashed once (not again for the per-document set and the final lookup).
    std::unordered_map<std::string_view, uint32_t> provisional;  // views into `terms`
    std::vector<std::string_view> names;
    std::vector<std::size_t> df, total;
    std::vector<uint32_t> last_doc;
    std::vector<std::vector<uint32_t>> doc_ids(terms.size());
    for (std::size_t d = 0; d < terms.size(); ++d) {
        doc_ids[d].reserve(terms[d].size());
        for (std::size_t k = 0; k < terms[d].size(); ++k) {
            const std::string_view t = terms[d][k];
            auto [it, fresh] = provisional.try_emplace(t, static_cast<uint32_t>(names.size()));
            if (fresh) {
                names.push_back(t);
                df.push_back(0);
                total.push_back(0);
                last_doc.push_back(UINT32_MAX);
            }
            const uint32_t id = it->second;
            total[id] += 1;
            if (last_doc[id] != d) {
                last_doc[id] = static_cast<uint32_t>(d);
                df[id] += 1;
            }
            doc_ids[d].push_back(id);
        }
    }
    // Stop words still among the terms (see drop_stop_words_per_token_) leave here, once each.
    std::vector<bool> stop_word(names.size(), false);
    if (!drop_stop_words_per_token_ && !options_.stop_words.empty())
        for (uint32_t id = 0; id < names.size(); ++id) stop_word[id] = options_.stop_words.find(names[id]) != options_.stop_words.end();
    require(std::find(stop_word.begin(), stop_word.end(), false) != stop_word.end(),
            "empty vocabulary; perhaps the documents only contain stop words");

    const std::size_t n_docs = documents.size();
    const double max_doc = options_.max_df.documents(n_docs), min_doc = options_.min_df.documents(n_docs);
    require(max_doc >= min_doc, "maxDf corresponds to fewer documents than minDf");

    std::vector<uint32_t> kept;
    for (uint32_t id = 0; id < names.size(); ++id)
        if (!stop_word[id] && static_cast<double>(df[id]) <= max_doc && static_cast<double>(df[id]) >= min_doc) kept.push_back(id);
    require(!kept.empty(), "after pruning, no terms remain; try a lower minDf or a higher maxDf");
    // sklearn sorts feature names (code point order == UTF-8 byte order).
    std::sort(kept.begin(), kept.end(), [&](uint32_t x, uint32_t y) { return names[x] < names[y]; });

    if (options_.max_features && kept.size() > options_.max_features) {
        // sklearn's _limit_features: the most frequent terms (total count), ties by vocabulary order.
        std::vector<std::size_t> order(kept.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t x, std::size_t y) { return total[kept[x]] > total[kept[y]]; });
        order.resize(options_.max_features);
        std::sort(order.begin(), order.end());
        std::vector<uint32_t> limited;
        for (auto i : order) limited.push_back(kept[i]);
        kept.swap(limited);
    }

    std::vector<uint32_t> final_id(names.size(), UINT32_MAX);
    features_.clear();
    features_.reserve(kept.size());
    for (uint32_t i = 0; i < kept.size(); ++i) {
        final_id[kept[i]] = i;
        features_.emplace_back(names[kept[i]]);
    }
    index_.clear();
    index_.reserve(features_.size());
    for (uint32_t i = 0; i < features_.size(); ++i) index_.emplace(features_[i], i);
    for (auto& ids : doc_ids)
        for (auto& id : ids) id = final_id[id];
    return count_ids(doc_ids, features_.size());
}

}  // namespace topicwasm
