#include "text/wordpiece.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "text/mini_json.hpp"
#include "text/unicode.hpp"

namespace topicwasm {

// Token strings live in one pool; the maps key string_views into it, so lookups of substrings of
// a word need no allocation. Shared and immutable once built, so tokenizer copies stay valid.
struct WordPieceTokenizer::Vocab {
    std::string pool;
    std::unordered_map<std::string_view, std::int32_t> words;          // every token
    std::unordered_map<std::string_view, std::int32_t> continuations;  // "##x" tokens, keyed "x"
    std::vector<std::pair<std::u32string, std::int32_t>> added;        // longest first
    std::vector<std::string> added_utf8;                               // same order as `added`

    static std::shared_ptr<const Vocab> build(const std::vector<std::pair<std::string, std::int32_t>>& entries,
                                              const std::string& prefix,
                                              const std::vector<std::pair<std::string, std::int32_t>>& added_tokens) {
        auto v = std::make_shared<Vocab>();
        std::size_t total = 0;
        for (const auto& e : entries) total += e.first.size();
        v->pool.reserve(total);  // never reallocated after this: the views below stay valid
        std::vector<std::pair<std::size_t, std::size_t>> spans;
        spans.reserve(entries.size());
        for (const auto& e : entries) {
            spans.emplace_back(v->pool.size(), e.first.size());
            v->pool += e.first;
        }
        v->words.reserve(entries.size());
        for (std::size_t i = 0; i < entries.size(); ++i) {
            std::string_view token(v->pool.data() + spans[i].first, spans[i].second);
            std::int32_t id = entries[i].second;
            v->words.emplace(token, id);  // first occurrence wins
            if (!prefix.empty() && token.size() > prefix.size() && token.substr(0, prefix.size()) == prefix)
                v->continuations.emplace(token.substr(prefix.size()), id);
        }
        for (const auto& [content, id] : added_tokens) {
            if (content.empty()) continue;
            v->added.emplace_back(unicode::decode_utf8(content), id);
        }
        std::stable_sort(v->added.begin(), v->added.end(),
                         [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
        for (const auto& a : v->added) v->added_utf8.push_back(unicode::encode_utf8(a.first));
        return v;
    }
};

namespace {

// huggingface/tokenizers normalizers/bert.rs is_chinese_char: the CJK Unified Ideographs blocks
// and their extensions / compatibility ideographs (not Hiragana, Katakana or Hangul).
bool is_cjk(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// \t \n \r count as whitespace, not control (bert.rs). Unassigned code points (Cn) are kept, as
// the JavaScript tokenizers do: our tables (Python's Unicode 14) call newer characters Cn that
// the Rust tables know, so dropping Cn would drop real characters.
bool is_control(char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r') return false;
    if (c < 0x80) return c < 0x20 || c == 0x7F;
    std::string_view cat = unicode::category(c);
    return cat[0] == 'C' && (cat[1] == 'c' || cat[1] == 'f' || cat[1] == 'o' || cat[1] == 's');
}

// Rust's char::is_whitespace (Unicode White_Space); its control members other than \t \n \r are
// removed by the cleaning step before this matters.
bool is_whitespace(char32_t c) {
    if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
    if (c == 0x85) return true;
    std::string_view cat = unicode::category(c);
    return cat[0] == 'Z';
}

// ASCII punctuation (which includes symbols such as $ + < = > ^ ` | ~) or Unicode P*.
bool is_punctuation(char32_t c) {
    if (c < 0x80) return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
    return unicode::category(c)[0] == 'P';
}

bool is_nonspacing_mark(char32_t c) {
    if (c < 0x300) return false;
    std::string_view cat = unicode::category(c);
    return cat[0] == 'M' && cat[1] == 'n';
}

std::int32_t lookup(const std::unordered_map<std::string_view, std::int32_t>& map, std::string_view key) {
    auto it = map.find(key);
    return it == map.end() ? -1 : it->second;
}

}  // namespace

WordPieceTokenizer::WordPieceTokenizer(std::shared_ptr<const Vocab> vocab, WordPieceOptions options)
    : vocab_(std::move(vocab)), options_(std::move(options)) {
    require(options_.max_length == 0 || options_.max_length >= 2,
            "WordPiece max_length must be 0 (no truncation) or at least 2 (room for [CLS] and [SEP])");
    require(options_.max_input_chars_per_word >= 1, "WordPiece max_input_chars_per_word must be at least 1");
    unk_id_ = lookup(vocab_->words, options_.unk_token);
    cls_id_ = lookup(vocab_->words, options_.cls_token);
    sep_id_ = lookup(vocab_->words, options_.sep_token);
    // Added tokens may carry ids outside model.vocab in tokenizer.json; look there too.
    for (const auto& [content, id] : vocab_->added) {
        std::string s = unicode::encode_utf8(content);
        if (unk_id_ < 0 && s == options_.unk_token) unk_id_ = id;
        if (cls_id_ < 0 && s == options_.cls_token) cls_id_ = id;
        if (sep_id_ < 0 && s == options_.sep_token) sep_id_ = id;
    }
    require(unk_id_ >= 0, "WordPiece vocabulary has no unknown token '" + options_.unk_token + "'");
    require(cls_id_ >= 0, "WordPiece vocabulary has no classifier token '" + options_.cls_token + "'");
    require(sep_id_ >= 0, "WordPiece vocabulary has no separator token '" + options_.sep_token + "'");
}

WordPieceTokenizer::WordPieceTokenizer(const std::vector<std::string>& vocab, WordPieceOptions options,
                                       const std::vector<std::string>& added)
    : WordPieceTokenizer(
          [&] {
              require(!vocab.empty(), "WordPiece vocabulary is empty");
              require(vocab.size() < 0x7FFFFFFF, "WordPiece vocabulary is too large");
              std::vector<std::pair<std::string, std::int32_t>> entries;
              entries.reserve(vocab.size());
              for (std::size_t i = 0; i < vocab.size(); ++i) entries.emplace_back(vocab[i], static_cast<std::int32_t>(i));
              std::vector<std::pair<std::string, std::int32_t>> added_entries;
              for (const std::string& a : added) {
                  auto it = std::find(vocab.begin(), vocab.end(), a);
                  require(it != vocab.end(), "added token '" + a + "' is not in the WordPiece vocabulary");
                  added_entries.emplace_back(a, static_cast<std::int32_t>(it - vocab.begin()));
              }
              return Vocab::build(entries, options.continuing_subword_prefix, added_entries);
          }(),
          options) {}

WordPieceTokenizer WordPieceTokenizer::from_tokenizer_json(std::string_view text, std::size_t max_length) {
    json::Value root = json::parse(text);
    require(root.is_object(), "tokenizer.json: the top level is not an object");
    WordPieceOptions options;
    options.max_length = max_length;

    const json::Value* model = root.find("model");
    require(model && model->is_object(), "tokenizer.json has no \"model\" object");
    if (const json::Value* type = model->find("type"); type && type->is_string())
        require(type->string == "WordPiece",
                "tokenizer.json: model type \"" + type->string + "\" is not supported (only WordPiece)");
    const json::Value* vocab = model->find("vocab");
    require(vocab && vocab->is_object() && !vocab->object.empty(),
            "tokenizer.json: model.vocab is missing or not a token -> id object");
    auto as_id = [](const json::Value& v, const std::string& what) {
        require(v.is_number() && v.number >= 0 && v.number < 2147483647.0 && std::floor(v.number) == v.number,
                "tokenizer.json: id of " + what + " is not a non-negative integer");
        return static_cast<std::int32_t>(v.number);
    };
    std::vector<std::pair<std::string, std::int32_t>> entries;
    entries.reserve(vocab->object.size());
    for (const auto& [token, id] : vocab->object) entries.emplace_back(token, as_id(id, "'" + token + "'"));
    if (const json::Value* v = model->find("unk_token"); v && v->is_string()) options.unk_token = v->string;
    if (const json::Value* v = model->find("continuing_subword_prefix"); v && v->is_string())
        options.continuing_subword_prefix = v->string;
    if (const json::Value* v = model->find("max_input_chars_per_word"); v && v->is_number() && v->number >= 1)
        options.max_input_chars_per_word = static_cast<std::size_t>(v->number);

    const json::Value* normalizer = root.find("normalizer");
    if (!normalizer || normalizer->is_null()) {
        options.clean_text = options.handle_chinese_chars = options.lowercase = options.strip_accents = false;
    } else {
        const json::Value* type = normalizer->find("type");
        require(type && type->is_string() && type->string == "BertNormalizer",
                "tokenizer.json: only the BertNormalizer normalizer is supported");
        auto flag = [&](const char* key, bool fallback) {
            const json::Value* v = normalizer->find(key);
            return v && v->is_bool() ? v->boolean : fallback;
        };
        options.clean_text = flag("clean_text", true);
        options.handle_chinese_chars = flag("handle_chinese_chars", true);
        options.lowercase = flag("lowercase", true);
        options.strip_accents = flag("strip_accents", options.lowercase);  // null: follows lowercase
    }
    if (const json::Value* pre = root.find("pre_tokenizer"); pre && !pre->is_null()) {
        const json::Value* type = pre->find("type");
        require(type && type->is_string() && type->string == "BertPreTokenizer",
                "tokenizer.json: only the BertPreTokenizer pre-tokenizer is supported");
    }

    // [CLS]/[SEP] from the post-processor: TemplateProcessing's first and last special tokens of
    // "single", or BertProcessing's cls/sep pairs.
    if (const json::Value* post = root.find("post_processor"); post && post->is_object()) {
        const json::Value* type = post->find("type");
        std::string t = type && type->is_string() ? type->string : "";
        if (t == "TemplateProcessing") {
            const json::Value* single = post->find("single");
            std::vector<std::string> specials;
            bool sequence_seen = false;
            if (single && single->is_array())
                for (const json::Value& piece : single->array) {
                    if (const json::Value* sp = piece.find("SpecialToken")) {
                        const json::Value* id = sp->find("id");
                        if (id && id->is_string()) specials.push_back(id->string);
                    } else if (piece.find("Sequence")) {
                        require(specials.size() == 1 || (specials.empty() && !sequence_seen),
                                "tokenizer.json: unsupported post-processor template");
                        sequence_seen = true;
                    }
                }
            require(sequence_seen && specials.size() == 2,
                    "tokenizer.json: post-processor template is not \"[CLS] $A [SEP]\"-shaped");
            options.cls_token = specials[0];
            options.sep_token = specials[1];
        } else if (t == "BertProcessing") {
            const json::Value* cls = post->find("cls");
            const json::Value* sep = post->find("sep");
            require(cls && cls->is_array() && !cls->array.empty() && cls->array[0].is_string() && sep &&
                        sep->is_array() && !sep->array.empty() && sep->array[0].is_string(),
                    "tokenizer.json: BertProcessing without cls/sep");
            options.cls_token = cls->array[0].string;
            options.sep_token = sep->array[0].string;
        } else {
            throw Error("tokenizer.json: post-processor \"" + t + "\" is not supported");
        }
    }

    std::vector<std::pair<std::string, std::int32_t>> added;
    if (const json::Value* list = root.find("added_tokens"); list && list->is_array()) {
        for (const json::Value& a : list->array) {
            const json::Value* content = a.find("content");
            const json::Value* id = a.find("id");
            const json::Value* normalized = a.find("normalized");
            require(content && content->is_string() && id, "tokenizer.json: added token without content or id");
            // Tokens with normalized=true are matched after normalisation in `tokenizers`; BERT
            // models mark all their special tokens normalized=false, so they are the only kind here.
            if (normalized && normalized->is_bool() && normalized->boolean) continue;
            added.emplace_back(content->string, as_id(*id, "added token '" + content->string + "'"));
        }
    }
    return WordPieceTokenizer(Vocab::build(entries, options.continuing_subword_prefix, added), options);
}

std::int32_t WordPieceTokenizer::token_to_id(std::string_view token) const {
    std::int32_t id = lookup(vocab_->words, token);
    if (id >= 0) return id;
    for (std::size_t i = 0; i < vocab_->added.size(); ++i)
        if (vocab_->added_utf8[i] == token) return vocab_->added[i].second;
    return -1;
}

std::size_t WordPieceTokenizer::vocab_size() const { return vocab_->words.size(); }

void WordPieceTokenizer::wordpiece(const std::u32string& word, std::vector<std::int32_t>& out,
                                   std::vector<std::string>* strings) const {
    if (word.empty()) return;
    if (word.size() > options_.max_input_chars_per_word) {
        out.push_back(unk_id_);
        if (strings) strings->push_back(options_.unk_token);
        return;
    }
    // UTF-8 of the word plus the byte offset of every code point, so candidate pieces are views.
    std::string utf8;
    std::vector<std::size_t> offset;
    offset.reserve(word.size() + 1);
    for (char32_t c : word) {
        offset.push_back(utf8.size());
        unicode::append_utf8(c, utf8);
    }
    offset.push_back(utf8.size());

    const std::size_t first = out.size();
    const std::size_t first_string = strings ? strings->size() : 0;
    const auto& continuation = options_.continuing_subword_prefix.empty() ? vocab_->words : vocab_->continuations;
    std::size_t start = 0, n = word.size();
    while (start < n) {
        std::int32_t id = -1;
        std::size_t end = n;
        for (; end > start; --end) {
            std::string_view piece(utf8.data() + offset[start], offset[end] - offset[start]);
            id = lookup(start == 0 ? vocab_->words : continuation, piece);
            if (id >= 0) break;
        }
        if (id < 0) {  // no segmentation: the whole word is unknown
            out.resize(first);
            out.push_back(unk_id_);
            if (strings) {
                strings->resize(first_string);
                strings->push_back(options_.unk_token);
            }
            return;
        }
        out.push_back(id);
        if (strings) {
            std::string s = start == 0 ? std::string() : options_.continuing_subword_prefix;
            s.append(utf8, offset[start], offset[end] - offset[start]);
            strings->push_back(std::move(s));
        }
        start = end;
    }
}

void WordPieceTokenizer::append_pieces(std::string_view text, std::vector<std::int32_t>& out, std::size_t limit,
                                       std::vector<std::string>* strings) const {
    const std::u32string chars = unicode::decode_utf8(text);
    const std::size_t base = out.size();
    auto full = [&] { return limit != 0 && out.size() - base >= limit; };

    std::u32string word, normalized, scratch;
    auto flush = [&] {
        if (!word.empty() && !full()) wordpiece(word, out, strings);
        word.clear();
    };
    // Normalises one raw code point and feeds the result to the pre-tokenizer (word splitting).
    auto feed = [&](char32_t c) {
        if (options_.clean_text) {
            if (c == 0 || c == 0xFFFD || is_control(c)) return;
            if (is_whitespace(c)) c = ' ';
        }
        normalized.clear();
        if (options_.handle_chinese_chars && is_cjk(c)) {
            normalized = {U' ', c, U' '};
        } else {
            normalized.push_back(c);
        }
        if (options_.strip_accents && !(c < 0x80)) {
            scratch.clear();
            for (char32_t x : normalized) unicode::append_nfd(x, scratch);
            normalized.clear();
            for (char32_t x : scratch)
                if (!is_nonspacing_mark(x)) normalized.push_back(x);
        }
        if (options_.lowercase) {
            scratch.clear();
            for (char32_t x : normalized) unicode::append_lower(x, scratch);
            normalized.swap(scratch);
        }
        for (char32_t x : normalized) {
            if (is_whitespace(x)) {
                flush();
            } else if (is_punctuation(x)) {
                flush();
                word.push_back(x);
                flush();
            } else {
                word.push_back(x);
            }
        }
    };

    // Raw text is split on added tokens first (longest match at the leftmost position).
    const auto& added = vocab_->added;
    for (std::size_t i = 0; i < chars.size() && !full();) {
        std::size_t matched = 0;
        std::int32_t matched_id = -1;
        for (const auto& [content, id] : added) {
            if (content.size() <= chars.size() - i && chars.compare(i, content.size(), content) == 0) {
                matched = content.size();
                matched_id = id;
                break;  // sorted longest first
            }
        }
        if (matched) {
            flush();
            if (!full()) {
                out.push_back(matched_id);
                if (strings) strings->push_back(unicode::encode_utf8(chars.substr(i, matched)));
            }
            i += matched;
        } else {
            feed(chars[i]);
            ++i;
        }
    }
    flush();
    if (limit != 0 && out.size() - base > limit) {
        out.resize(base + limit);
        if (strings) strings->resize(limit);
    }
}

std::vector<std::int32_t> WordPieceTokenizer::encode(std::string_view text) const {
    std::vector<std::int32_t> ids;
    ids.push_back(cls_id_);
    append_pieces(text, ids, options_.max_length == 0 ? 0 : options_.max_length - 2, nullptr);
    ids.push_back(sep_id_);
    return ids;
}

namespace {
// Runs encode(text_of(d)) for every document in parallel and concatenates the results in order.
template <class TextOf>
TokenizedBatch encode_all(const WordPieceTokenizer& tokenizer, std::size_t n, TextOf text_of) {
    std::vector<std::vector<std::int32_t>> per_doc(n);
    parallel_for(
        n,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t d = begin; d < end; ++d) per_doc[d] = tokenizer.encode(text_of(d));
        },
        16);
    TokenizedBatch batch;
    std::size_t total = 0;
    for (const auto& ids : per_doc) total += ids.size();
    batch.ids.reserve(total);
    batch.lengths.reserve(n);
    for (const auto& ids : per_doc) {
        batch.ids.insert(batch.ids.end(), ids.begin(), ids.end());
        batch.lengths.push_back(static_cast<std::int32_t>(ids.size()));
    }
    return batch;
}
}  // namespace

TokenizedBatch WordPieceTokenizer::encode_batch(const std::vector<std::string>& texts) const {
    return encode_all(*this, texts.size(), [&](std::size_t d) { return std::string_view(texts[d]); });
}

TokenizedBatch WordPieceTokenizer::encode_batch(std::string_view utf8, std::span<const std::uint32_t> offsets) const {
    require(!offsets.empty(), "document offsets must have one entry more than there are documents");
    for (std::size_t d = 0; d + 1 < offsets.size(); ++d)
        require(offsets[d] <= offsets[d + 1], "document offsets must be non-decreasing (document " + std::to_string(d) + ")");
    require(offsets.back() <= utf8.size(), "document offsets run past the end of the text buffer");
    return encode_all(*this, offsets.size() - 1,
                      [&](std::size_t d) { return utf8.substr(offsets[d], offsets[d + 1] - offsets[d]); });
}

std::vector<std::string> WordPieceTokenizer::tokenize(std::string_view text) const {
    std::vector<std::int32_t> ids;
    std::vector<std::string> strings;
    append_pieces(text, ids, 0, &strings);
    return strings;
}

}  // namespace topicwasm
