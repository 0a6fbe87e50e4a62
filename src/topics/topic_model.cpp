#include "topics/topic_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "core/reference_sorts.hpp"
#include "topics/fit_memory.hpp"
#include "topics/guided.hpp"

namespace topicwasm {

std::vector<int> topic_ids(const std::vector<Topic>& topics) {
    std::vector<int> ids;
    for (const auto& t : topics) ids.push_back(t.id);
    return ids;
}

std::size_t topic_row(const std::vector<Topic>& topics, int id) {
    auto it = std::lower_bound(topics.begin(), topics.end(), id, [](const Topic& t, int v) { return t.id < v; });
    require(it != topics.end() && it->id == id, "there is no topic " + std::to_string(id));
    return static_cast<std::size_t>(it - topics.begin());
}

TopicModel::TopicModel(TopicModelOptions options) : options_(std::move(options)) {
    check_top_n_words(options_.top_n_words);
    require(options_.min_topic_size >= 2, "minTopicSize must be at least 2");
    if (options_.hdbscan.min_cluster_size == 0) options_.hdbscan.min_cluster_size = options_.min_topic_size;
    options_.umap.seed = options_.seed;
    CountVectorizer check(options_.vectorizer);  // validate every option now, not at fit
    validate(options_.umap);
    Hdbscan check_hdbscan(options_.hdbscan);
    options_.kmeans.seed = options_.seed;
    require(options_.kmeans.n_clusters >= 1, "kmeansModel.nClusters must be at least 1");
    check_nr_topics(options_.nr_topics, true);
}

// BERTopic counts sizes in order of first appearance (collections.Counter) and sorts them with
// pandas' sort_values(ascending=False), which reverses the sizes, argsorts them with numpy's
// unstable quicksort and reverses the result; we do the same, so topics of equal size get the
// same ids as in BERTopic.
std::unordered_map<int, int> renumber_by_size(const std::vector<int>& labels, bool renumber) {
    std::vector<int> order;
    std::unordered_map<int, std::size_t> size;
    for (int label : labels)
        if (size[label]++ == 0) order.push_back(label);
    if (!renumber) {
        // The labels are the ids (BERTopic's update_topics keeps them, gaps included).
        std::unordered_map<int, int> identity{{-1, -1}};
        for (int label : order) identity[label] = label;
        return identity;
    } else {
        std::vector<double> reversed_sizes(order.size());
        for (std::size_t i = 0; i < order.size(); ++i) reversed_sizes[i] = static_cast<double>(size[order[order.size() - 1 - i]]);
        const std::vector<std::size_t> ascending = numpy_argsort(reversed_sizes);
        std::vector<int> by_size;
        by_size.reserve(order.size());
        for (std::size_t i = ascending.size(); i-- > 0;) by_size.push_back(order[order.size() - 1 - ascending[i]]);
        order = std::move(by_size);
        std::erase(order, -1);
    }
    std::unordered_map<int, int> mapping{{-1, -1}};
    for (std::size_t k = 0; k < order.size(); ++k) mapping[order[k]] = static_cast<int>(k);
    return mapping;
}

void check_top_n_words(std::size_t top_n_words) {
    require(top_n_words >= 1 && top_n_words <= 100, "topNWords must be between 1 and 100, got " + std::to_string(top_n_words));
}

void check_embeddings(MatrixView embeddings, std::size_t n_documents) {
    require(embeddings.rows == n_documents, "embeddings have " + std::to_string(embeddings.rows) + " rows but there are " +
                                                std::to_string(n_documents) + " documents");
    require(embeddings.cols > 0, "embeddings have no columns");
    for (std::size_t i = 0; i < embeddings.rows * embeddings.cols; ++i) {
        if (!std::isfinite(embeddings.data[i])) {
            throw Error("embeddings contain " + std::string(std::isnan(embeddings.data[i]) ? "NaN" : "Inf") + " at row " +
                        std::to_string(i / embeddings.cols) + ", column " + std::to_string(i % embeddings.cols));
        }
    }
}

std::string topic_name(int id, const std::vector<TopicWord>& words) {
    std::string name = std::to_string(id);
    for (std::size_t w = 0; w < std::min<std::size_t>(4, words.size()); ++w) name += "_" + words[w].word;
    return name;
}

void TopicModel::restore(SavedTopicModel saved) {
    auto& topics = saved.topics;
    require(!topics.empty(), "a saved model needs at least one topic");
    for (std::size_t r = 0; r < topics.size(); ++r) {
        require(topics[r].id >= -1, "topic ids must be >= -1, got " + std::to_string(topics[r].id));
        require(r == 0 || topics[r].id > topics[r - 1].id, "topics must be in ascending id order without repeats");
        topics[r].representative_docs.clear();
    }
    require(saved.saved_names.empty() || saved.saved_names.size() == topics.size(),
            "topic_labels needs one name per topic (" + std::to_string(topics.size()) + "), got " + std::to_string(saved.saved_names.size()));
    for (int t : saved.document_topics) {
        require(std::any_of(topics.begin(), topics.end(), [&](const Topic& x) { return x.id == t; }),
                "topics_ contains topic " + std::to_string(t) + ", which has no representation");
    }
    require(saved.topic_embeddings.rows == topics.size() || saved.topic_embeddings.rows == 0, "there are " + std::to_string(topics.size()) + " topics but " +
                                                              std::to_string(saved.topic_embeddings.rows) + " topic embeddings");
    if (saved.representation) {
        require(saved.representation->weights.rows == topics.size(), "the c-TF-IDF matrix needs one row per topic");
        saved.representation->words.clear();
        for (const auto& t : topics) saved.representation->words.push_back(t.words);
    }
    auto state = std::make_shared<State>();
    state->document_topics = std::move(saved.document_topics);
    // The saved ids are the labels from here on: reductions and merges map them as a fit's
    // cluster labels, and the saved topic mapper rows follow their last topic.
    for (const auto& t : topics) state->original_labels.push_back(t.id), state->label_topics.emplace_back(t.id, t.id);
    for (const auto& row : saved.topic_mapper)
        require(!row.empty() && row.size() == saved.topic_mapper.front().size(), "topics.json: topic_mapper rows must all have the same length");
    state->topic_mapper = std::move(saved.topic_mapper);
    if (state->topic_mapper.empty())
        for (const auto& t : topics) state->topic_mapper.push_back({t.id, t.id, t.id});
    state->topics = std::move(topics);
    state->representation = std::move(saved.representation);
    state->topic_embeddings = std::move(saved.topic_embeddings);
    state->aspects = std::move(saved.aspects);
    state->by_similarity = true;  // BERTopic.load: BaseCluster, no UMAP / HDBSCAN
    const auto& list = options_.zeroshot_topic_list;
    for (std::size_t r = 0; r < saved.saved_names.size(); ++r) {
        const auto label = std::find(list.begin(), list.end(), saved.saved_names[r]);
        if (label != list.end()) state->zeroshot_topics.emplace_back(state->topics[r].id, static_cast<int>(label - list.begin()));
    }
    state->custom_labels = std::any_of(state->topics.begin(), state->topics.end(), [](const Topic& t) { return t.custom_label.has_value(); });
    name_topics(*state);
    state_ = std::move(state);  // only now does the model change
}

void TopicModel::start_topic_mapper(State& s) {
    const bool outliers = std::find(s.cluster_labels.begin(), s.cluster_labels.end(), -1) != s.cluster_labels.end();
    s.topic_mapper.clear();
    for (const auto& [label, topic] : s.label_topics)
        if (label != -1 || outliers) s.topic_mapper.push_back({label, label, topic});
}

void TopicModel::name_topics(State& s) const {
    for (auto& t : s.topics) t.name = topic_name(t.id, t.words);
    for (const auto& [id, label] : s.zeroshot_topics)
        for (auto& t : s.topics)
            if (t.id == id) t.name = options_.zeroshot_topic_list.at(static_cast<std::size_t>(label));
}

void TopicModel::carry_labels(const State& before, State& after) const {
    after.zeroshot_embeddings = before.zeroshot_embeddings;
    if (!before.zeroshot_topics.empty()) {
        require(before.zeroshot_embeddings != nullptr,
                "this model's zero-shot topics need their labels' embeddings to follow a reduction or merge: embed zeroshotTopicList first");
        after.zeroshot_topics = follow_zeroshot(before.zeroshot_topics, before.document_topics, after.document_topics, topic_ids(after.topics),
                                                after.topic_embeddings, before.zeroshot_embeddings->view(), options_.zeroshot_min_similarity);
    }
    after.custom_labels = before.custom_labels;
    if (before.custom_labels) {
        // A new topic made of exactly one old topic (every document of a topic moves together) is
        // that topic, label included; a merged one is new and shows its name.
        std::map<int, std::set<int>> sources;
        for (std::size_t i = 0; i < after.document_topics.size() && i < before.document_topics.size(); ++i)
            sources[after.document_topics[i]].insert(before.document_topics[i]);
        for (auto& t : after.topics) {
            t.custom_label.reset();
            const auto from = sources.find(t.id);
            if (from == sources.end() || from->second.size() != 1) continue;
            for (const auto& old : before.topics)
                if (old.id == *from->second.begin()) t.custom_label = old.custom_label;
        }
    }
    name_topics(after);
}

void TopicModel::set_custom_labels(std::vector<std::string> labels) {
    const State& s = state();
    require(labels.size() == s.topics.size(), "setTopicLabels: got " + std::to_string(labels.size()) + " labels for " +
                                                  std::to_string(s.topics.size()) + " topics");
    auto next = std::make_shared<State>(s);
    for (std::size_t r = 0; r < labels.size(); ++r) next->topics[r].custom_label = std::move(labels[r]);
    next->custom_labels = true;
    state_ = std::move(next);
}

void TopicModel::set_zeroshot_embeddings(Matrix labels) {
    const State& s = state();
    require(labels.rows == options_.zeroshot_topic_list.size(), "zeroshotTopicList: expected one embedding per label (" +
                                                                     std::to_string(options_.zeroshot_topic_list.size()) + "), got " +
                                                                     std::to_string(labels.rows));
    require(s.topic_embeddings.rows == 0 || labels.cols == s.topic_embeddings.cols,
            "zeroshotTopicList: the labels' embeddings have " + std::to_string(labels.cols) + " dimensions but the topic embeddings have " +
                std::to_string(s.topic_embeddings.cols) + ": embed them with the model that embedded the documents");
    auto next = std::make_shared<State>(s);
    next->zeroshot_embeddings = std::make_shared<const Matrix>(std::move(labels));
    state_ = std::move(next);
}

std::shared_ptr<TopicModel::State> TopicModel::describe_topics(const std::vector<std::string>& documents,
                                                               const std::vector<int>& labels,
                                                               const Progress& progress, bool renumber) const {
    auto state = std::make_shared<State>();
    state->documents = documents;
    state->cluster_labels = labels;  // regroup / update_topics put back the fit's
    auto mapping = renumber_by_size(labels, renumber);
    for (const auto& entry : mapping) state->label_topics.push_back(entry);
    std::sort(state->label_topics.begin(), state->label_topics.end());
    state->document_topics.reserve(labels.size());
    for (int label : labels) state->document_topics.push_back(mapping.at(label));

    const bool has_outliers = std::find(labels.begin(), labels.end(), -1) != labels.end();
    std::vector<int> ids;
    for (const auto& [from, to] : mapping)
        if (to >= 0 || has_outliers) ids.push_back(to);
    std::sort(ids.begin(), ids.end());
    // Row of each id (ids may have gaps when renumber is false).
    std::unordered_map<int, std::size_t> row;
    for (std::size_t r = 0; r < ids.size(); ++r) row[ids[r]] = r;
    state->original_labels.resize(ids.size());
    for (const auto& [from, to] : mapping)
        if (to >= 0 || has_outliers) state->original_labels[row.at(to)] = from;

    report(progress, "ctfidf", 0, 2);
    const auto& topics = state->document_topics;
    auto rep = std::make_unique<TopicRepresentation>(represent_topics(
        documents, topics, ids, options_.vectorizer, options_.ctfidf, options_.language == "english", options_.top_n_words));
    report(progress, "ctfidf", 1, 2);
    auto representative = representative_documents(*rep, documents, topics, ids, options_.representative_docs,
                                                   options_.representative_sample, options_.seed);
    std::vector<std::size_t> counts(ids.size(), 0);
    for (int t : topics) ++counts[row.at(t)];
    for (std::size_t r = 0; r < ids.size(); ++r) {
        Topic topic{ids[r], counts[r], topic_name(ids[r], rep->words[r]), rep->words[r], representative[r]};
        state->topics.push_back(std::move(topic));
    }
    state->representation = std::move(rep);
    report(progress, "ctfidf", 2, 2);
    return state;
}

std::vector<int> TopicModel::fit_transform_labels(const std::vector<std::string>& documents, const std::vector<int>& labels) {
    require(!documents.empty(), "empty corpus: fit needs at least one document");
    require(labels.size() == documents.size(), "y has " + std::to_string(labels.size()) + " labels but there are " +
                                                   std::to_string(documents.size()) + " documents");
    for (int label : labels) require(label >= -1, "y contains " + std::to_string(label) + ": topic labels must be >= -1");
    std::shared_ptr<State> state = describe_topics(documents, labels, {});
    if (auto reduced = reduce_state(documents, *state, options_.nr_topics, false)) state = std::move(reduced);
    start_topic_mapper(*state);
    state_ = std::move(state);  // only now does the model change
    return state_->document_topics;
}

TopicAssignment TopicModel::fit_transform(const std::vector<std::string>& documents, MatrixView embeddings,
                                          const Progress& progress, const std::vector<int>* y,
                                          MatrixView zeroshot_embeddings, const std::vector<int>* given,
                                          MatrixView seed_embeddings) {
    require(!documents.empty(), "empty corpus: fit needs at least one document");
    require(options_.reducer != ReducerKind::incremental_pca,
            "reduceModel 'incrementalPca' is an online step: use partialFit (fitTransform supports 'umap', 'pca' and 'none')");
    require(options_.clusterer != ClustererKind::mini_batch_kmeans,
            "clusterModel 'miniBatchKmeans' is an online step: use partialFit (fitTransform supports 'hdbscan' and 'kmeans')");
    check_embeddings(embeddings, documents.size());
    require(!y || y->size() == documents.size(), "y has " + std::to_string(y ? y->size() : 0) + " labels but there are " +
                                                     std::to_string(documents.size()) + " documents");
    // Guided topic modeling: the seed topics' labels replace y, the nudged embeddings the documents'.
    const auto& seed_list = options_.seed_topic_list;
    require(seed_list.empty() == (seed_embeddings.data == nullptr),
            seed_list.empty() ? "seed topic embeddings need seedTopicList (the topics they embed)"
                              : "seedTopicList needs the seed topics' embeddings (from the model that embedded the documents)");
    require(seed_list.empty() || seed_embeddings.rows == seed_list.size(),
            "seedTopicList: expected one embedding per seed topic (" + std::to_string(seed_list.size()) + "), got " +
                std::to_string(seed_embeddings.rows));
    require(seed_list.empty() || !given, "guided topic modeling (seedTopicList) needs a clustering step, not a classifier");
    GuidedTargets guided;
    if (!seed_list.empty()) {
        guided = guided_targets(embeddings, seed_embeddings);
        y = &guided.y;
        embeddings = guided.embeddings.view();
    }
    // Zero-shot topic modeling (BERTopic 0.17 fit_transform, _zeroshot_topic_modeling and
    // _combine_zeroshot_topics): the documents assigned to a zero-shot topic keep it; the others
    // ("rest") are clustered and their clusters numbered after the k zero-shot topics.
    const auto& zeroshot_list = options_.zeroshot_topic_list;
    require(zeroshot_list.empty() == (zeroshot_embeddings.data == nullptr),
            zeroshot_list.empty() ? "zero-shot label embeddings need zeroshotTopicList (the labels they embed)"
                                  : "zeroshotTopicList needs the labels' embeddings (from the model that embedded the documents)");
    require(zeroshot_list.empty() || zeroshot_embeddings.rows == zeroshot_list.size(),
            "zeroshotTopicList: expected one embedding per label (" + std::to_string(zeroshot_list.size()) + "), got " +
                std::to_string(zeroshot_embeddings.rows));
    ZeroShotAssignment assignment;
    if (!zeroshot_list.empty()) assignment = assign_zeroshot(embeddings, zeroshot_embeddings, options_.zeroshot_min_similarity);
    const std::vector<int>* zeroshot = zeroshot_list.empty() ? nullptr : &assignment.topics;
    const std::size_t k = assignment.matched.size();
    std::vector<std::size_t> rest;
    for (std::size_t i = 0; i < documents.size(); ++i)
        if (!zeroshot || (*zeroshot)[i] < 0) rest.push_back(i);
    const bool assigned = rest.size() < documents.size();
    if (k > 0 && options_.nr_topics.kind == NrTopics::Kind::count) {
        require(options_.nr_topics.count > k, "nrTopics (" + std::to_string(options_.nr_topics.count) +
                                                  ") must exceed the number of matched zero-shot topics (" + std::to_string(k) +
                                                  "): raise nrTopics or zeroshotMinSimilarity");
    }
    const bool use_umap = options_.reducer == ReducerKind::umap, use_hdbscan = options_.clusterer == ClustererKind::hdbscan;
    const bool use_given = options_.clusterer == ClustererKind::given;
    require(use_given == (given != nullptr), use_given ? "a classifier cluster step needs its labels (given)" : "labels given without a classifier cluster step");
    if (use_given) {
        require(!zeroshot, "zero-shot topic modeling needs a clustering step (hdbscan or kmeans), not a classifier");
        require(given->size() == documents.size(), "the classifier gave " + std::to_string(given->size()) + " labels for " +
                                                       std::to_string(documents.size()) + " documents");
        for (int label : *given) require(label >= -1, "the classifier's labels must be integers >= -1, got " + std::to_string(label));
    }
    if (options_.reducer == ReducerKind::pca) {
        const std::size_t c = options_.umap.n_components;
        require(c <= embeddings.cols, "umapModel.nComponents (" + std::to_string(c) + ") is above the embedding dimension (" +
                                          std::to_string(embeddings.cols) + "): reduceModel 'pca' cannot make more dimensions than the embeddings have");
        require(c <= documents.size(), "umapModel.nComponents (" + std::to_string(c) + ") is above the number of documents (" +
                                           std::to_string(documents.size()) + "), which PCA needs at least");
    }
    check_fit_memory(documents, embeddings, options_);
    const std::string clustered = assigned ? " documents that no zero-shot topic took" : " documents";
    require(rest.empty() || !use_hdbscan || rest.size() >= options_.hdbscan.min_cluster_size,
            "HDBSCAN needs at least minTopicSize (" + std::to_string(options_.hdbscan.min_cluster_size) + ")" + clustered +
                ", got " + std::to_string(rest.size()));
    require(rest.empty() || use_hdbscan || use_given || rest.size() >= options_.kmeans.n_clusters,
            "k-means needs at least nClusters (" + std::to_string(options_.kmeans.n_clusters) + ")" + clustered + ", got " +
                std::to_string(rest.size()));

    // UMAP (or PCA) is fitted on every document, zero-shot or not, as BERTopic does.
    std::unique_ptr<Umap> umap;
    std::unique_ptr<Pca> pca;
    Matrix reduced;
    if (use_umap) {
        umap = std::make_unique<Umap>(options_.umap);
        reduced = umap->fit_transform(embeddings, progress, y);
    } else if (options_.reducer == ReducerKind::none) {
        reduced = to_matrix(embeddings);
    } else {
        report(progress, "pca", 0, 1);
        pca = std::make_unique<Pca>(PcaOptions{options_.umap.n_components});
        reduced = pca->fit_transform(embeddings);
        report(progress, "pca", 1, 1);
    }
    // With zero-shot topics BERTopic clusters umap_model.transform(embeddings of the rest), not the
    // fitted layout - also when no document was assigned (then the rest is every document).
    Matrix rest_reduced;
    MatrixView cluster_input = reduced.view();
    if (zeroshot && !rest.empty()) {
        Matrix rest_embeddings(rest.size(), embeddings.cols);
        for (std::size_t r = 0; r < rest.size(); ++r)
            std::copy(embeddings.row(rest[r]), embeddings.row(rest[r]) + embeddings.cols, rest_embeddings.row(r));
        rest_reduced = umap  ? umap->transform(rest_embeddings.view(), progress)
                       : pca ? pca->transform(rest_embeddings.view())
                             : std::move(rest_embeddings);
        cluster_input = rest_reduced.view();
    }
    std::unique_ptr<Hdbscan> hdbscan;
    std::unique_ptr<KMeans> kmeans;
    std::vector<int> cluster_labels;
    if (use_given) {
        cluster_labels = *given;
    } else if (!rest.empty()) {
        report(progress, use_hdbscan ? "hdbscan" : "kmeans", 0, 1);
        if (use_hdbscan) {
            hdbscan = std::make_unique<Hdbscan>(options_.hdbscan);
            hdbscan->fit(cluster_input);
            cluster_labels.assign(hdbscan->labels().begin(), hdbscan->labels().end());
        } else {
            kmeans = std::make_unique<KMeans>(options_.kmeans);
            kmeans->fit(cluster_input);
            cluster_labels.assign(kmeans->labels().begin(), kmeans->labels().end());
        }
        report(progress, use_hdbscan ? "hdbscan" : "kmeans", 1, 1);
    }
    // _combine_zeroshot_topics: zero-shot topics first (0..k-1), then the clusters (k + label),
    // -1 kept. BERTopic then skips _sort_mappings_by_frequency, so these ids are not renumbered by
    // size. When every document was assigned BERTopic keeps the zero-shot list indices as ids
    // while naming topics as if they were 0..k-1 (issue MaartenGr/BERTopic#2447); we number them
    // 0..k-1 as in the mixed case, which is what its pending fix (PR #2451) does.
    std::vector<int> labels = cluster_labels;
    if (assigned) {
        labels.assign(documents.size(), -1);
        for (std::size_t i = 0; i < documents.size(); ++i) labels[i] = (*zeroshot)[i];
        for (std::size_t r = 0; r < rest.size(); ++r)
            labels[rest[r]] = cluster_labels[r] < 0 ? -1 : cluster_labels[r] + static_cast<int>(k);
    }

    auto state = describe_topics(documents, labels, progress, /*renumber=*/!assigned);
    // Topic embeddings: the mean embedding of each topic's documents (BERTopic's centroids).
    const int offset = state->topics.front().id == -1 ? 1 : 0;
    state->topic_embeddings = Matrix(state->topics.size(), embeddings.cols);
    for (std::size_t i = 0; i < documents.size(); ++i) {
        float* row = state->topic_embeddings.row(state->document_topics[i] + offset);
        for (std::size_t j = 0; j < embeddings.cols; ++j) row[j] += embeddings(i, j);
    }
    for (std::size_t r = 0; r < state->topics.size(); ++r)
        for (std::size_t j = 0; j < embeddings.cols; ++j) state->topic_embeddings(r, j) /= static_cast<float>(state->topics[r].count);
    state->reduced = std::move(reduced);
    state->umap = std::move(umap);
    state->pca = std::move(pca);
    state->unreduced = options_.reducer == ReducerKind::none;
    // After assigning zero-shot topics BERTopic replaces the cluster model by BaseCluster: transform
    // (and fit's probabilities) become cosine similarities to the topic embeddings.
    state->by_similarity = assigned;
    if (!assigned) {
        state->hdbscan = std::move(hdbscan);
        state->kmeans = std::move(kmeans);
    }
    if (zeroshot) {
        // Zero-shot topic z (0..k-1) is the z-th matched label's; nr_topics below carries them along.
        state->zeroshot_embeddings = std::make_shared<const Matrix>(to_matrix(zeroshot_embeddings));
        for (std::size_t z = 0; z < k; ++z) state->zeroshot_topics.emplace_back(static_cast<int>(z), assignment.matched[z]);
        name_topics(*state);
    }
    if (auto reduced = reduce_state(documents, *state, options_.nr_topics, false)) state = std::move(reduced);
    start_topic_mapper(*state);

    TopicAssignment result{state->document_topics, {}, {}};
    // umap-learn's warning for a corpus no larger than nNeighbors (it then uses n - 1).
    if (state->umap && state->umap->n_neighbors() < options_.umap.n_neighbors)
        result.warnings.push_back(neighbors_truncated_warning(options_.umap.n_neighbors, documents.size()));
    if (assigned) {
        result.probabilities = transform_by_similarity(*state, embeddings).probabilities;
    } else if (!use_hdbscan) {
        // k-means and a classifier: no probabilities here (BERTopic: None).
    } else if (options_.calculate_probabilities) {
        result.probabilities = topic_distributions(*state, state->hdbscan->all_points_membership_vectors());
    } else {
        result.probabilities = Matrix(documents.size(), 1);
        for (std::size_t i = 0; i < documents.size(); ++i) result.probabilities(i, 0) = static_cast<float>(state->hdbscan->probabilities()[i]);
    }
    state->probabilities = std::make_shared<const Matrix>(result.probabilities);  // BERTopic's probabilities_
    state_ = std::move(state);  // only now does the model change
    return result;
}

Matrix TopicModel::topic_distributions(const State& s, const Matrix& memberships) const {
    // Column c of the memberships is HDBSCAN cluster c; it moves to that cluster's topic id.
    std::vector<int32_t> clusters(memberships.cols);
    std::iota(clusters.begin(), clusters.end(), 0);
    // A topic that update_topics left without documents has no column (ids may have gaps).
    const std::vector<int> ids = map_labels(s, clusters);
    const std::size_t outlier_row = s.topics.front().id == -1 ? 1 : 0;
    std::vector<long> columns(ids.size(), -1);
    for (std::size_t c = 0; c < ids.size(); ++c) {
        if (ids[c] < 0) continue;
        auto it = std::lower_bound(s.topics.begin(), s.topics.end(), ids[c], [](const Topic& t, int v) { return t.id < v; });
        if (it != s.topics.end() && it->id == ids[c]) columns[c] = static_cast<long>(it - s.topics.begin() - outlier_row);
    }
    Matrix distributions(memberships.rows, s.topics.size() - outlier_row);
    for (std::size_t i = 0; i < memberships.rows; ++i)
        for (std::size_t c = 0; c < memberships.cols; ++c)
            if (columns[c] >= 0) distributions(i, columns[c]) += memberships(i, c);
    return distributions;
}

std::vector<int> TopicModel::map_labels(const State& s, const std::vector<int32_t>& labels) const {
    std::unordered_map<int, int> to_topic(s.label_topics.begin(), s.label_topics.end());
    std::vector<int> out;
    out.reserve(labels.size());
    for (int32_t label : labels) {
        auto it = to_topic.find(label);
        out.push_back(it == to_topic.end() ? -1 : it->second);
    }
    return out;
}

TopicAssignment TopicModel::transform(MatrixView embeddings, const Progress& progress) const {
    const State& s = state();
    const bool loaded = s.by_similarity && s.topic_embeddings.rows > 0;
    require(loaded || (!s.by_similarity && (s.umap || s.pca || s.unreduced || s.online)),
            "transform needs a model fitted on embeddings (a manual fit has no clustering to apply)");
    require(embeddings.rows > 0, "transform needs at least one document");
    check_embeddings(embeddings, embeddings.rows);
    const std::size_t fitted_dim = s.topic_embeddings.cols;
    require(embeddings.cols == fitted_dim, "embedding dimension mismatch: the model was fitted on " +
                                               std::to_string(fitted_dim) + "-d embeddings, got " + std::to_string(embeddings.cols));
    if (s.online) return transform_online(s, embeddings);
    if (loaded) return transform_by_similarity(s, embeddings);
    Matrix reduced = s.umap  ? s.umap->transform(embeddings, progress)
                     : s.pca ? s.pca->transform(embeddings)
                             : to_matrix(embeddings);
    TopicAssignment result;
    require(s.kmeans || s.hdbscan, "transform: a classifier cluster step predicts outside the engine (TopicModel.transform does)");
    if (s.kmeans) {
        result.topics = map_labels(s, s.kmeans->predict(reduced.view()));
        return result;  // k-means has no probabilities (BERTopic: None)
    }
    auto prediction = s.hdbscan->approximate_predict(reduced.view());
    result.topics = map_labels(s, prediction.labels);
    if (options_.calculate_probabilities) {
        result.probabilities = topic_distributions(s, s.hdbscan->membership_vector(reduced.view()));
    } else {
        result.probabilities = Matrix(embeddings.rows, 1);
        for (std::size_t i = 0; i < embeddings.rows; ++i) result.probabilities(i, 0) = static_cast<float>(prediction.probabilities[i]);
    }
    return result;
}

TopicAssignment TopicModel::transform_by_similarity(const State& s, MatrixView embeddings) const {
    // BERTopic.transform with BaseCluster: sim = cosine_similarity(embeddings, topic_embeddings_);
    // prediction = argmax(sim) - _outliers (row 0 is the outlier topic's embedding when there is
    // one); probabilities = the whole sim matrix with calculate_probabilities, else its row max.
    // Computed in double; a zero vector has similarity 0 to everything, as sklearn's normalize gives.
    const Matrix& topics = s.topic_embeddings;
    auto norm = [](const float* v, std::size_t d) {
        double sum = 0;
        for (std::size_t j = 0; j < d; ++j) sum += double(v[j]) * v[j];
        return sum > 0 ? std::sqrt(sum) : 1.0;
    };
    std::vector<double> topic_norms(topics.rows);
    for (std::size_t k = 0; k < topics.rows; ++k) topic_norms[k] = norm(topics.row(k), topics.cols);
    TopicAssignment result;
    result.probabilities = Matrix(embeddings.rows, options_.calculate_probabilities ? topics.rows : 1);
    for (std::size_t i = 0; i < embeddings.rows; ++i) {
        const float* x = embeddings.row(i);
        const double x_norm = norm(x, embeddings.cols);
        std::size_t best = 0;
        double best_sim = -2;
        for (std::size_t k = 0; k < topics.rows; ++k) {
            const float* t = topics.row(k);
            double dot = 0;
            for (std::size_t j = 0; j < topics.cols; ++j) dot += double(x[j]) * t[j];
            const double sim = dot / (x_norm * topic_norms[k]);
            if (sim > best_sim) best_sim = sim, best = k;  // first maximum, as numpy's argmax
            if (options_.calculate_probabilities) result.probabilities(i, k) = static_cast<float>(sim);
        }
        // BERTopic writes argmax - _outliers; topic ids are contiguous, so that is topics[best].id.
        result.topics.push_back(s.topics[best].id);
        if (!options_.calculate_probabilities) result.probabilities(i, 0) = static_cast<float>(best_sim);
    }
    return result;
}

const TopicModel::State& TopicModel::state() const {
    require(state_ != nullptr, "the model is not fitted yet: call fit or fitTransform first");
    return *state_;
}

const std::vector<int>& TopicModel::document_topics() const { return state().document_topics; }
const std::vector<Topic>& TopicModel::topics() const { return state().topics; }
const std::vector<std::string>& TopicModel::documents() const { return state().documents; }
const std::vector<int>& TopicModel::original_labels() const { return state().original_labels; }
const std::vector<std::pair<int, int>>& TopicModel::label_topics() const { return state().label_topics; }
const std::vector<int>& TopicModel::cluster_labels() const { return state().cluster_labels; }
const std::vector<std::vector<int>>& TopicModel::topic_mapper() const { return state().topic_mapper; }
void TopicModel::set_topic_words(std::vector<std::vector<TopicWord>> words) {
    const State& s = state();
    require(words.size() == s.topics.size(), "set_topic_words: got words for " + std::to_string(words.size()) + " topics, the model has " +
                                                 std::to_string(s.topics.size()));
    auto next = std::make_shared<State>(s);  // the c-TF-IDF and the fitted steps stay shared
    for (std::size_t r = 0; r < words.size(); ++r) next->topics[r].words = std::move(words[r]);
    name_topics(*next);
    state_ = std::move(next);
}

void TopicModel::set_topic_aspects(TopicAspects aspects) {
    const State& s = state();
    for (const auto& [name, topics] : aspects)
        for (const auto& entry : topics) {
            const int id = entry.first;
            require(std::any_of(s.topics.begin(), s.topics.end(), [&](const Topic& t) { return t.id == id; }),
                    "set_topic_aspects: aspect " + name + " has words for topic " + std::to_string(id) + ", which the model does not have");
        }
    auto next = std::make_shared<State>(s);
    next->aspects = std::move(aspects);
    state_ = std::move(next);
}

const TopicRepresentation& TopicModel::representation() const {
    require(state().representation != nullptr, "this model was saved without its c-TF-IDF (BERTopic's save_ctfidf=False)");
    return *state().representation;
}
const Matrix& TopicModel::topic_embeddings() const { return state().topic_embeddings; }
const Matrix& TopicModel::reduced_embeddings() const { return state().reduced; }

const Topic& TopicModel::topic(int id) const {
    const auto& all = topics();
    for (const auto& t : all)
        if (t.id == id) return t;
    throw Error("there is no topic " + std::to_string(id) + " (topics are " + std::to_string(all.front().id) + " to " +
                std::to_string(all.back().id) + ")");
}

}  // namespace topicwasm
