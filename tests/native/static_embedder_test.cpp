// Static embeddings: the weighted mean of int8 token rows against a double-precision computation
// by hand, on a toy vocabulary and on the real BERT tokenizer with a random model written to and
// read from safetensors; [UNK] and [CLS]/[SEP] handling, truncation, empty documents, identical
// results for any thread count, and clear errors for malformed model files.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "embed/static_embedder.hpp"
#include "io/safetensors.hpp"
#include "text/mini_json.hpp"

#include "read_fixture.hpp"

using namespace topicwasm;

namespace {

const std::vector<std::string> kVocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "the", "cafe",
                                         "!",     ",",     "a",     "##a",   "run",    "##ning"};

// Reference: normalise(sum_t w_t * s_t * q_t / n) in double, skipping [CLS]/[SEP] and [UNK].
std::vector<double> reference(const std::vector<std::int32_t>& ids, const std::vector<std::int8_t>& rows, const std::vector<float>& scales,
                              const std::vector<float>& weights, std::size_t dim, std::int32_t unk) {
    std::vector<double> v(dim, 0.0);
    std::size_t n = 0;
    for (std::size_t i = 1; i + 1 < ids.size(); ++i) {
        if (ids[i] == unk) continue;
        ++n;
        for (std::size_t k = 0; k < dim; ++k) v[k] += double(weights[ids[i]]) * double(scales[ids[i]]) * rows[ids[i] * dim + k];
    }
    double norm = 0;
    for (double x : v) norm += x * x;
    norm = std::sqrt(norm);
    if (n > 0 && norm > 0)
        for (double& x : v) x /= norm;
    return v;
}

struct RandomModel {
    std::vector<std::int8_t> rows;
    std::vector<float> scales, weights;
};

RandomModel random_model(std::size_t vocab, std::size_t dim, std::uint64_t seed) {
    Rng rng(seed);
    RandomModel m;
    m.rows.resize(vocab * dim);
    for (auto& q : m.rows) q = static_cast<std::int8_t>(static_cast<int>(rng.next() % 255) - 127);
    m.scales.resize(vocab);
    m.weights.resize(vocab);
    for (std::size_t t = 0; t < vocab; ++t) {
        m.scales[t] = static_cast<float>(0.001 + 0.01 * rng.uniform_double());
        m.weights[t] = static_cast<float>(rng.uniform_double());
    }
    return m;
}

std::vector<std::uint8_t> model_file(const RandomModel& m, std::size_t vocab, std::size_t dim, const std::string& tokenizer_json) {
    safetensors::File file;
    safetensors::Tensor e;
    e.name = "embeddings";
    e.dtype = safetensors::Dtype::I8;
    e.shape = {vocab, dim};
    e.data.assign(reinterpret_cast<const std::uint8_t*>(m.rows.data()), reinterpret_cast<const std::uint8_t*>(m.rows.data()) + m.rows.size());
    file.add(std::move(e));
    file.add(safetensors::make_f32("scales", {vocab}, m.scales.data()));
    file.add(safetensors::make_f32("weights", {vocab}, m.weights.data()));
    file.metadata["tokenizer"] = tokenizer_json;
    return safetensors::serialize(file);
}

}  // namespace

TEST(StaticEmbedder, WeightedMeanOfTokenRowsOnAToyVocabulary) {
    const std::size_t dim = 20;  // 16 in SIMD lanes + a scalar tail of 4
    RandomModel m = random_model(kVocab.size(), dim, 7);
    WordPieceTokenizer tokenizer(kVocab, {}, {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"});
    StaticEmbedder embedder(tokenizer, m.rows, m.scales, m.weights, dim);
    EXPECT_EQ(embedder.dim(), dim);
    EXPECT_EQ(embedder.vocab_size(), kVocab.size());
    const std::vector<std::string> texts = {"unaffable", "the cafe!", "running the a aa", "the zzz the", "", "zzz qqq", "THE CAFE"};
    Matrix out = embedder.embed(texts);
    ASSERT_EQ(out.rows, texts.size());
    ASSERT_EQ(out.cols, dim);
    for (std::size_t d = 0; d < texts.size(); ++d) {
        auto expected = reference(tokenizer.encode(texts[d]), m.rows, m.scales, m.weights, dim, 1);
        for (std::size_t k = 0; k < dim; ++k) EXPECT_NEAR(out(d, k), expected[k], 1e-6) << texts[d] << " dim " << k;
    }
    // Unknown words are dropped, not averaged in: "the zzz the" is "the the", which is "the".
    for (std::size_t k = 0; k < dim; ++k) EXPECT_FLOAT_EQ(out(3, k), embedder.embed({"the"})(0, k));
    // No known token: the zero vector. Lowercasing and accents follow BERT.
    for (std::size_t k = 0; k < dim; ++k) {
        EXPECT_EQ(out(4, k), 0.0f);
        EXPECT_EQ(out(5, k), 0.0f);
        EXPECT_FLOAT_EQ(out(6, k), embedder.embed({"the cafe"})(0, k));
    }
    // Unit length.
    for (std::size_t d : {0u, 1u, 2u, 3u}) {
        double norm = 0;
        for (std::size_t k = 0; k < dim; ++k) norm += double(out(d, k)) * out(d, k);
        EXPECT_NEAR(norm, 1.0, 1e-5);
    }
}

TEST(StaticEmbedder, OptionsTruncateAndSkipNormalisation) {
    const std::size_t dim = 16;
    RandomModel m = random_model(kVocab.size(), dim, 11);
    WordPieceTokenizer tokenizer(kVocab, {}, {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"});
    StaticEmbedderOptions raw;
    raw.normalize = false;
    StaticEmbedder plain(tokenizer, m.rows, m.scales, m.weights, dim, raw);
    // Unnormalised: the plain weighted mean.
    Matrix v = plain.embed({"the cafe"});
    for (std::size_t k = 0; k < dim; ++k) {
        const double mean = (double(m.weights[8]) * m.scales[8] * m.rows[8 * dim + k] + double(m.weights[9]) * m.scales[9] * m.rows[9 * dim + k]) / 2;
        EXPECT_NEAR(v(0, k), mean, 1e-6);
    }
    // max_tokens counts word pieces ([CLS]/[SEP] excluded): "the cafe !" cut to "the cafe".
    WordPieceOptions two;
    two.max_length = 4;
    StaticEmbedder cut(WordPieceTokenizer(kVocab, two, {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}), m.rows, m.scales, m.weights, dim, raw);
    Matrix c = cut.embed({"the cafe !"});
    for (std::size_t k = 0; k < dim; ++k) EXPECT_FLOAT_EQ(c(0, k), v(0, k));
    // accumulate() is the unnormalised sum.
    std::vector<float> sum(dim, 0.0f);
    EXPECT_EQ(plain.accumulate(std::vector<std::int32_t>{8, 1, 9}, sum.data()), 2u);
    for (std::size_t k = 0; k < dim; ++k) EXPECT_NEAR(sum[k], 2 * v(0, k), 1e-6);
    std::vector<float> bad(dim, 0.0f);
    EXPECT_THROW(plain.accumulate(std::vector<std::int32_t>{99}, bad.data()), Error);
}

TEST(StaticEmbedder, RealTokenizerFromSafetensorsAnyThreadCount) {
    const std::string tokenizer_json = read_fixture("wordpiece_tokenizer.json");
    const auto tokenizer = WordPieceTokenizer::from_tokenizer_json(tokenizer_json, 0);
    const std::size_t vocab = 30522, dim = 64;  // the fixture keeps 4,628 of BERT's tokens, with their ids
    ASSERT_LT(tokenizer.vocab_size(), vocab);
    RandomModel m = random_model(vocab, dim, 3);
    const auto bytes = model_file(m, vocab, dim, tokenizer_json);
    StaticEmbedder embedder = StaticEmbedder::from_safetensors(bytes.data(), bytes.size());
    EXPECT_EQ(embedder.dim(), dim);
    EXPECT_EQ(embedder.vocab_size(), vocab);
    EXPECT_EQ(embedder.options().max_tokens, 512u);

    json::Value cases = json::parse(read_fixture("wordpiece_cases.json"));
    std::vector<std::string> texts;
    for (int rep = 0; rep < 6; ++rep)
        for (const json::Value& c : cases.array) texts.push_back(c.find("text")->string + (rep ? " " + std::to_string(rep) : ""));
    std::string packed;
    std::vector<std::uint32_t> offsets{0};
    for (const auto& t : texts) {
        packed += t;
        offsets.push_back(static_cast<std::uint32_t>(packed.size()));
    }
    set_thread_limit(1);
    std::vector<std::uint32_t> counts1, counts4;
    Matrix one = embedder.embed(packed, offsets, &counts1);
    set_thread_limit(4);
    Matrix four = embedder.embed(packed, offsets, &counts4);
    set_thread_limit(1);
    EXPECT_EQ(one.data, four.data);  // bit for bit
    EXPECT_EQ(counts1, counts4);
    const auto unk = tokenizer.token_to_id("[UNK]");
    const auto truncating = WordPieceTokenizer::from_tokenizer_json(tokenizer_json, 514);
    std::size_t tokens = 0;
    for (std::size_t d = 0; d < texts.size(); ++d) {
        const auto ids = truncating.encode(texts[d]);
        std::size_t known = 0;
        for (std::size_t i = 1; i + 1 < ids.size(); ++i) known += ids[i] != unk;
        EXPECT_EQ(counts1[d], known);
        tokens += known;
        auto expected = reference(ids, m.rows, m.scales, m.weights, dim, unk);
        for (std::size_t k = 0; k < dim; ++k) ASSERT_NEAR(one(d, k), expected[k], 2e-6) << d;
    }
    EXPECT_GT(tokens, 10000u);
}

TEST(StaticEmbedder, MalformedModelFilesThrowClearErrors) {
    const std::string tokenizer_json = read_fixture("wordpiece_tokenizer.json");
    const std::size_t vocab = 30522, dim = 8;
    RandomModel m = random_model(vocab, dim, 5);
    auto expect_error = [](const std::vector<std::uint8_t>& bytes, const std::string& needle) {
        try {
            StaticEmbedder::from_safetensors(bytes.data(), bytes.size());
            ADD_FAILURE() << "no error, expected one mentioning " << needle;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    {
        safetensors::File file = safetensors::parse(model_file(m, vocab, dim, tokenizer_json));
        file.metadata.erase("tokenizer");
        expect_error(safetensors::serialize(file), "tokenizer");
    }
    {
        safetensors::File file;
        std::vector<float> rows(vocab * dim, 0.5f);
        file.add(safetensors::make_f32("embeddings", {vocab, dim}, rows.data()));
        file.add(safetensors::make_f32("scales", {vocab}, m.scales.data()));
        file.add(safetensors::make_f32("weights", {vocab}, m.weights.data()));
        file.metadata["tokenizer"] = tokenizer_json;
        expect_error(safetensors::serialize(file), "I8");
    }
    {
        safetensors::File file = safetensors::parse(model_file(m, vocab, dim, tokenizer_json));
        safetensors::File shorter;
        shorter.metadata = file.metadata;
        shorter.add(file.get("embeddings"));
        shorter.add(safetensors::make_f32("scales", {vocab - 1}, m.scales.data()));
        shorter.add(file.get("weights"));
        expect_error(safetensors::serialize(shorter), "scales");
    }
    {
        // Fewer token vectors than the tokenizer's ids need: a clear error when such a token comes up.
        RandomModel small = random_model(2000, dim, 1);
        const auto bytes = model_file(small, 2000, dim, tokenizer_json);
        StaticEmbedder embedder = StaticEmbedder::from_safetensors(bytes.data(), bytes.size());
        EXPECT_EQ(embedder.embed({"!"}).rows, 1u);  // id 999
        try {
            embedder.embed({"the jury"});  // "jury" is 6467
            ADD_FAILURE() << "no error for token ids without vectors";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("token id 6467 has no vector"), std::string::npos) << e.what();
        }
    }
    std::vector<std::uint8_t> truncated = model_file(m, vocab, dim, tokenizer_json);
    truncated.resize(truncated.size() / 2);
    EXPECT_THROW(StaticEmbedder::from_safetensors(truncated.data(), truncated.size()), Error);
}
