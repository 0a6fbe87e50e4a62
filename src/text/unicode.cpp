#include "text/unicode.hpp"

#include <algorithm>

#include "text/unicode_tables.hpp"

namespace topicwasm::unicode {

namespace t = tables;

bool is_word_char(char32_t c) {
    if (c < 0x80) return is_ascii_word_char(c);
    const t::CodeRange* end = t::kWordRanges + t::kWordRangeCount;
    const t::CodeRange* it = std::upper_bound(t::kWordRanges, end, c, [](char32_t v, const t::CodeRange& r) { return v < r.first; });
    return it != t::kWordRanges && c <= (it - 1)->last;
}

std::string_view category(char32_t c) {
    if (c >= 0x110000) return "Cn";
    const t::CategoryRun* end = t::kCategoryRuns + t::kCategoryRunCount;
    const t::CategoryRun* it = std::upper_bound(t::kCategoryRuns, end, c, [](char32_t v, const t::CategoryRun& r) { return v < r.start; });
    return t::kCategoryNames[(it - 1)->category];
}

namespace {
const t::Mapping* find_mapping(const t::Mapping* map, std::size_t count, char32_t c) {
    const t::Mapping* end = map + count;
    const t::Mapping* it = std::lower_bound(map, end, c, [](const t::Mapping& m, char32_t v) { return m.code < v; });
    return (it != end && it->code == c) ? it : nullptr;
}
}  // namespace

void append_lower(char32_t c, std::u32string& out) {
    if (c < 0x80) {
        out.push_back((c >= 'A' && c <= 'Z') ? c + 32 : c);
        return;
    }
    if (const t::Mapping* m = find_mapping(t::kLowerMap, t::kLowerMapCount, c))
        out.append(t::kLowerPool + m->offset, m->length);
    else
        out.push_back(c);
}

void append_nfd(char32_t c, std::u32string& out) {
    // Hangul syllables decompose arithmetically (Unicode 3.12, "Conjoining Jamo Behavior").
    constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
    constexpr char32_t kVCount = 21, kTCount = 28, kSCount = 11172;
    if (c >= kSBase && c < kSBase + kSCount) {
        char32_t s = c - kSBase;
        out.push_back(kLBase + s / (kVCount * kTCount));
        out.push_back(kVBase + (s % (kVCount * kTCount)) / kTCount);
        if (s % kTCount) out.push_back(kTBase + s % kTCount);
        return;
    }
    if (c < 0xC0) {
        out.push_back(c);
        return;
    }
    if (const t::Mapping* m = find_mapping(t::kNfdMap, t::kNfdMapCount, c))
        out.append(t::kNfdPool + m->offset, m->length);
    else
        out.push_back(c);
}

std::size_t decode_one(const unsigned char* s, std::size_t n, std::size_t i, char32_t& c) {
    const unsigned char b = s[i];
    if (b < 0x80) {
        c = b;
        return 1;
    }
    const int len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? (b <= 0xEF ? 3 : 0) : b >= 0xC2 ? 2 : 0;
    char32_t value = len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    bool ok = len > 0 && i + len <= n;
    for (int k = 1; ok && k < len; ++k) {
        if ((s[i + k] & 0xC0) != 0x80) ok = false;
        value = (value << 6) | (s[i + k] & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if (ok && ((len == 3 && value < 0x800) || (len == 4 && (value < 0x10000 || value > 0x10FFFF)) ||
               (value >= 0xD800 && value <= 0xDFFF)))
        ok = false;
    c = ok ? value : 0xFFFD;
    return ok ? static_cast<std::size_t>(len) : 1;
}

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        char32_t c;
        i += decode_one(s, text.size(), i, c);
        out.push_back(c);
    }
    return out;
}

void append_utf8(char32_t c, std::string& out) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) append_utf8(c, out);
    return out;
}

}  // namespace topicwasm::unicode
