#pragma once
// Topic-set diversity measures on the topics' top words, as OCTIS (MIND-Lab/OCTIS,
// octis/evaluation_metrics/diversity_metrics.py) and contextualized-topic-models compute them.
#include <cstddef>
#include <string>
#include <vector>

namespace topicwasm {

struct DiversityOptions {
    // Top words per topic considered (OCTIS TopicDiversity / InvertedRBO default topk = 10; CTM's
    // TopicDiversity.score defaults to 25).
    std::size_t top_k = 10;
};

// Share of unique words among the first top_k words of all topics: |union| / (top_k * topics)
// (Dieng et al. 2020, "Topic modeling in embedding spaces"). 1 = no word shared between topics.
// Throws topicwasm::Error for no topics, top_k == 0, or a topic with fewer than top_k words (OCTIS
// raises for the first topic; a shorter topic would silently lower the score).
double topic_diversity(const std::vector<std::vector<std::string>>& topics, const DiversityOptions& options = {});

struct InvertedRboOptions {
    // Top words per topic compared (OCTIS default topk = 10).
    std::size_t top_k = 10;
    // RBO persistence p: weight of rank d is p^(d-1) (OCTIS default weight = 0.9).
    double p = 0.9;
};

// Extrapolated rank-biased overlap RBO_ext of two rankings (Webber, Moffat & Zobel 2010, eq. 32),
// in the tie-aware form of the `rbo` module OCTIS and CTM use (agreement at depth d =
// 2|S:d ∩ T:d| / (|S:d| + |T:d|) over the sets of the first d items, so a repeated item counts once).
// 1 for identical rankings, 0 for disjoint ones. Lists may differ in length. Throws for an empty
// list or p outside (0, 1).
double rank_biased_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b, double p = 0.9);

// 1 - mean RBO_ext over all unordered pairs of topics, each cut to its first top_k words (OCTIS
// InvertedRBO). 1 = no overlap at all. Needs at least two topics; throws topicwasm::Error for fewer,
// top_k == 0, p outside (0, 1), or a topic with fewer than top_k words (as topic_diversity).
double inverted_rbo(const std::vector<std::vector<std::string>>& topics, const InvertedRboOptions& options = {});

}  // namespace topicwasm
