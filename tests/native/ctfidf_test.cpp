// c-TF-IDF and topic words on hand-checkable inputs (the Brown comparison with BERTopic is in
// tests/ctfidf.test.mjs, through the wasm build).
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "represent/ctfidf.hpp"
#include "represent/topic_representation.hpp"

using namespace topicwasm;

namespace {
CountMatrix two_classes() {
    // class 0: term0 x3, term1 x1; class 1: term1 x2, term2 x2
    CountMatrix m;
    m.rows = 2;
    m.cols = 3;
    m.indptr = {0, 2, 4};
    m.indices = {0, 1, 1, 2};
    m.values = {3, 1, 2, 2};
    return m;
}
}  // namespace

TEST(Ctfidf, MatchesTheFormulaByHand) {
    ClassTfidf c;
    c.fit(two_classes());
    // A = int(mean class length) = int((4 + 4) / 2) = 4; f = (3, 3, 2)
    ASSERT_EQ(c.idf().size(), 3u);
    EXPECT_DOUBLE_EQ(c.idf()[0], std::log(4.0 / 3 + 1));
    EXPECT_DOUBLE_EQ(c.idf()[2], std::log(4.0 / 2 + 1));
    auto w = c.transform(two_classes());
    EXPECT_DOUBLE_EQ(w.values[0], 0.75 * std::log(4.0 / 3 + 1));
    EXPECT_DOUBLE_EQ(w.values[3], 0.5 * std::log(3.0));
}

TEST(Ctfidf, Bm25AndReducedFrequentWords) {
    ClassTfidf bm25({true, false});
    bm25.fit(two_classes());
    EXPECT_DOUBLE_EQ(bm25.idf()[0], std::log(1 + (4 - 3 + 0.5) / (3 + 0.5)));
    ClassTfidf reduced({false, true});
    reduced.fit(two_classes());
    auto w = reduced.transform(two_classes());
    EXPECT_DOUBLE_EQ(w.values[0], std::sqrt(0.75) * std::log(4.0 / 3 + 1));
}

TEST(Ctfidf, AverageClassLengthIsTruncated) {
    CountMatrix m = two_classes();
    m.values = {3, 1, 2, 1};  // lengths 4 and 3: mean 3.5 -> A = 3
    ClassTfidf c;
    c.fit(m);
    EXPECT_DOUBLE_EQ(c.idf()[2], std::log(3.0 / 1 + 1));
}

TEST(Ctfidf, TopNPerRowBestFirst) {
    WeightMatrix w;
    w.rows = 1;
    w.cols = 4;
    w.indptr = {0, 4};
    w.indices = {0, 1, 2, 3};
    w.values = {0.1, 0.5, 0.5, 0.2};
    auto top = top_n_per_row(w, 3);
    ASSERT_EQ(top[0].size(), 3u);
    // The two 0.5s come first in the order numpy's sorts leave them (tests/pipeline.test.mjs checks
    // that order against BERTopic on 270 Brown topics), then 0.2.
    EXPECT_EQ(top[0][0].first + top[0][1].first, 3u);
    EXPECT_NE(top[0][0].first, top[0][1].first);
    EXPECT_EQ(top[0][2].first, 3u);
    EXPECT_EQ(top[0][2].second, 0.2);
}

TEST(Ctfidf, DimensionMismatchIsAnError) {
    ClassTfidf c;
    c.fit(two_classes());
    CountMatrix other = two_classes();
    other.cols = 5;
    EXPECT_THROW(c.transform(other), Error);
    EXPECT_THROW(ClassTfidf().fit(CountMatrix{}), Error);
}

TEST(TopicRepresentation, EnglishCleanUpAsBertopic) {
    EXPECT_EQ(clean_class_document("Don't\tstop-me\nnow, café!", true), "Dont stopme now caf");
    EXPECT_EQ(clean_class_document("Don't", false), "Don't");
    EXPECT_EQ(clean_class_document("!!!", true), "emptydoc");
}

TEST(TopicRepresentation, PadsMissingWordsLikeBertopic) {
    auto rep = represent_topics({"alpha beta", "gamma"}, {0, 1}, {0, 1}, {}, {}, true, 5);
    ASSERT_EQ(rep.words.size(), 2u);
    ASSERT_EQ(rep.words[1].size(), 5u);
    EXPECT_EQ(rep.words[1][0].word, "gamma");
    EXPECT_EQ(rep.words[1][1].word, "");
    EXPECT_DOUBLE_EQ(rep.words[1][1].score, 0.00001);
}
