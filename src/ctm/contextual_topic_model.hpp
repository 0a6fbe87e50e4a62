#pragma once
// Documents in, topics out: CTM's own preprocessing (a bag of words over at most 2,000 words,
// scikit-learn's English stop words removed) in front of the Ctm network. Keeps the training bag
// of words and embeddings so get_doc_topic_distribution() can run after fit, as CTM's does.
#include <string>
#include <vector>

#include "ctm/ctm.hpp"
#include "text/count_vectorizer.hpp"

namespace topicwasm {

struct ContextualTopicModelOptions {
    CtmOptions ctm;
    std::size_t vocabulary_size = 2000;  // CTM's WhiteSpacePreprocessingStopwords(vocabulary_size=2000)
    bool english_stop_words = true;
};

// A validation set for fit (CTM's validation_dataset, which TopicModelDataPreparation.transform
// builds over the training vocabulary): documents, their embeddings, optionally their labels.
struct ContextualValidationSet {
    std::vector<std::string> documents;
    MatrixView embeddings;
    std::vector<int32_t> labels;
};

class ContextualTopicModel {
public:
    explicit ContextualTopicModel(ContextualTopicModelOptions options = {});

    CtmFitReport fit(const std::vector<std::string>& documents, MatrixView embeddings, const std::vector<int32_t>& labels,
                     const Progress& progress = {}, const std::atomic<bool>* cancel = nullptr);
    // With CTM's fit options: a validation set (its bag of words is built over the training
    // vocabulary), patience, delta, checkpoints (fit_options.validation is set here).
    CtmFitReport fit(const std::vector<std::string>& documents, MatrixView embeddings, const std::vector<int32_t>& labels,
                     const ContextualValidationSet* validation, CtmFitOptions fit_options);
    // Topic distributions (n x K) of new documents; ZeroShotTM uses only the embeddings. labels
    // (label_size > 0): the documents' classes, encoder inputs as in CTM's dataset with labels
    // (empty: zeros there).
    Matrix transform(const std::vector<std::string>& documents, MatrixView embeddings, std::size_t n_samples = 20,
                     const std::vector<int32_t>& labels = {}) const;
    // Topic distributions of the training documents (with their training labels, as CTM's
    // get_doc_topic_distribution on the training dataset).
    Matrix doc_topic_distribution(std::size_t n_samples = 20) const;
    // SuperCTM's label head: softmax(label_classification(theta)) for thetas (rows x K).
    Matrix label_probabilities(const Matrix& doc_topic) const { return ctm_.predict_label_probabilities(doc_topic); }

    // pyLDAvis's inputs from the training bag of words (CTM's get_ldavis_data_format): each
    // vocabulary word's count over all documents, and each document's word count.
    std::vector<double> term_frequency() const;
    std::vector<double> document_lengths() const;

    const Ctm& ctm() const { return ctm_; }
    const ContextualTopicModelOptions& options() const { return options_; }
    std::vector<uint8_t> save() const { return ctm_.save(); }
    static ContextualTopicModel load(const std::vector<uint8_t>& bytes);

private:
    ContextualTopicModelOptions options_;
    Ctm ctm_;
    CountVectorizer vectorizer_;
    CountMatrix train_bow_;
    Matrix train_embeddings_;
    std::vector<int32_t> train_labels_;
};

}  // namespace topicwasm
