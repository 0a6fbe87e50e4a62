#include "io/saved_model.hpp"

#include "core/error.hpp"
#include "io/bertopic_files.hpp"

namespace topicwasm {

SavedTopicModel saved_topic_model(SavedModelSpec spec, const TopicModelOptions& options) {
    const std::size_t n = spec.topic_ids.size();
    require(spec.counts.size() == n && spec.words.size() == n, "restore: inconsistent topic arrays");
    SavedTopicModel saved;
    for (std::size_t r = 0; r < n; ++r) saved.topics.push_back(Topic{spec.topic_ids[r], spec.counts[r], {}, std::move(spec.words[r]), {}});
    require(spec.custom_labels.empty() || spec.custom_labels.size() == n,
            "topics.json: custom_labels needs one label per topic (" + std::to_string(n) + "), got " + std::to_string(spec.custom_labels.size()));
    for (std::size_t r = 0; r < spec.custom_labels.size(); ++r) saved.topics[r].custom_label = std::move(spec.custom_labels[r]);
    saved.saved_names = std::move(spec.saved_names);
    saved.document_topics = std::move(spec.document_topics);
    saved.topic_mapper = std::move(spec.topic_mapper);
    const auto& embeddings = spec.topic_embeddings_file;
    saved.topic_embeddings = bertopic_files::read_topic_embeddings(embeddings.data(), embeddings.size(), n);
    if (spec.ctfidf_file) {
        CountVectorizerOptions vectorizer = options.vectorizer;
        vectorizer.vocabulary = std::move(spec.vocabulary);
        const auto& bytes = *spec.ctfidf_file;
        auto ctfidf = bertopic_files::read_ctfidf(bytes.data(), bytes.size(), n, vectorizer.vocabulary.size());
        auto fitted = [&] {
            try {
                return CountVectorizer(vectorizer);
            } catch (const Error& e) {
                throw Error(std::string("ctfidf_config.json: ") + e.what());
            }
        };
        saved.representation = std::make_unique<TopicRepresentation>(
            TopicRepresentation{fitted(), ClassTfidf(options.ctfidf, std::move(ctfidf.idf)), std::move(ctfidf.weights), {}});
    }
    return saved;
}

}  // namespace topicwasm
