// Manual topic modeling: renumbering by size, names, representative documents, errors.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "text/tokenizer.hpp"
#include "topics/guided.hpp"
#include "topics/topic_model.hpp"

using namespace topicwasm;

namespace {
const std::vector<std::string> kDocs = {
    "the market fell",        "stocks and the market",  "football match tonight",
    "market shares dropped",  "the football team won",  "outlier text here",
};
}  // namespace

TEST(TopicModel, RenumbersBySizeKeepingOutliers) {
    TopicModelOptions o;
    o.vectorizer.stop_words = english_stop_words();
    TopicModel model(o);
    auto topics = model.fit_transform_labels(kDocs, {7, 7, 3, 7, 3, -1});
    EXPECT_EQ(topics, (std::vector<int>{0, 0, 1, 0, 1, -1}));
    const auto& all = model.topics();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, -1);
    EXPECT_EQ(all[1].count, 3u);
    EXPECT_EQ(all[1].words[0].word, "market");
    EXPECT_EQ(all[1].name.rfind("0_market_", 0), 0u) << all[1].name;
    EXPECT_EQ(model.original_labels(), (std::vector<int>{-1, 7, 3}));
    EXPECT_EQ(all[2].representative_docs.size(), 2u);
    EXPECT_LE(all[1].representative_docs.size(), 3u);
}

TEST(TopicModel, SetTopicWordsRenamesAndKeepsTheCtfidf) {
    TopicModelOptions o;
    o.vectorizer.stop_words = english_stop_words();
    TopicModel model(o);
    model.fit_transform_labels(kDocs, {7, 7, 3, 7, 3, -1});
    const auto ctfidf_words = model.representation().words;
    model.set_topic_words({{{"x", 0.5}}, {{"stocks", 0.9}, {"shares", 0.8}}, {{"team", 0.7}}});
    EXPECT_EQ(model.topic(0).words.size(), 2u);
    EXPECT_EQ(model.topic(0).name, "0_stocks_shares");
    EXPECT_EQ(model.topic(1).name, "1_team");
    EXPECT_EQ(model.topic(-1).name, "-1_x");
    // The c-TF-IDF and its words are untouched: merging starts from them again.
    EXPECT_EQ(model.representation().words.size(), ctfidf_words.size());
    EXPECT_EQ(model.representation().words[1][0].word, ctfidf_words[1][0].word);
    model.merge_topics(kDocs, {{0, 1}});
    EXPECT_EQ(model.topic(0).words[0].word, model.representation().words[1][0].word);
    // One list per topic, or an Error and the model as it was.
    EXPECT_THROW(model.set_topic_words({{{"a", 1.0}}}), Error);
    EXPECT_EQ(model.topic(0).words[0].word, model.representation().words[1][0].word);
}

TEST(TopicModel, TiesKeepFirstAppearance) {
    TopicModel model;
    auto topics = model.fit_transform_labels({"aa bb", "cc dd", "ee ff", "gg hh"}, {5, 2, 5, 2});
    EXPECT_EQ(topics, (std::vector<int>{0, 1, 0, 1}));
}

TEST(TopicModel, FailedFitLeavesModelUnchanged) {
    TopicModel model;
    model.fit_transform_labels(kDocs, {0, 0, 1, 0, 1, 1});
    auto before = model.document_topics();
    EXPECT_THROW(model.fit_transform_labels({}, {}), Error);
    EXPECT_THROW(model.fit_transform_labels(kDocs, {0, 1}), Error);
    EXPECT_THROW(model.fit_transform_labels(kDocs, {0, 0, 1, 0, 1, -3}), Error);
    EXPECT_THROW(model.fit_transform_labels({"a", "b"}, {0, 1}), Error);  // no terms at all
    EXPECT_EQ(model.document_topics(), before);
    EXPECT_THROW(model.topic(42), Error);
}

TEST(TopicModel, QueriesBeforeFitAreErrors) {
    TopicModel model;
    EXPECT_FALSE(model.fitted());
    EXPECT_THROW(model.topics(), Error);
    TopicModelOptions bad;
    bad.top_n_words = 0;
    EXPECT_THROW(TopicModel{bad}, Error);
}

namespace {
// Three well separated blobs of 20 points in 8-d (blob b around 10 * e_b), one word theme each.
struct Blobs {
    std::vector<std::string> docs;
    Matrix embeddings{60, 8};
};
Blobs blobs() {
    Blobs b;
    const char* themes[] = {"market stocks shares", "football match team", "church faith prayer"};
    for (std::size_t i = 0; i < 60; ++i) {
        const std::size_t blob = i / 20;
        b.docs.push_back(std::string(themes[blob]) + " item" + std::to_string(i));
        for (std::size_t j = 0; j < 8; ++j) {
            // Deterministic jitter: small offsets that differ per point and dimension.
            b.embeddings(i, j) = (j == blob ? 10.0f : 0.0f) + 0.3f * static_cast<float>(((i * 7 + j * 13) % 11)) / 11.0f;
        }
    }
    return b;
}

// Small clusters: UMAP with 10 neighbours, HDBSCAN with min_topic_size 5.
TopicModelOptions blob_options() {
    TopicModelOptions o;
    o.min_topic_size = 5;
    o.umap.n_neighbors = 10;
    return o;
}

// Label embeddings: label l points along the unit vector e_axes[l] (blob b lies along e_b).
Matrix label_axes(const std::vector<std::size_t>& axes) {
    Matrix m(axes.size(), 8);
    for (std::size_t l = 0; l < axes.size(); ++l) m(l, axes[l]) = 1.0f;
    return m;
}

TopicModelOptions zeroshot_options(std::vector<std::string> labels, double min_similarity = 0.7) {
    TopicModelOptions o = blob_options();
    o.zeroshot_topic_list = std::move(labels);
    o.zeroshot_min_similarity = min_similarity;
    return o;
}
}  // namespace

TEST(TopicModel, ZeroShotTopicsComeFirstAndTransformBySimilarity) {
    auto b = blobs();
    // "finance" matches blob 0; "space" (axis 7) matches nothing and makes no topic.
    TopicModel model(zeroshot_options({"space", "finance"}));
    const Matrix labels = label_axes({7, 0});
    auto result = model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, labels.view());
    for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(result.topics[i], 0);
    EXPECT_EQ(model.topic(0).name, "finance");  // named after its label, not its words
    EXPECT_EQ(model.zeroshot_topics(), (ZeroShotTopics{{0, 1}}));
    // The other blobs are clustered and numbered after the zero-shot topic, named by their words.
    for (std::size_t i = 20; i < 60; ++i) EXPECT_TRUE(result.topics[i] == -1 || result.topics[i] >= 1) << i;
    EXPECT_GE(model.topics().back().id, 2);
    EXPECT_EQ(model.topic(1).name, topic_name(1, model.topic(1).words));
    // Probabilities are the best cosine similarity (near 1 inside a blob); transform by similarity.
    ASSERT_EQ(result.probabilities.cols, 1u);
    EXPECT_GT(result.probabilities(0, 0), 0.99f);
    Matrix probe(1, 8);
    probe(0, 0) = 5.0f;
    EXPECT_EQ(model.transform(probe.view()).topics[0], 0);
}

TEST(TopicModel, ZeroShotEveryOrNoDocumentAndErrors) {
    auto b = blobs();
    // Every blob matches a label: zero-shot topics in list order of the matched labels, no clustering.
    TopicModel model(zeroshot_options({"sport", "finance", "church"}));
    const Matrix all = label_axes({1, 0, 2});
    auto result = model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, all.view());
    for (std::size_t i = 0; i < 60; ++i) EXPECT_EQ(result.topics[i], i < 20 ? 1 : i < 40 ? 0 : 2) << i;
    ASSERT_EQ(model.topics().size(), 3u);
    EXPECT_EQ(model.topic(0).name, "sport");
    EXPECT_EQ(model.topic(1).name, "finance");
    const auto before = model.document_topics();
    const Matrix wrong_dimension(3, 4), too_few_rows = label_axes({1, 0});
    EXPECT_THROW(model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, wrong_dimension.view()), Error);
    EXPECT_THROW(model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, too_few_rows.view()), Error);
    EXPECT_THROW(model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr), Error);  // labels without embeddings
    EXPECT_EQ(model.document_topics(), before);
    EXPECT_EQ(model.topic(0).name, "sport");
    // No document close enough to a label: the ordinary pipeline (topics by size, HDBSCAN's probabilities).
    TopicModel none(zeroshot_options({"space"}));
    const Matrix space = label_axes({7});
    auto plain = none.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, space.view());
    EXPECT_GE(none.topics().back().id, 2);
    EXPECT_TRUE(none.zeroshot_topics().empty());
    for (std::size_t i = 0; i < 60; ++i) EXPECT_LE(plain.probabilities(i, 0), 1.0f);
    // Label embeddings without a zeroshot_topic_list are refused.
    TopicModel plain_model(blob_options());
    EXPECT_THROW(plain_model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, space.view()), Error);
}

TEST(TopicModel, ZeroShotAndCustomLabelsFollowMerges) {
    auto b = blobs();
    // Blob 0 is the zero-shot topic "finance"; blobs 1 and 2 are clustered.
    TopicModel model(zeroshot_options({"finance"}, 0.6));
    const Matrix labels = label_axes({0});
    model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, labels.view());
    std::vector<std::string> custom;
    for (const auto& t : model.topics()) custom.push_back("custom " + std::to_string(t.id));
    model.set_custom_labels(custom);
    EXPECT_THROW(model.set_custom_labels({"too few"}), Error);
    const int sport = model.document_topics()[20], church = model.document_topics()[40];
    ASSERT_GE(sport, 1);
    ASSERT_GE(church, 1);
    ASSERT_NE(sport, church);
    const std::size_t church_size = model.topic(church).count;
    // Merging "finance" with the sport topic: the merged centroid (cosine ~0.7 to the label, above
    // 0.6) keeps the label; the church topic is the same topic and keeps its custom label.
    model.merge_topics(b.docs, {{0, sport}});
    const int merged = model.document_topics()[0];
    EXPECT_EQ(model.document_topics()[20], merged);
    EXPECT_EQ(model.topic(merged).name, "finance");
    EXPECT_FALSE(model.topic(merged).custom_label.has_value());  // a new topic: CustomName is its name
    const auto& church_topic = model.topic(model.document_topics()[40]);
    EXPECT_EQ(church_topic.count, church_size);
    EXPECT_EQ(church_topic.custom_label.value_or(""), "custom " + std::to_string(church));
    EXPECT_EQ(church_topic.name, topic_name(church_topic.id, church_topic.words));
    EXPECT_EQ(model.zeroshot_topics(), (ZeroShotTopics{{merged, 0}}));
}

TEST(TopicModel, MergedZeroShotTopicBelowTheSimilarityLosesItsLabel) {
    auto b = blobs();
    TopicModel model(zeroshot_options({"finance"}, 0.9));
    const Matrix labels = label_axes({0});
    model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, labels.view());
    model.merge_topics(b.docs, {{0, model.document_topics()[20]}});
    const auto& merged = model.topic(model.document_topics()[0]);
    EXPECT_EQ(merged.name, topic_name(merged.id, merged.words));  // ~0.7 < 0.9: named by its words
    EXPECT_TRUE(model.zeroshot_topics().empty());
}

TEST(TopicModel, RefusesAFitWasm32CannotHold) {
    TopicModel model;
    model.fit_transform_labels(kDocs, {0, 0, 1, 0, 1, 1});
    const auto before = model.document_topics();
    // 100,000 documents x 6,000 neighbours: UMAP's graphs alone would need ~24 GB; refused before any work.
    TopicModelOptions o;
    o.umap.n_neighbors = 6000;
    TopicModel huge(o);
    const std::vector<std::string> docs(100000, "a short document");
    Matrix embeddings(docs.size(), 4);
    try {
        huge.fit_transform(docs, embeddings.view());
        FAIL() << "the fit was not refused";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("more than the 4 GB a WebAssembly (wasm32) module can address"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(huge.fitted());
    // The PCA reducer names its option when asked for more dimensions than the embeddings have.
    o.umap.n_neighbors = 15;
    o.reducer = ReducerKind::pca;
    o.umap.n_components = 8;
    try {
        TopicModel(o).fit_transform(std::vector<std::string>(kDocs.begin(), kDocs.end()), Matrix(kDocs.size(), 4).view());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("umapModel.nComponents (8) is above the embedding dimension (4)"), std::string::npos) << e.what();
    }
    EXPECT_EQ(model.document_topics(), before);
}

TEST(TopicModel, GuidedTargetsLabelAndNudgeTowardTheMostSimilarSeed) {
    // Documents along axes 0, 1 and the diagonal; seeds along axes 0 and 1. The mean document is
    // (1, 1, 1)/... direction-wise closest to the diagonal document, which stays unlabelled.
    Matrix docs(3, 3);
    docs(0, 0) = 2.0f;
    docs(1, 1) = 2.0f;
    docs(2, 0) = docs(2, 1) = docs(2, 2) = 1.0f;
    Matrix seeds(2, 3);
    seeds(0, 0) = 1.0f;
    seeds(1, 1) = 1.0f;
    const GuidedTargets g = guided_targets(docs.view(), seeds.view());
    EXPECT_EQ(g.y, (std::vector<int>{0, 1, -1}));
    // np.average([doc, seed], weights=[3, 1]) for labelled documents; the others unchanged.
    EXPECT_FLOAT_EQ(g.embeddings(0, 0), (3.0f * 2.0f + 1.0f) / 4.0f);
    EXPECT_FLOAT_EQ(g.embeddings(1, 1), (3.0f * 2.0f + 1.0f) / 4.0f);
    EXPECT_FLOAT_EQ(g.embeddings(1, 0), 0.0f);
    for (std::size_t k = 0; k < 3; ++k) EXPECT_FLOAT_EQ(g.embeddings(2, k), 1.0f);
    EXPECT_THROW(guided_targets(docs.view(), Matrix(2, 4).view()), Error);  // another dimension
}

TEST(TopicModel, GuidedFitNeedsOneEmbeddingPerSeedTopic) {
    auto b = blobs();
    TopicModelOptions o = blob_options();
    o.seed_topic_list = {{"finance", "market"}, {"sport"}};
    TopicModel model(o);
    const Matrix seeds = label_axes({0, 1});
    auto result = model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, {}, nullptr, seeds.view());
    // The seeded blobs stay whole topics.
    for (std::size_t i = 1; i < 20; ++i) EXPECT_EQ(result.topics[i], result.topics[0]);
    for (std::size_t i = 21; i < 40; ++i) EXPECT_EQ(result.topics[i], result.topics[20]);
    const auto before = model.document_topics();
    const Matrix one = label_axes({0});
    EXPECT_THROW(model.fit_transform(b.docs, b.embeddings.view()), Error);  // no seed embeddings
    EXPECT_THROW(model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, {}, nullptr, one.view()), Error);
    const std::vector<int> given(b.docs.size(), 0);
    EXPECT_THROW(model.fit_transform(b.docs, b.embeddings.view(), {}, nullptr, {}, &given, seeds.view()), Error);
    EXPECT_EQ(model.document_topics(), before);
}
