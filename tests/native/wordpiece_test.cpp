// WordPiece tokenizer: ids identical to Hugging Face's tokenizer (the @huggingface/tokenizers
// oracle, scripts/fixtures/wordpiece_fixture.mjs) on real multilingual text, plus the rules one by
// one on a toy vocabulary, batching/threads, and clear errors.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "text/mini_json.hpp"
#include "text/wordpiece.hpp"

#include "read_fixture.hpp"

using namespace topicwasm;

namespace {

// A toy vocabulary: ids are positions.
WordPieceTokenizer toy(WordPieceOptions options = {}) {
    std::vector<std::string> vocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "the", "cafe",
                                      "!",     ",",     "中",    "国",    "##s",    "run", "##ning", "a",     "##a", "i"};
    return WordPieceTokenizer(vocab, options, {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"});
}

std::vector<std::int32_t> ids(std::initializer_list<int> v) { return std::vector<std::int32_t>(v.begin(), v.end()); }

}  // namespace

TEST(WordPiece, MatchesHuggingFaceOnRealText) {
    auto tokenizer = WordPieceTokenizer::from_tokenizer_json(read_fixture("wordpiece_tokenizer.json"), 0);
    json::Value cases = json::parse(read_fixture("wordpiece_cases.json"));
    ASSERT_TRUE(cases.is_array());
    ASSERT_GE(cases.array.size(), 50u);
    std::size_t tokens = 0;
    for (const json::Value& c : cases.array) {
        const std::string& text = c.find("text")->string;
        std::vector<std::int32_t> expected;
        for (const json::Value& id : c.find("ids")->array) expected.push_back(static_cast<std::int32_t>(id.number));
        EXPECT_EQ(tokenizer.encode(text), expected) << text;
        tokens += expected.size();
    }
    EXPECT_GT(tokens, 3000u);
}

TEST(WordPiece, ReadsSettingsFromTokenizerJson) {
    auto tokenizer = WordPieceTokenizer::from_tokenizer_json(read_fixture("wordpiece_tokenizer.json"));
    EXPECT_EQ(tokenizer.options().max_length, 256u);
    EXPECT_TRUE(tokenizer.options().lowercase);
    EXPECT_TRUE(tokenizer.options().strip_accents);  // null in the file: follows lowercase
    EXPECT_EQ(tokenizer.token_to_id("[CLS]"), 101);
    EXPECT_EQ(tokenizer.token_to_id("[SEP]"), 102);
    EXPECT_EQ(tokenizer.token_to_id("the"), 1996);
    EXPECT_EQ(tokenizer.token_to_id("no such token"), -1);
    // Truncation: 256 ids in all, [CLS] first and [SEP] last.
    std::string long_text;
    for (int i = 0; i < 400; ++i) long_text += "the jury said ";
    auto encoded = tokenizer.encode(long_text);
    ASSERT_EQ(encoded.size(), 256u);
    EXPECT_EQ(encoded.front(), 101);
    EXPECT_EQ(encoded.back(), 102);
    EXPECT_EQ(encoded[1], 1996);
}

TEST(WordPiece, GreedyLongestMatchFirst) {
    auto t = toy();
    EXPECT_EQ(t.tokenize("unaffable"), (std::vector<std::string>{"un", "##aff", "##able"}));
    EXPECT_EQ(t.encode("unaffable"), ids({2, 5, 6, 7, 3}));
    // A word with no complete segmentation is one [UNK], not a partial one.
    EXPECT_EQ(t.encode("unaffablex"), ids({2, 1, 3}));
    EXPECT_EQ(t.encode("running runs"), ids({2, 15, 16, 15, 14, 3}));
    EXPECT_EQ(t.encode(""), ids({2, 3}));
    EXPECT_EQ(t.encode(" \t\n "), ids({2, 3}));
}

TEST(WordPiece, NormalisesLikeBert) {
    auto t = toy();
    EXPECT_EQ(t.encode("THE Café!"), ids({2, 8, 9, 10, 3}));         // lowercase, accents, punctuation
    EXPECT_EQ(t.encode("the,the"), ids({2, 8, 11, 8, 3}));           // punctuation splits words
    EXPECT_EQ(t.encode("中国the"), ids({2, 12, 13, 8, 3}));          // CJK ideographs split
    EXPECT_EQ(t.encode("t\x01he\xe2\x80\x8b"), ids({2, 8, 3}));      // control / format chars dropped
    EXPECT_EQ(t.encode("th\xff" "e"), ids({2, 8, 3}));               // invalid UTF-8 -> U+FFFD, dropped
    EXPECT_EQ(t.encode("the\xc2\xa0the\xe3\x80\x80the"), ids({2, 8, 8, 8, 3}));  // Unicode spaces split
    EXPECT_EQ(t.encode("\xc4\xb0"), ids({2, 19, 3}));               // U+0130 -> "i" (NFD, drop Mn, lower)
    // Added tokens written in the text are matched before normalisation.
    EXPECT_EQ(t.encode("the[MASK]the [SEP]"), ids({2, 8, 4, 8, 3, 3}));
    EXPECT_EQ(t.encode("the[mask]"), ids({2, 8, 1, 1, 1, 3}));  // only exact, case-sensitive matches
    // Settings off: no lowercasing, no accent stripping.
    WordPieceOptions cased;
    cased.lowercase = false;
    cased.strip_accents = false;
    EXPECT_EQ(toy(cased).encode("The café"), ids({2, 1, 1, 3}));
}

TEST(WordPiece, LongWordsAndTruncation) {
    WordPieceOptions options;
    options.max_input_chars_per_word = 5;
    options.max_length = 4;
    auto t = toy(options);
    EXPECT_EQ(t.encode("aaaaaa"), ids({2, 1, 3}));          // 6 > 5 characters
    EXPECT_EQ(t.encode("aaaaa"), ids({2, 17, 18, 3}));      // truncated to 4 in all: a ##a
    EXPECT_EQ(t.encode("the the the"), ids({2, 8, 8, 3}));
    options.max_length = 1;
    EXPECT_THROW(toy(options), Error);
}

TEST(WordPiece, BatchesAreIdenticalForAnyThreadCount) {
    auto tokenizer = WordPieceTokenizer::from_tokenizer_json(read_fixture("wordpiece_tokenizer.json"));
    json::Value cases = json::parse(read_fixture("wordpiece_cases.json"));
    std::vector<std::string> texts;
    for (int rep = 0; rep < 4; ++rep)
        for (const json::Value& c : cases.array) texts.push_back(c.find("text")->string);
    set_thread_limit(1);
    TokenizedBatch one = tokenizer.encode_batch(texts);
    set_thread_limit(2);
    TokenizedBatch two = tokenizer.encode_batch(texts);
    set_thread_limit(1);
    EXPECT_EQ(one.ids, two.ids);
    EXPECT_EQ(one.lengths, two.lengths);
    ASSERT_EQ(one.lengths.size(), texts.size());
    std::size_t offset = 0;
    for (std::size_t d = 0; d < texts.size(); ++d) {
        auto single = tokenizer.encode(texts[d]);
        ASSERT_EQ(std::vector<std::int32_t>(one.ids.begin() + offset, one.ids.begin() + offset + one.lengths[d]), single);
        offset += one.lengths[d];
    }
    // The packed-buffer form gives the same.
    std::string packed;
    std::vector<std::uint32_t> offsets{0};
    for (const auto& t : texts) {
        packed += t;
        offsets.push_back(static_cast<std::uint32_t>(packed.size()));
    }
    TokenizedBatch p = tokenizer.encode_batch(packed, offsets);
    EXPECT_EQ(p.ids, one.ids);
    EXPECT_EQ(p.lengths, one.lengths);
    std::vector<std::uint32_t> bad{0, 5, 3};
    EXPECT_THROW(tokenizer.encode_batch(packed, bad), Error);
    std::vector<std::uint32_t> past{0, static_cast<std::uint32_t>(packed.size() + 1)};
    EXPECT_THROW(tokenizer.encode_batch(packed, past), Error);
}

TEST(WordPiece, ClearErrorsForBadTokenizerFiles) {
    auto message = [](const std::string& text) {
        try {
            WordPieceTokenizer::from_tokenizer_json(text);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message("{\"model\": {\"vocab\": ").find("invalid JSON"), std::string::npos);
    EXPECT_NE(message("[1, 2]").find("not an object"), std::string::npos);
    EXPECT_NE(message("{}").find("no \"model\""), std::string::npos);
    EXPECT_NE(message(R"({"model": {"type": "BPE", "vocab": {"a": 0}}})").find("BPE"), std::string::npos);
    EXPECT_NE(message(R"({"model": {"type": "WordPiece", "vocab": {"a": 0}}})").find("[UNK]"), std::string::npos);
    EXPECT_NE(message(R"({"model": {"vocab": {"a": -1}}})").find("'a'"), std::string::npos);
    EXPECT_NE(message(R"({"model": {"vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2}}, "normalizer": {"type": "NFC"}})")
                  .find("BertNormalizer"),
              std::string::npos);
    // Minimal valid file: no normaliser means none of its steps.
    auto t = WordPieceTokenizer::from_tokenizer_json(
        R"({"model": {"vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "Ab": 3}}, "normalizer": null})");
    EXPECT_EQ(t.encode("Ab ab"), ids({1, 3, 0, 2}));
    EXPECT_THROW(WordPieceTokenizer(std::vector<std::string>{}), Error);
}

TEST(MiniJson, ParsesEscapesAndRejectsMalformedInput) {
    json::Value v = json::parse(R"( {"a": [1, -2.5e1, true, false, null], "s": "x\"\\\/\n\u00e9\ud83d\ude00", "a": 3} )");
    ASSERT_TRUE(v.is_object());
    EXPECT_EQ(v.find("a")->number, 3);  // last duplicate wins
    EXPECT_EQ(v.object[0].value.array[1].number, -25);
    EXPECT_EQ(v.find("s")->string, "x\"\\/\n\xc3\xa9\xf0\x9f\x98\x80");
    EXPECT_EQ(json::parse(R"("\ud800")").string, "\xef\xbf\xbd");  // lone surrogate -> U+FFFD
    for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", "{\"a\":01x}", "\"\\q\""})
        EXPECT_THROW(json::parse(bad), Error) << bad;
    EXPECT_THROW(json::parse(std::string(100000, '[')), Error);  // depth cap, no stack overflow
}
