#pragma once
// BERT's WordPiece tokenizer, as Hugging Face `tokenizers` runs it for all-MiniLM-L6-v2 (the
// `BertNormalizer` + `BertPreTokenizer` + `WordPiece` + `[CLS] A [SEP]` template of its
// tokenizer.json), with sentence-transformers' truncation (max_seq_length 256, counting [CLS] and
// [SEP]).
//
// Pipeline, per document (reference: huggingface/tokenizers normalizers/bert.rs,
// pre_tokenizers/bert.rs, models/wordpiece; Devlin et al. 2019, google-research/bert
// tokenization.py):
//   1. split the raw text on the added tokens ("[CLS]", "[SEP]", ... written literally), which map
//      straight to their ids;
//   2. clean: drop NUL, U+FFFD and control/format/private-use/surrogate characters (category
//      Cc/Cf/Co/Cs, except \t \n \r), turn whitespace (\t \n \r, Zs, Zl, Zp) into ' ';
//   3. put spaces around CJK ideographs so each becomes its own word;
//   4. strip accents (NFD, then drop nonspacing marks, category Mn), then lowercase code point by
//      code point (Rust's char::to_lowercase: no final-sigma context);
//   5. split on whitespace and around punctuation (ASCII punctuation and Unicode P*);
//   6. WordPiece: greedy longest-match-first over code points, continuation pieces prefixed "##";
//      a word with no full segmentation, or longer than 100 code points, becomes [UNK];
//   7. keep the first max_length - 2 pieces and wrap them in [CLS] ... [SEP].
// Text is UTF-8; invalid bytes decode to U+FFFD and are dropped by step 2 (as lone UTF-16
// surrogates are in the JavaScript tokenizers).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace topicwasm {

struct WordPieceOptions {
    // BertNormalizer (tokenizer.json "normalizer"); defaults are bert-base-uncased's.
    bool clean_text = true;
    bool handle_chinese_chars = true;
    bool lowercase = true;
    bool strip_accents = true;  // tokenizer.json's null means "same as lowercase"
    // WordPiece model (tokenizer.json "model").
    std::string unk_token = "[UNK]";
    std::string continuing_subword_prefix = "##";
    std::size_t max_input_chars_per_word = 100;
    // Post-processing: "[CLS] A [SEP]", truncated from the right to max_length tokens in all
    // (sentence-transformers' max_seq_length for all-MiniLM-L6-v2 is 256). 0 = no truncation.
    std::string cls_token = "[CLS]";
    std::string sep_token = "[SEP]";
    std::size_t max_length = 256;
};

// Many documents' ids, concatenated: document d has lengths[d] ids (including [CLS] and [SEP])
// starting at the sum of the lengths before it.
struct TokenizedBatch {
    std::vector<std::int32_t> ids;
    std::vector<std::int32_t> lengths;
};

class WordPieceTokenizer {
public:
    // vocab[i] is the token with id i. Every token named in `options` must be in it. `added` are
    // tokens matched verbatim in the raw text before normalisation (tokenizer.json "added_tokens"
    // with normalized=false, e.g. "[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]"); each must be in vocab.
    explicit WordPieceTokenizer(const std::vector<std::string>& vocab, WordPieceOptions options = {},
                                const std::vector<std::string>& added = {});

    // Reads vocabulary and settings from a Hugging Face tokenizer.json (WordPiece model,
    // BertNormalizer, BertPreTokenizer or WhitespaceSplit-free BERT setups). Throws Error naming
    // what is missing or unsupported. `max_length` is the truncation length (the tokenizer.json's
    // own truncation block is ignored: sentence-transformers overrides it).
    static WordPieceTokenizer from_tokenizer_json(std::string_view json, std::size_t max_length = 256);

    // Ids of one document: [CLS] pieces... [SEP], at most options().max_length of them.
    std::vector<std::int32_t> encode(std::string_view text) const;

    // encode() for each text, in parallel (parallel_for); the result does not depend on the
    // thread count.
    TokenizedBatch encode_batch(const std::vector<std::string>& texts) const;

    // The same over documents packed as one UTF-8 buffer: document d is
    // utf8[offsets[d], offsets[d + 1]) (the bindings' layout, see web/engine/documents.js). offsets has
    // one entry more than there are documents, non-decreasing, the last <= utf8.size().
    TokenizedBatch encode_batch(std::string_view utf8, std::span<const std::uint32_t> offsets) const;

    // The word pieces of a document as strings, without [CLS]/[SEP] and without truncation
    // (for tests and debugging).
    std::vector<std::string> tokenize(std::string_view text) const;

    // Id of a token, or -1.
    std::int32_t token_to_id(std::string_view token) const;
    std::size_t vocab_size() const;
    const WordPieceOptions& options() const { return options_; }

private:
    struct Vocab;
    WordPieceTokenizer(std::shared_ptr<const Vocab> vocab, WordPieceOptions options);

    // Appends piece ids of `text` to `out` until `limit` pieces were added (limit 0: no limit).
    void append_pieces(std::string_view text, std::vector<std::int32_t>& out, std::size_t limit,
                       std::vector<std::string>* strings) const;
    void wordpiece(const std::u32string& word, std::vector<std::int32_t>& out, std::vector<std::string>* strings) const;

    std::shared_ptr<const Vocab> vocab_;  // shared: string_view keys point into its pool
    WordPieceOptions options_;
    std::int32_t unk_id_ = -1, cls_id_ = -1, sep_id_ = -1;
};

}  // namespace topicwasm
