#pragma once
// scikit-learn's default analyzer pieces, as BERTopic's CountVectorizer uses them:
// lowercase, then tokens matching (?u)\b\w\w+\b where \w is Python 3's Unicode word character
// (str.isalnum() or '_': letters, marks, digits of any script). Text is UTF-8.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace topicwasm {

// Hash for sets and maps of std::string that can be searched with a std::string_view (C++20's
// heterogeneous lookup), so a token seen as a view into its document needs no string of its own.
struct TermHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view term) const noexcept { return std::hash<std::string_view>{}(term); }
};
using TermSet = std::unordered_set<std::string, TermHash, std::equal_to<>>;

// Python's str.lower() on UTF-8 text (full Unicode simple case mapping + the special cases
// Python applies, e.g. 'İ' -> "i̇").
std::string lowercase(std::string_view text);

// Tokens of at least two word characters, in order, from already-lowercased text: as views into
// the text, or as strings.
std::vector<std::string_view> word_views(std::string_view lowercased);
std::vector<std::string> word_tokens(std::string_view lowercased);

// scikit-learn's ENGLISH_STOP_WORDS (318 words).
const TermSet& english_stop_words();

// lowercase + word_tokens + stop-word removal: sklearn's build_analyzer() for unigrams.
std::vector<std::string> analyze(std::string_view text, const TermSet* stop_words);

}  // namespace topicwasm
