#pragma once
// Topic coherences beyond NPMI, as gensim 4.2's CoherenceModel computes them (the measures CTM's
// evaluation module wraps: CoherenceUMASS, CoherenceUCI, CoherenceCV). Röder, Both & Hinneburg
// (2015), "Exploring the space of topic coherence measures"; Mimno et al. (2011) for UMass.
//   u_mass: segmentation s_one_pre (each word with every word before it), document co-occurrence
//           (p_boolean_document), log conditional probability log((P(w', w*) + eps) / P(w*)).
//   c_uci:  s_one_one, boolean sliding windows of 10 tokens, PMI log((P(a, b) + eps) / (P(a) P(b))).
//   c_v:    s_one_set (each word against the whole topic), sliding windows of 110 tokens, indirect
//           cosine similarity of NPMI context vectors (gamma 1).
// Counts come from a WindowIndex (eval/npmi.hpp), with gensim's window semantics; u_mass uses one
// window per document. Every measure averages its segments per topic, then topics (np.mean).
#include <string>
#include <vector>

#include "eval/npmi.hpp"

namespace topicwasm {

enum class CoherenceMeasure { u_mass, c_uci, c_npmi, c_v };

struct CoherenceOptions {
    CoherenceMeasure measure = CoherenceMeasure::c_v;  // gensim CoherenceModel's default
    std::size_t top_n = 10;                            // gensim's topn
    double epsilon = 1e-12;                            // gensim's EPSILON
};

struct CoherenceResult {
    double mean = 0.0;               // over topics (NaN if one is NaN, as numpy)
    std::vector<double> per_topic;   // input order
};

// gensim's default window for a measure: 10 for c_uci / c_npmi, 110 for c_v, 0 for u_mass (one
// window per document: the index must be built with document_windows below).
std::size_t default_window(CoherenceMeasure measure);

// A WindowIndex in which every document is exactly one window (gensim's p_boolean_document).
WindowIndex document_windows(const std::vector<std::vector<std::string>>& documents);

// Scores topics against an index built with the measure's window. Throws Error for no topics, a
// topic with no word in the documents, top_n 0 or an empty index.
CoherenceResult topic_coherence(const WindowIndex& index, const std::vector<std::vector<std::string>>& topics,
                                const CoherenceOptions& options = {});

// Convenience: tokenised documents -> the measure's index (window_size 0: its default) -> scores.
CoherenceResult topic_coherence(const std::vector<std::vector<std::string>>& documents,
                                const std::vector<std::vector<std::string>>& topics, const CoherenceOptions& options = {},
                                std::size_t window_size = 0);

}  // namespace topicwasm
