#pragma once
// Unicode character properties the tokenizers need, from tables generated with Python's own
// unicodedata/str methods (scripts/gen_unicode_tables.py -> unicode_tables.cpp), so our behaviour
// matches scikit-learn's regex tokenizer and the Python/Rust BERT tokenizers code point for code point.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace topicwasm::unicode {

// Python's re `\w` for str patterns: str.isalnum() or '_'.
bool is_word_char(char32_t c);
// The same for c < 0x80, inline: tokenizers test it per character before is_word_char's tables.
inline bool is_ascii_word_char(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Two-letter general category ("Lu", "Mn", "Po", "Zs", "Cc", ...); "Cn" for unassigned.
std::string_view category(char32_t c);

// Appends Python's str.lower() of c (usually one code point, occasionally more) as code points.
void append_lower(char32_t c, std::u32string& out);

// Appends the full canonical decomposition (NFD) of c; c itself when it has none. Hangul syllables
// are decomposed algorithmically.
void append_nfd(char32_t c, std::u32string& out);

// UTF-8 <-> UTF-32. Invalid UTF-8 bytes decode to U+FFFD (as Python's errors='replace').
std::u32string decode_utf8(std::string_view text);
// The code point starting at byte i of s (n bytes) into c; returns its length in bytes (1 for an
// invalid byte, decoded as U+FFFD). decode_utf8 is this in a loop.
std::size_t decode_one(const unsigned char* s, std::size_t n, std::size_t i, char32_t& c);
void append_utf8(char32_t c, std::string& out);
std::string encode_utf8(std::u32string_view text);

}  // namespace topicwasm::unicode
