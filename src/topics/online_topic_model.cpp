// BERTopic's partial_fit (bertopic/_bertopic.py, 0.17): online topic modeling one batch at a time.
#include <algorithm>
#include <set>
#include <string>

#include "core/error.hpp"
#include "represent/topic_representation.hpp"
#include "topics/online_topic_model.hpp"
#include "topics/topic_model.hpp"

namespace topicwasm {

namespace {

}  // namespace

const OnlineCountVectorizer& TopicModel::online_vectorizer() const {
    require(state().online != nullptr, "this model was not built by partialFit: it has no online vectorizer");
    return state().online->vectorizer;
}

void TopicModel::clean_online_bow(double min_df) {
    (void)online_vectorizer();  // Error unless built by partial_fit
    auto online = std::make_shared<OnlineState>(*state().online);
    online->vectorizer.clean_bow(min_df);
    auto next = std::make_shared<State>(state());
    next->online = std::move(online);
    state_ = std::move(next);
}

void TopicModel::check_partial_fit() const {
    const TopicModelOptions& o = options_;
    // BERTopic raises unless hdbscan_model has partial_fit; a reducer without partial_fit would be
    // fitted on the first batch only, which we refuse rather than do silently.
    const char* clusterer = o.clusterer == ClustererKind::hdbscan ? "hdbscan" : o.clusterer == ClustererKind::kmeans ? "kmeans" : "classifier";
    require(o.clusterer == ClustererKind::mini_batch_kmeans,
            std::string("partialFit needs clusterModel 'miniBatchKmeans' (got '") + clusterer + "', which has no partial_fit)");
    require(o.reducer == ReducerKind::incremental_pca || o.reducer == ReducerKind::none,
            std::string("partialFit needs reduceModel 'incrementalPca' or 'none' (got '") + (o.reducer == ReducerKind::umap ? "umap" : "pca") +
                "', which cannot be updated batch by batch)");
    require(o.online_vectorizer.online, "partialFit needs vectorizerModel.online = true (BERTopic's OnlineCountVectorizer)");
    require(o.seed_topic_list.empty(), "partialFit does not support seedTopicList");
    require(!state_ || state_->online,
            "partialFit continues a model built by partialFit; this model was fitted or loaded otherwise "
            "(BERTopic's files do not keep the online steps)");
    require(!state_ || !state_->online_changed,
            "partialFit cannot continue after reduceTopics, mergeTopics or updateTopics changed the topics of an online model "
            "(the online topic mapper and bag of words describe the topics before the change)");
}

TopicAssignment TopicModel::partial_fit(const std::vector<std::string>& documents, MatrixView embeddings,
                                        const Progress& progress) {
    check_partial_fit();
    require(!documents.empty(), "partialFit needs at least one document in each batch");
    check_embeddings(embeddings, documents.size());

    // Work on a copy of the online steps: the model changes only when the batch is done.
    std::shared_ptr<OnlineState> online;
    if (state_) {
        online = std::make_shared<OnlineState>(*state_->online);
        require(embeddings.cols == online->dimension, "embedding dimension mismatch: earlier batches had " +
                                                          std::to_string(online->dimension) + "-d embeddings, got " +
                                                          std::to_string(embeddings.cols));
    } else {
        MiniBatchKMeansOptions k = options_.mini_batch_kmeans;
        k.seed = options_.seed;
        OnlineCountVectorizerOptions v{options_.vectorizer, options_.online_vectorizer.decay, options_.online_vectorizer.delete_min_df};
        online = std::make_shared<OnlineState>(OnlineState{std::nullopt, MiniBatchKMeans(k), OnlineCountVectorizer(v), {}, {}, {}, embeddings.cols});
        if (options_.reducer == ReducerKind::incremental_pca) online->ipca.emplace(IncrementalPcaOptions{options_.umap.n_components});
    }

    // _reduce_dimensionality(partial_fit=True): umap_model.partial_fit(X) then transform(X).
    Matrix reduced;
    if (online->ipca) {
        report(progress, "incrementalPca", 0, 1);
        online->ipca->partial_fit(embeddings);
        reduced = online->ipca->transform(embeddings);
        report(progress, "incrementalPca", 1, 1);
    } else {
        reduced = to_matrix(embeddings);
    }
    report(progress, "miniBatchKmeans", 0, 1);
    const std::vector<int32_t> labels = online->kmeans.partial_fit(reduced.view());
    report(progress, "miniBatchKmeans", 1, 1);

    // TopicMapper: the first batch's labels are the topic ids; a label first seen later gets
    // max(id) + 1, + 2, ... in ascending label order (Python's set order for small ints).
    std::map<int, int>& mapper = online->topic_mapper;
    if (mapper.empty())
        for (int32_t l : labels) mapper.emplace(l, l);
    std::set<int> fresh;
    for (int32_t l : labels)
        if (!mapper.count(l)) fresh.insert(l);
    int next = mapper.empty() ? 0 : std::max_element(mapper.begin(), mapper.end(), [](auto& a, auto& b) { return a.second < b.second; })->second + 1;
    for (int l : fresh) mapper.emplace(l, next++);
    std::vector<int> topics;
    topics.reserve(labels.size());
    for (int32_t l : labels) topics.push_back(mapper.at(l));

    // Class documents of every topic seen so far, ascending id (BERTopic adds a " " document for
    // topics missing from the batch, which counts nothing), then the decayed bag of words.
    report(progress, "ctfidf", 0, 2);
    const std::set<int> batch_set(topics.begin(), topics.end());
    std::set<int> id_set = batch_set;
    for (const auto& [id, size] : online->sizes) id_set.insert(id);
    const std::vector<int> ids(id_set.begin(), id_set.end());
    const std::vector<int> batch_ids(batch_set.begin(), batch_set.end());
    const std::vector<std::string> batch_docs = class_documents(documents, topics, batch_ids, options_.language == "english");
    std::vector<std::string> class_docs(ids.size());
    for (std::size_t b = 0; b < batch_ids.size(); ++b)
        class_docs[static_cast<std::size_t>(std::lower_bound(ids.begin(), ids.end(), batch_ids[b]) - ids.begin())] = batch_docs[b];
    online->vectorizer.partial_fit(class_docs);
    const CsrMatrix<double>& bow = online->vectorizer.update_bow(class_docs);

    // _c_tf_idf(partial_fit=True) keeps fit=True: the idf is refitted on the accumulated counts.
    CountMatrix counts;
    counts.rows = bow.rows;
    counts.cols = bow.cols;
    counts.indptr = bow.indptr;
    counts.indices = bow.indices;
    counts.values.assign(bow.values.begin(), bow.values.end());
    ClassTfidf ctfidf(options_.ctfidf);
    ctfidf.fit(counts);
    ctfidf.apply_seed_words(online->vectorizer.feature_names());
    WeightMatrix weights = ctfidf.transform(counts);
    auto words = top_words(weights, online->vectorizer.feature_names(), options_.top_n_words);
    report(progress, "ctfidf", 1, 2);

    // Topic sizes over all batches; running centroids of the document embeddings.
    const std::size_t d = embeddings.cols;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        ++online->sizes[topics[i]];
        auto& sum = online->embedding_sums[topics[i]];
        sum.resize(d, 0.0);
        for (std::size_t j = 0; j < d; ++j) sum[j] += embeddings(i, j);
    }

    auto state = std::make_shared<State>();
    // Every batch so far: the documents, their topics and reduced embeddings (earlier batches keep
    // the topics they were given, as BERTopic's topics_ collected over the batches).
    if (state_) {
        state->documents = state_->documents;
        state->document_topics = state_->document_topics;
    }
    state->documents.insert(state->documents.end(), documents.begin(), documents.end());
    state->document_topics.insert(state->document_topics.end(), topics.begin(), topics.end());
    if (state_) state->cluster_labels = state_->cluster_labels;
    state->cluster_labels.insert(state->cluster_labels.end(), labels.begin(), labels.end());
    std::map<int, int> label_of;
    for (const auto& [label, id] : mapper) {
        state->label_topics.emplace_back(label, id);
        label_of.emplace(id, label);
    }
    state->topic_embeddings = Matrix(ids.size(), d);
    for (std::size_t r = 0; r < ids.size(); ++r) {
        const std::size_t size = online->sizes.at(ids[r]);
        state->topics.push_back(Topic{ids[r], size, topic_name(ids[r], words[r]), words[r], {}});
        auto it = label_of.find(ids[r]);
        state->original_labels.push_back(it == label_of.end() ? ids[r] : it->second);
        const auto& sum = online->embedding_sums.at(ids[r]);
        for (std::size_t j = 0; j < d; ++j) state->topic_embeddings(r, j) = static_cast<float>(sum[j] / static_cast<double>(size));
    }
    state->representation = std::make_unique<TopicRepresentation>(
        TopicRepresentation{online->vectorizer.fixed_vectorizer(), std::move(ctfidf), std::move(weights), std::move(words)});
    if (state_ && state_->reduced.rows > 0) {
        Matrix all(state_->reduced.rows + reduced.rows, reduced.cols);
        std::copy(state_->reduced.data.begin(), state_->reduced.data.end(), all.data.begin());
        std::copy(reduced.data.begin(), reduced.data.end(), all.data.begin() + static_cast<std::ptrdiff_t>(state_->reduced.data.size()));
        reduced = std::move(all);
    }
    state->reduced = std::move(reduced);
    state->unreduced = options_.reducer == ReducerKind::none;
    state->online = std::move(online);
    start_topic_mapper(*state);  // new clusters get rows (BERTopic's add_new_topics)
    report(progress, "ctfidf", 2, 2);

    state_ = std::move(state);  // only now does the model change
    return TopicAssignment{topics, {}, {}};  // the batch's; MiniBatchKMeans: no probabilities
}

TopicAssignment TopicModel::transform_online(const State& s, MatrixView embeddings) const {
    Matrix reduced = s.online->ipca ? s.online->ipca->transform(embeddings) : to_matrix(embeddings);
    std::vector<int32_t> labels = s.online->kmeans.predict(reduced.view());
    return TopicAssignment{map_labels(s, labels), {}, {}};
}

}  // namespace topicwasm
