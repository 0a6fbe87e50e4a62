// BERTopic 0.17's topic reduction, topic merging, outlier reduction and update_topics
// (bertopic/_bertopic.py: _reduce_to_n_topics, _auto_reduce_topics, merge_topics, reduce_outliers,
// update_topics) on topicwasm's TopicModel state.
#include "topics/topic_reduction.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>

#include "cluster/agglomerative.hpp"
#include "cluster/hdbscan.hpp"
#include "core/error.hpp"
#include "represent/approximate_distribution.hpp"
#include "represent/similarity.hpp"
#include "topics/topic_model.hpp"

namespace topicwasm {

OutlierStrategy parse_outlier_strategy(const std::string& name) {
    if (name == "distributions") return OutlierStrategy::distributions;
    if (name == "probabilities") return OutlierStrategy::probabilities;
    if (name == "c-tf-idf") return OutlierStrategy::ctfidf;
    if (name == "embeddings") return OutlierStrategy::embeddings;
    throw Error("strategy must be 'distributions', 'probabilities', 'c-tf-idf' or 'embeddings', got '" + name + "'");
}

std::vector<int> auto_topic_groups(const Matrix& vectors) {
    const std::size_t k = vectors.rows;
    std::vector<int> groups(k);
    std::iota(groups.begin(), groups.end(), 0);
    if (k < 3) return groups;  // HDBSCAN(min_cluster_size=2) cannot split fewer than 3 topics usefully
    Matrix unit = vectors;
    for (std::size_t r = 0; r < k; ++r) {
        double norm = 0;
        for (std::size_t j = 0; j < unit.cols; ++j) norm += static_cast<double>(unit(r, j)) * unit(r, j);
        norm = std::sqrt(norm);
        if (norm > 0)
            for (std::size_t j = 0; j < unit.cols; ++j) unit(r, j) = static_cast<float>(unit(r, j) / norm);
    }
    HdbscanOptions options;
    options.min_cluster_size = 2;
    Hdbscan hdbscan(options);
    hdbscan.fit(unit.view());
    std::map<int, int> lowest;  // cluster -> lowest topic id (rows are in topic-id order)
    for (std::size_t r = 0; r < k; ++r) {
        int c = hdbscan.labels()[r];
        if (c >= 0 && !lowest.count(c)) lowest[c] = static_cast<int>(r);
    }
    for (std::size_t r = 0; r < k; ++r) {
        int c = hdbscan.labels()[r];
        if (c >= 0) groups[r] = lowest[c];
    }
    return groups;
}

namespace {

// The documents must be the ones whose topics the state holds: the fitted documents, or for a
// restored model (no documents, BERTopic's topics_ from topics.json) as many as topics_ has.
void check_documents(std::size_t given, const std::vector<int>& document_topics) {
    const std::size_t expected = document_topics.size();
    require(expected > 0,
            "the model does not know its documents' topics (a saved model whose topics.json has no topics): "
            "it cannot change its topics");
    require(given == expected, "got " + std::to_string(given) + " documents but the model was fitted on " + std::to_string(expected) +
                                   ": pass the documents used in fit");
}

std::size_t outlier_offset(const std::vector<Topic>& topics) { return topics.front().id == -1 ? 1 : 0; }

}  // namespace

void TopicModel::check_document_count(std::size_t n) const { check_documents(n, state().document_topics); }

std::shared_ptr<TopicModel::State> TopicModel::regroup(const std::vector<std::string>& documents, const State& s,
                                                       const std::vector<int>& row_group) const {
    const std::size_t offset = outlier_offset(s.topics);
    std::vector<int> labels(s.document_topics.size());
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = row_group[topic_row(s.topics, s.document_topics[i])];
    auto out = describe_topics(documents, labels, {});
    const std::size_t new_offset = outlier_offset(out->topics);

    std::unordered_map<int, int> group_topic{{-1, -1}};
    for (std::size_t i = 0; i < labels.size(); ++i) group_topic[labels[i]] = out->document_topics[i];
    // Old topic -> new topic. The outlier row may be merged into a topic too ([[3, -1]] in
    // BERTopic moves the outliers into topic 3), so -1 goes through row_group when it is a row.
    auto new_topic_of = [&](int old_topic) {
        return old_topic == -1 && offset == 0 ? -1 : group_topic.at(row_group[topic_row(s.topics, old_topic)]);
    };

    // The topic mapper follows the merge; a topic's original label is the lowest label merged into it.
    out->label_topics = s.label_topics;
    for (auto& [label, topic] : out->label_topics) topic = new_topic_of(topic);
    // Each mapper row gains a column: where its last topic went (a topic that no longer exists,
    // emptied by update_topics, goes nowhere: -1).
    out->topic_mapper = s.topic_mapper;
    for (auto& row : out->topic_mapper) {
        const int last = row.back();
        const bool exists = std::any_of(s.topics.begin(), s.topics.end(), [&](const Topic& t) { return t.id == last; });
        row.push_back(last == -1 || exists ? new_topic_of(last) : -1);
    }
    out->original_labels.assign(out->topics.size(), -1);
    std::vector<bool> seen(out->topics.size(), false);
    for (const auto& [label, topic] : out->label_topics) {
        if (topic == -1 || label == -1) continue;
        const std::size_t r = topic + new_offset;
        if (!seen[r]) out->original_labels[r] = label, seen[r] = true;  // label_topics is sorted by label
    }

    // BERTopic's _create_topic_vectors(mappings=...): the size-weighted mean of the merged topics'
    // embeddings (the centroid of their documents, as each was the centroid of its own).
    if (s.topic_embeddings.rows > 0) {
        const std::size_t d = s.topic_embeddings.cols;
        std::vector<double> sums(out->topics.size() * d, 0.0), weights(out->topics.size(), 0.0);
        for (std::size_t r = 0; r < s.topics.size(); ++r) {
            const std::size_t to = new_topic_of(s.topics[r].id) + new_offset;
            const double w = static_cast<double>(s.topics[r].count);
            for (std::size_t j = 0; j < d; ++j) sums[to * d + j] += w * s.topic_embeddings(r, j);
            weights[to] += w;
        }
        out->topic_embeddings = Matrix(out->topics.size(), d);
        for (std::size_t r = 0; r < out->topics.size(); ++r)
            for (std::size_t j = 0; j < d; ++j)
                out->topic_embeddings(r, j) = weights[r] > 0 ? static_cast<float>(sums[r * d + j] / weights[r]) : 0.0f;
    }
    out->reduced = s.reduced;
    out->umap = s.umap;
    out->pca = s.pca;
    out->unreduced = s.unreduced;
    out->hdbscan = s.hdbscan;
    out->kmeans = s.kmeans;
    out->by_similarity = s.by_similarity;
    out->cluster_labels = s.cluster_labels;  // the cluster step's labels stay as it gave them
    out->online = s.online;  // transform still runs the online steps, through the updated mapper
    out->online_changed = s.online != nullptr;
    // A column whose topic update_topics emptied goes nowhere.
    auto column_to = [&](int c) { return std::any_of(s.topics.begin(), s.topics.end(), [c](const Topic& t) { return t.id == c; }) ? new_topic_of(c) : -1; };
    out->probabilities = map_probabilities(s.probabilities, column_to, out->topics.size() - new_offset);
    carry_labels(s, *out);
    return out;
}

void check_nr_topics(const NrTopics& nr_topics, bool keep_allowed) {
    require(keep_allowed || nr_topics.kind != NrTopics::Kind::keep, "nrTopics must be an integer >= 2 or 'auto'");
    require(nr_topics.kind != NrTopics::Kind::count || nr_topics.count >= 2, "nrTopics must be at least 2, got " + std::to_string(nr_topics.count));
}

std::shared_ptr<TopicModel::State> TopicModel::reduce_state(const std::vector<std::string>& documents, const State& s,
                                                            NrTopics nr_topics, bool use_ctfidf) const {
    if (nr_topics.kind == NrTopics::Kind::keep) return nullptr;
    const std::size_t offset = outlier_offset(s.topics);
    const std::size_t k = s.topics.size() - offset;  // topics other than -1
    if (k == 0) return nullptr;
    // BERTopic's select_topic_representation(c_tf_idf_, topic_embeddings_, use_ctfidf): the topic
    // embeddings unless asked for c-TF-IDF or there are none (manual fits).
    const bool ctfidf = use_ctfidf || s.topic_embeddings.rows == 0;
    require(!ctfidf || s.representation, "reducing topics by their c-TF-IDF needs it: the model was saved without it (saveCtfidf: false)");

    std::vector<int> groups;  // non-outlier topic id -> group
    if (nr_topics.kind == NrTopics::Kind::count) {
        if (nr_topics.count >= s.topics.size()) return nullptr;  // as BERTopic: nothing to reduce
        const auto distances = ctfidf ? cosine_distances(s.representation->weights, offset)
                                      : cosine_distances(s.topic_embeddings.view(), offset);
        groups = agglomerative_average(distances, k, nr_topics.count - offset);
    } else {
        Matrix vectors;
        if (ctfidf) {
            const auto& w = s.representation->weights;
            vectors = Matrix(k, w.cols);
            for (std::size_t r = 0; r < k; ++r)
                for (std::size_t e = w.row_begin(r + offset); e < w.row_end(r + offset); ++e)
                    vectors(r, w.indices[e]) = static_cast<float>(w.values[e]);
        } else {
            vectors = Matrix(k, s.topic_embeddings.cols);
            std::copy(s.topic_embeddings.row(offset), s.topic_embeddings.row(offset) + k * vectors.cols, vectors.data.begin());
        }
        groups = auto_topic_groups(vectors);
    }
    std::vector<int> row_group(s.topics.size(), -1);
    for (std::size_t t = 0; t < k; ++t) row_group[t + offset] = groups[t];
    return regroup(documents, s, row_group);
}

void TopicModel::reduce_topics(const std::vector<std::string>& documents, NrTopics nr_topics, bool use_ctfidf) {
    const State& s = state();
    check_documents(documents.size(), s.document_topics);
    check_nr_topics(nr_topics, false);
    // nullptr: nrTopics >= the number of topics, nothing to merge; the model stays as it is
    // (BERTopic recomputes the same representations then).
    if (auto reduced = reduce_state(documents, s, nr_topics, use_ctfidf)) state_ = std::move(reduced);
}

void TopicModel::merge_topics(const std::vector<std::string>& documents, const std::vector<std::vector<int>>& groups) {
    const State& s = state();
    check_documents(documents.size(), s.document_topics);
    require(!groups.empty(), "topicsToMerge is empty");
    const int last = s.topics.back().id;
    std::vector<int> row_group(s.topics.size());
    for (std::size_t r = 0; r < row_group.size(); ++r) row_group[r] = s.topics[r].id;
    // The group (index into groups) that took each topic row, -1 for none.
    std::vector<long> used(s.topics.size(), -1);
    const auto group_text = [&](std::size_t g) {
        std::string text = "group " + std::to_string(g) + " [";
        for (std::size_t i = 0; i < groups[g].size(); ++i) text += (i ? ", " : "") + std::to_string(groups[g][i]);
        return text + "]";
    };
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto& group = groups[g];
        require(!group.empty(), "topicsToMerge: " + group_text(g) + " is empty");
        for (int topic : group) {
            require(std::any_of(s.topics.begin(), s.topics.end(), [topic](const Topic& t) { return t.id == topic; }),
                    "topicsToMerge: there is no topic " + std::to_string(topic) + " (topics are " +
                        std::to_string(s.topics.front().id) + " to " + std::to_string(last) + ")");
            const std::size_t row = topic_row(s.topics, topic);
            // BERTopic lets a later group silently override an earlier one; we refuse the ambiguity.
            if (const long other = used[row]; other >= 0) {
                throw Error("topicsToMerge: topic " + std::to_string(topic) + " appears more than once: " +
                            (static_cast<std::size_t>(other) == g ? "twice in " + group_text(g)
                                                                  : "in " + group_text(static_cast<std::size_t>(other)) + " and " + group_text(g)));
            }
            used[row] = static_cast<long>(g);
            row_group[row] = group.front();  // BERTopic maps each group to its first topic
        }
    }
    state_ = regroup(documents, s, row_group);
}

std::vector<int> TopicModel::reduce_outliers(const std::vector<std::string>& documents, const std::vector<int>& topics,
                                             const OutlierOptions& options) const {
    const State& s = state();
    const std::size_t n = documents.size();
    check_documents(n, s.document_topics);
    require(topics.size() == n, "topics has " + std::to_string(topics.size()) + " entries but there are " + std::to_string(n) +
                                    " documents");
    const std::size_t offset = outlier_offset(s.topics);
    require(offset == 1, "No outliers to reduce: the model has no topic -1");
    const std::size_t k = s.topics.size() - 1;
    for (int t : topics)
        require(std::any_of(s.topics.begin(), s.topics.end(), [t](const Topic& x) { return x.id == t; }),
                "topics contains " + std::to_string(t) + ", which is not a topic of the model (-1 to " + std::to_string(s.topics.back().id) + ")");
    require(std::isfinite(options.threshold), "threshold must be a finite number");
    std::vector<std::size_t> outliers;
    for (std::size_t i = 0; i < n; ++i)
        if (topics[i] == -1) outliers.push_back(i);
    std::vector<int> result = topics;
    // targetOutlierShare: each outlier's score (see OutlierOptions::scores), -inf until known.
    if (options.scores) {
        options.scores->assign(n, std::numeric_limits<double>::quiet_NaN());
        for (std::size_t i : outliers) (*options.scores)[i] = -std::numeric_limits<double>::infinity();
    }
    // A positive best score: the lowest positive threshold that keeps it (the zeroing strategies).
    auto record = [&](std::size_t doc, double best) {
        if (options.scores && best > 0) (*options.scores)[doc] = best;
    };
    if (k == 0) return result;

    // Row-wise: a similarity (or probability) per topic; BERTopic zeroes those below threshold and
    // takes np.argmax (first maximum) when anything is left, else the document stays -1.
    auto assign = [&](std::size_t doc, const double* scores) {
        double best = 0, sum = 0;
        int best_topic = -1;
        record(doc, *std::max_element(scores, scores + k));
        for (std::size_t t = 0; t < k; ++t) {
            double v = scores[t] < options.threshold ? 0.0 : scores[t];
            sum += v;
            if (best_topic < 0 || v > best) best = v, best_topic = static_cast<int>(t);
        }
        result[doc] = sum > 0 ? s.topics[best_topic + 1].id : -1;  // row -> id (ids may have gaps)
    };

    switch (options.strategy) {
    case OutlierStrategy::distributions: {
        // BERTopic: approximate_distribution(outlier docs, min_similarity=threshold), then argmax of
        // each row with anything left, else -1.
        std::vector<std::string> texts;
        for (std::size_t i : outliers) texts.push_back(documents[i]);
        ApproximateDistributionOptions distribution;
        distribution.min_similarity = options.threshold;
        ApproximateDistribution result_of = approximate_distribution(*s.representation, topic_ids(s.topics), texts, distribution);
        const Matrix& d = result_of.distributions;
        std::vector<double> row(k);
        for (std::size_t o = 0; o < outliers.size(); ++o) {
            record(outliers[o], result_of.max_similarity[o]);
            for (std::size_t t = 0; t < k; ++t) row[t] = d.row(o)[t];
            double sum = std::accumulate(row.begin(), row.end(), 0.0);
            result[outliers[o]] = sum > 0 ? s.topics[(std::max_element(row.begin(), row.end()) - row.begin()) + 1].id : -1;
        }
        break;
    }
    case OutlierStrategy::probabilities: {
        const MatrixView& p = options.probabilities;
        require(p.data != nullptr && p.rows > 0,
                "strategy 'probabilities' needs probabilities: the n x K topic distributions of a model with calculateProbabilities");
        require(p.rows == n && p.cols == k, "probabilities must be " + std::to_string(n) + " x " + std::to_string(k) +
                                                " (documents x topics: fit with calculateProbabilities), got " + std::to_string(p.rows) + " x " +
                                                std::to_string(p.cols));
        // BERTopic: np.argmax(prob) if np.max(prob) >= threshold (no zeroing, so a row of zeros
        // with threshold 0 still goes to topic 0).
        for (std::size_t i : outliers) {
            const float* row = p.row(i);
            std::size_t best = 0;
            for (std::size_t t = 1; t < k; ++t)
                if (row[t] > row[best]) best = t;
            if (options.scores) (*options.scores)[i] = row[best];  // no zeroing: 0 counts too
            result[i] = row[best] >= options.threshold ? static_cast<int>(best) : -1;
        }
        break;
    }
    case OutlierStrategy::ctfidf: {
        // The outlier documents' own c-TF-IDF rows (fitted vectorizer and idf, raw text as BERTopic)
        // against the topics' rows.
        std::vector<std::string> texts;
        for (std::size_t i : outliers) texts.push_back(documents[i]);
        const auto& rep = *s.representation;
        WeightMatrix own = rep.ctfidf.transform(rep.vectorizer.transform(texts));
        auto sims = cosine_similarities(own, rep.weights, 1);
        for (std::size_t o = 0; o < outliers.size(); ++o) assign(outliers[o], sims.data() + o * k);
        break;
    }
    case OutlierStrategy::embeddings: {
        const MatrixView& e = options.embeddings;
        require(s.topic_embeddings.rows > 0, "strategy 'embeddings' needs topic embeddings (a model fitted on embeddings)");
        require(e.data != nullptr && e.rows == n, "strategy 'embeddings' needs embeddings with one row per document (" +
                                                      std::to_string(n) + "), got " + std::to_string(e.rows));
        require(e.cols == s.topic_embeddings.cols, "embedding dimension mismatch: the topics are " +
                                                       std::to_string(s.topic_embeddings.cols) + "-d, got " + std::to_string(e.cols));
        std::vector<double> topic_norm(k, 0.0), scores(k);
        for (std::size_t t = 0; t < k; ++t)
            for (std::size_t j = 0; j < e.cols; ++j) topic_norm[t] += static_cast<double>(s.topic_embeddings(t + 1, j)) * s.topic_embeddings(t + 1, j);
        for (std::size_t i : outliers) {
            double norm = 0;
            for (std::size_t j = 0; j < e.cols; ++j) {
                require(std::isfinite(e(i, j)), "embeddings contain NaN or Inf at row " + std::to_string(i));
                norm += static_cast<double>(e(i, j)) * e(i, j);
            }
            for (std::size_t t = 0; t < k; ++t) {
                double dot = 0;
                const float* topic_row = s.topic_embeddings.row(t + 1);
                for (std::size_t j = 0; j < e.cols; ++j) dot += static_cast<double>(e(i, j)) * topic_row[j];
                const double denominator = std::sqrt(norm) * std::sqrt(topic_norm[t]);
                scores[t] = denominator > 0 ? dot / denominator : 0.0;
            }
            assign(i, scores.data());
        }
        break;
    }
    }
    return result;
}

void TopicModel::update_topics(const std::vector<std::string>& documents, const std::vector<int>& topics,
                               const CountVectorizerOptions& vectorizer, const CtfidfOptions& ctfidf, std::size_t top_n_words,
                               MatrixView embeddings) {
    const State& s = state();
    check_documents(documents.size(), s.document_topics);
    require(topics.size() == documents.size(), "topics has " + std::to_string(topics.size()) + " entries but there are " +
                                                   std::to_string(documents.size()) + " documents");
    check_top_n_words(top_n_words);
    const std::size_t offset = outlier_offset(s.topics);
    // BERTopic groups the documents by the given topics: a topic without documents disappears
    // (its id is not reused; the others keep theirs). The ids must be the model's, except that with
    // embeddings new ids >= 0 add topics (a split topic, a re-clustering by hand): their centroids
    // come from the embeddings, and transform then assigns the most similar topic embedding, as
    // the clustering no longer describes the topics.
    std::vector<std::size_t> counts(s.topics.size(), 0);
    bool added = false;
    for (int t : topics) {
        const bool known = std::any_of(s.topics.begin(), s.topics.end(), [t](const Topic& x) { return x.id == t; });
        require(t == -1 || known || (embeddings.data && t >= 0),
                "topics contains " + std::to_string(t) + ": update_topics takes -1 or a topic of the model (" +
                    std::to_string(s.topics[offset == 1 && s.topics.size() > 1 ? 1 : 0].id) + " to " + std::to_string(s.topics.back().id) +
                    "); pass embeddings to add topics, or fit with y for other labels");
        if (t >= 0 && known) ++counts[topic_row(s.topics, t)];
        added |= t >= 0 && !known;
    }
    if (embeddings.data) {
        require(embeddings.rows == documents.size() && embeddings.cols > 0,
                "embeddings need one row per document (" + std::to_string(documents.size()) + ")");
        require(s.topic_embeddings.rows == 0 || embeddings.cols == s.topic_embeddings.cols,
                "embedding dimension mismatch: the model's topic embeddings are " + std::to_string(s.topic_embeddings.cols) + "-d");
    }
    require(std::any_of(topics.begin(), topics.end(), [](int t) { return t != -1; }),
            "topics assigns every document to -1: at least one document must keep a topic");
    TopicModelOptions options = options_;
    options.vectorizer = vectorizer;
    options.ctfidf = ctfidf;
    options.top_n_words = top_n_words;
    CountVectorizer check(vectorizer);  // validate before anything changes
    TopicModel updated(options);
    auto out = updated.describe_topics(documents, topics, {}, false);

    // Topic embeddings: centroids of the given embeddings; otherwise BERTopic's rule: the old
    // embeddings stay, minus the outlier row when no document is an outlier any more; a new
    // outlier row (documents moved to -1 in a model without outliers) is zero, as delete_topics.
    if (embeddings.data) {
        out->topic_embeddings = Matrix(out->topics.size(), embeddings.cols);
        for (std::size_t i = 0; i < topics.size(); ++i) {
            float* row = out->topic_embeddings.row(topic_row(out->topics, topics[i]));
            for (std::size_t j = 0; j < embeddings.cols; ++j) row[j] += embeddings(i, j);
        }
        for (std::size_t r = 0; r < out->topics.size(); ++r)
            for (std::size_t j = 0; j < embeddings.cols; ++j) out->topic_embeddings(r, j) /= static_cast<float>(out->topics[r].count);
    } else if (s.topic_embeddings.rows > 0) {
        // Each remaining topic keeps its row (a topic that lost its documents loses its row).
        const std::size_t d = s.topic_embeddings.cols;
        out->topic_embeddings = Matrix(out->topics.size(), d);
        for (std::size_t r = 0; r < out->topics.size(); ++r) {
            const int id = out->topics[r].id;
            if (id == -1 && offset == 0) continue;
            const std::size_t from = topic_row(s.topics, id);
            std::copy(s.topic_embeddings.row(from), s.topic_embeddings.row(from) + d, out->topic_embeddings.row(r));
        }
    }
    // Topic ids are unchanged, so is the mapper, except that a label whose topic disappeared now
    // predicts -1 (BERTopic's topic_mapper_ would keep pointing at the vanished id, which transform
    // would then return although no topic has it).
    out->topic_mapper = s.topic_mapper;  // BERTopic's update_topics adds no column
    out->label_topics = s.label_topics;
    for (auto& [label, topic] : out->label_topics)
        if (topic >= 0 && counts[topic_row(s.topics, topic)] == 0) topic = -1;
    out->original_labels.assign(out->topics.size(), -1);
    for (std::size_t r = 0; r < s.topics.size(); ++r)
        if (s.topics[r].id >= 0 && counts[r] > 0) out->original_labels[topic_row(out->topics, s.topics[r].id)] = s.original_labels[r];
    out->reduced = s.reduced;
    out->umap = s.umap;
    out->pca = s.pca;
    out->unreduced = s.unreduced;
    out->hdbscan = s.hdbscan;
    out->probabilities = s.probabilities;  // BERTopic's update_topics leaves probabilities_ as they are
    out->kmeans = s.kmeans;
    // Topics added are not the clustering's: transform assigns the most similar topic embedding.
    out->by_similarity = s.by_similarity || added;
    out->cluster_labels = s.cluster_labels;  // the cluster step's labels stay as it gave them
    out->online = s.online;
    out->online_changed = s.online != nullptr;
    // Topic ids are kept: zero-shot topics and custom labels stay on theirs.
    out->zeroshot_embeddings = s.zeroshot_embeddings;
    out->custom_labels = s.custom_labels;
    for (const auto& [id, label] : s.zeroshot_topics)
        if (std::any_of(out->topics.begin(), out->topics.end(), [id = id](const Topic& t) { return t.id == id; }))
            out->zeroshot_topics.emplace_back(id, label);
    for (auto& t : out->topics)
        for (const auto& old : s.topics)
            if (old.id == t.id) t.custom_label = old.custom_label;
    updated.name_topics(*out);
    options_ = std::move(options);  // only now does the model change
    state_ = std::move(out);
}

}  // namespace topicwasm
