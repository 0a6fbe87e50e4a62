#pragma once
// The BERTopic pipeline and everything done to a fitted model:
//   embeddings -> UMAP -> HDBSCAN -> topics renumbered by size -> c-TF-IDF topic words,
// and manual topic modeling (BERTopic's fit(docs, y=labels) with BaseCluster: the labels are the
// clusters). Representative documents, topic embeddings (centroids), transform of new documents.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cluster/hdbscan.hpp"
#include "cluster/kmeans.hpp"
#include "cluster/mini_batch_kmeans.hpp"
#include "core/matrix.hpp"
#include "core/progress.hpp"
#include "reduce/pca.hpp"
#include "reduce/umap.hpp"
#include "represent/topic_representation.hpp"
#include "topics/topic_reduction.hpp"
#include "topics/zeroshot.hpp"

namespace topicwasm {

// BERTopic's steps are swappable (umap_model=PCA(...), hdbscan_model=KMeans(...)).
// none: BERTopic's BaseDimensionalityReduction, the embeddings go to the clusterer as they are
// (for embeddings that are already low-dimensional, e.g. a reduction computed elsewhere).
// incremental_pca / mini_batch_kmeans: the online steps of partial_fit (IncrementalPCA to
// umap.n_components dimensions, MiniBatchKMeans); fit_transform rejects them.
enum class ReducerKind { umap, pca, none, incremental_pca };
// given: BERTopic's hdbscan_model=LogisticRegression() (or any classifier) in supervised topic
// modeling: the caller fits the classifier on y and passes its predicted label per document.
enum class ClustererKind { hdbscan, kmeans, mini_batch_kmeans, given };

// BERTopic's OnlineCountVectorizer(decay, delete_min_df) in place of its CountVectorizer: needed
// by partial_fit; fit_transform uses it as a plain CountVectorizer, as BERTopic does.
struct OnlineVectorizerOptions {
    bool online = false;
    std::optional<double> decay;          // None
    std::optional<double> delete_min_df;  // None
};

struct OnlineState;  // online_topic_model.hpp: the steps partial_fit carries from batch to batch
class OnlineCountVectorizer;

struct TopicModelOptions {
    std::string language = "english";  // "english" cleans class documents as BERTopic does
    std::size_t top_n_words = 10;
    std::size_t min_topic_size = 10;
    bool calculate_probabilities = false;     // n x K topic distributions instead of one probability
    std::size_t representative_docs = 3;      // BERTopic's nr_repr_docs
    std::size_t representative_sample = 500;  // BERTopic's nr_samples
    CountVectorizerOptions vectorizer;        // CountVectorizer() defaults, as BERTopic's
    CtfidfOptions ctfidf;
    UmapOptions umap = bertopic_umap_options();
    // BERTopic's HDBSCAN(min_cluster_size=min_topic_size, metric='euclidean', 'eom',
    // prediction_data=True); min_cluster_size 0 here means "use min_topic_size".
    HdbscanOptions hdbscan{0};
    ReducerKind reducer = ReducerKind::umap;        // pca: PCA to umap.n_components dimensions
    ClustererKind clusterer = ClustererKind::hdbscan;  // kmeans: every document in a topic, no probabilities
    KMeansOptions kmeans;
    MiniBatchKMeansOptions mini_batch_kmeans;  // its seed is replaced by `seed`
    OnlineVectorizerOptions online_vectorizer;
    uint64_t seed = 42;  // UMAP's seed and representative-document sampling
    NrTopics nr_topics;  // BERTopic's nr_topics, applied at the end of fit (default None: keep)
    // Zero-shot topic modeling (zeroshot.hpp): the labels (BERTopic's default None: none) and the
    // similarity a document (at fit) or a merged topic needs to take one.
    std::vector<std::string> zeroshot_topic_list;
    double zeroshot_min_similarity = 0.7;
    // Guided topic modeling (guided.hpp): BERTopic's seed_topic_list (default None: none). fit_transform
    // needs their embeddings; the c-TF-IDF boost of their words is ctfidf.seed_topic_words.
    std::vector<std::vector<std::string>> seed_topic_list;
};

struct Topic {
    int id = -1;
    std::size_t count = 0;
    std::string name;  // BERTopic's "<id>_<w1>_<w2>_<w3>_<w4>", or its zero-shot label
    std::vector<TopicWord> words;
    std::vector<std::size_t> representative_docs;  // document indices
    // set_custom_labels' label (BERTopic's custom_labels_); none: the topic's CustomName is its name.
    std::optional<std::string> custom_label = std::nullopt;
};

// BERTopic's topic_aspects_: per aspect (in the order given) the words of each topic id, as
// {aspect: {topic: [(word, score), ...]}}; a topic may be missing from an aspect.
using TopicAspects = std::vector<std::pair<std::string, std::vector<std::pair<int, std::vector<TopicWord>>>>>;

// The ids of topics in order (the rows of the c-TF-IDF matrix and of the topic embeddings).
std::vector<int> topic_ids(const std::vector<Topic>& topics);

// The row of topic `id` in `topics` (ascending ids, which may have gaps after update_topics left
// some topics without documents, as BERTopic keeps ids); throws Error when there is no such topic.
std::size_t topic_row(const std::vector<Topic>& topics, int id);

// BERTopic's _sort_mappings_by_frequency: label -> topic id 0..K-1 by decreasing size (ties as
// BERTopic breaks them), -1 kept; renumber = false keeps the labels as ids.
std::unordered_map<int, int> renumber_by_size(const std::vector<int>& labels, bool renumber = true);
// The one value check of top_n_words (BERTopic's: 1 to 100 here, as the c-TF-IDF keeps 100 at most).
void check_top_n_words(std::size_t top_n_words);
// Throws Error unless embeddings has n_documents rows, some columns and only finite values.
void check_embeddings(MatrixView embeddings, std::size_t n_documents);

// BERTopic's topic label: "<id>_" + the first four words joined by "_" (its topic_labels_).
std::string topic_name(int id, const std::vector<TopicWord>& words);

// A fitted model as BERTopic's saved files describe it (BERTopic.load): topics with their words
// and sizes, topics_, topic embeddings and, when saved, the c-TF-IDF. Documents, UMAP and HDBSCAN
// are not saved, so a restored model predicts as a loaded BERTopic does: the topic whose
// embedding is most cosine-similar to the document's.
struct SavedTopicModel {
    // Ascending id; names are rebuilt from the words, except zero-shot topics: a topic whose saved
    // name (topic_labels) is a label of zeroshot_topic_list is that label's zero-shot topic again
    // (BERTopic does not save _topic_id_to_zeroshot_topic_idx). custom_label: custom_labels.
    std::vector<Topic> topics;
    std::vector<std::string> saved_names;  // topic_labels per topic, or empty
    std::vector<int> document_topics;
    // topic_mapper rows [label, label, topic, ...] (BERTopic's topic_mapper_.mappings_), each as
    // long as the others; empty: the files had none, every topic maps to itself.
    std::vector<std::vector<int>> topic_mapper;
    Matrix topic_embeddings;  // one row per topic, in topics order
    std::unique_ptr<TopicRepresentation> representation;  // null when saved without c-TF-IDF
    TopicAspects aspects;  // topic_aspects, as saved
};

// Topic per document, and probabilities: hdbscan's probability of the assigned cluster (n x 1), or
// with calculate_probabilities the soft-clustering distribution over topics 0..K-1 (n x K); empty
// (0 x 0) for k-means, which has none (BERTopic returns None).
struct TopicAssignment {
    std::vector<int> topics;
    Matrix probabilities;
    // What the call warns about, as the Python libraries would (e.g. UMAP's nNeighbors truncated
    // for a small corpus); the bindings hand them to onProgress as {stage: 'warning', message}.
    std::vector<std::string> warnings;
};

class TopicModel {
public:
    explicit TopicModel(TopicModelOptions options = {});

    // Manual topic modeling: documents[i] belongs to labels[i] (-1 = outlier). Returns each
    // document's topic after renumbering by size. On error the model is left as it was.
    std::vector<int> fit_transform_labels(const std::vector<std::string>& documents, const std::vector<int>& labels);

    // The full pipeline on precomputed embeddings (n x d). With `y` (one label per document, -1 =
    // unlabelled), UMAP is (semi-)supervised as BERTopic's fit(docs, embeddings, y) does; PCA ignores
    // it. With options().zeroshot_topic_list, zeroshot_embeddings (one row per label, from the
    // documents' embedding model) make the fit BERTopic's zero-shot topic modeling: documents close
    // enough to a label take its topic, the rest are clustered, and those topics are named after
    // their labels through every later reduction and merge. On error the model is left as it was.
    // With ClustererKind::given, `given` holds the classifier's label per document (>= -1) in
    // place of the cluster step (no probabilities; transform is the caller's: predict, then
    // label_topics()). With options().seed_topic_list, seed_embeddings (one row per seed topic) make
    // it guided topic modeling: guided_targets' labels replace y and its nudged embeddings are used.
    TopicAssignment fit_transform(const std::vector<std::string>& documents, MatrixView embeddings,
                                  const Progress& progress = {},
                                  const std::vector<int>* y = nullptr,
                                  MatrixView zeroshot_embeddings = {},
                                  const std::vector<int>* given = nullptr,
                                  MatrixView seed_embeddings = {});

    // BERTopic's partial_fit (online topic modeling) on one batch: IncrementalPCA (or no
    // reduction) -> MiniBatchKMeans -> cluster labels mapped to topic ids (BERTopic's topic_mapper_:
    // the first batch's labels are the ids, later new labels get max id + 1, ...) -> the batch's
    // class documents folded into the OnlineCountVectorizer's decayed bag of words -> c-TF-IDF
    // refitted on it. Topics are not renumbered by size. document_topics(), documents() and
    // reduced_embeddings() cover every batch so far (BERTopic's guide collects topics_ over the
    // batches), so topic reduction, merging, update_topics and the hierarchy work on all of them;
    // topic sizes count every batch. Topic embeddings are the running mean of each
    // topic's document embeddings (BERTopic averages word embeddings of the topic words, which
    // needs its embedding model). Representative documents are not kept (BERTopic's partial_fit
    // does not update them). Throws Error (model unchanged) for non-online steps, bad batches, or
    // a model that was not built by partial_fit.
    TopicAssignment partial_fit(const std::vector<std::string>& documents, MatrixView embeddings,
                                const Progress& progress = {});
    // What partial_fit refuses before any work (callers check it before embedding a batch): steps
    // without partial_fit, seed_topic_list, a model not built by partial_fit, or changed since.
    void check_partial_fit() const;
    // The online vectorizer of a partial_fit model (BERTopic's vectorizer_model after partial_fit:
    // X_ and its vocabulary); Error for another model.
    const OnlineCountVectorizer& online_vectorizer() const;
    bool is_online() const { return state().online != nullptr; }
    // vectorizer_model._clean_bow() with delete_min_df = min_df: the online vectorizer forgets rare
    // terms (the topics' words and c-TF-IDF stay until the next partial_fit, as in BERTopic).
    void clean_online_bow(double min_df);

    // Replaces the model with a saved one (checked first: on error the model is left as it was).
    void restore(SavedTopicModel saved);

    // Topics of new documents from their embeddings (UMAP transform + HDBSCAN approximate_predict;
    // for a restored model, cosine similarity to the topic embeddings).
    TopicAssignment transform(MatrixView embeddings, const Progress& progress = {}) const;

    bool fitted() const { return state_ != nullptr; }
    const TopicModelOptions& options() const { return options_; }

    const std::vector<int>& document_topics() const;
    const std::vector<Topic>& topics() const;  // ascending id, -1 first when there are outliers
    const Topic& topic(int id) const;
    const std::vector<std::string>& documents() const;
    // The vectorizer and c-TF-IDF model fitted on the topics' class documents.
    const TopicRepresentation& representation() const;
    bool has_representation() const { return fitted() && state_->representation != nullptr; }
    // Mean embedding of each topic's documents, rows in topics() order (empty for manual fits).
    const Matrix& topic_embeddings() const;
    // The 2-D or k-D UMAP output of the training documents (empty for manual fits).
    const Matrix& reduced_embeddings() const;
    // id -> the label the user gave (manual) or HDBSCAN's cluster label, in topics() order; after
    // topics were merged, the lowest of the labels merged into each topic.
    const std::vector<int>& original_labels() const;
    // (cluster or user label, current topic id) for every label, ascending label: BERTopic's
    // topic_mapper_ from the first column to the last (get_mappings()).
    const std::vector<std::pair<int, int>>& label_topics() const;
    // BERTopic's topic_mapper_.mappings_: a row per cluster label, [label, label, topic after fit
    // (sorted by size), topic after each reduce_topics / merge_topics]. A fit's nr_topics is part
    // of its column; update_topics adds none (as BERTopic); partial_fit rebuilds the rows for the
    // labels so far. A restored model starts from the saved rows; each change then follows a
    // row's last topic.
    const std::vector<std::vector<int>>& topic_mapper() const;
    // The cluster step's label of each training document (BERTopic's hdbscan_model.labels_; the
    // user's labels for a manual fit; every batch's MiniBatchKMeans labels online); they do not
    // change when topics are reduced, merged or updated. Empty for a loaded model.
    const std::vector<int>& cluster_labels() const;

    // Topic reduction and outliers (topic_reduction.cpp), as BERTopic's methods of the same names.
    // `documents` are the training documents (their count must match). On error the model is
    // left as it was.
    // Reduces to nr_topics topics (counting -1) by average-linkage clustering of the topic
    // embeddings (c-TF-IDF rows with use_ctfidf or when there are none), or "auto" (HDBSCAN).
    void reduce_topics(const std::vector<std::string>& documents, NrTopics nr_topics, bool use_ctfidf = false);
    // Each group's topics become one topic (group[0]'s, before renumbering by size).
    void merge_topics(const std::vector<std::string>& documents, const std::vector<std::vector<int>>& groups);
    // BERTopic's delete_topics (delete_topics.cpp): the topics' documents become outliers (-1), the
    // rest renumbered by size keeping their words, embeddings and c-TF-IDF rows; a new outlier
    // topic gets zero rows and the word ("", 1e-5). Needs no documents (a loaded model with topics_
    // can). Error (model unchanged) for -1, an unknown id, or deleting every topic.
    void delete_topics(const std::vector<int>& ids);
    // Error unless n documents are the ones topics_ describes (the training documents; for a loaded
    // model as many as its saved topics_): what reduce, merge, update and reduce_outliers require.
    void check_document_count(std::size_t n) const;
    // BERTopic's probabilities_ (see State::probabilities); an empty matrix when there are none.
    const Matrix& probabilities() const {
        static const Matrix none;
        return state().probabilities ? *state().probabilities : none;
    }
    // New topics for the documents' outliers (-1); the model does not change.
    std::vector<int> reduce_outliers(const std::vector<std::string>& documents, const std::vector<int>& topics,
                                     const OutlierOptions& options) const;
    // Recomputes the topic words from `topics` (one per document: -1 or a current topic id) with new
    // vectorizer / c-TF-IDF options and top_n_words. Topic ids are kept (not renumbered), as
    // BERTopic: a topic left without documents disappears and leaves a gap in the ids.
    // embeddings (n x d, optional) recompute the centroids; with them `topics` may also hold new
    // ids >= 0 (topics split, moved or re-clustered by hand), after which transform assigns the
    // most similar topic embedding.
    void update_topics(const std::vector<std::string>& documents, const std::vector<int>& topics,
                       const CountVectorizerOptions& vectorizer, const CtfidfOptions& ctfidf, std::size_t top_n_words,
                       MatrixView embeddings = {});

    // A representation model's words (BERTopic's fine-tuned topic_representations_), one list per
    // topic in topics() order; names follow them (topic_name). The c-TF-IDF and its own words stay
    // as fitted, so topic reduction, merging, updates and the hierarchy start again from them.
    // Throws Error (model unchanged) unless there is one list per topic.
    void set_topic_words(std::vector<std::vector<TopicWord>> words);

    // A multi-aspect representation model's aspects (BERTopic's topic_aspects_, computed by
    // _extract_words_per_topic for every key of the representation dict but "Main"). They replace
    // the model's aspects; each topic id must be a current topic (Error, model unchanged). A
    // reduction, merge or update_topics starts without aspects (the caller computes them again, as
    // BERTopic's _extract_topics does); delete_topics renumbers them and drops the deleted topics'
    // (BERTopic's delete_topics); a restored model has the saved ones.
    void set_topic_aspects(TopicAspects aspects);
    const TopicAspects& topic_aspects() const { return state().aspects; }

    // The current state, to put back with restore_state when a later step of the caller's fails
    // (e.g. a representation model after a reduction): states are immutable, so this is cheap.
    std::shared_ptr<const void> state_snapshot() const { return state_; }
    void restore_state(std::shared_ptr<const void> snapshot) { state_ = std::static_pointer_cast<const State>(std::move(snapshot)); }

    // BERTopic's set_topic_labels: one label per topic in topics() order, shown as CustomName.
    // A topic that a later reduction or merge leaves as it was keeps its label; a merged topic's
    // CustomName is its new name. Throws Error (model unchanged) unless there is one per topic.
    void set_custom_labels(std::vector<std::string> labels);
    bool has_custom_labels() const { return fitted() && state_->custom_labels; }

    // Zero-shot topics (topic id, index into zeroshot_topic_list). A loaded model knows them from
    // the saved names but not the labels' embeddings, which reductions and merges need to follow
    // them: zeroshot_needs_embeddings() says so, set_zeroshot_embeddings gives them (one row per
    // label, the topic embeddings' dimension; Error otherwise).
    const ZeroShotTopics& zeroshot_topics() const { return state().zeroshot_topics; }
    bool zeroshot_needs_embeddings() const { return fitted() && !state_->zeroshot_topics.empty() && !state_->zeroshot_embeddings; }
    void set_zeroshot_embeddings(Matrix labels);

private:
    struct State {
        std::vector<std::string> documents;
        std::vector<int> document_topics;
        std::vector<int> original_labels;  // topics() order
        std::vector<int> cluster_labels;   // per document, as the cluster step gave them
        // (cluster or user label, current topic id) for every label the clustering produced, by
        // label: BERTopic's topic_mapper_ (first and last columns). transform maps through it.
        std::vector<std::pair<int, int>> label_topics;
        std::vector<std::vector<int>> topic_mapper;  // see topic_mapper()
        std::vector<Topic> topics;
        // Shared, never changed once set: set_topic_words copies the State, not the c-TF-IDF.
        std::shared_ptr<const TopicRepresentation> representation;
        // Shared: a reduced model's state keeps the fitted steps of the state it came from.
        std::shared_ptr<Umap> umap;  // exactly one of umap / pca after an embeddings fit
        std::shared_ptr<Pca> pca;
        bool unreduced = false;  // fitted with ReducerKind::none
        std::shared_ptr<Hdbscan> hdbscan;  // exactly one of hdbscan / kmeans
        std::shared_ptr<KMeans> kmeans;
        Matrix reduced;
        Matrix topic_embeddings;
        // BERTopic's BaseCluster (a loaded model, or a zero-shot fit that assigned documents):
        // transform is the cosine similarity to the topic embeddings, not UMAP + HDBSCAN.
        bool by_similarity = false;
        std::shared_ptr<const OnlineState> online;  // set by partial_fit only
        // Zero-shot labels' embeddings (rows in zeroshot_topic_list order; shared, never changed)
        // and the topics named after a label.
        std::shared_ptr<const Matrix> zeroshot_embeddings;
        ZeroShotTopics zeroshot_topics;
        TopicAspects aspects;  // see set_topic_aspects
        bool custom_labels = false;  // set_custom_labels was called (BERTopic's CustomName column)
        // The topics of an online model were reduced, merged or updated: transform still maps
        // through the online steps (and the updated topic mapper), but partial_fit cannot continue
        // (its topic mapper, sizes and bag of words describe the topics before the change).
        bool online_changed = false;
        // BERTopic's probabilities_: fit's probabilities (n x 1, or n x K with
        // calculate_probabilities); empty for manual, k-means, online and loaded models. Reduce,
        // merge and delete map the columns of merged topics onto their new topic (summed) as
        // BERTopic's _map_probabilities; update_topics keeps them. Shared, never changed once set
        // (n x K can be large: a State copy, e.g. set_topic_words, must not copy it).
        std::shared_ptr<const Matrix> probabilities;
    };
    // BERTopic's _map_probabilities: an n x K matrix's column of topic c added to column
    // new_topic_of(c) (dropped when -1) of an n x new_k one; an n x 1 matrix (or none) is kept.
    template <class F>
    static std::shared_ptr<const Matrix> map_probabilities(const std::shared_ptr<const Matrix>& given, F new_topic_of, std::size_t new_k) {
        if (!given || given->cols <= 1) return given;
        const Matrix& p = *given;
        auto out = std::make_shared<Matrix>(p.rows, new_k);
        for (std::size_t c = 0; c < p.cols; ++c) {
            const int to = new_topic_of(static_cast<int>(c));
            if (to < 0 || static_cast<std::size_t>(to) >= new_k) continue;
            for (std::size_t i = 0; i < p.rows; ++i) (*out)(i, static_cast<std::size_t>(to)) += p(i, c);
        }
        return out;
    }
    // A fitted state's topic mapper: [label, label, topic] per label of label_topics (the -1 row
    // only when the cluster step left outliers: BERTopic's TopicMapper takes set(topics)).
    static void start_topic_mapper(State& s);
    // Names every topic: its zero-shot label, or topic_name of its words.
    void name_topics(State& s) const;
    // After the documents of `before` were regrouped into `after`: zero-shot labels follow their
    // topics (follow_zeroshot), custom labels stay on unchanged topics, names are renewed.
    void carry_labels(const State& before, State& after) const;
    const State& state() const;
    // Everything after clustering: renumbering, topic words, representative documents.
    // renumber = false keeps the labels as topic ids (-1 and ids >= 0, possibly with gaps).
    std::shared_ptr<State> describe_topics(const std::vector<std::string>& documents, const std::vector<int>& labels,
                                           const Progress& progress, bool renumber = true) const;
    // topic_reduction.cpp: the state after topics() row r's documents move to group row_group[r]
    // (-1: outliers), renumbered by size, with merged topic embeddings and the topic mapper updated.
    std::shared_ptr<State> regroup(const std::vector<std::string>& documents, const State& s,
                                   const std::vector<int>& row_group) const;
    // nr_topics applied to a state; nullptr when it keeps the topics as they are.
    std::shared_ptr<State> reduce_state(const std::vector<std::string>& documents, const State& s, NrTopics nr_topics,
                                        bool use_ctfidf) const;
    // HDBSCAN membership vectors (n x clusters) as distributions over topics 0..K-1 (n x K).
    Matrix topic_distributions(const State& s, const Matrix& memberships) const;
    // BERTopic's transform without UMAP / HDBSCAN (a loaded model): argmax cosine similarity.
    TopicAssignment transform_by_similarity(const State& s, MatrixView embeddings) const;
    // online_topic_model.cpp: IncrementalPCA transform + MiniBatchKMeans predict, mapped to topics.
    TopicAssignment transform_online(const State& s, MatrixView embeddings) const;
    // hdbscan label -> our topic id (-1 stays -1) for mapping predictions.
    std::vector<int> map_labels(const State& s, const std::vector<int32_t>& labels) const;

    TopicModelOptions options_;
    std::shared_ptr<const State> state_;
};

}  // namespace topicwasm
