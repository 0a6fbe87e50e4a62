// Topic reduction on manual fits: reduce_topics (c-TF-IDF distances), merge_topics, reduce_outliers,
// update_topics; the topic mapper and original labels follow the merges; errors leave the model as it was.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "text/tokenizer.hpp"
#include "topics/topic_model.hpp"

using namespace topicwasm;

namespace {
// Three finance documents (label 7), two football (3), two more football (5), two outliers.
const std::vector<std::string> kDocs = {
    "the market fell sharply",  "stocks and the market rose", "market shares and stocks dropped",
    "the football team won",    "football match tonight",     "the football team lost the match",
    "football fans at the match", "market report on stocks",  "weather is nice",
};
const std::vector<int> kLabels = {7, 7, 7, 3, 3, 5, 5, -1, -1};

TopicModel fitted(NrTopics nr = {}) {
    TopicModelOptions o;
    o.vectorizer.stop_words = english_stop_words();
    o.nr_topics = nr;
    TopicModel model(o);
    model.fit_transform_labels(kDocs, kLabels);
    return model;
}
}  // namespace

TEST(TopicReduction, ReduceMergesTheClosestTopicsByCtfidf) {
    TopicModel model = fitted();
    ASSERT_EQ(model.topics().size(), 4u);  // -1, 0 (label 7), 1 and 2 (labels 3, 5)
    // nr_topics counts -1: 3 leaves -1 and two topics; the two football topics share their words.
    model.reduce_topics(kDocs, NrTopics{NrTopics::Kind::count, 3});
    EXPECT_EQ(model.document_topics(), (std::vector<int>{1, 1, 1, 0, 0, 0, 0, -1, -1}));
    ASSERT_EQ(model.topics().size(), 3u);
    EXPECT_EQ(model.topics()[1].count, 4u);
    EXPECT_EQ(model.topics()[1].words[0].word, "football");
    EXPECT_EQ(model.original_labels(), (std::vector<int>{-1, 3, 7}));  // lowest label merged into each topic
    // The same inside fit.
    EXPECT_EQ(fitted(NrTopics{NrTopics::Kind::count, 3}).document_topics(), model.document_topics());
    // At or above the topic count: nothing changes.
    model.reduce_topics(kDocs, NrTopics{NrTopics::Kind::count, 3});
    EXPECT_EQ(model.topics().size(), 3u);
}

TEST(TopicReduction, TopicMapperGainsAColumnPerReductionOrMerge) {
    // BERTopic's topic_mapper_: [label, label, topic after fit] per label, by label; labels 7 (3
    // documents), 3 and 5 (2 each) become topics 0, 1, 2 by size (ties: first appearance).
    TopicModel model = fitted();
    const std::vector<std::vector<int>> after_fit = {{-1, -1, -1}, {3, 3, 1}, {5, 5, 2}, {7, 7, 0}};
    EXPECT_EQ(model.topic_mapper(), after_fit);
    // nr_topics inside fit is part of fit's column.
    EXPECT_EQ(fitted(NrTopics{NrTopics::Kind::count, 3}).topic_mapper(), (std::vector<std::vector<int>>{{-1, -1, -1}, {3, 3, 0}, {5, 5, 0}, {7, 7, 1}}));
    // A merge adds the topics after it; update_topics adds no column.
    model.merge_topics(kDocs, {{1, 2}});
    EXPECT_EQ(model.topic_mapper(), (std::vector<std::vector<int>>{{-1, -1, -1, -1}, {3, 3, 1, 0}, {5, 5, 2, 0}, {7, 7, 0, 1}}));
    const auto before_update = model.topic_mapper();
    model.update_topics(kDocs, model.document_topics(), model.options().vectorizer, model.options().ctfidf, 5);
    EXPECT_EQ(model.topic_mapper(), before_update);
    // A failed merge leaves it as it was.
    EXPECT_THROW(model.merge_topics(kDocs, {{0, 9}}), Error);
    EXPECT_EQ(model.topic_mapper(), before_update);
}

TEST(TopicReduction, MergeGroupsAndOutliers) {
    TopicModel model = fitted();
    const int a = model.document_topics()[3], b = model.document_topics()[5];
    model.merge_topics(kDocs, {{b, a}});
    EXPECT_EQ(model.document_topics(), (std::vector<int>{1, 1, 1, 0, 0, 0, 0, -1, -1}));
    // [[0, -1]]: the outliers join topic 0 (BERTopic maps a group to its first topic).
    model.merge_topics(kDocs, {{0, -1}});
    EXPECT_EQ(model.topics().front().id, 0);
    EXPECT_EQ(model.topics().front().count, 6u);
}

TEST(TopicReduction, ReduceOutliersAndUpdateTopics) {
    TopicModel model = fitted();
    OutlierOptions options;
    options.strategy = OutlierStrategy::ctfidf;
    auto topics = model.reduce_outliers(kDocs, model.document_topics(), options);
    EXPECT_EQ(topics[7], 0);   // "market report on stocks" -> the finance topic
    EXPECT_EQ(topics[8], -1);  // no known word: stays an outlier
    EXPECT_EQ(model.document_topics()[7], -1) << "reduce_outliers must not change the model";
    options.threshold = 0.99;
    EXPECT_EQ(model.reduce_outliers(kDocs, model.document_topics(), options)[7], -1);
    // distributions: approximate_distribution of the outliers (min_similarity = threshold, 0.99
    // leaves the document alone), then its argmax.
    options.strategy = OutlierStrategy::distributions;
    EXPECT_EQ(model.reduce_outliers(kDocs, model.document_topics(), options)[7], -1);
    options.threshold = 0.0;
    auto by_distribution = model.reduce_outliers(kDocs, model.document_topics(), options);
    EXPECT_EQ(by_distribution[7], 0);
    EXPECT_EQ(by_distribution[8], -1);

    topics[8] = 2;
    model.update_topics(kDocs, topics, model.options().vectorizer, model.options().ctfidf, 5);
    EXPECT_EQ(model.document_topics(), topics);
    EXPECT_EQ(model.topics().front().id, 0);  // no outliers left, ids kept
    EXPECT_EQ(model.topics().front().words.size(), 5u);
    EXPECT_EQ(model.topics().front().count, 4u);
}

TEST(TopicReduction, BadInputLeavesTheModelUnchanged) {
    TopicModel model = fitted();
    const auto before = model.document_topics();
    EXPECT_THROW(model.reduce_topics(kDocs, NrTopics{NrTopics::Kind::count, 1}), Error);
    EXPECT_THROW(model.reduce_topics({"too", "few"}, NrTopics{NrTopics::Kind::count, 2}), Error);
    EXPECT_THROW(model.merge_topics(kDocs, {{0, 9}}), Error);
    EXPECT_THROW(model.merge_topics(kDocs, {{0, 1}, {1, 2}}), Error);
    // An overlap names both groups; a repeat within one group names that group.
    const auto message = [&](std::vector<std::vector<int>> groups) {
        try {
            model.merge_topics(kDocs, groups);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message({{0, 1}, {2, 1}}), "topicsToMerge: topic 1 appears more than once: in group 0 [0, 1] and group 1 [2, 1]");
    EXPECT_EQ(message({{0, 2, 2}}), "topicsToMerge: topic 2 appears more than once: twice in group 0 [0, 2, 2]");
    EXPECT_EQ(message({{0, 1}, {}}), "topicsToMerge: group 1 [] is empty");
    EXPECT_THROW(model.update_topics(kDocs, std::vector<int>(kDocs.size(), -1), {}, {}, 10), Error);
    EXPECT_THROW(model.update_topics(kDocs, std::vector<int>(kDocs.size(), 9), {}, {}, 10), Error);
    EXPECT_THROW(model.reduce_outliers(kDocs, {0, 1}, {}), Error);
    EXPECT_EQ(model.document_topics(), before);
    EXPECT_EQ(model.topics().size(), 4u);
    TopicModelOptions o;
    o.nr_topics = NrTopics{NrTopics::Kind::count, 1};
    EXPECT_THROW(TopicModel{o}, Error);
}

// BERTopic's update_topics(topics=...) groups the documents by the given topics: a topic left
// without documents disappears and the others keep their ids (a gap), which reduce / merge /
// reduce_outliers then handle.
TEST(TopicReduction, UpdateTopicsDropsEmptyTopicsAndKeepsIds) {
    TopicModel model = fitted();  // -1, 0 (finance), 1 and 2 (football)
    const int finance = model.document_topics()[0], football = model.document_topics()[3], other = model.document_topics()[5];
    ASSERT_EQ(finance, 0);
    std::vector<int> topics = model.document_topics();
    for (int& t : topics)
        if (t == other) t = football;  // topic `other` loses its documents
    model.update_topics(kDocs, topics, model.options().vectorizer, model.options().ctfidf, 5);
    EXPECT_EQ(model.document_topics(), topics);
    ASSERT_EQ(model.topics().size(), 3u);
    std::vector<int> ids;
    for (const auto& t : model.topics()) ids.push_back(t.id);
    std::vector<int> expected_ids = {-1, 0, football};
    EXPECT_EQ(ids, expected_ids);
    EXPECT_EQ(model.topic(football).count, 4u);
    EXPECT_EQ(model.topic(football).words[0].word, "football");
    EXPECT_EQ(model.representation().weights.rows, 3u);
    EXPECT_THROW(model.topic(other), Error);
    // The outliers go to the nearest remaining topic id (not a row index).
    OutlierOptions options;
    options.strategy = OutlierStrategy::ctfidf;
    EXPECT_EQ(model.reduce_outliers(kDocs, model.document_topics(), options)[7], 0);
    // Merging by id works across the gap; the result is renumbered by size, as merge_topics is.
    model.merge_topics(kDocs, {{football, -1}});
    EXPECT_EQ(model.topics().size(), 2u);
    EXPECT_EQ(model.topics()[0].id, 0);
    EXPECT_EQ(model.topics()[0].count, 6u);  // 4 football + 2 outliers
}

TEST(TopicReduction, UpdateTopicsWithEmbeddingsAddsAndRemovesTopics) {
    TopicModel model = fitted();
    ASSERT_EQ(model.topics().size(), 4u);  // -1, 0, 1, 2
    // Document i's embedding is (i, 1): a topic's centroid is (mean index, 1).
    std::vector<float> e;
    for (std::size_t i = 0; i < kDocs.size(); ++i) e.insert(e.end(), {static_cast<float>(i), 1.0f});
    const MatrixView view{e.data(), kDocs.size(), 2};
    const std::vector<int> added = {0, 0, 0, 1, 1, 2, 2, 3, -1};  // "market report on stocks" becomes topic 3
    EXPECT_THROW(model.update_topics(kDocs, added, model.options().vectorizer, model.options().ctfidf, 5), Error);  // no embeddings
    EXPECT_EQ(model.topics().size(), 4u);
    model.update_topics(kDocs, added, model.options().vectorizer, model.options().ctfidf, 5, view);
    ASSERT_EQ(model.topics().size(), 5u);
    EXPECT_EQ(model.document_topics(), added);
    EXPECT_EQ(model.topics()[4].id, 3);
    EXPECT_EQ(model.topics()[4].count, 1u);
    ASSERT_EQ(model.topic_embeddings().rows, 5u);
    EXPECT_FLOAT_EQ(model.topic_embeddings()(4, 0), 7.0f);
    EXPECT_FLOAT_EQ(model.topic_embeddings()(1, 0), 1.0f);  // topic 0: documents 0, 1, 2
    // Fewer topics: ids 0..1 only (the last ones removed), no outliers.
    const std::vector<int> fewer = {0, 0, 0, 1, 1, 1, 1, 0, 1};
    model.update_topics(kDocs, fewer, model.options().vectorizer, model.options().ctfidf, 5, view);
    ASSERT_EQ(model.topics().size(), 2u);
    EXPECT_EQ(model.topics()[0].id, 0);
    EXPECT_EQ(model.topic_embeddings().rows, 2u);
    // Without embeddings only the model's ids (or -1) are taken, and a refusal leaves the model as it was.
    EXPECT_THROW(model.update_topics(kDocs, {0, 0, 0, 5, 5, 5, 5, 0, 0}, model.options().vectorizer, model.options().ctfidf, 5), Error);
    EXPECT_EQ(model.document_topics(), fewer);
}

TEST(TopicReduction, DeleteTopicsMakesOutliersAndKeepsTheOtherTopicsAsTheyWere) {
    TopicModel model = fitted();  // -1 (2 docs), 0 (label 7, 3 docs), 1 (label 3) and 2 (label 5), 2 docs each
    const TopicModel before = model;
    model.delete_topics({1});
    // Topic 1's documents are outliers; topic 2 becomes 1 (renumbered by size) with its words and c-TF-IDF row.
    EXPECT_EQ(model.document_topics(), (std::vector<int>{0, 0, 0, -1, -1, 1, 1, -1, -1}));
    ASSERT_EQ(model.topics().size(), 3u);
    EXPECT_EQ(model.topic(-1).count, 4u);
    EXPECT_EQ(model.topic(1).count, 2u);
    ASSERT_EQ(model.topic(1).words.size(), before.topic(2).words.size());
    for (std::size_t w = 0; w < model.topic(1).words.size(); ++w) EXPECT_EQ(model.topic(1).words[w].word, before.topic(2).words[w].word);
    EXPECT_EQ(model.topic(1).name, topic_name(1, before.topic(2).words));
    EXPECT_EQ(model.topic(-1).words[0].word, before.topic(-1).words[0].word);  // the outliers' words are not recomputed
    const auto& old_weights = before.representation().weights;
    const auto& weights = model.representation().weights;
    ASSERT_EQ(weights.rows, 3u);
    EXPECT_EQ(std::vector<double>(weights.values.begin() + weights.indptr[2], weights.values.begin() + weights.indptr[3]),
              std::vector<double>(old_weights.values.begin() + old_weights.indptr[3], old_weights.values.begin() + old_weights.indptr[4]));
    EXPECT_EQ(model.topic_mapper(), (std::vector<std::vector<int>>{{-1, -1, -1, -1}, {3, 3, 1, -1}, {5, 5, 2, 1}, {7, 7, 0, 0}}));
    // Bad input: clear errors, the model unchanged.
    const auto topics = model.document_topics();
    EXPECT_THROW(model.delete_topics({-1}), Error);
    EXPECT_THROW(model.delete_topics({9}), Error);
    EXPECT_THROW(model.delete_topics({0, 1}), Error);  // nothing but outliers would be left
    EXPECT_EQ(model.document_topics(), topics);
}

TEST(TopicReduction, DeleteTopicsInAModelWithoutOutliersAddsAnEmptyOutlierTopic) {
    TopicModel model;
    model.fit_transform_labels(kDocs, {7, 7, 7, 3, 3, 5, 5, 7, 3});
    ASSERT_EQ(model.topics().front().id, 0);
    model.delete_topics({2});  // label 5's two documents
    EXPECT_EQ(model.topics().front().id, -1);
    EXPECT_EQ(model.topic(-1).count, 2u);
    ASSERT_EQ(model.topic(-1).words.size(), 1u);
    EXPECT_EQ(model.topic(-1).words[0].word, "");
    EXPECT_EQ(model.representation().weights.row_begin(0), model.representation().weights.row_end(0));  // a zero c-TF-IDF row
    EXPECT_EQ(model.topics().size(), 3u);
}

TEST(TopicReduction, TopicAspectsAreCheckedRenumberedByDeleteAndDroppedByAReduction) {
    TopicModel model = fitted();  // -1, 0, 1, 2
    const auto words = [](const std::string& w) { return std::vector<TopicWord>{TopicWord{w, 1.0}}; };
    // An aspect may leave topics out; an unknown topic id is an Error and changes nothing.
    EXPECT_THROW(model.set_topic_aspects({{"Label", {{0, words("finance")}, {9, words("none")}}}}), Error);
    EXPECT_TRUE(model.topic_aspects().empty());
    model.set_topic_aspects({{"Label", {{-1, words("misc")}, {0, words("finance")}, {1, words("football a")}, {2, words("football b")}}},
                             {"Other", {{2, words("two")}}}});
    ASSERT_EQ(model.topic_aspects().size(), 2u);
    const TopicModel before = model;
    // BERTopic's delete_topics: topic 1's aspect words go, topic 2's move to its new id 1; -1 stays.
    model.delete_topics({1});
    const auto& label = model.topic_aspects()[0];
    EXPECT_EQ(label.first, "Label");
    ASSERT_EQ(label.second.size(), 3u);
    EXPECT_EQ(label.second[0].first, -1);
    EXPECT_EQ(label.second[1].first, 0);
    EXPECT_EQ(label.second[1].second[0].word, "finance");
    EXPECT_EQ(label.second[2].first, 1);
    EXPECT_EQ(label.second[2].second[0].word, "football b");
    EXPECT_EQ(model.topic_aspects()[1].second[0].first, 1);
    // A reduction starts without aspects (the representation model computes them again).
    TopicModel reduced = before;
    reduced.reduce_topics(kDocs, NrTopics{NrTopics::Kind::count, 3});
    EXPECT_TRUE(reduced.topic_aspects().empty());
    // A snapshot puts a state back (a failing representation model after a change).
    const auto snapshot = before.state_snapshot();
    reduced.restore_state(snapshot);
    EXPECT_EQ(reduced.topics().size(), before.topics().size());
    EXPECT_EQ(reduced.topic_aspects().size(), 2u);
}

// targetOutlierShare's scores: NaN for a document that is not an outlier; for an outlier the lowest
// threshold at which reduce_outliers gives it a topic (at its score it moves, just above it stays),
// -inf when none does.
TEST(TopicReduction, OutlierScoresAreTheReassignmentThresholds) {
    TopicModel model = fitted();
    for (auto strategy : {OutlierStrategy::ctfidf, OutlierStrategy::distributions}) {
        OutlierOptions options;
        options.strategy = strategy;
        std::vector<double> scores;
        options.scores = &scores;
        model.reduce_outliers(kDocs, model.document_topics(), options);
        ASSERT_EQ(scores.size(), kDocs.size());
        for (std::size_t i = 0; i < 7; ++i) EXPECT_TRUE(std::isnan(scores[i])) << i;
        EXPECT_EQ(scores[8], -std::numeric_limits<double>::infinity());  // no known word
        ASSERT_GT(scores[7], 0.0);
        options.scores = nullptr;
        options.threshold = scores[7];
        EXPECT_EQ(model.reduce_outliers(kDocs, model.document_topics(), options)[7], 0);
        options.threshold = std::nextafter(scores[7], 2.0);
        EXPECT_EQ(model.reduce_outliers(kDocs, model.document_topics(), options)[7], -1);
    }
}
