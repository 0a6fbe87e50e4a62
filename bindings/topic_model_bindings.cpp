// TopicModel for JavaScript. web/index.js wraps this in the public, BERTopic-shaped API.
#include <emscripten/bind.h>

#include "convert.hpp"
#include "errors.hpp"
#include "core/error.hpp"
#include "io/bertopic_files.hpp"
#include "io/saved_model.hpp"
#include "options.hpp"
#include "representation_convert.hpp"
#include "represent/approximate_distribution.hpp"
#include "represent/topic_hierarchy.hpp"
#include "represent/topic_representation.hpp"
#include "text/online_count_vectorizer.hpp"
#include "represent/topics_per_group.hpp"

namespace topicwasm::bindings {
namespace {

class TopicModelBinding {
public:
    explicit TopicModelBinding(const val& options) : model_(guarded([&] { return TopicModel(topic_model_options(options)); })) {}

    val fit_transform_labels(const val& utf8, const val& offsets, const val& labels) {
        return guarded([&] {
            auto documents = split_documents(utf8, offsets);
            auto topics = model_.fit_transform_labels(documents, copy_array<int>(labels));
            return to_typed_array(topics);
        });
    }

    // The full pipeline on precomputed embeddings (row-major Float32Array, rows x cols). y: an
    // Int32Array or null; zeroshot: the zeroshotTopicList labels' embeddings (Float32Array, one row
    // of `cols` per label) or null; given: the classifier's labels or null; seeds: the seedTopicList
    // topics' embeddings (Float32Array, one row per seed topic) or null.
    val fit_transform_embeddings(const val& utf8, const val& offsets, const val& embeddings, std::size_t cols,
                                 const val& on_progress, const val& y, const val& zeroshot, const val& given, const val& seeds) {
        return guarded([&] {
            auto documents = split_documents(utf8, offsets);
            auto data = copy_array<float>(embeddings);
            require(cols > 0 && data.size() % cols == 0, "embeddings length is not a multiple of the dimension");
            MatrixView view{data.data(), data.size() / cols, cols};
            std::vector<int> labels;
            if (!y.isNull()) labels = copy_array<int>(y);
            std::vector<float> label_data;
            if (!zeroshot.isNull()) label_data = copy_array<float>(zeroshot);
            require(label_data.size() % cols == 0, "zero-shot label embeddings length is not a multiple of the dimension");
            const MatrixView labels_view{label_data.empty() ? nullptr : label_data.data(), label_data.size() / cols, cols};
            std::vector<int> predicted;
            if (!given.isNull()) predicted = copy_array<int>(given);
            std::vector<float> seed_data;
            if (!seeds.isNull()) seed_data = copy_array<float>(seeds);
            const std::size_t seed_rows = model_.options().seed_topic_list.size();
            const MatrixView seed_view{seed_data.empty() ? nullptr : seed_data.data(), seed_rows, seed_rows ? seed_data.size() / seed_rows : 0};
            return assignment(model_.fit_transform(documents, view, progress_from_js(on_progress), y.isNull() ? nullptr : &labels,
                                                   labels_view, given.isNull() ? nullptr : &predicted, seed_view));
        });
    }

    // BERTopic's partial_fit on one batch (online topic modeling).
    val partial_fit_embeddings(const val& utf8, const val& offsets, const val& embeddings, std::size_t cols,
                               const val& on_progress) {
        return guarded([&] {
            auto documents = split_documents(utf8, offsets);
            auto data = copy_array<float>(embeddings);
            require(cols > 0 && data.size() % cols == 0, "embeddings length is not a multiple of the dimension");
            MatrixView view{data.data(), data.size() / cols, cols};
            return assignment(model_.partial_fit(documents, view, progress_from_js(on_progress)));
        });
    }

    val transform_embeddings(const val& embeddings, std::size_t cols, const val& on_progress) const {
        return guarded([&] {
            auto data = copy_array<float>(embeddings);
            require(cols > 0 && data.size() % cols == 0, "embeddings length is not a multiple of the dimension");
            return assignment(model_.transform({data.data(), data.size() / cols, cols}, progress_from_js(on_progress)));
        });
    }

    val reduced_embeddings() const {
        return guarded([&] { return to_js_matrix(model_.reduced_embeddings()); });
    }

    val topic_embeddings() const {
        return guarded([&] { return to_js_matrix(model_.topic_embeddings()); });
    }

    val probabilities() const { return guarded([&] { return model_.probabilities().rows ? to_js_matrix(model_.probabilities()) : val::null(); }); }
    bool fitted() const { return model_.fitted(); }

    val document_topics() const {
        return guarded([&] { return to_typed_array(model_.document_topics()); });
    }

    // BERTopic's get_topic_info() rows.
    val topic_info() const {
        return guarded([&] {
            val rows = val::array();
            for (const auto& t : model_.topics()) rows.call<void>("push", topic_row(t));
            return rows;
        });
    }

    // One topic's row ([] without such a topic): getTopic / getTopicInfo(id) without marshalling
    // every topic and its documents.
    val topic_info_of(int id) const {
        return guarded([&] {
            val rows = val::array();
            for (const auto& t : model_.topics())
                if (t.id == id) rows.call<void>("push", topic_row(t));
            return rows;
        });
    }

    val topic_row(const Topic& t) const {
        const auto& documents = model_.documents();
        val row = val::object();
        row.set("Topic", t.id);
        row.set("Count", static_cast<double>(t.count));
        row.set("Name", t.name);
        if (model_.has_custom_labels()) row.set("CustomName", t.custom_label.value_or(t.name));
        val words = val::array();
        for (const auto& w : t.words) words.call<void>("push", w.word);
        row.set("Representation", words);
        val docs = val::array();
        for (auto i : t.representative_docs) docs.call<void>("push", documents[i]);
        row.set("Representative_Docs", docs);
        return row;
    }

    // setTopicLabels: one label per topic, topicInfo() order.
    void set_custom_labels(const val& labels) {
        guarded([&] { model_.set_custom_labels(strings(labels)); });
    }

    // A loaded zero-shot model needs its labels' embeddings before topics are reduced or merged.
    bool zeroshot_needs_embeddings() const { return model_.zeroshot_needs_embeddings(); }

    void set_zeroshot_embeddings(const val& embeddings, std::size_t cols) {
        guarded([&] {
            auto data = copy_array<float>(embeddings);
            require(cols > 0 && data.size() % cols == 0, "zero-shot label embeddings length is not a multiple of the dimension");
            Matrix labels;
            labels.rows = data.size() / cols;
            labels.cols = cols;
            labels.data = std::move(data);
            model_.set_zeroshot_embeddings(std::move(labels));
        });
    }

    // BERTopic's get_topic(id): [[word, score], ...], or null when there is no such topic.
    val topic(int id) const {
        return guarded([&] {
            for (const auto& t : model_.topics())
                if (t.id == id) return word_pairs(t.words);
            return val::null();
        });
    }

    std::size_t vocabulary_size() const {
        return guarded([&] { return model_.has_representation() ? model_.representation().vectorizer.feature_names().size() : 0; });
    }

    // A model from BERTopic's saved files (web/files/model_files.js parses the JSON ones): spec holds
    // topicIds (ascending), counts, per-topic word counts + words (UTF-8 + offsets) + scores,
    // documentTopics, the topic_embeddings.safetensors bytes, and optionally the
    // ctfidf.safetensors bytes with the vocabulary in column order; src/io/saved_model.cpp does the rest.
    void restore(const val& spec) {
        guarded([&] {
            SavedModelSpec saved;
            saved.topic_ids = copy_array<int>(spec["topicIds"]);
            for (double c : copy_array<double>(spec["counts"])) saved.counts.push_back(static_cast<std::size_t>(c));
            const auto word_counts = copy_array<uint32_t>(spec["wordCounts"]);
            const auto words = split_documents(spec["wordsUtf8"], spec["wordsOffsets"]);
            const auto scores = copy_array<double>(spec["scores"]);
            require(scores.size() == words.size(), "restore: inconsistent topic arrays");
            std::size_t w = 0;
            for (uint32_t count : word_counts) {
                require(w + count <= words.size(), "restore: inconsistent topic arrays");
                std::vector<TopicWord> own;
                for (uint32_t k = 0; k < count; ++k, ++w) own.push_back({words[w], scores[w]});
                saved.words.push_back(std::move(own));
            }
            saved.document_topics = copy_array<int>(spec["documentTopics"]);
            if (!spec["topicMapper"].isNull())
                for (std::size_t r = 0; r < spec["topicMapper"]["length"].as<std::size_t>(); ++r)
                    saved.topic_mapper.push_back(copy_array<int>(spec["topicMapper"][r]));
            saved.saved_names = strings(spec["names"]);
            if (!spec["customLabels"].isNull()) {
                const val labels = spec["customLabels"];
                for (std::size_t r = 0; r < labels["length"].as<std::size_t>(); ++r)
                    saved.custom_labels.push_back(labels[r].isNull() ? std::nullopt : std::optional<std::string>(labels[r].as<std::string>()));
            }
            saved.topic_embeddings_file = copy_array<uint8_t>(spec["topicEmbeddings"]);
            if (!spec["ctfidf"].isNull()) {
                saved.ctfidf_file = copy_array<uint8_t>(spec["ctfidf"]);
                saved.vocabulary = split_documents(spec["vocabularyUtf8"], spec["vocabularyOffsets"]);
            }
            auto restored = saved_topic_model(std::move(saved), model_.options());
            if (!spec["aspects"].isUndefined() && !spec["aspects"].isNull()) restored.aspects = aspects_of(spec["aspects"]);
            model_.restore(std::move(restored));
        });
    }

    // BERTopic's topic_embeddings.safetensors of this model.
    val topic_embeddings_file() const {
        return guarded([&] { return to_typed_array(bertopic_files::write_topic_embeddings(model_.topic_embeddings())); });
    }

    // BERTopic's ctfidf.safetensors, or null when the model has no c-TF-IDF.
    val ctfidf_file() const {
        return guarded([&] {
            if (!model_.has_representation()) return val::null();
            const auto& rep = model_.representation();
            return to_typed_array(bertopic_files::write_ctfidf(rep.weights, rep.ctfidf.idf()));
        });
    }

    // The vectorizer's terms in column order (null without a c-TF-IDF).
    val vocabulary() const {
        return guarded([&] {
            if (!model_.has_representation()) return val::null();
            return to_js_string_array(model_.representation().vectorizer.feature_names());
        });
    }

    // The user's label behind each topic id (manual topic modeling), in topic-id order.
    val original_labels() const {
        return guarded([&] { return to_typed_array(model_.original_labels()); });
    }

    // [[label, topic], ...]: BERTopic's topic_mapper_.get_mappings() (first -> last column).
    val label_topics() const {
        return guarded([&] {
            val rows = val::array();
            for (const auto& [label, topic] : model_.label_topics()) {
                val row = val::array();
                row.call<void>("push", label);
                row.call<void>("push", topic);
                rows.call<void>("push", row);
            }
            return rows;
        });
    }

    // BERTopic's topic_mapper_.mappings_: [[label, label, topic, ...], ...].
    val topic_mapper() const {
        return guarded([&] {
            val rows = val::array();
            for (const auto& row : model_.topic_mapper()) rows.call<void>("push", val::global("Array").call<val>("from", to_typed_array(row)));
            return rows;
        });
    }

    val cluster_labels() const {
        return guarded([&] { return to_typed_array(model_.cluster_labels()); });
    }

    // Candidate words for a representation model (BERTopic's base topics before fine-tuning): the
    // n best c-TF-IDF words of every topic, topics() order, a missing word as ("", 0.00001).
    val candidate_words(std::size_t n) const {
        return guarded([&] {
            const auto& rep = model_.representation();
            val out = val::array();
            for (const auto& words : top_words(rep.weights, rep.vectorizer.feature_names(), n)) out.call<void>("push", word_pairs(words));
            return out;
        });
    }

    // A representation model's words: per topic (topics() order) [[word, score], ...].
    void set_topic_words(const val& topics) {
        guarded([&] {
            std::vector<std::vector<TopicWord>> words;
            for (std::size_t r = 0; r < topics["length"].as<std::size_t>(); ++r) words.push_back(words_of(topics[r]));
            model_.set_topic_words(std::move(words));
        });
    }

    // A multi-aspect representation's aspects (BERTopic's topic_aspects_), as
    // [[aspect, [[topicId, [[word, score], ...]], ...]], ...] (order kept).
    void set_topic_aspects(const val& aspects) {
        guarded([&] { model_.set_topic_aspects(aspects_of(aspects)); });
    }

    // checkpoint() keeps the model's state; rollback() puts it back (a representation model that
    // fails after the topics changed leaves the model as it was before the call).
    void checkpoint() { checkpoint_ = model_.state_snapshot(); }
    void rollback() { model_.restore_state(checkpoint_); }

    // The training documents (none for a loaded model), for representation functions.
    val training_documents() const {
        return guarded([&] {
            val out = val::array();
            for (const auto& d : model_.documents()) out.call<void>("push", d);
            return out;
        });
    }

    val topic_aspects() const {
        return guarded([&] { return aspects_val(model_.topic_aspects()); });
    }

    // BERTopic's _extract_representative_docs(nr_samples, nr_repr_docs) again, for representation
    // models that want more than the 3 kept (KeyBERTInspired: 5) and for topicImages_: per topic
    // (topics() order) the documents' texts, or (ids) their indices, with the model's seed, so they
    // are the same on every call.
    val representatives(std::size_t count, std::size_t sample, bool ids) const {
        return guarded([&] {
            const auto& documents = model_.documents();
            require(!documents.empty(), "representative documents need the training documents (a loaded model has none)");
            const auto chosen = representative_documents(model_.representation(), documents, model_.document_topics(),
                                                         topic_ids(model_.topics()), count, sample, model_.options().seed);
            val out = val::array();
            for (const auto& docs : chosen) {
                val row = val::array();
                for (auto i : docs) row.call<void>("push", ids ? val(static_cast<int>(i)) : val(documents[i]));
                out.call<void>("push", row);
            }
            return out;
        });
    }
    val representative_docs(std::size_t count, std::size_t sample) const { return representatives(count, sample, false); }
    val representative_doc_ids(std::size_t count, std::size_t sample) const { return representatives(count, sample, true); }

    // BERTopic's topics_over_time / topics_per_class rows: {Group, Topic, Frequency, Words: [[w, s]]}.
    // n_words: the words per topic and group (a representation model's candidates), 0: topNWords.
    val topics_per_group(const val& utf8, const val& offsets, const val& topics, const val& groups,
                         bool global_tuning, bool evolution_tuning, std::size_t n_words) const {
        return guarded([&] {
            TopicsPerGroupOptions options;
            options.global_tuning = global_tuning;
            options.evolution_tuning = evolution_tuning;
            options.english = model_.options().language == "english";
            options.top_n_words = n_words > 0 ? n_words : model_.options().top_n_words;
            auto group_of = copy_array<int>(groups);
            std::vector<std::size_t> group_index;
            for (int g : group_of) {
                require(g >= 0, "topics per group: group indices must be >= 0");
                group_index.push_back(static_cast<std::size_t>(g));
            }
            auto rows = topicwasm::topics_per_group(model_.representation(), topic_ids(model_.topics()), split_documents(utf8, offsets),
                                                    copy_array<int>(topics), group_index, options);
            val out = val::array();
            for (const auto& r : rows) {
                val row = val::object();
                row.set("Group", static_cast<double>(r.group));
                row.set("Topic", r.topic);
                row.set("Frequency", static_cast<double>(r.frequency));
                row.set("Words", word_pairs(r.words));
                out.call<void>("push", row);
            }
            return out;
        });
    }

    // The condensed topic distances hierarchical_topics links (linkage_function's input).
    val topic_distances() const {
        return guarded([&] { return to_typed_array(topicwasm::topic_distances(model_.representation(), topic_ids(model_.topics()))); });
    }

    // BERTopic's hierarchical_topics rows, in merge order. linkage: null (Ward) or a Float64Array
    // of K - 1 rows [a, b, distance, count] (scipy's linkage matrix, checked by the JS caller for
    // integers; count 0 = not given).
    val hierarchical_topics(const val& utf8, const val& offsets, const val& linkage) const {
        return guarded([&] {
            auto documents = split_documents(utf8, offsets);
            const auto& labels = model_.document_topics();
            require(documents.size() == labels.size(), "hierarchicalTopics: " + std::to_string(documents.size()) +
                    " documents, but the model was fitted on " + std::to_string(labels.size()));
            std::vector<LinkageMerge> given;
            if (!linkage.isNull()) {
                const auto flat = copy_array<double>(linkage);
                for (std::size_t r = 0; r + 4 <= flat.size(); r += 4)
                    given.push_back(LinkageMerge{static_cast<std::size_t>(flat[r]), static_cast<std::size_t>(flat[r + 1]), flat[r + 2],
                                                 static_cast<std::size_t>(flat[r + 3])});
            }
            auto merges = topicwasm::hierarchical_topics(model_.representation(), topic_ids(model_.topics()), documents, labels,
                                                         model_.options().language == "english", model_.options().top_n_words,
                                                         linkage.isNull() ? nullptr : &given);
            val out = val::array();
            for (const auto& m : merges) {
                val row = val::object();
                row.set("Parent_ID", static_cast<double>(m.parent_id));
                row.set("Parent_Name", m.parent_name);
                row.set("Topics", to_typed_array(m.topics));
                row.set("Child_Left_ID", static_cast<double>(m.left_id));
                row.set("Child_Left_Name", m.left_name);
                row.set("Child_Right_ID", static_cast<double>(m.right_id));
                row.set("Child_Right_Name", m.right_name);
                row.set("Distance", m.distance);
                out.call<void>("push", row);
            }
            return out;
        });
    }

    // BERTopic's approximate_distribution: {distributions: {data, rows, cols}, tokens?, tokenDistributions?}.
    val approximate_distribution(const val& utf8, const val& offsets, const val& options) const {
        return guarded([&] {
            ApproximateDistributionOptions o;
            o.window = options["window"].as<std::size_t>();
            o.stride = options["stride"].as<std::size_t>();
            o.min_similarity = options["minSimilarity"].as<double>();
            o.padding = options["padding"].as<bool>();
            o.calculate_tokens = options["calculateTokens"].as<bool>();
            o.separator = options["separator"].as<std::string>();
            auto result = topicwasm::approximate_distribution(model_.representation(), topic_ids(model_.topics()), split_documents(utf8, offsets), o);
            val out = val::object();
            out.set("distributions", to_js_matrix(result.distributions));
            if (o.calculate_tokens) {
                val tokens = val::array(), matrices = val::array();
                for (std::size_t d = 0; d < result.tokens.size(); ++d) {
                    val words = val::array();
                    for (const auto& w : result.tokens[d]) words.call<void>("push", w);
                    tokens.call<void>("push", words);
                    matrices.call<void>("push", to_js_matrix(result.token_distributions[d]));
                }
                out.set("tokens", tokens);
                out.set("tokenDistributions", matrices);
            }
            return out;
        });
    }

    // Topic reduction (src/topics/topic_reduction.cpp); web/index.js has checked the arguments' types.
    void reduce_topics(const val& utf8, const val& offsets, const val& nr_topics, bool use_ctfidf) {
        guarded([&] { model_.reduce_topics(split_documents(utf8, offsets), nr_topics_option(nr_topics), use_ctfidf); });
    }

    bool is_online() const {
        return guarded([&] { return model_.fitted() && model_.is_online(); });
    }

    // The online vectorizer's X_ as CSR {rows, cols, indptr, indices, data}.
    val online_bag_of_words() const {
        return guarded([&] {
            const auto& bow = model_.online_vectorizer().bow();
            val out = val::object();
            out.set("rows", bow.rows);
            out.set("cols", bow.cols);
            std::vector<int32_t> indptr(bow.indptr.begin(), bow.indptr.end()), indices(bow.indices.begin(), bow.indices.end());
            out.set("indptr", to_typed_array(indptr));
            out.set("indices", to_typed_array(indices));
            out.set("data", to_typed_array(bow.values));
            return out;
        });
    }

    val online_vocabulary() const {
        return guarded([&] { return to_js_string_array(model_.online_vectorizer().feature_names()); });
    }

    void clean_online_bow(double min_df) {
        guarded([&] { model_.clean_online_bow(min_df); });
    }

    void check_document_count(std::size_t n) const {
        guarded([&] { model_.check_document_count(n); });
    }

    void check_partial_fit() const {
        guarded([&] { model_.check_partial_fit(); });
    }

    // BERTopic's delete_topics: ids an Int32Array.
    void delete_topics(const val& ids) {
        guarded([&] { model_.delete_topics(copy_array<int>(ids)); });
    }

    void merge_topics(const val& utf8, const val& offsets, const val& groups) {
        guarded([&] {
            std::vector<std::vector<int>> topics;
            for (std::size_t g = 0; g < groups["length"].as<std::size_t>(); ++g) topics.push_back(copy_array<int>(groups[g]));
            model_.merge_topics(split_documents(utf8, offsets), topics);
        });
    }

    val reduce_outliers(const val& utf8, const val& offsets, const val& topics, const std::string& strategy, double threshold,
                        const val& probabilities, std::size_t probability_cols, const val& embeddings, std::size_t cols,
                        bool scores) const {
        return guarded([&] {
            OutlierOptions options;
            options.strategy = parse_outlier_strategy(strategy);
            options.threshold = threshold;
            std::vector<float> p, e;
            if (!probabilities.isNull()) {
                p = copy_array<float>(probabilities);
                require(probability_cols > 0 && p.size() % probability_cols == 0, "probabilities are not n x K");
                options.probabilities = {p.data(), p.size() / probability_cols, probability_cols};
            }
            if (!embeddings.isNull()) {
                e = copy_array<float>(embeddings);
                require(cols > 0 && e.size() % cols == 0, "embeddings length is not a multiple of the dimension");
                options.embeddings = {e.data(), e.size() / cols, cols};
            }
            std::vector<double> score;
            options.scores = scores ? &score : nullptr;
            const auto result = model_.reduce_outliers(split_documents(utf8, offsets), copy_array<int>(topics), options);
            return scores ? to_typed_array(score) : to_typed_array(result);
        });
    }

    void update_topics(const val& utf8, const val& offsets, const val& topics, const val& vectorizer, const val& ctfidf,
                       std::size_t top_n_words, const val& embeddings, std::size_t cols) {
        guarded([&] {
            std::vector<float> e;
            MatrixView view;
            if (!embeddings.isNull()) {
                e = copy_array<float>(embeddings);
                require(cols > 0 && e.size() % cols == 0, "embeddings length is not a multiple of the dimension");
                view = {e.data(), e.size() / cols, cols};
            }
            model_.update_topics(split_documents(utf8, offsets), copy_array<int>(topics), vectorizer_options(vectorizer),
                                 ctfidf_options(ctfidf), top_n_words, view);
        });
    }

private:
    static val word_pairs(const std::vector<TopicWord>& words) {
        val pairs = val::array();
        for (const auto& w : words) {
            val pair = val::array();
            pair.call<void>("push", w.word);
            pair.call<void>("push", w.score);
            pairs.call<void>("push", pair);
        }
        return pairs;
    }

    static val assignment(const TopicAssignment& a) {
        val out = val::object();
        out.set("topics", to_typed_array(a.topics));
        out.set("probabilities", to_js_matrix(a.probabilities));
        val warnings = val::array();
        for (const auto& w : a.warnings) warnings.call<void>("push", w);
        out.set("warnings", warnings);
        return out;
    }

    TopicModel model_;
    std::shared_ptr<const void> checkpoint_;  // see checkpoint()
};

}  // namespace

EMSCRIPTEN_BINDINGS(topicwasm_topic_model) {
    emscripten::class_<TopicModelBinding>("TopicModelCore")
        .constructor<const val&>()
        .function("fitTransformLabels", &TopicModelBinding::fit_transform_labels)
        .function("fitTransformEmbeddings", &TopicModelBinding::fit_transform_embeddings)
        .function("partialFitEmbeddings", &TopicModelBinding::partial_fit_embeddings)
        .function("transformEmbeddings", &TopicModelBinding::transform_embeddings)
        .function("reducedEmbeddings", &TopicModelBinding::reduced_embeddings)
        .function("topicEmbeddings", &TopicModelBinding::topic_embeddings)
        .function("fitted", &TopicModelBinding::fitted)
        .function("probabilities", &TopicModelBinding::probabilities)
        .function("documentTopics", &TopicModelBinding::document_topics)
        .function("topicInfo", &TopicModelBinding::topic_info)
        .function("topicInfoOf", &TopicModelBinding::topic_info_of)
        .function("topic", &TopicModelBinding::topic)
        .function("vocabularySize", &TopicModelBinding::vocabulary_size)
        .function("originalLabels", &TopicModelBinding::original_labels)
        .function("labelTopics", &TopicModelBinding::label_topics)
        .function("topicMapper", &TopicModelBinding::topic_mapper)
        .function("topicDistances", &TopicModelBinding::topic_distances)
        .function("clusterLabels", &TopicModelBinding::cluster_labels)
        .function("topicsPerGroup", &TopicModelBinding::topics_per_group)
        .function("hierarchicalTopics", &TopicModelBinding::hierarchical_topics)
        .function("approximateDistribution", &TopicModelBinding::approximate_distribution)
        .function("restore", &TopicModelBinding::restore)
        .function("topicEmbeddingsFile", &TopicModelBinding::topic_embeddings_file)
        .function("ctfidfFile", &TopicModelBinding::ctfidf_file)
        .function("vocabulary", &TopicModelBinding::vocabulary)
        .function("candidateWords", &TopicModelBinding::candidate_words)
        .function("representativeDocs", &TopicModelBinding::representative_docs)
        .function("representativeDocIds", &TopicModelBinding::representative_doc_ids)
        .function("setTopicWords", &TopicModelBinding::set_topic_words)
        .function("setTopicAspects", &TopicModelBinding::set_topic_aspects)
        .function("topicAspects", &TopicModelBinding::topic_aspects)
        .function("trainingDocuments", &TopicModelBinding::training_documents)
        .function("checkpoint", &TopicModelBinding::checkpoint)
        .function("rollback", &TopicModelBinding::rollback)
        .function("setCustomLabels", &TopicModelBinding::set_custom_labels)
        .function("zeroshotNeedsEmbeddings", &TopicModelBinding::zeroshot_needs_embeddings)
        .function("setZeroshotEmbeddings", &TopicModelBinding::set_zeroshot_embeddings)
        .function("reduceTopics", &TopicModelBinding::reduce_topics)
        .function("mergeTopics", &TopicModelBinding::merge_topics)
        .function("deleteTopics", &TopicModelBinding::delete_topics)
        .function("checkPartialFit", &TopicModelBinding::check_partial_fit)
        .function("checkDocumentCount", &TopicModelBinding::check_document_count)
        .function("isOnline", &TopicModelBinding::is_online)
        .function("onlineBagOfWords", &TopicModelBinding::online_bag_of_words)
        .function("cleanOnlineBow", &TopicModelBinding::clean_online_bow)
        .function("onlineVocabulary", &TopicModelBinding::online_vocabulary)
        .function("reduceOutliers", &TopicModelBinding::reduce_outliers)
        .function("updateTopics", &TopicModelBinding::update_topics);
}

}  // namespace topicwasm::bindings
