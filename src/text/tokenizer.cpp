#include "text/tokenizer.hpp"

#include "text/unicode.hpp"

namespace topicwasm {

namespace {

// Python's str.lower() maps capital sigma to final sigma at the end of a word (Unicode
// SpecialCasing "Final_Sigma"): preceded by a cased letter and not followed by one, skipping
// case-ignorable characters. These two predicates approximate the Unicode properties by category.
bool is_cased(char32_t c) {
    auto cat = unicode::category(c);
    return cat == "Lu" || cat == "Ll" || cat == "Lt";
}

bool is_case_ignorable(char32_t c) {
    if (c == '\'' || c == '.' || c == ':' || c == '^' || c == '`' || c == 0xB7 || c == 0x2019) return true;
    auto cat = unicode::category(c);
    return cat == "Mn" || cat == "Me" || cat == "Cf" || cat == "Lm" || cat == "Sk";
}

bool is_final_sigma(const std::u32string& s, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && is_case_ignorable(s[j - 1])) --j;
    if (j == 0 || !is_cased(s[j - 1])) return false;
    std::size_t k = i + 1;
    while (k < s.size() && is_case_ignorable(s[k])) ++k;
    return k == s.size() || !is_cased(s[k]);
}

}  // namespace

std::string lowercase(std::string_view text) {
    bool ascii = true;
    for (char ch : text) ascii &= static_cast<unsigned char>(ch) < 0x80;
    if (ascii) {
        // In place on a copy: std::string::push_back is an out-of-line call (and, with Emscripten's
        // JavaScript exception handling, a trip through a JS trampoline) per character.
        std::string out(text);
        for (char& ch : out)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
        return out;
    }
    std::u32string in = unicode::decode_utf8(text), lowered;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == 0x3A3)
            lowered.push_back(is_final_sigma(in, i) ? 0x3C2 : 0x3C3);
        else
            unicode::append_lower(in[i], lowered);
    }
    return unicode::encode_utf8(lowered);
}

std::vector<std::string_view> word_views(std::string_view text) {
    // (?u)\b\w\w+\b matches exactly the maximal runs of two or more word characters. The text is
    // walked as UTF-8 in place (no UTF-32 copy): a token's bytes are its code points' own encoding,
    // since an invalid byte decodes to U+FFFD, which is not a word character and so ends a run.
    std::vector<std::string_view> tokens;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t start = 0, run = 0;  // run: word characters in the current run, from byte `start`
    for (std::size_t i = 0; i < n;) {
        char32_t c = s[i];
        const std::size_t length = c < 0x80 ? 1 : unicode::decode_one(s, n, i, c);
        const bool word = c < 0x80 ? unicode::is_ascii_word_char(c) : unicode::is_word_char(c);
        if (word) {
            if (run++ == 0) start = i;
        } else {
            if (run >= 2) tokens.push_back(text.substr(start, i - start));
            run = 0;
        }
        i += length;
    }
    if (run >= 2) tokens.push_back(text.substr(start));
    return tokens;
}

std::vector<std::string> word_tokens(std::string_view text) {
    std::vector<std::string> tokens;
    for (std::string_view token : word_views(text)) tokens.emplace_back(token);
    return tokens;
}

std::vector<std::string> analyze(std::string_view text, const TermSet* stop_words) {
    const std::string lowered = lowercase(text);
    std::vector<std::string> kept;
    for (std::string_view token : word_views(lowered))
        if (!stop_words || stop_words->find(token) == stop_words->end()) kept.emplace_back(token);
    return kept;
}

}  // namespace topicwasm
