// TopicModel for JavaScript. web/index.js wraps this in the public, BERTopic-shaped API.
#include <emscripten/bind.h>

#include "convert.hpp"
#include "errors.hpp"
#include "core/error.hpp"
#include "options.hpp"

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

    // The full pipeline on precomputed embeddings (row-major Float32Array, rows x cols).
    val fit_transform_embeddings(const val& utf8, const val& offsets, const val& embeddings, std::size_t cols,
                                 const val& on_progress) {
        return guarded([&] {
            auto documents = split_documents(utf8, offsets);
            auto data = copy_array<float>(embeddings);
            require(cols > 0 && data.size() % cols == 0, "embeddings length is not a multiple of the dimension");
            MatrixView view{data.data(), data.size() / cols, cols};
            return assignment(model_.fit_transform(documents, view, progress_from_js(on_progress)));
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

    bool fitted() const { return model_.fitted(); }

    val document_topics() const {
        return guarded([&] { return to_typed_array(model_.document_topics()); });
    }

    // BERTopic's get_topic_info() rows.
    val topic_info() const {
        return guarded([&] {
            val rows = val::array();
            const auto& documents = model_.documents();
            for (const auto& t : model_.topics()) {
                val row = val::object();
                row.set("Topic", t.id);
                row.set("Count", static_cast<double>(t.count));
                row.set("Name", t.name);
                val words = val::array();
                for (const auto& w : t.words) words.call<void>("push", w.word);
                row.set("Representation", words);
                val docs = val::array();
                for (auto i : t.representative_docs) docs.call<void>("push", documents[i]);
                row.set("Representative_Docs", docs);
                rows.call<void>("push", row);
            }
            return rows;
        });
    }

    // BERTopic's get_topic(id): [[word, score], ...].
    val topic(int id) const {
        return guarded([&] {
            val pairs = val::array();
            for (const auto& w : model_.topic(id).words) {
                val pair = val::array();
                pair.call<void>("push", w.word);
                pair.call<void>("push", w.score);
                pairs.call<void>("push", pair);
            }
            return pairs;
        });
    }

    std::size_t vocabulary_size() const {
        return guarded([&] { return model_.representation().vectorizer.feature_names().size(); });
    }

    // The user's label behind each topic id (manual topic modeling), in topic-id order.
    val original_labels() const {
        return guarded([&] { return to_typed_array(model_.original_labels()); });
    }

    // Topic reduction (src/topics/topic_reduction.cpp); web/index.js has checked the arguments' types.
    void reduce_topics(const val& utf8, const val& offsets, const val& nr_topics, bool use_ctfidf) {
        guarded([&] { model_.reduce_topics(split_documents(utf8, offsets), nr_topics_option(nr_topics), use_ctfidf); });
    }

    void merge_topics(const val& utf8, const val& offsets, const val& groups) {
        guarded([&] {
            std::vector<std::vector<int>> topics;
            for (std::size_t g = 0; g < groups["length"].as<std::size_t>(); ++g) topics.push_back(copy_array<int>(groups[g]));
            model_.merge_topics(split_documents(utf8, offsets), topics);
        });
    }

    val reduce_outliers(const val& utf8, const val& offsets, const val& topics, const std::string& strategy, double threshold,
                        const val& probabilities, std::size_t probability_cols, const val& embeddings, std::size_t cols) const {
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
            return to_typed_array(model_.reduce_outliers(split_documents(utf8, offsets), copy_array<int>(topics), options));
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
    static val assignment(const TopicAssignment& a) {
        val out = val::object();
        out.set("topics", to_typed_array(a.topics));
        out.set("probabilities", to_js_matrix(a.probabilities));
        return out;
    }

    TopicModel model_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(topicwasm_topic_model) {
    emscripten::class_<TopicModelBinding>("TopicModelCore")
        .constructor<const val&>()
        .function("fitTransformLabels", &TopicModelBinding::fit_transform_labels)
        .function("fitTransformEmbeddings", &TopicModelBinding::fit_transform_embeddings)
        .function("transformEmbeddings", &TopicModelBinding::transform_embeddings)
        .function("reducedEmbeddings", &TopicModelBinding::reduced_embeddings)
        .function("topicEmbeddings", &TopicModelBinding::topic_embeddings)
        .function("fitted", &TopicModelBinding::fitted)
        .function("documentTopics", &TopicModelBinding::document_topics)
        .function("topicInfo", &TopicModelBinding::topic_info)
        .function("topic", &TopicModelBinding::topic)
        .function("vocabularySize", &TopicModelBinding::vocabulary_size)
        .function("originalLabels", &TopicModelBinding::original_labels)
        .function("reduceTopics", &TopicModelBinding::reduce_topics)
        .function("mergeTopics", &TopicModelBinding::merge_topics)
        .function("reduceOutliers", &TopicModelBinding::reduce_outliers)
        .function("updateTopics", &TopicModelBinding::update_topics);
}

}  // namespace topicwasm::bindings
