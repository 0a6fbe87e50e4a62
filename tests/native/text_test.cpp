// Tokenizer, Unicode helpers and CountVectorizer (native, under ASan/UBSan).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "text/count_vectorizer.hpp"
#include "text/tokenizer.hpp"
#include "text/unicode.hpp"

using namespace topicwasm;

TEST(Unicode, Utf8RoundTripAndInvalidBytes) {
    std::string text = "a\xC3\xA9\xE6\x9D\xB1\xF0\x9F\x98\x80";  // a é 東 😀
    EXPECT_EQ(unicode::decode_utf8(text), (std::u32string{U'a', U'é', U'東', U'😀'}));
    EXPECT_EQ(unicode::encode_utf8(unicode::decode_utf8(text)), text);
    // Lone continuation byte, truncated sequence, overlong encoding, encoded surrogate -> U+FFFD.
    EXPECT_EQ(unicode::decode_utf8("\x80"), std::u32string(1, 0xFFFD));
    EXPECT_EQ(unicode::decode_utf8("\xE6\x9D"), std::u32string(2, 0xFFFD));
    EXPECT_EQ(unicode::decode_utf8("\xC0\xAF")[0], 0xFFFDu);
    EXPECT_EQ(unicode::decode_utf8("\xED\xA0\x80")[0], 0xFFFDu);
}

TEST(Unicode, PropertiesFollowPython) {
    EXPECT_TRUE(unicode::is_word_char(U'_'));
    EXPECT_TRUE(unicode::is_word_char(U'ж'));
    EXPECT_TRUE(unicode::is_word_char(U'٣'));   // Arabic-Indic digit
    EXPECT_FALSE(unicode::is_word_char(U'\u0301'));  // combining acute: not \w in Python
    EXPECT_FALSE(unicode::is_word_char(U'😀'));
    EXPECT_EQ(unicode::category(U'A'), "Lu");
    EXPECT_EQ(unicode::category(U'\u0301'), "Mn");
    EXPECT_EQ(unicode::category(U'、'), "Po");
    std::u32string nfd;
    unicode::append_nfd(U'é', nfd);
    unicode::append_nfd(U'한', nfd);
    EXPECT_EQ(nfd, (std::u32string{U'e', U'\u0301', 0x1112, 0x1161, 0x11AB}));
}

TEST(Tokenizer, LowercaseMatchesPythonIncludingFinalSigma) {
    EXPECT_EQ(lowercase("ÀÉÎ İ"), "àéî i\xCC\x87");
    EXPECT_EQ(lowercase("ΟΔΟΣ ΣΑΣ"), "οδος σας");
    EXPECT_EQ(lowercase("ΣΑ"), "σα");
}

TEST(Tokenizer, WordTokensAreRunsOfTwoOrMoreWordCharacters) {
    EXPECT_EQ(word_tokens("don't stop-me a bb c_d 3.14"), (std::vector<std::string>{"don", "stop", "me", "bb", "c_d", "14"}));
    EXPECT_TRUE(word_tokens("").empty());
    EXPECT_TRUE(word_tokens("!!! a b c").empty());
}

TEST(CountVectorizer, SingleLettersAreNotTerms) {
    EXPECT_THROW(CountVectorizer().fit_transform({"b a a", "c b"}), Error);  // no two-letter token at all
}

TEST(CountVectorizer, CountsSparseRows) {
    CountVectorizer v;
    auto m = v.fit_transform({"bb aa aa", "cc bb", "dd"});
    ASSERT_EQ(v.feature_names(), (std::vector<std::string>{"aa", "bb", "cc", "dd"}));
    EXPECT_EQ(m.rows, 3u);
    EXPECT_EQ(m.indptr, (std::vector<std::size_t>{0, 2, 4, 5}));
    EXPECT_EQ(m.indices, (std::vector<uint32_t>{0, 1, 1, 2, 3}));
    EXPECT_EQ(m.values, (std::vector<float>{2, 1, 1, 1, 1}));
    auto t = v.transform({"aa zz aa"});
    EXPECT_EQ(t.indices, (std::vector<uint32_t>{0}));
    EXPECT_EQ(t.values, (std::vector<float>{2}));
}

TEST(CountVectorizer, DocumentFrequencyPruningAndMaxFeatures) {
    std::vector<std::string> docs = {"aa bb cc", "aa bb", "aa dd", "aa ee ee ee"};
    CountVectorizerOptions o;
    o.min_df = {2, false};
    CountVectorizer v(o);
    v.fit_transform(docs);
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"aa", "bb"}));

    CountVectorizerOptions fraction;
    fraction.max_df = {0.5, true};  // at most 2 of 4 documents
    CountVectorizer w(fraction);
    w.fit_transform(docs);
    EXPECT_EQ(w.feature_names(), (std::vector<std::string>{"bb", "cc", "dd", "ee"}));

    CountVectorizerOptions capped;
    capped.max_features = 2;  // most frequent: aa (4), ee (3)
    CountVectorizer c(capped);
    c.fit_transform(docs);
    EXPECT_EQ(c.feature_names(), (std::vector<std::string>{"aa", "ee"}));
}

TEST(CountVectorizer, NgramsAndFixedVocabulary) {
    CountVectorizerOptions o;
    o.ngram_min = 1;
    o.ngram_max = 2;
    o.stop_words = english_stop_words();
    CountVectorizer v(o);
    EXPECT_EQ(v.analyze("The cat and the hat"), (std::vector<std::string>{"cat", "hat", "cat hat"}));

    CountVectorizerOptions fixed;
    fixed.vocabulary = {"zz", "aa"};
    CountVectorizer f(fixed);
    auto m = f.fit_transform({"aa zz zz qq"});
    EXPECT_EQ(f.feature_names(), (std::vector<std::string>{"zz", "aa"}));
    EXPECT_EQ(m.indices, (std::vector<uint32_t>{0, 1}));
    EXPECT_EQ(m.values, (std::vector<float>{2, 1}));
}

TEST(CountVectorizer, StopWordsDropPerTermOrPerTokenWithTheSameCounts) {
    // A learned unigram vocabulary drops stop words once per distinct term; counts, document
    // frequencies (maxDf) and maxFeatures must be those of dropping them token by token.
    const std::vector<std::string> docs = {"The cat and the hat", "the hat sat", "a cat the cat", "hat hat hat the"};
    CountVectorizerOptions o;
    o.stop_words = english_stop_words();
    o.max_df = {0.6, true};  // "hat" (3 of 4 documents) goes; "the" would too, but is a stop word
    CountVectorizer v(o);
    auto m = v.fit_transform(docs);
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"cat", "sat"}));
    EXPECT_EQ(m.indptr, (std::vector<std::size_t>{0, 1, 2, 3, 3}));
    EXPECT_EQ(m.values, (std::vector<float>{1, 1, 2}));
    EXPECT_EQ(v.transform({"the cat sat on the cat"}).values, (std::vector<float>{2, 1}));
    EXPECT_EQ(v.analyze("The cat and the hat"), (std::vector<std::string>{"cat", "hat"}));

    // A fixed vocabulary that lists a stop word counts it 0 times, as scikit-learn (it never
    // reaches the lookup).
    CountVectorizerOptions fixed = o;
    fixed.max_df = {1.0, true};
    fixed.vocabulary = {"the", "cat"};
    CountVectorizer f(fixed);
    auto c = f.fit_transform({"the cat the"});
    EXPECT_EQ(c.indices, (std::vector<uint32_t>{1}));
    EXPECT_EQ(c.values, (std::vector<float>{1}));
}

TEST(Tokenizer, WordViewsPointIntoTheTextAndSkipInvalidBytes) {
    const std::string text = "caf\xc3\xa9 \xff\xfe" "ab x\xe2\x80\x94yz";  // café, invalid bytes, an em dash
    const auto views = word_views(text);
    ASSERT_EQ(views.size(), 3u);
    EXPECT_EQ(views[0], "caf\xc3\xa9");
    EXPECT_EQ(views[1], "ab");
    EXPECT_EQ(views[2], "yz");
    EXPECT_EQ(views[1].data(), text.data() + 8);
    EXPECT_EQ(word_tokens(text), (std::vector<std::string>{"caf\xc3\xa9", "ab", "yz"}));
}

TEST(CountVectorizer, UserTokenizerReplacesThePattern) {
    CountVectorizerOptions o;
    o.stop_words = {"of"};
    o.tokenizer = [](const std::string& text) {  // split on spaces, single characters kept
        std::vector<std::string> out;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= text.size(); ++i)
            if (i == text.size() || text[i] == ' ') {
                if (i > start) out.push_back(text.substr(start, i - start));
                start = i + 1;
            }
        return out;
    };
    CountVectorizer v(o);
    EXPECT_FALSE(v.parallel_safe());
    auto m = v.fit_transform({"A b-c OF a", "b-c x"});
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"a", "b-c", "x"}));  // lowercased first, "of" dropped
    EXPECT_EQ(m.values, (std::vector<float>{2, 1, 1, 1}));
    EXPECT_EQ(v.tokens("Q r"), (std::vector<std::string>{"q", "r"}));
    EXPECT_TRUE(CountVectorizer().parallel_safe());
}

TEST(CountVectorizer, ClearErrors) {
    EXPECT_THROW(CountVectorizer().fit_transform({}), Error);
    CountVectorizerOptions stop;
    stop.stop_words = english_stop_words();
    EXPECT_THROW(CountVectorizer(stop).fit_transform({"the and of", "a"}), Error);
    CountVectorizerOptions inverted;
    inverted.min_df = {3, false};
    inverted.max_df = {2, false};
    EXPECT_THROW(CountVectorizer(inverted).fit_transform({"aa", "bb", "cc"}), Error);
    CountVectorizerOptions bad_range;
    bad_range.ngram_min = 2;
    bad_range.ngram_max = 1;
    EXPECT_THROW(CountVectorizer{bad_range}, Error);
    CountVectorizerOptions duplicate;
    duplicate.vocabulary = {"aa", "aa"};
    EXPECT_THROW(CountVectorizer{duplicate}, Error);
    EXPECT_THROW(CountVectorizer().transform({"aa"}), Error);  // not fitted
}
