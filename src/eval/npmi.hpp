#pragma once
// NPMI topic coherence exactly as gensim 4.2 computes CoherenceModel(coherence='c_npmi', topn=10):
// segmentation s_one_one (every ordered pair of distinct top words), probabilities from boolean
// sliding windows over the tokenised documents (p_boolean_sliding_window with its
// WordOccurrenceAccumulator), confirmation measure NPMI with epsilon 1e-12, arithmetic mean.
// Roeder, Both & Hinneburg (2015), "Exploring the space of topic coherence measures".
//
// gensim's window semantics, reproduced on purpose so numbers match the Python reference:
// - Every document yields max(1, n - window_size + 1) windows: a document shorter than the window
//   (even an empty one) is a single window, and every document counts, whether or not it holds a
//   topic word. The window count is the denominator of every probability.
// - Within a document, a word's "present in this window" flag is updated incrementally: when the
//   window slides by one, the token that left is switched off (even if another copy of it is still
//   inside the window) and the token that entered is switched on. So P(w) counts windows where the
//   flag is on, which is slightly fewer than the windows truly containing w. Because the flag of a
//   word depends only on that word's own positions, the counts do not depend on which topics are
//   scored, which is what lets WindowIndex be built once per corpus.
//
// WindowIndex stores, for every vocabulary word, the sorted runs of window ids where its flag is on
// (at most one run per token, so memory is linear in the corpus). A co-occurrence count is the
// overlap of two run lists, so scoring hundreds of topics costs milliseconds after one pass over
// the tokens.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace topicwasm {

struct NpmiOptions {
    // Top words of each topic that are scored (gensim CoherenceModel topn; default 10). Topic words
    // absent from every document are dropped first, as gensim 4.2 does, then the first top_n remain.
    std::size_t top_n = 10;
    // Boolean sliding window length in tokens (gensim's default for c_npmi: 10). Used when an
    // index is built by npmi_coherence(documents, ...); a prebuilt WindowIndex has its own.
    std::size_t window_size = 10;
    // Added to the joint probability inside both logarithms (gensim EPSILON = 1e-12).
    double epsilon = 1e-12;
};

struct NpmiResult {
    // Arithmetic mean of per_topic (NaN if any topic's value is NaN, as numpy's mean gives).
    double mean = 0.0;
    // One value per input topic, in input order. A topic left with a single scorable word has no
    // word pair and gets NaN (gensim: mean of an empty list).
    std::vector<double> per_topic;
    // The words actually scored for each topic (after dropping unknown words and truncating).
    std::vector<std::vector<std::string>> scored_words;
    // Topic words (within each topic, before truncation) that occur in no document.
    std::size_t words_dropped = 0;
    // Number of sliding windows over the corpus (gensim's accumulator.num_docs).
    std::uint64_t windows = 0;
};

// Per-word window runs of a tokenised corpus; build once, score many topic sets.
class WindowIndex {
public:
    // documents: one token list per document (already analysed: lowercased, stop words removed,
    // exactly the tokens the coherence should be measured on). Throws if window_size == 0.
    explicit WindowIndex(const std::vector<std::vector<std::string>>& documents, std::size_t window_size = 10);

    // Pre-interned form: the documents' tokens concatenated as ids into `vocabulary`, with document
    // d spanning [doc_offsets[d], doc_offsets[d + 1]) (doc_offsets.size() == documents + 1,
    // starting at 0, non-decreasing, ending at tokens.size()). The stream must hold every token,
    // not only those of a filtered vocabulary, or window positions shift. Vocabulary entries must
    // be distinct.
    WindowIndex(std::span<const std::uint32_t> tokens, std::span<const std::size_t> doc_offsets,
                std::vector<std::string> vocabulary, std::size_t window_size = 10);

    std::size_t window_size() const { return window_size_; }
    std::size_t num_documents() const { return num_documents_; }
    std::uint64_t num_windows() const { return num_windows_; }
    std::size_t vocabulary_size() const { return vocabulary_.size(); }
    const std::string& word(std::uint32_t id) const { return vocabulary_.at(id); }

    // Id of a word that occurs in some document, or nullopt.
    std::optional<std::uint32_t> find(std::string_view word) const;

    // Windows in which the word's flag is on (gensim's accumulator[w]).
    std::uint64_t occurrences(std::uint32_t id) const;
    // Windows in which both flags are on (gensim's accumulator[w1, w2]); equals occurrences(a)
    // when a == b, as gensim's symmetrised matrix has the occurrences on its diagonal.
    std::uint64_t co_occurrences(std::uint32_t a, std::uint32_t b) const;

private:
    struct Run {
        std::uint64_t begin;  // first window id of the run
        std::uint64_t end;    // one past the last
    };
    void build(std::span<const std::uint32_t> tokens, std::span<const std::size_t> doc_offsets);
    std::span<const Run> runs(std::uint32_t id) const;
    void check_id(std::uint32_t id) const;

    std::size_t window_size_;
    std::size_t num_documents_ = 0;
    std::uint64_t num_windows_ = 0;
    std::vector<std::string> vocabulary_;
    std::unordered_map<std::string, std::uint32_t> ids_;
    std::vector<std::size_t> run_offsets_;  // CSR: runs of word w are runs_[run_offsets_[w] .. [w+1])
    std::vector<Run> runs_;
    std::vector<std::uint64_t> occurrences_;
};

// The words of each topic that get scored, as ids into `index`: gensim 4.2's
// CoherenceModel._ensure_elements_are_ids drops words missing from every document (counted in
// *words_dropped; a topic with none left throws), then its `topics` property keeps the first top_n.
std::vector<std::vector<std::uint32_t>> scored_topic_ids(const WindowIndex& index, const std::vector<std::vector<std::string>>& topics,
                                                         std::size_t top_n, std::size_t* words_dropped = nullptr);

// Scores topics (lists of words, best first) against a prebuilt index. Uses parallel_for over
// topics; results do not depend on the thread count. Throws topicwasm::Error for no topics, a
// topic with no word found in the documents (gensim raises too), top_n == 0, a non-positive or
// non-finite epsilon, or an index built from no documents.
NpmiResult npmi_coherence(const WindowIndex& index, const std::vector<std::vector<std::string>>& topics,
                          const NpmiOptions& options = {});

// Convenience: builds a WindowIndex(documents, options.window_size) and scores topics.
NpmiResult npmi_coherence(const std::vector<std::vector<std::string>>& documents,
                          const std::vector<std::vector<std::string>>& topics, const NpmiOptions& options = {});

}  // namespace topicwasm
