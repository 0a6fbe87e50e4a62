#include "embed/static_embedder.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "io/safetensors.hpp"
#include "neighbors/distance.hpp"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace topicwasm {
namespace {

// out[k] += factor * row[k] for k < dim: the same float32 operations, in the same order per
// dimension, in the SIMD and the scalar code.
void add_scaled_row(float* out, const std::int8_t* row, float factor, std::size_t dim) {
    std::size_t k = 0;
#ifdef __wasm_simd128__
    const v128_t f = wasm_f32x4_splat(factor);
    for (; k + 16 <= dim; k += 16) {
        const v128_t bytes = wasm_v128_load(row + k);
        const v128_t lo16 = wasm_i16x8_extend_low_i8x16(bytes);
        const v128_t hi16 = wasm_i16x8_extend_high_i8x16(bytes);
        const v128_t q0 = wasm_f32x4_convert_i32x4(wasm_i32x4_extend_low_i16x8(lo16));
        const v128_t q1 = wasm_f32x4_convert_i32x4(wasm_i32x4_extend_high_i16x8(lo16));
        const v128_t q2 = wasm_f32x4_convert_i32x4(wasm_i32x4_extend_low_i16x8(hi16));
        const v128_t q3 = wasm_f32x4_convert_i32x4(wasm_i32x4_extend_high_i16x8(hi16));
        wasm_v128_store(out + k, wasm_f32x4_add(wasm_v128_load(out + k), wasm_f32x4_mul(f, q0)));
        wasm_v128_store(out + k + 4, wasm_f32x4_add(wasm_v128_load(out + k + 4), wasm_f32x4_mul(f, q1)));
        wasm_v128_store(out + k + 8, wasm_f32x4_add(wasm_v128_load(out + k + 8), wasm_f32x4_mul(f, q2)));
        wasm_v128_store(out + k + 12, wasm_f32x4_add(wasm_v128_load(out + k + 12), wasm_f32x4_mul(f, q3)));
    }
#endif
    for (; k < dim; ++k) {
        const float product = factor * static_cast<float>(row[k]);
        out[k] += product;
    }
}

}  // namespace

StaticEmbedder::StaticEmbedder(WordPieceTokenizer tokenizer, std::vector<std::int8_t> rows, std::vector<float> scales,
                               std::vector<float> weights, std::size_t dim, StaticEmbedderOptions options)
    : tokenizer_(std::move(tokenizer)), rows_(std::move(rows)), dim_(dim), options_(options) {
    require(dim_ > 0, "static embedding model: the dimension must be positive");
    require(rows_.size() % dim_ == 0, "static embedding model: the embeddings are not vocab x dim");
    const std::size_t vocab = rows_.size() / dim_;
    require(vocab > 0, "static embedding model: no token vectors");
    require(scales.size() == vocab, "static embedding model: " + std::to_string(scales.size()) + " scales for " + std::to_string(vocab) + " token vectors");
    require(weights.size() == vocab, "static embedding model: " + std::to_string(weights.size()) + " weights for " + std::to_string(vocab) + " token vectors");
    factors_.resize(vocab);
    for (std::size_t t = 0; t < vocab; ++t) {
        require(std::isfinite(scales[t]) && std::isfinite(weights[t]), "static embedding model: scale or weight of token " + std::to_string(t) + " is not finite");
        factors_[t] = weights[t] * scales[t];
    }
    unk_id_ = tokenizer_.token_to_id(tokenizer_.options().unk_token);
}

StaticEmbedder StaticEmbedder::from_safetensors(const std::uint8_t* bytes, std::size_t size, StaticEmbedderOptions options) {
    safetensors::File file = safetensors::parse(bytes, size);
    const auto tokenizer_json = file.metadata.find("tokenizer");
    require(tokenizer_json != file.metadata.end(), "static embedding model: no \"tokenizer\" entry in the file's metadata");
    const safetensors::Tensor& embeddings = file.get("embeddings");
    require(embeddings.dtype == safetensors::Dtype::I8 && embeddings.shape.size() == 2,
            "static embedding model: 'embeddings' must be an I8 tensor [vocab, dim]");
    const std::size_t vocab = embeddings.shape[0], dim = embeddings.shape[1];
    const safetensors::Tensor& scales = file.get("scales");
    const safetensors::Tensor& weights = file.get("weights");
    for (const safetensors::Tensor* t : {&scales, &weights})
        require(t->shape.size() == 1 && t->shape[0] == vocab,
                "static embedding model: '" + t->name + "' must have one value per token vector (" + std::to_string(vocab) + ")");
    std::vector<std::int8_t> rows(embeddings.data.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<std::int8_t>(embeddings.data[i]);
    auto tokenizer = WordPieceTokenizer::from_tokenizer_json(tokenizer_json->second, options.max_tokens == 0 ? 0 : options.max_tokens + 2);
    return StaticEmbedder(std::move(tokenizer), std::move(rows), scales.to_f32(), weights.to_f32(), dim, options);
}

std::size_t StaticEmbedder::accumulate(std::span<const std::int32_t> ids, float* out) const {
    std::size_t count = 0;
    for (const std::int32_t id : ids) {
        if (options_.drop_unknown && id == unk_id_) continue;
        if (id < 0 || static_cast<std::size_t>(id) >= factors_.size()) throw Error("static embedding model: token id " + std::to_string(id) + " has no vector");
        add_scaled_row(out, rows_.data() + static_cast<std::size_t>(id) * dim_, factors_[id], dim_);
        ++count;
    }
    return count;
}

void StaticEmbedder::embed_one(std::string_view text, float* out, std::uint32_t* count) const {
    const std::vector<std::int32_t> ids = tokenizer_.encode(text);
    // encode() wraps the pieces in [CLS] ... [SEP]; Model2Vec embeds the pieces alone.
    const std::span<const std::int32_t> pieces = ids.size() >= 2 ? std::span<const std::int32_t>(ids).subspan(1, ids.size() - 2)
                                                                 : std::span<const std::int32_t>();
    const std::size_t n = accumulate(pieces, out);
    if (count) *count = static_cast<std::uint32_t>(n);
    if (n == 0) return;
    const float inv = 1.0f / static_cast<float>(n);
    for (std::size_t k = 0; k < dim_; ++k) out[k] *= inv;
    if (options_.normalize) {
        const float norm = std::sqrt(dot(out, out, dim_));
        if (norm > 0.0f) {
            const float scale = 1.0f / norm;
            for (std::size_t k = 0; k < dim_; ++k) out[k] *= scale;
        }
    }
}

Matrix StaticEmbedder::embed(std::string_view utf8, std::span<const std::uint32_t> offsets, std::vector<std::uint32_t>* token_counts) const {
    require(!offsets.empty(), "static embeddings: offsets must hold n + 1 entries");
    const std::size_t n = offsets.size() - 1;
    for (std::size_t d = 0; d < n; ++d)
        require(offsets[d] <= offsets[d + 1], "static embeddings: offsets must be non-decreasing (document " + std::to_string(d) + ")");
    require(offsets[n] <= utf8.size(), "static embeddings: offsets run past the end of the text");
    Matrix out(n, dim_);
    if (token_counts) token_counts->assign(n, 0);
    parallel_for(
        n,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t d = begin; d < end; ++d)
                embed_one(utf8.substr(offsets[d], offsets[d + 1] - offsets[d]), out.row(d), token_counts ? token_counts->data() + d : nullptr);
        },
        16);
    return out;
}

Matrix StaticEmbedder::embed(const std::vector<std::string>& texts) const {
    std::string utf8;
    std::vector<std::uint32_t> offsets{0};
    for (const std::string& t : texts) {
        utf8 += t;
        offsets.push_back(static_cast<std::uint32_t>(utf8.size()));
    }
    return embed(utf8, offsets);
}

}  // namespace topicwasm
