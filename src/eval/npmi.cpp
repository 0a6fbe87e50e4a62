#include "eval/npmi.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "eval/numpy_sum.hpp"

namespace topicwasm {

using detail::numpy_mean;

WindowIndex::WindowIndex(const std::vector<std::vector<std::string>>& documents, std::size_t window_size)
    : window_size_(window_size) {
    require(window_size > 0, "WindowIndex: window_size must be at least 1");
    std::vector<std::uint32_t> tokens;
    std::vector<std::size_t> offsets;
    offsets.reserve(documents.size() + 1);
    offsets.push_back(0);
    for (const auto& doc : documents) {
        for (const auto& token : doc) {
            auto [it, inserted] = ids_.try_emplace(token, static_cast<std::uint32_t>(vocabulary_.size()));
            if (inserted) {
                require(vocabulary_.size() < std::numeric_limits<std::uint32_t>::max(),
                        "WindowIndex: more than 2^32 - 1 distinct tokens");
                vocabulary_.push_back(token);
            }
            tokens.push_back(it->second);
        }
        offsets.push_back(tokens.size());
    }
    build(tokens, offsets);
}

WindowIndex::WindowIndex(std::span<const std::uint32_t> tokens, std::span<const std::size_t> doc_offsets,
                         std::vector<std::string> vocabulary, std::size_t window_size)
    : window_size_(window_size), vocabulary_(std::move(vocabulary)) {
    require(window_size > 0, "WindowIndex: window_size must be at least 1");
    require(!doc_offsets.empty() && doc_offsets.front() == 0 && doc_offsets.back() == tokens.size(),
            "WindowIndex: doc_offsets must start at 0 and end at the number of tokens");
    for (std::size_t d = 1; d < doc_offsets.size(); ++d)
        require(doc_offsets[d - 1] <= doc_offsets[d], "WindowIndex: doc_offsets must be non-decreasing");
    require(vocabulary_.size() <= std::numeric_limits<std::uint32_t>::max(), "WindowIndex: vocabulary too large");
    // (plain ifs: require() would build its message for every token)
    for (std::uint32_t t : tokens)
        if (t >= vocabulary_.size())
            throw Error("WindowIndex: token id " + std::to_string(t) + " is outside the vocabulary (size " +
                        std::to_string(vocabulary_.size()) + ")");
    for (std::size_t i = 0; i < vocabulary_.size(); ++i)
        if (!ids_.try_emplace(vocabulary_[i], static_cast<std::uint32_t>(i)).second)
            throw Error("WindowIndex: vocabulary word '" + vocabulary_[i] + "' appears twice");
    build(tokens, doc_offsets);
}

void WindowIndex::build(std::span<const std::uint32_t> tokens, std::span<const std::size_t> doc_offsets) {
    const std::size_t V = vocabulary_.size();
    const std::size_t W = window_size_;
    num_documents_ = doc_offsets.size() - 1;

    struct Emitted {
        std::uint32_t word;
        Run run;
    };
    std::vector<Emitted> emitted;
    emitted.reserve(tokens.size());
    // open[w] = first window id of w's current run + 1, or 0 while w's flag is off.
    std::vector<std::uint64_t> open(V, 0);
    std::vector<std::uint32_t> touched;

    std::uint64_t window = 0;  // global id of the current document's first window
    for (std::size_t d = 0; d < num_documents_; ++d) {
        const std::uint32_t* t = tokens.data() + doc_offsets[d];
        const std::size_t n = doc_offsets[d + 1] - doc_offsets[d];
        // gensim's iter_windows(ignore_below_size=False): n - W + 1 windows, or the whole (possibly
        // empty) document as one window when it is shorter than W.
        const std::size_t num_windows = n >= W ? n - W + 1 : 1;
        touched.clear();
        // First window: the flags of its distinct tokens are on (np.unique(window)).
        for (std::size_t p = 0; p < std::min(n, W); ++p) {
            if (!open[t[p]]) {
                open[t[p]] = window + 1;
                touched.push_back(t[p]);
            }
        }
        // Window k: WordOccurrenceAccumulator._slide_window switches off the token that left
        // (position k - 1), then switches on the one that entered (position k + W - 1).
        for (std::size_t k = 1; k < num_windows; ++k) {
            const std::uint32_t leaving = t[k - 1];
            const std::uint32_t entering = t[k + W - 1];
            if (leaving != entering && open[leaving]) {
                emitted.push_back({leaving, {open[leaving] - 1, window + k}});
                open[leaving] = 0;
            }
            if (!open[entering]) {
                open[entering] = window + k + 1;
                touched.push_back(entering);
            }
        }
        for (std::uint32_t w : touched) {
            if (open[w]) {
                emitted.push_back({w, {open[w] - 1, window + num_windows}});
                open[w] = 0;
            }
        }
        window += num_windows;
    }
    num_windows_ = window;

    // Counting sort by word (stable, so each word's runs stay in window order) into CSR form.
    run_offsets_.assign(V + 1, 0);
    for (const auto& e : emitted) ++run_offsets_[e.word + 1];
    for (std::size_t w = 0; w < V; ++w) run_offsets_[w + 1] += run_offsets_[w];
    runs_.resize(emitted.size());
    std::vector<std::size_t> next(run_offsets_.begin(), run_offsets_.end() - 1);
    for (const auto& e : emitted) runs_[next[e.word]++] = e.run;

    occurrences_.assign(V, 0);
    for (std::size_t w = 0; w < V; ++w)
        for (std::size_t r = run_offsets_[w]; r < run_offsets_[w + 1]; ++r) occurrences_[w] += runs_[r].end - runs_[r].begin;
}

std::optional<std::uint32_t> WindowIndex::find(std::string_view word) const {
    auto it = ids_.find(std::string(word));
    if (it == ids_.end() || occurrences_[it->second] == 0) return std::nullopt;
    return it->second;
}

void WindowIndex::check_id(std::uint32_t id) const {
    if (id >= vocabulary_.size())
        throw Error("WindowIndex: word id " + std::to_string(id) + " is outside the vocabulary (size " +
                    std::to_string(vocabulary_.size()) + ")");
}

std::span<const WindowIndex::Run> WindowIndex::runs(std::uint32_t id) const {
    check_id(id);
    return {runs_.data() + run_offsets_[id], runs_.data() + run_offsets_[id + 1]};
}

std::uint64_t WindowIndex::occurrences(std::uint32_t id) const {
    check_id(id);
    return occurrences_[id];
}

std::uint64_t WindowIndex::co_occurrences(std::uint32_t a, std::uint32_t b) const {
    if (a == b) return occurrences(a);
    auto ra = runs(a), rb = runs(b);
    // Both lists are sorted and disjoint within themselves: merge and sum the overlaps.
    std::uint64_t total = 0;
    std::size_t i = 0, j = 0;
    while (i < ra.size() && j < rb.size()) {
        const std::uint64_t lo = std::max(ra[i].begin, rb[j].begin);
        const std::uint64_t hi = std::min(ra[i].end, rb[j].end);
        if (lo < hi) total += hi - lo;
        if (ra[i].end < rb[j].end) ++i;
        else ++j;
    }
    return total;
}

std::vector<std::vector<std::uint32_t>> scored_topic_ids(const WindowIndex& index, const std::vector<std::vector<std::string>>& topics,
                                                         std::size_t top_n, std::size_t* words_dropped) {
    // (gensim truncates every topic only when the *first* topic is longer than topn; we truncate
    // each topic on its own, which is the same whenever topics have at most topn words.)
    std::vector<std::vector<std::uint32_t>> ids(topics.size());
    for (std::size_t t = 0; t < topics.size(); ++t) {
        for (const auto& word : topics[t]) {
            if (auto id = index.find(word)) ids[t].push_back(*id);
            else if (words_dropped) ++*words_dropped;
        }
        if (ids[t].empty()) throw Error("coherence: no word of topic " + std::to_string(t) + " occurs in the documents");
        if (ids[t].size() > top_n) ids[t].resize(top_n);
    }
    return ids;
}

NpmiResult npmi_coherence(const WindowIndex& index, const std::vector<std::vector<std::string>>& topics,
                          const NpmiOptions& options) {
    require(!topics.empty(), "npmi_coherence: no topics given");
    require(options.top_n > 0, "npmi_coherence: top_n must be at least 1");
    require(std::isfinite(options.epsilon) && options.epsilon > 0.0, "npmi_coherence: epsilon must be positive and finite");
    require(index.num_documents() > 0, "npmi_coherence: no documents");

    NpmiResult result;
    result.windows = index.num_windows();
    result.per_topic.assign(topics.size(), 0.0);
    result.scored_words.resize(topics.size());

    const auto ids = scored_topic_ids(index, topics, options.top_n, &result.words_dropped);
    for (std::size_t t = 0; t < topics.size(); ++t)
        for (auto id : ids[t]) result.scored_words[t].push_back(index.word(id));

    const double num_windows = static_cast<double>(index.num_windows());
    const double eps = options.epsilon;
    parallel_for(topics.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        std::vector<double> pair_value, segment;
        for (std::size_t t = begin; t < end; ++t) {
            const auto& words = ids[t];
            const std::size_t m = words.size();
            pair_value.assign(m * m, 0.0);
            for (std::size_t i = 0; i < m; ++i) {
                for (std::size_t j = i + 1; j < m; ++j) {
                    // direct_confirmation_measure.log_ratio_measure(normalize=True), operation for
                    // operation: log((P(a,b) + eps) / (P(a) P(b))) / -log(P(a,b) + eps).
                    const double p_a = static_cast<double>(index.occurrences(words[i])) / num_windows;
                    const double p_b = static_cast<double>(index.occurrences(words[j])) / num_windows;
                    const double p_ab = static_cast<double>(index.co_occurrences(words[i], words[j])) / num_windows;
                    const double pmi = std::log((p_ab + eps) / (p_a * p_b));
                    pair_value[i * m + j] = pair_value[j * m + i] = pmi / -std::log(p_ab + eps);
                }
            }
            // s_one_one: ordered pairs (i, j), i != j, in gensim's loop order.
            segment.clear();
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < m; ++j)
                    if (i != j) segment.push_back(pair_value[i * m + j]);
            result.per_topic[t] = numpy_mean(segment);  // NaN for a single word, as np.mean([])
        }
    });
    result.mean = numpy_mean(result.per_topic);
    return result;
}

NpmiResult npmi_coherence(const std::vector<std::vector<std::string>>& documents,
                          const std::vector<std::vector<std::string>>& topics, const NpmiOptions& options) {
    require(options.window_size > 0, "npmi_coherence: window_size must be at least 1");
    WindowIndex index(documents, options.window_size);
    return npmi_coherence(index, topics, options);
}

}  // namespace topicwasm
