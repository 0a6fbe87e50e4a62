// Manual topic modeling: renumbering by size, names, representative documents, errors.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "text/tokenizer.hpp"
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
