// Contextualized Topic Models for JavaScript (web/ctm/ctm.js wraps this as the CTM class).
#include <emscripten/bind.h>

#include <cmath>

#include "convert.hpp"
#include "core/error.hpp"
#include "ctm/contextual_topic_model.hpp"
#include "errors.hpp"

namespace topicwasm::bindings {
namespace {

ContextualTopicModelOptions ctm_options(const val& js) {
    ContextualTopicModelOptions o;
    std::string type = js["modelType"].as<std::string>();
    require(type == "combined" || type == "zeroshot", "modelType must be 'combined' or 'zeroshot'");
    o.ctm.model_type = type == "combined" ? ctm::InferenceType::Combined : ctm::InferenceType::ZeroShot;
    o.ctm.n_components = js["nComponents"].as<std::size_t>();
    auto hidden = copy_array<uint32_t>(js["hiddenSizes"]);
    o.ctm.hidden_sizes.assign(hidden.begin(), hidden.end());
    std::string activation = js["activation"].as<std::string>();
    require(activation == "softplus" || activation == "relu", "activation must be 'softplus' or 'relu'");
    o.ctm.activation = activation == "softplus" ? ctm::Activation::Softplus : ctm::Activation::Relu;
    o.ctm.dropout = js["dropout"].as<double>();
    o.ctm.learn_priors = js["learnPriors"].as<bool>();
    o.ctm.batch_size = js["batchSize"].as<std::size_t>();
    std::string solver = js["solver"].as<std::string>();
    require(solver == "adam" || solver == "sgd", "solver must be 'adam' or 'sgd'");
    o.ctm.solver = solver == "adam" ? ctm::Solver::Adam : ctm::Solver::Sgd;
    o.ctm.reduce_on_plateau = js["reduceOnPlateau"].as<bool>();
    o.ctm.lr = js["lr"].as<double>();
    o.ctm.momentum = js["momentum"].as<double>();
    o.ctm.num_epochs = js["numEpochs"].as<std::size_t>();
    o.ctm.kl_weight = js["klWeight"].as<double>();
    o.ctm.label_size = js["labelSize"].as<std::size_t>();
    o.ctm.seed = static_cast<uint64_t>(js["seed"].as<double>());
    o.ctm.validation_fraction = js["validationFraction"].as<double>();
    o.ctm.patience = js["patience"].as<std::size_t>();
    o.ctm.delta = js["delta"].as<double>();
    o.vocabulary_size = js["vocabularySize"].as<std::size_t>();
    return o;
}

// The inverse of ctm_options: what a loaded model (or checkpoint) was trained with.
val ctm_options_to_js(const ContextualTopicModelOptions& o) {
    val js = val::object();
    js.set("modelType", std::string(o.ctm.model_type == ctm::InferenceType::Combined ? "combined" : "zeroshot"));
    js.set("nComponents", static_cast<double>(o.ctm.n_components));
    val hidden = val::array();
    for (std::size_t h : o.ctm.hidden_sizes) hidden.call<void>("push", static_cast<double>(h));
    js.set("hiddenSizes", hidden);
    js.set("activation", std::string(o.ctm.activation == ctm::Activation::Softplus ? "softplus" : "relu"));
    js.set("dropout", o.ctm.dropout);
    js.set("learnPriors", o.ctm.learn_priors);
    js.set("batchSize", static_cast<double>(o.ctm.batch_size));
    js.set("solver", std::string(o.ctm.solver == ctm::Solver::Adam ? "adam" : "sgd"));
    js.set("lr", o.ctm.lr);
    js.set("momentum", o.ctm.momentum);
    js.set("reduceOnPlateau", o.ctm.reduce_on_plateau);
    js.set("numEpochs", static_cast<double>(o.ctm.num_epochs));
    js.set("klWeight", o.ctm.kl_weight);
    js.set("labelSize", static_cast<double>(o.ctm.label_size));
    js.set("seed", static_cast<double>(o.ctm.seed));
    js.set("validationFraction", o.ctm.validation_fraction);
    js.set("patience", static_cast<double>(o.ctm.patience));
    js.set("delta", o.ctm.delta);
    js.set("vocabularySize", static_cast<double>(o.vocabulary_size));
    return js;
}

class CtmBinding {
public:
    explicit CtmBinding(const val& options) : model_(guarded([&] { return ContextualTopicModel(ctm_options(options)); })) {}
    explicit CtmBinding(ContextualTopicModel model) : model_(std::move(model)) {}

    // extra (checked in web/ctm/ctm.js): {patience, delta, onCheckpoint, validation: null |
    // {utf8, offsets, embeddings, cols, labels}}. onCheckpoint(bytes, info) returns false when the
    // user's callback threw (ctm.js keeps that error and rethrows it).
    val fit(const val& utf8, const val& offsets, const val& embeddings, std::size_t cols, const val& labels,
            const val& on_progress, const val& extra) {
        return guarded([&] {
            auto documents = split_documents(utf8, offsets);
            auto data = copy_array<float>(embeddings);
            require(cols > 0 && data.size() % cols == 0, "embeddings length is not a multiple of the dimension");
            std::vector<int32_t> y = labels.isNull() || labels.isUndefined() ? std::vector<int32_t>{} : copy_array<int32_t>(labels);
            CtmFitOptions options;
            options.progress = progress_from_js(on_progress);
            options.patience = extra["patience"].as<std::size_t>();
            options.delta = extra["delta"].as<double>();
            const val on_checkpoint = extra["onCheckpoint"];
            if (!on_checkpoint.isUndefined() && !on_checkpoint.isNull()) {
                options.on_checkpoint = [on_checkpoint](const CtmCheckpoint& c) {
                    val info = val::object();
                    info.set("epoch", static_cast<double>(c.epoch));
                    info.set("loss", c.train_loss);
                    if (!std::isnan(c.validation_loss)) info.set("validationLoss", c.validation_loss);
                    info.set("lr", c.learning_rate);
                    require(on_checkpoint(to_typed_array(c.bytes), info).as<bool>(), "CTM fit: the checkpoint callback failed");
                };
            }
            const val js_validation = extra["validation"];
            ContextualValidationSet validation;
            std::vector<float> validation_data;
            const bool validating = !js_validation.isNull() && !js_validation.isUndefined();
            if (validating) {
                validation.documents = split_documents(js_validation["utf8"], js_validation["offsets"]);
                validation_data = copy_array<float>(js_validation["embeddings"]);
                const std::size_t vcols = js_validation["cols"].as<std::size_t>();
                require(vcols > 0 && validation_data.size() % vcols == 0,
                        "validation embeddings length is not a multiple of the dimension");
                validation.embeddings = {validation_data.data(), validation_data.size() / vcols, vcols};
                const val vlabels = js_validation["labels"];
                if (!vlabels.isNull() && !vlabels.isUndefined()) validation.labels = copy_array<int32_t>(vlabels);
            }
            auto report = model_.fit(documents, {data.data(), data.size() / cols, cols}, y, validating ? &validation : nullptr,
                                     std::move(options));
            val out = val::object();
            out.set("epochsRun", static_cast<double>(report.epochs_run));
            out.set("trainLoss", to_typed_array(report.train_loss));
            out.set("validationLoss", to_typed_array(report.validation_loss));
            out.set("learningRates", to_typed_array(report.learning_rate));
            out.set("bestEpoch", static_cast<double>(report.best_epoch));
            out.set("stoppedEarly", report.stopped_early);
            return out;
        });
    }

    // labels: null, or the documents' class ids (encoder inputs of a model with a label head).
    val transform(const val& utf8, const val& offsets, const val& embeddings, std::size_t cols, std::size_t n_samples,
                  const val& labels) const {
        return guarded([&] {
            auto documents = split_documents(utf8, offsets);
            auto data = copy_array<float>(embeddings);
            require(cols > 0 && data.size() % cols == 0, "embeddings length is not a multiple of the dimension");
            std::vector<int32_t> y = labels.isNull() || labels.isUndefined() ? std::vector<int32_t>{} : copy_array<int32_t>(labels);
            return to_js_matrix(model_.transform(documents, {data.data(), data.size() / cols, cols}, n_samples, y));
        });
    }

    // SuperCTM's label head on thetas (a flat rows x nComponents Float32Array): class probabilities.
    val label_probabilities(const val& thetas, std::size_t rows) const {
        return guarded([&] {
            require(model_.options().ctm.label_size > 0, "the model has no label head: train it with labelSize > 0 and labels");
            auto data = copy_array<float>(thetas);
            const std::size_t K = model_.options().ctm.n_components;
            require(data.size() == rows * K, "thetas must have nComponents columns");
            Matrix theta(rows, K);
            std::copy(data.begin(), data.end(), theta.data.begin());
            return to_js_matrix(model_.label_probabilities(theta));
        });
    }

    val doc_topic_distribution(std::size_t n_samples) const {
        return guarded([&] { return to_js_matrix(model_.doc_topic_distribution(n_samples)); });
    }

    val topic_lists(std::size_t k) const {
        return guarded([&] {
            val out = val::array();
            for (const auto& topic : model_.ctm().topic_lists(k)) out.call<void>("push", to_js_string_array(topic));
            return out;
        });
    }

    val topic_word_matrix() const {
        return guarded([&] { return to_js_matrix(model_.ctm().topic_word_distribution()); });
    }

    // CTM's get_topic_word_matrix: the decoder's raw topic-word weights (beta), before the softmax.
    val raw_topic_word_matrix() const {
        return guarded([&] { return to_js_matrix(model_.ctm().topic_word_matrix()); });
    }

    val vocabulary() const {
        return guarded([&] { return to_js_string_array(model_.ctm().vocabulary()); });
    }

    val term_frequency() const {
        return guarded([&] { return to_typed_array(model_.term_frequency()); });
    }

    val document_lengths() const {
        return guarded([&] { return to_typed_array(model_.document_lengths()); });
    }

    bool fitted() const { return model_.ctm().fitted(); }

    val options() const {
        return guarded([&] { return ctm_options_to_js(model_.options()); });
    }

    // The dimension of the contextual embeddings it was trained on (0 before fit).
    std::size_t embedding_dim() const { return model_.ctm().embedding_dim(); }

    val save() const {
        return guarded([&] { return to_typed_array(model_.save()); });
    }

    static CtmBinding* load(const val& bytes) {
        return guarded([&] { return new CtmBinding(ContextualTopicModel::load(copy_array<uint8_t>(bytes))); });
    }

private:
    ContextualTopicModel model_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(topicwasm_ctm) {
    emscripten::class_<CtmBinding>("CtmCore")
        .constructor<const val&>()
        .function("fit", &CtmBinding::fit)
        .function("transform", &CtmBinding::transform)
        .function("labelProbabilities", &CtmBinding::label_probabilities)
        .function("docTopicDistribution", &CtmBinding::doc_topic_distribution)
        .function("topicLists", &CtmBinding::topic_lists)
        .function("topicWordMatrix", &CtmBinding::topic_word_matrix)
        .function("rawTopicWordMatrix", &CtmBinding::raw_topic_word_matrix)
        .function("vocabulary", &CtmBinding::vocabulary)
        .function("termFrequency", &CtmBinding::term_frequency)
        .function("documentLengths", &CtmBinding::document_lengths)
        .function("fitted", &CtmBinding::fitted)
        .function("options", &CtmBinding::options)
        .function("embeddingDim", &CtmBinding::embedding_dim)
        .function("save", &CtmBinding::save)
        .class_function("load", &CtmBinding::load, emscripten::allow_raw_pointers());
}

}  // namespace topicwasm::bindings
