#include "eval/diversity.hpp"

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "eval/numpy_sum.hpp"

namespace topicwasm {

namespace {

void check_topics(const std::vector<std::vector<std::string>>& topics, std::size_t top_k, const char* who) {
    require(!topics.empty(), std::string(who) + ": no topics given");
    require(top_k > 0, std::string(who) + ": top_k must be at least 1");
    for (std::size_t t = 0; t < topics.size(); ++t)
        require(topics[t].size() >= top_k, std::string(who) + ": topic " + std::to_string(t) + " has " +
                                               std::to_string(topics[t].size()) + " words, fewer than top_k = " +
                                               std::to_string(top_k));
}

void check_p(double p, const char* who) {
    require(p > 0.0 && p < 1.0, std::string(who) + ": p must be in (0, 1)");  // false for NaN too
}

// RBO_ext on integer-coded lists (OCTIS codes words as ints before calling rbo; the value is the
// same). Follows the reference's arithmetic order so results agree to the last bits.
double rbo_ext(const std::vector<std::uint32_t>& list1, const std::vector<std::uint32_t>& list2, double p) {
    // S = shorter list, L = longer (sorted((list1, list2), key=len) is stable: list1 on ties).
    const bool swap = list1.size() > list2.size();
    const auto& S = swap ? list2 : list1;
    const auto& L = swap ? list1 : list2;
    const std::size_t s = S.size(), l = L.size();

    // agreement(d) = 2 |set(S[:d]) & set(L[:d])| / (|set(S[:d])| + |set(L[:d])|), for d = 1..l.
    std::vector<double> agreement(l + 1, 0.0);
    std::unordered_set<std::uint32_t> seen_s, seen_l;
    std::size_t common = 0;
    for (std::size_t d = 1; d <= l; ++d) {
        if (d <= s) {
            const auto x = S[d - 1];
            if (seen_s.insert(x).second && seen_l.count(x)) ++common;
        }
        const auto y = L[d - 1];
        if (seen_l.insert(y).second && seen_s.count(y)) ++common;
        agreement[d] = static_cast<double>(2 * common) / static_cast<double>(seen_s.size() + seen_l.size());
    }
    // overlap(d) = agreement(d) * min(d, len1, len2)
    const double x_l = agreement[l] * static_cast<double>(s);
    const double x_s = agreement[s] * static_cast<double>(s);
    double sum1 = 0.0;
    for (std::size_t d = 1; d <= l; ++d) sum1 += std::pow(p, static_cast<double>(d)) * agreement[d];
    double sum2 = 0.0;
    for (std::size_t d = s + 1; d <= l; ++d)
        sum2 += std::pow(p, static_cast<double>(d)) * x_s * static_cast<double>(d - s) / static_cast<double>(s) /
                static_cast<double>(d);
    const double term1 = (1 - p) / p * (sum1 + sum2);
    const double term2 =
        std::pow(p, static_cast<double>(l)) * ((x_l - x_s) / static_cast<double>(l) + x_s / static_cast<double>(s));
    return term1 + term2;
}

}  // namespace

double topic_diversity(const std::vector<std::vector<std::string>>& topics, const DiversityOptions& options) {
    check_topics(topics, options.top_k, "topic_diversity");
    std::unordered_set<std::string_view> unique;
    for (const auto& topic : topics)
        for (std::size_t i = 0; i < options.top_k; ++i) unique.insert(topic[i]);
    return static_cast<double>(unique.size()) / static_cast<double>(options.top_k * topics.size());
}

double rank_biased_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b, double p) {
    require(!a.empty() && !b.empty(), "rank_biased_overlap: both rankings need at least one item");
    check_p(p, "rank_biased_overlap");
    std::unordered_map<std::string_view, std::uint32_t> codes;
    auto encode = [&](const std::vector<std::string>& list) {
        std::vector<std::uint32_t> out;
        for (const auto& w : list) out.push_back(codes.try_emplace(w, static_cast<std::uint32_t>(codes.size())).first->second);
        return out;
    };
    const auto ca = encode(a);
    const auto cb = encode(b);
    return rbo_ext(ca, cb, p);
}

double inverted_rbo(const std::vector<std::vector<std::string>>& topics, const InvertedRboOptions& options) {
    check_topics(topics, options.top_k, "inverted_rbo");
    require(topics.size() >= 2, "inverted_rbo: needs at least two topics");
    check_p(options.p, "inverted_rbo");
    // One integer code per distinct word over all topics, so each pair compares integers.
    std::unordered_map<std::string_view, std::uint32_t> codes;
    std::vector<std::vector<std::uint32_t>> coded(topics.size());
    for (std::size_t t = 0; t < topics.size(); ++t)
        for (std::size_t i = 0; i < options.top_k; ++i)
            coded[t].push_back(codes.try_emplace(topics[t][i], static_cast<std::uint32_t>(codes.size())).first->second);
    // itertools.combinations order: (0,1), (0,2), ..., (1,2), ...
    std::vector<double> values;
    values.reserve(topics.size() * (topics.size() - 1) / 2);
    for (std::size_t i = 0; i < topics.size(); ++i)
        for (std::size_t j = i + 1; j < topics.size(); ++j) values.push_back(rbo_ext(coded[i], coded[j], options.p));
    return 1.0 - detail::numpy_mean(values);
}

}  // namespace topicwasm
