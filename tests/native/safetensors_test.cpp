// safetensors reader/writer: round trips of every dtype we write, the real BERTopic file, and
// clear errors for corrupt files.
#include "io/safetensors.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "core/error.hpp"

using namespace topicwasm;
namespace st = topicwasm::safetensors;

namespace {

st::File sample_file() {
    st::File f;
    float a[6] = {1.5f, -2.25f, 0.0f, 3e-8f, 1e30f, -0.1f};
    double b[3] = {1.0 / 3.0, -1e300, 42.0};
    int64_t c[2] = {-5, int64_t(1) << 40};
    int32_t d[4] = {7, -8, 9, 2147483647};
    f.add(st::make_f32("a", {2, 3}, a));
    f.add(st::make_f64("b", {3}, b));
    f.add(st::make_i64("c", {2}, c));
    f.add(st::make_i32("d", {2, 2}, d));
    float h[3] = {0.5f, -65504.0f, 1.0f / 3.0f};
    f.add(st::make_f16("h", {3}, h));
    f.metadata["format"] = "pt";
    f.metadata["quote\"and\\slash"] = "line\nbreak \xc3\xa9";
    return f;
}

void expect_error(const std::vector<uint8_t>& bytes, const std::string& fragment) {
    try {
        st::parse(bytes);
        FAIL() << "expected an Error containing '" << fragment << "'";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

// Builds a file from a raw header string and `data_bytes` zero bytes.
std::vector<uint8_t> raw_file(const std::string& header, std::size_t data_bytes) {
    std::vector<uint8_t> out(8 + header.size() + data_bytes, 0);
    uint64_t n = header.size();
    std::memcpy(out.data(), &n, 8);
    std::memcpy(out.data() + 8, header.data(), header.size());
    return out;
}

}  // namespace

TEST(Safetensors, RoundTripsEveryDtypeAndMetadata) {
    st::File f = sample_file();
    std::vector<uint8_t> bytes = st::serialize(f);
    uint64_t header_len;
    std::memcpy(&header_len, bytes.data(), 8);
    EXPECT_EQ(header_len % 8, 0u);  // data starts 8-byte aligned, as the reference writer does
    st::File g = st::parse(bytes);
    ASSERT_EQ(g.tensors.size(), 5u);
    EXPECT_EQ(g.metadata, f.metadata);
    for (const auto& t : f.tensors) {
        const st::Tensor& u = g.get(t.name);
        EXPECT_EQ(u.dtype, t.dtype);
        EXPECT_EQ(u.shape, t.shape);
        EXPECT_EQ(u.data, t.data);
    }
    auto a = g.get("a").to_f32();
    EXPECT_EQ(a[1], -2.25f);
    EXPECT_EQ(a[4], 1e30f);
    EXPECT_EQ(g.get("b").to_f64()[1], -1e300);
    EXPECT_EQ(g.get("c").to_i64()[1], int64_t(1) << 40);
    EXPECT_EQ(g.get("d").to_i64()[3], 2147483647);
    auto h = g.get("h").to_f32();
    EXPECT_EQ(h[0], 0.5f);
    EXPECT_EQ(h[1], -65504.0f);
    EXPECT_NEAR(h[2], 1.0 / 3.0, 1e-4);
    EXPECT_THROW(g.get("a").to_i64(), Error);
    EXPECT_THROW(g.get("missing"), Error);
    EXPECT_THROW(f.add(st::make_f32("a", {1}, a.data())), Error);  // duplicate name
}

TEST(Safetensors, HalfConversionIsExactWhereRepresentable) {
    // All 65536 halves survive half -> float -> half (NaN payloads stay NaN).
    for (uint32_t bits = 0; bits < 65536; ++bits) {
        float f = st::half_to_float(uint16_t(bits));
        uint16_t back = st::float_to_half(f);
        if (std::isnan(f)) {
            EXPECT_TRUE(std::isnan(st::half_to_float(back)));
        } else {
            ASSERT_EQ(back, bits) << "half bits " << bits;
        }
    }
    EXPECT_EQ(st::half_to_float(st::float_to_half(1e6f)), INFINITY);
    EXPECT_EQ(st::half_to_float(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
}

TEST(Safetensors, ReadsBertopicTopicEmbeddings) {
    st::File f = st::read_file(std::string(TOPICWASM_FIXTURES) + "/brown/bertopic_model/topic_embeddings.safetensors");
    const st::Tensor& t = f.get("topic_embeddings");
    EXPECT_EQ(t.dtype, st::Dtype::F32);
    ASSERT_EQ(t.shape, (std::vector<uint64_t>{270, 384}));
    auto v = t.to_f32();
    // Values checked with Python's struct module on the same file.
    EXPECT_FLOAT_EQ(v[0], -0.008194485679268837f);
    EXPECT_FLOAT_EQ(v[1], 0.036545880138874054f);
    EXPECT_FLOAT_EQ(v.back(), 0.025510240346193314f);
    double norm0 = 0;
    for (int j = 0; j < 384; ++j) norm0 += double(v[j]) * v[j];
    EXPECT_NEAR(std::sqrt(norm0), 0.3420872118, 1e-6);
}

TEST(Safetensors, CorruptFilesGiveClearErrors) {
    std::vector<uint8_t> good = st::serialize(sample_file());
    expect_error({1, 2, 3}, "truncated");
    // Truncated data: the last tensor's offsets now point past the end.
    expect_error(std::vector<uint8_t>(good.begin(), good.end() - 3), "out of range");
    // Header length larger than the file.
    std::vector<uint8_t> big = good;
    uint64_t huge = good.size();
    std::memcpy(big.data(), &huge, 8);
    expect_error(big, "truncated");
    uint64_t absurd = uint64_t(1) << 62;
    std::memcpy(big.data(), &absurd, 8);
    expect_error(big, "header length");
    // Broken JSON.
    expect_error(raw_file("{\"a\":{\"dtype\":\"F32\",", 0), "bad header");
    expect_error(raw_file("[1,2]   ", 0), "bad header");
    expect_error(raw_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} x", 8), "trailing");
    // Unknown dtype, shape/size mismatch, offsets out of range, overlap, negative numbers.
    expect_error(raw_file("{\"a\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "unsupported dtype");
    expect_error(raw_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "shape does not match");
    expect_error(raw_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8), "out of range");
    expect_error(raw_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "out of range");
    expect_error(raw_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                          "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                          8),
                 "overlap");
    expect_error(raw_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "non-negative");
    expect_error(raw_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "data_offsets");
    expect_error(raw_file("{\"__metadata__\":{\"k\":1}}", 0), "not a string");
    // Deep nesting is rejected rather than recursing without bound.
    expect_error(raw_file("{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}", 0), "deeply");
}

TEST(Safetensors, StringListMetadataRoundTrips) {
    std::vector<std::string> words = {"alpha", "quote\"d", "back\\slash", "caf\xc3\xa9", ""};
    EXPECT_EQ(st::decode_string_list(st::encode_string_list(words)), words);
    EXPECT_EQ(st::decode_string_list("[\"\\u00e9\\ud83d\\ude00\"]")[0], "\xc3\xa9\xf0\x9f\x98\x80");
    EXPECT_THROW(st::decode_string_list("{\"a\":1}"), Error);
    EXPECT_THROW(st::decode_string_list("[1]"), Error);
}
