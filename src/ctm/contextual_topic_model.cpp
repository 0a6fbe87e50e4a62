#include "ctm/contextual_topic_model.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "text/tokenizer.hpp"

namespace topicwasm {

namespace {
CountVectorizerOptions ctm_vectorizer(const ContextualTopicModelOptions& o) {
    CountVectorizerOptions v;
    if (o.english_stop_words) v.stop_words = english_stop_words();
    v.max_features = o.vocabulary_size;
    return v;
}
}  // namespace

ContextualTopicModel::ContextualTopicModel(ContextualTopicModelOptions options)
    : options_(std::move(options)), ctm_(options_.ctm), vectorizer_(ctm_vectorizer(options_)) {
    require(options_.vocabulary_size >= 2, "vocabularySize must be at least 2");
}

CtmFitReport ContextualTopicModel::fit(const std::vector<std::string>& documents, MatrixView embeddings,
                                       const std::vector<int32_t>& labels, const Progress& progress,
                                       const std::atomic<bool>* cancel) {
    CtmFitOptions f;
    f.progress = progress;
    f.cancel = cancel;
    return fit(documents, embeddings, labels, nullptr, std::move(f));
}

CtmFitReport ContextualTopicModel::fit(const std::vector<std::string>& documents, MatrixView embeddings,
                                       const std::vector<int32_t>& labels, const ContextualValidationSet* validation,
                                       CtmFitOptions fit_options) {
    require(!documents.empty(), "empty corpus: fit needs at least one document");
    require(embeddings.rows == documents.size(), "embeddings have " + std::to_string(embeddings.rows) +
                                                     " rows but there are " + std::to_string(documents.size()) + " documents");
    CountVectorizer vectorizer(ctm_vectorizer(options_));
    CountMatrix bow = vectorizer.fit_transform(documents);
    Ctm ctm(options_.ctm);
    ctm.set_vocabulary(vectorizer.feature_names());
    CountMatrix validation_bow;
    CtmValidationSet validation_set;
    if (validation) {
        require(validation->embeddings.rows == validation->documents.size(),
                "validation embeddings have " + std::to_string(validation->embeddings.rows) + " rows but there are " +
                    std::to_string(validation->documents.size()) + " validation documents");
        validation_bow = vectorizer.transform(validation->documents);
        validation_set.bow = &validation_bow;
        validation_set.embeddings = validation->embeddings;
        validation_set.labels = validation->labels;
        fit_options.validation = &validation_set;
    }
    CtmFitReport report = ctm.fit(bow, embeddings, labels, fit_options);
    // Only now does the model change.
    ctm_ = std::move(ctm);
    vectorizer_ = std::move(vectorizer);
    train_bow_ = std::move(bow);
    train_embeddings_ = Matrix(embeddings.rows, embeddings.cols);
    std::copy(embeddings.data, embeddings.data + embeddings.rows * embeddings.cols, train_embeddings_.data.begin());
    train_labels_ = labels;
    return report;
}

Matrix ContextualTopicModel::transform(const std::vector<std::string>& documents, MatrixView embeddings,
                                       std::size_t n_samples, const std::vector<int32_t>& labels) const {
    require(ctm_.fitted(), "the model is not fitted yet: call fit first");
    require(embeddings.rows == documents.size(), "embeddings have " + std::to_string(embeddings.rows) +
                                                     " rows but there are " + std::to_string(documents.size()) + " documents");
    CountMatrix bow = vectorizer_.transform(documents);
    return ctm_.transform(&bow, embeddings, n_samples, labels);
}

Matrix ContextualTopicModel::doc_topic_distribution(std::size_t n_samples) const {
    require(ctm_.fitted() && train_bow_.rows > 0, "getDocTopicDistribution needs a model fitted in this session");
    return ctm_.get_doc_topic_distribution(train_bow_, train_embeddings_.view(), n_samples, train_labels_);
}

std::vector<double> ContextualTopicModel::term_frequency() const {
    require(train_bow_.rows > 0, "getLdavisData needs a model fitted in this session (a loaded model has no bag of words)");
    std::vector<double> counts(train_bow_.cols, 0.0);
    for (std::size_t k = 0; k < train_bow_.nnz(); ++k) counts[train_bow_.indices[k]] += train_bow_.values[k];
    return counts;
}

std::vector<double> ContextualTopicModel::document_lengths() const {
    require(train_bow_.rows > 0, "getLdavisData needs a model fitted in this session (a loaded model has no bag of words)");
    std::vector<double> lengths(train_bow_.rows, 0.0);
    for (std::size_t i = 0; i < train_bow_.rows; ++i)
        for (std::size_t k = train_bow_.row_begin(i); k < train_bow_.row_end(i); ++k) lengths[i] += train_bow_.values[k];
    return lengths;
}

ContextualTopicModel ContextualTopicModel::load(const std::vector<uint8_t>& bytes) {
    Ctm ctm = Ctm::load(bytes);
    ContextualTopicModelOptions options;
    options.ctm = ctm.options();
    options.vocabulary_size = ctm.vocabulary().size();
    ContextualTopicModel model(options);
    CountVectorizerOptions fixed;
    fixed.vocabulary = ctm.vocabulary();
    model.vectorizer_ = CountVectorizer(fixed);
    model.ctm_ = std::move(ctm);
    return model;
}

}  // namespace topicwasm
