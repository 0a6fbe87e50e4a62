#include "eval/coherence.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "eval/numpy_sum.hpp"

namespace topicwasm {

using detail::numpy_mean;

namespace {

// Pair measures over the counts of one index; each line is gensim's expression, operation for
// operation, so the values agree to the last bits.
struct Counts {
    const WindowIndex& index;
    double windows;
    double eps;

    double p(std::uint32_t a) const { return static_cast<double>(index.occurrences(a)) / windows; }
    double p(std::uint32_t a, std::uint32_t b) const { return static_cast<double>(index.co_occurrences(a, b)) / windows; }
    // direct_confirmation_measure.log_ratio_measure (normalize=False: PMI; True: NPMI).
    double pmi(std::uint32_t a, std::uint32_t b) const { return std::log((p(a, b) + eps) / (p(a) * p(b))); }
    double npmi(std::uint32_t a, std::uint32_t b) const { return pmi(a, b) / -std::log(p(a, b) + eps); }
    // direct_confirmation_measure.log_conditional_probability.
    double log_conditional(std::uint32_t w_prime, std::uint32_t w_star) const {
        return std::log((p(w_prime, w_star) + eps) / p(w_star));
    }
};

double topic_score(const Counts& counts, const std::vector<std::uint32_t>& words, CoherenceMeasure measure) {
    const std::size_t m = words.size();
    std::vector<double> segment;
    switch (measure) {
        case CoherenceMeasure::u_mass:  // s_one_pre: (w_i, w_j) for j < i
            for (std::size_t i = 1; i < m; ++i)
                for (std::size_t j = 0; j < i; ++j) segment.push_back(counts.log_conditional(words[i], words[j]));
            break;
        case CoherenceMeasure::c_uci:  // s_one_one: ordered pairs i != j
        case CoherenceMeasure::c_npmi:
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < m; ++j)
                    if (i != j)
                        segment.push_back(measure == CoherenceMeasure::c_uci ? counts.pmi(words[i], words[j])
                                                                             : counts.npmi(words[i], words[j]));
            break;
        case CoherenceMeasure::c_v: {
            // indirect_confirmation_measure.cosine_similarity with ContextVectorComputer: word i's
            // context vector is (npmi(w_i, w_j))_j over the topic's words; the topic's (s_one_set's
            // W*) is their sum. Each word scores the cosine of its vector with the topic's.
            std::vector<double> sim(m * m), whole(m, 0.0);
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < m; ++j) sim[i * m + j] = counts.npmi(words[i], words[j]);
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < m; ++j) whole[j] += sim[i * m + j];
            double whole_norm = 0.0;
            for (double v : whole) whole_norm += v * v;
            whole_norm = std::sqrt(whole_norm);
            for (std::size_t i = 0; i < m; ++i) {
                double dot = 0.0, norm = 0.0;
                for (std::size_t j = 0; j < m; ++j) {
                    dot += sim[i * m + j] * whole[j];
                    norm += sim[i * m + j] * sim[i * m + j];
                }
                segment.push_back(dot / (std::sqrt(norm) * whole_norm));
            }
            break;
        }
    }
    return numpy_mean(segment);  // NaN for a topic without pairs, as np.mean([])
}

}  // namespace

std::size_t default_window(CoherenceMeasure measure) {
    switch (measure) {
        case CoherenceMeasure::u_mass: return 0;
        case CoherenceMeasure::c_v: return 110;
        default: return 10;
    }
}

WindowIndex document_windows(const std::vector<std::vector<std::string>>& documents) {
    // A document no longer than the window is one window holding all its tokens.
    std::size_t longest = 1;
    for (const auto& d : documents) longest = std::max(longest, d.size());
    return WindowIndex(documents, longest);
}

CoherenceResult topic_coherence(const WindowIndex& index, const std::vector<std::vector<std::string>>& topics,
                                const CoherenceOptions& options) {
    require(!topics.empty(), "coherence: no topics given");
    require(options.top_n > 0, "coherence: top_n must be at least 1");
    require(std::isfinite(options.epsilon) && options.epsilon > 0.0, "coherence: epsilon must be positive and finite");
    require(index.num_documents() > 0, "coherence: no documents");
    const auto ids = scored_topic_ids(index, topics, options.top_n);
    const Counts counts{index, static_cast<double>(index.num_windows()), options.epsilon};
    CoherenceResult result;
    result.per_topic.assign(topics.size(), 0.0);
    parallel_for(topics.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t t = begin; t < end; ++t) result.per_topic[t] = topic_score(counts, ids[t], options.measure);
    });
    result.mean = numpy_mean(result.per_topic);
    return result;
}

CoherenceResult topic_coherence(const std::vector<std::vector<std::string>>& documents,
                                const std::vector<std::vector<std::string>>& topics, const CoherenceOptions& options,
                                std::size_t window_size) {
    if (options.measure == CoherenceMeasure::u_mass) {
        require(window_size == 0, "coherence: u_mass counts documents, it has no window size");
        return topic_coherence(document_windows(documents), topics, options);
    }
    return topic_coherence(WindowIndex(documents, window_size ? window_size : default_window(options.measure)), topics, options);
}

}  // namespace topicwasm
