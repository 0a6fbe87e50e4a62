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
    std::string out;
    out.reserve(text.size());
    if (ascii) {
        for (char ch : text) out.push_back((ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch);
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

std::vector<std::string> word_tokens(std::string_view text) {
    // (?u)\b\w\w+\b matches exactly the maximal runs of two or more word characters.
    std::vector<std::string> tokens;
    std::u32string chars = unicode::decode_utf8(text);
    std::size_t i = 0;
    while (i < chars.size()) {
        if (!unicode::is_word_char(chars[i])) {
            ++i;
            continue;
        }
        std::size_t start = i;
        while (i < chars.size() && unicode::is_word_char(chars[i])) ++i;
        if (i - start >= 2) tokens.push_back(unicode::encode_utf8(std::u32string_view(chars).substr(start, i - start)));
    }
    return tokens;
}

std::vector<std::string> analyze(std::string_view text, const std::unordered_set<std::string>* stop_words) {
    std::vector<std::string> tokens = word_tokens(lowercase(text));
    if (!stop_words || stop_words->empty()) return tokens;
    std::vector<std::string> kept;
    kept.reserve(tokens.size());
    for (auto& t : tokens)
        if (!stop_words->count(t)) kept.push_back(std::move(t));
    return kept;
}

}  // namespace topicwasm
