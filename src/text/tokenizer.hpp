#pragma once
// scikit-learn's default analyzer pieces, as BERTopic's CountVectorizer uses them:
// lowercase, then tokens matching (?u)\b\w\w+\b where \w is Python 3's Unicode word character
// (str.isalnum() or '_': letters, marks, digits of any script). Text is UTF-8.
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace topicwasm {

// Python's str.lower() on UTF-8 text (full Unicode simple case mapping + the special cases
// Python applies, e.g. 'İ' -> "i̇").
std::string lowercase(std::string_view text);

// Tokens of at least two word characters, in order, from already-lowercased text.
std::vector<std::string> word_tokens(std::string_view lowercased);

// scikit-learn's ENGLISH_STOP_WORDS (318 words).
const std::unordered_set<std::string>& english_stop_words();

// lowercase + word_tokens + stop-word removal: sklearn's build_analyzer() for unigrams.
std::vector<std::string> analyze(std::string_view text, const std::unordered_set<std::string>* stop_words);

}  // namespace topicwasm
