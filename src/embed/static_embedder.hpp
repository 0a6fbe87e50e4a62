#pragma once
// Static sentence embeddings (Model2Vec, Tulkens & van Dongen 2024): a document's vector is the
// weighted mean of its WordPiece tokens' vectors, L2-normalised. No transformer runs at embedding
// time, so it is a few hundred times faster than all-MiniLM-L6-v2 and close to it in quality for
// topic modeling (numbers: README, tests/static-embed.test.mjs).
//
// The model file (scripts/distill-static.mjs writes web/models/static-minilm.safetensors) is a
// safetensors file with
//   embeddings  I8  [vocab, dim]   token vectors, row t = embeddings[t] * scales[t]
//   scales      F32 [vocab]        one scale per row
//   weights     F32 [vocab]        SIF weight per token (0 for tokens never used)
// and the BERT tokenizer.json as the string metadata entry "tokenizer".
//
// Embedding one document, as Model2Vec's StaticModel.encode:
//   1. WordPiece (src/text/wordpiece.hpp) without [CLS]/[SEP], the first max_tokens pieces;
//      [UNK] pieces are dropped (drop_unknown);
//   2. v = sum_t weights[t] * scales[t] * embeddings[t] / (number of tokens) (float32, tokens in
//      order, each dimension accumulated separately: the same bits in wasm SIMD and scalar code);
//   3. v / |v| (normalize). A document without any known token gets the zero vector.
// Documents run in parallel (parallel_for); each row depends only on its document, so the result
// is identical for any thread count.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/matrix.hpp"
#include "text/wordpiece.hpp"

namespace topicwasm {

struct StaticEmbedderOptions {
    std::size_t max_tokens = 512;  // word pieces per document (Model2Vec's encode max_length); 0 = all
    bool normalize = true;         // L2-normalise each document vector
    bool drop_unknown = true;      // skip [UNK] pieces (Model2Vec does)
};

class StaticEmbedder {
public:
    // From the parts: rows is vocab x dim int8 (row-major), scales and weights one per row. A
    // token id >= vocab met while embedding throws Error.
    StaticEmbedder(WordPieceTokenizer tokenizer, std::vector<std::int8_t> rows, std::vector<float> scales,
                   std::vector<float> weights, std::size_t dim, StaticEmbedderOptions options = {});

    // From a model file's bytes (layout above). Throws Error naming what is missing or malformed.
    static StaticEmbedder from_safetensors(const std::uint8_t* bytes, std::size_t size, StaticEmbedderOptions options = {});

    // Vectors of documents packed as one UTF-8 buffer: document d is utf8[offsets[d], offsets[d + 1]).
    // Returns an n x dim matrix, row d for document d. When token_counts is given, it receives the
    // number of pieces each document's vector averages.
    Matrix embed(std::string_view utf8, std::span<const std::uint32_t> offsets,
                 std::vector<std::uint32_t>* token_counts = nullptr) const;
    Matrix embed(const std::vector<std::string>& texts) const;

    // Adds one document's vector to out (dim floats, zeroed by the caller) and returns its token
    // count, before normalisation/division: the kernel embed() uses, exposed for tests.
    std::size_t accumulate(std::span<const std::int32_t> ids, float* out) const;

    std::size_t dim() const { return dim_; }
    std::size_t vocab_size() const { return factors_.size(); }
    const StaticEmbedderOptions& options() const { return options_; }
    const WordPieceTokenizer& tokenizer() const { return tokenizer_; }

private:
    void embed_one(std::string_view text, float* out, std::uint32_t* count) const;

    WordPieceTokenizer tokenizer_;
    std::vector<std::int8_t> rows_;  // vocab x dim_
    std::vector<float> factors_;     // weights[t] * scales[t]
    std::size_t dim_ = 0;
    std::int32_t unk_id_ = -1;
    StaticEmbedderOptions options_;
};

}  // namespace topicwasm
