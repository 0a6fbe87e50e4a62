// BERTopic's tensor files (topic_embeddings / ctfidf .safetensors) and restoring a TopicModel from
// them: round trips of a fitted model, the real Python-saved topic embeddings, cosine transform,
// and errors that name the file.
#include "io/bertopic_files.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "io/safetensors.hpp"
#include "io/saved_model.hpp"
#include "topics/topic_model.hpp"

using namespace topicwasm;
namespace bf = topicwasm::bertopic_files;
namespace st = topicwasm::safetensors;

namespace {

void expect_error(const std::function<void()>& body, const std::string& fragment) {
    try {
        body();
        FAIL() << "expected an Error containing '" << fragment << "'";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TopicModel fitted() {
    TopicModel model;
    model.fit_transform_labels({"cats purr", "cats sleep", "dogs bark", "dogs run", "noise here"}, {0, 0, 1, 1, -1});
    return model;
}

// What `model`'s saved files describe (c-TF-IDF included), as the binding hands it to the engine.
SavedModelSpec spec_of(const TopicModel& model) {
    const auto& rep = model.representation();
    SavedModelSpec spec;
    for (const auto& t : model.topics()) {
        spec.topic_ids.push_back(t.id);
        spec.counts.push_back(t.count);
        spec.words.push_back(t.words);
    }
    spec.document_topics = model.document_topics();
    spec.topic_mapper = model.topic_mapper();
    spec.topic_embeddings_file = bf::write_topic_embeddings(model.topic_embeddings());
    spec.ctfidf_file = bf::write_ctfidf(rep.weights, rep.ctfidf.idf());
    spec.vocabulary = rep.vectorizer.feature_names();
    return spec;
}

// A restored copy of `model` (as its saved files describe it).
TopicModel restored_copy(const TopicModel& model) {
    SavedModelSpec spec = spec_of(model);
    TopicModel restored(model.options());
    restored.restore(saved_topic_model(std::move(spec), model.options()));
    return restored;
}

void expect_same_topics(const TopicModel& a, const TopicModel& b) {
    EXPECT_EQ(a.document_topics(), b.document_topics());
    ASSERT_EQ(a.topics().size(), b.topics().size());
    for (std::size_t r = 0; r < a.topics().size(); ++r) {
        EXPECT_EQ(a.topics()[r].id, b.topics()[r].id);
        EXPECT_EQ(a.topics()[r].name, b.topics()[r].name);
        EXPECT_EQ(a.topics()[r].count, b.topics()[r].count);
        ASSERT_EQ(a.topics()[r].words.size(), b.topics()[r].words.size());
        for (std::size_t w = 0; w < a.topics()[r].words.size(); ++w) {
            EXPECT_EQ(a.topics()[r].words[w].word, b.topics()[r].words[w].word);
            EXPECT_EQ(a.topics()[r].words[w].score, b.topics()[r].words[w].score);
        }
    }
    // original_labels are not compared: a restored model's are its saved topic ids (the cluster
    // labels stay in the topic mapper's first column, which is compared).
    EXPECT_EQ(a.topic_mapper(), b.topic_mapper());
}

}  // namespace

TEST(BertopicFiles, RestoredModelChangesTopicsAsTheFittedOne) {
    // BERTopic's topics.json carries topics_: given the same documents, a loaded model reduces,
    // merges and updates its topics as the model it was saved from.
    const std::vector<std::string> docs{"cats purr softly", "cats sleep all day", "kittens purr", "dogs bark loudly",
                                        "dogs run fast",    "puppies bark",       "stocks fell",  "markets slid",
                                        "stocks rose",      "noise here"};
    TopicModel model;
    model.fit_transform_labels(docs, {0, 0, 0, 1, 1, 1, 2, 2, 2, -1});
    {
        TopicModel a = restored_copy(model), b = restored_copy(model);
        b.reduce_topics(docs, NrTopics{NrTopics::Kind::count, 3});
        TopicModel original = model;
        original.reduce_topics(docs, NrTopics{NrTopics::Kind::count, 3});
        expect_same_topics(b, original);
        a.merge_topics(docs, {{0, 2}});
        TopicModel merged = model;
        merged.merge_topics(docs, {{0, 2}});
        expect_same_topics(a, merged);
    }
    TopicModel c = restored_copy(model);
    std::vector<int> topics = model.document_topics();
    topics[9] = 0;
    CountVectorizerOptions vectorizer = model.options().vectorizer;
    c.update_topics(docs, topics, vectorizer, model.options().ctfidf, 5);
    TopicModel updated = model;
    updated.update_topics(docs, topics, vectorizer, model.options().ctfidf, 5);
    expect_same_topics(c, updated);
    expect_error([&] { restored_copy(model).merge_topics({docs.begin(), docs.end() - 1}, {{0, 1}}); }, "fitted on 10");
    // Without saved topic_mapper rows every topic maps to itself; rows of unequal length are refused.
    SavedModelSpec unmapped = spec_of(model);
    unmapped.topic_mapper.clear();
    TopicModel identity(model.options());
    identity.restore(saved_topic_model(std::move(unmapped), model.options()));
    EXPECT_EQ(identity.topic_mapper(), (std::vector<std::vector<int>>{{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}, {2, 2, 2}}));
    SavedModelSpec ragged = spec_of(model);
    ragged.topic_mapper.back().push_back(0);
    expect_error([&] { TopicModel(model.options()).restore(saved_topic_model(std::move(ragged), model.options())); }, "topic_mapper rows");

    // A saved model without topics_ (topics.json's topics null) says why it cannot.
    SavedTopicModel bare;
    for (const auto& t : model.topics()) bare.topics.push_back(t);
    TopicModel unknown(model.options());
    unknown.restore(std::move(bare));
    expect_error([&] { unknown.merge_topics(docs, {{0, 1}}); }, "does not know its documents' topics");
}

TEST(BertopicFiles, CtfidfRoundTripsBitwise) {
    TopicModel model = fitted();
    const auto& rep = model.representation();
    auto bytes = bf::write_ctfidf(rep.weights, rep.ctfidf.idf());
    auto back = bf::read_ctfidf(bytes.data(), bytes.size(), rep.weights.rows, rep.weights.cols);
    EXPECT_EQ(back.weights.indptr, rep.weights.indptr);
    EXPECT_EQ(back.weights.indices, rep.weights.indices);
    EXPECT_EQ(back.weights.values, rep.weights.values);
    EXPECT_EQ(back.idf, rep.ctfidf.idf());
    // The layout Python's safetensors writes: tensors by name, data in that order.
    st::File f = st::parse(bytes);
    std::vector<std::string> names;
    for (const auto& t : f.tensors) names.push_back(t.name);
    EXPECT_EQ(names, (std::vector<std::string>{"data", "diag", "indices", "indptr", "shape"}));
    EXPECT_EQ(f.get("indices").dtype, st::Dtype::I32);
    EXPECT_EQ(f.get("shape").to_i64(), (std::vector<int64_t>{3, static_cast<int64_t>(rep.weights.cols)}));
    expect_error([&] { bf::read_ctfidf(bytes.data(), bytes.size(), 4, rep.weights.cols); }, "ctfidf.safetensors: c-TF-IDF has 3 rows but topics.json has 4");
    expect_error([&] { bf::read_ctfidf(bytes.data(), 20, 3, rep.weights.cols); }, "ctfidf.safetensors: safetensors:");
}

TEST(BertopicFiles, PythonTopicEmbeddingsReadAndRewriteIdentically) {
    st::File f = st::read_file(std::string(TOPICWASM_FIXTURES) + "/brown/bertopic_model/topic_embeddings.safetensors");
    auto bytes = st::serialize(f);
    Matrix m = bf::read_topic_embeddings(bytes.data(), bytes.size(), 270);
    EXPECT_EQ(m.rows, 270u);
    EXPECT_EQ(m.cols, 384u);
    EXPECT_EQ(bf::write_topic_embeddings(m), bytes);
    expect_error([&] { bf::read_topic_embeddings(bytes.data(), bytes.size(), 271); },
                 "topic_embeddings.safetensors: topic_embeddings has 270 rows but topics.json has 271 topics");
    st::File ints;
    int32_t v[2] = {1, 2};
    ints.add(st::make_i32("topic_embeddings", {1, 2}, v));
    auto bad = st::serialize(ints);
    expect_error([&] { bf::read_topic_embeddings(bad.data(), bad.size(), 1); }, "must have a floating-point dtype, got I32");
}

TEST(BertopicFiles, RestoredModelTransformsByCosineSimilarity) {
    SavedTopicModel saved;
    saved.topics = {{-1, 1, "", {{"noise", 0.1}}, {}}, {0, 2, "", {{"cats", 0.5}, {"purr", 0.2}}, {}}, {1, 2, "", {{"dogs", 0.4}}, {}}};
    saved.document_topics = {0, 0, 1, 1, -1};
    saved.topic_embeddings = Matrix(3, 2);
    const float rows[3][2] = {{1, 1}, {1, 0}, {0, 1}};
    for (int r = 0; r < 3; ++r) saved.topic_embeddings(r, 0) = rows[r][0], saved.topic_embeddings(r, 1) = rows[r][1];
    TopicModel model;
    model.restore(std::move(saved));
    EXPECT_EQ(model.topic(0).name, "0_cats_purr");
    EXPECT_FALSE(model.has_representation());
    const float query[] = {3, 0.5f, 0.1f, 2, 1, 1.1f, -1, 0};
    auto result = model.transform({query, 4, 2});
    // argmax cosine: (3, .5) -> topic 0; (.1, 2) -> 1; (1, 1.1) -> the outlier row (1, 1); (-1, 0)
    // -> topic 1, orthogonal (0) beating the outlier row (-0.71) and topic 0 (-1).
    EXPECT_EQ(result.topics, (std::vector<int>{0, 1, -1, 1}));
    EXPECT_NEAR(result.probabilities(0, 0), 3 / std::sqrt(9.25), 1e-6);
    expect_error([&] { model.representation(); }, "saved without its c-TF-IDF");

    SavedTopicModel wrong;
    wrong.topics = {{0, 1, "", {}, {}}};
    wrong.document_topics = {3};
    wrong.topic_embeddings = Matrix(1, 2);
    expect_error([&] { model.restore(std::move(wrong)); }, "topics_ contains topic 3");
    EXPECT_EQ(model.topic(0).name, "0_cats_purr");  // unchanged
}

TEST(BertopicFiles, SavedModelSpecRestoresTheSameModel) {
    TopicModel model = fitted();
    const auto& rep = model.representation();
    SavedModelSpec spec = spec_of(model);
    SavedModelSpec bad_vocabulary = spec;
    bad_vocabulary.vocabulary.pop_back();
    SavedModelSpec inconsistent = spec;
    inconsistent.counts.pop_back();

    TopicModel restored(model.options());
    restored.restore(saved_topic_model(std::move(spec), model.options()));
    ASSERT_EQ(restored.topics().size(), model.topics().size());
    for (std::size_t r = 0; r < model.topics().size(); ++r) {
        EXPECT_EQ(restored.topics()[r].name, model.topics()[r].name);
        EXPECT_EQ(restored.topics()[r].count, model.topics()[r].count);
    }
    EXPECT_EQ(restored.document_topics(), model.document_topics());
    EXPECT_EQ(restored.representation().weights.values, rep.weights.values);
    EXPECT_EQ(restored.representation().vectorizer.feature_names(), rep.vectorizer.feature_names());
    EXPECT_EQ(restored.representation().ctfidf.idf(), rep.ctfidf.idf());

    expect_error([&] { saved_topic_model(std::move(bad_vocabulary), model.options()); }, "ctfidf.safetensors");
    expect_error([&] { saved_topic_model(std::move(inconsistent), model.options()); }, "inconsistent topic arrays");
}
