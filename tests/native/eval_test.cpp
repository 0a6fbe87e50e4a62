// Topic-quality metrics: NPMI coherence (gensim c_npmi), topic diversity, inverted RBO (OCTIS),
// ARI / NMI (scikit-learn), against the Python reference on the Brown corpus and on small
// hand-checked inputs.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "eval/diversity.hpp"
#include "eval/npmi.hpp"
#include "eval/partition_agreement.hpp"
#include "text/tokenizer.hpp"
#include "eval_fixture.hpp"

using namespace topicwasm;
using Docs = std::vector<std::vector<std::string>>;

namespace {

// The Brown corpus is loaded once for all tests (it is the slow part under sanitizers).
struct Brown {
    eval_fixture::Corpus corpus = eval_fixture::load_corpus();
    eval_fixture::Reference ref = eval_fixture::load_reference();
    WindowIndex index{corpus.tokens, corpus.offsets, corpus.vocabulary, 10};
};

const Brown& brown() {
    static const Brown b;
    return b;
}

// A direct transcription of gensim's WordOccurrenceAccumulator: walk every window, keep the
// per-word flags exactly as _slide_window does, and count flags and flag pairs per window.
struct BruteForce {
    std::uint64_t windows = 0;
    std::map<std::string, std::uint64_t> occ;
    std::map<std::pair<std::string, std::string>, std::uint64_t> co;
};

BruteForce brute_force(const Docs& docs, std::size_t W) {
    BruteForce out;
    for (const auto& doc : docs) {
        const std::size_t n = doc.size();
        const std::size_t nw = n >= W ? n - W + 1 : 1;
        std::set<std::string> flags;
        for (std::size_t k = 0; k < nw; ++k) {
            if (k == 0) {
                for (std::size_t p = 0; p < std::min(n, W); ++p) flags.insert(doc[p]);
            } else {
                flags.erase(doc[k - 1]);
                flags.insert(doc[k + W - 1]);
            }
            ++out.windows;
            for (const auto& a : flags) {
                ++out.occ[a];
                for (const auto& b : flags)
                    if (a != b) ++out.co[{a, b}];
            }
        }
    }
    return out;
}

double npmi_from_counts(double a, double b, double ab, double n) {
    const double eps = 1e-12;
    return std::log((ab / n + eps) / ((a / n) * (b / n))) / -std::log(ab / n + eps);
}

}  // namespace

// ---------------------------------------------------------------- NPMI: small inputs

TEST(NpmiWindows, CountsMatchHandComputation) {
    // Window 2. "a b c" -> windows {a,b}, {b,c}; "a b" -> {a,b}; "c" (shorter than the window) ->
    // one window {c}; the empty document -> one empty window. 5 windows in all.
    const Docs docs = {{"a", "b", "c"}, {"a", "b"}, {"c"}, {}};
    WindowIndex index(docs, 2);
    EXPECT_EQ(index.num_windows(), 5u);
    EXPECT_EQ(index.num_documents(), 4u);
    const auto a = *index.find("a"), b = *index.find("b"), c = *index.find("c");
    EXPECT_EQ(index.occurrences(a), 2u);
    EXPECT_EQ(index.occurrences(b), 3u);
    EXPECT_EQ(index.occurrences(c), 2u);
    EXPECT_EQ(index.co_occurrences(a, b), 2u);
    EXPECT_EQ(index.co_occurrences(b, c), 1u);
    EXPECT_EQ(index.co_occurrences(c, b), 1u);
    EXPECT_EQ(index.co_occurrences(a, c), 0u);
    EXPECT_EQ(index.co_occurrences(b, b), 3u);
    EXPECT_FALSE(index.find("d").has_value());

    NpmiOptions options;
    options.window_size = 2;
    const auto r = npmi_coherence(docs, {{"a", "b"}, {"a", "b", "c"}}, options);
    EXPECT_EQ(r.windows, 5u);
    // P(a,b) = 2/5, P(a) = 2/5, P(b) = 3/5: NPMI = log(5/3) / log(5/2).
    // (epsilon = 1e-12 inside both logarithms moves the value by ~4e-12)
    EXPECT_NEAR(r.per_topic[0], std::log(5.0 / 3.0) / std::log(2.5), 1e-10);
    const double ab = npmi_from_counts(2, 3, 2, 5), bc = npmi_from_counts(3, 2, 1, 5), ac = npmi_from_counts(2, 2, 0, 5);
    EXPECT_NEAR(r.per_topic[1], (ab + bc + ac) / 3.0, 1e-14);
    EXPECT_LT(ac, -0.9);  // never co-occurring: close to -1 (epsilon keeps it finite)
    EXPECT_NEAR(r.mean, (r.per_topic[0] + r.per_topic[1]) / 2.0, 1e-15);
}

TEST(NpmiWindows, ReproducesGensimFlagQuirks) {
    // gensim switches off the token leaving the window even when another copy is still inside:
    // "a x a y", window 3: windows [a x a] -> {a, x}, [x a y] -> {x, y} (a is off although present).
    WindowIndex quirk({{"a", "x", "a", "y"}}, 3);
    EXPECT_EQ(quirk.occurrences(*quirk.find("a")), 1u);
    EXPECT_EQ(quirk.occurrences(*quirk.find("x")), 2u);
    EXPECT_EQ(quirk.occurrences(*quirk.find("y")), 1u);
    EXPECT_EQ(quirk.co_occurrences(*quirk.find("a"), *quirk.find("y")), 0u);
    // ... and switches a token back on when the same word leaves and enters at once:
    // "a a b a", window 2: {a}, {b} (a switched off), then a leaves and a enters -> {a, b}.
    WindowIndex same({{"a", "a", "b", "a"}}, 2);
    EXPECT_EQ(same.num_windows(), 3u);
    EXPECT_EQ(same.occurrences(*same.find("a")), 2u);
    EXPECT_EQ(same.occurrences(*same.find("b")), 2u);
    EXPECT_EQ(same.co_occurrences(*same.find("a"), *same.find("b")), 1u);
}

TEST(NpmiWindows, MatchesBruteForceOnRandomCorpora) {
    Rng rng(7);
    for (int trial = 0; trial < 40; ++trial) {
        const std::size_t W = 1 + rng.below(12);
        const std::size_t vocab = 2 + rng.below(9);
        Docs docs(1 + rng.below(8));
        for (auto& doc : docs) {
            const std::size_t n = rng.below(26);
            for (std::size_t i = 0; i < n; ++i) doc.push_back(std::string(1, static_cast<char>('a' + rng.below(vocab))));
        }
        WindowIndex index(docs, W);
        const BruteForce expect = brute_force(docs, W);
        ASSERT_EQ(index.num_windows(), expect.windows) << "trial " << trial;
        for (char x = 'a'; x < 'a' + static_cast<char>(vocab); ++x) {
            const auto ix = index.find(std::string(1, x));
            const auto it = expect.occ.find(std::string(1, x));
            ASSERT_EQ(ix.has_value(), it != expect.occ.end()) << "trial " << trial << " word " << x;
            if (!ix) continue;
            EXPECT_EQ(index.occurrences(*ix), it->second) << "trial " << trial << " word " << x;
            for (char y = 'a'; y < 'a' + static_cast<char>(vocab); ++y) {
                const auto iy = index.find(std::string(1, y));
                if (!iy || x == y) continue;
                const auto jt = expect.co.find({std::string(1, x), std::string(1, y)});
                EXPECT_EQ(index.co_occurrences(*ix, *iy), jt == expect.co.end() ? 0u : jt->second)
                    << "trial " << trial << " pair " << x << y;
            }
        }
    }
}

TEST(NpmiTopics, DropsUnknownWordsThenTruncates) {
    const Docs docs = {{"a", "b", "c", "d"}, {"b", "c", "d", "e"}};
    NpmiOptions options;
    options.top_n = 3;
    const auto r = npmi_coherence(docs, {{"zz", "a", "b", "qq", "c", "d"}, {"e", "d", "c", "b"}}, options);
    EXPECT_EQ(r.words_dropped, 2u);
    EXPECT_EQ(r.scored_words[0], (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(r.scored_words[1], (std::vector<std::string>{"e", "d", "c"}));
    // Dropping the unknown words gives the same score as never listing them.
    const auto clean = npmi_coherence(docs, {{"a", "b", "c"}, {"e", "d", "c"}}, options);
    EXPECT_EQ(r.per_topic, clean.per_topic);
}

TEST(NpmiTopics, EdgeCasesAndErrors) {
    const Docs docs = {{"a", "b"}, {"c"}};
    // One scorable word: no pair to average, NaN (gensim: np.mean of an empty list).
    const auto single = npmi_coherence(docs, {{"a", "zz"}, {"a", "b"}});
    EXPECT_TRUE(std::isnan(single.per_topic[0]));
    EXPECT_FALSE(std::isnan(single.per_topic[1]));
    EXPECT_TRUE(std::isnan(single.mean));
    // A repeated word pairs with itself with NPMI ~1 (gensim's diagonal holds the occurrences).
    const auto repeated = npmi_coherence(docs, {{"a", "a"}});
    EXPECT_NEAR(repeated.per_topic[0], 1.0, 1e-9);

    EXPECT_THROW(npmi_coherence(docs, {}), Error);
    EXPECT_THROW(npmi_coherence(docs, {{"zz", "yy"}}), Error);  // no known word (gensim raises too)
    EXPECT_THROW(npmi_coherence(Docs{}, {{"a", "b"}}), Error);
    NpmiOptions bad;
    bad.window_size = 0;
    EXPECT_THROW(npmi_coherence(docs, {{"a", "b"}}, bad), Error);
    bad = {};
    bad.top_n = 0;
    EXPECT_THROW(npmi_coherence(docs, {{"a", "b"}}, bad), Error);
    bad = {};
    bad.epsilon = 0.0;
    EXPECT_THROW(npmi_coherence(docs, {{"a", "b"}}, bad), Error);
    bad.epsilon = NAN;
    EXPECT_THROW(npmi_coherence(docs, {{"a", "b"}}, bad), Error);
    EXPECT_THROW(WindowIndex(docs, 0), Error);

    const std::vector<std::string> vocab = {"a", "b"};
    const std::vector<std::uint32_t> tokens = {0, 1, 1};
    const std::vector<std::size_t> offsets = {0, 2, 3};
    EXPECT_NO_THROW(WindowIndex(tokens, offsets, vocab, 2));
    const std::vector<std::uint32_t> bad_tokens = {0, 2, 1};
    EXPECT_THROW(WindowIndex(bad_tokens, offsets, vocab, 2), Error);
    const std::vector<std::size_t> short_offsets = {0, 2};
    EXPECT_THROW(WindowIndex(tokens, short_offsets, vocab, 2), Error);
    const std::vector<std::size_t> decreasing = {0, 3, 2, 3};
    EXPECT_THROW(WindowIndex(tokens, decreasing, vocab, 2), Error);
    EXPECT_THROW(WindowIndex(tokens, offsets, std::vector<std::string>{"a", "a"}, 2), Error);
    EXPECT_THROW(WindowIndex(tokens, std::vector<std::size_t>{}, vocab, 2), Error);
    WindowIndex ok(tokens, offsets, vocab, 2);
    EXPECT_THROW(ok.occurrences(5), Error);
}

// ---------------------------------------------------------------- NPMI: Brown vs gensim

TEST(NpmiBrown, MatchesGensimPerTopicAndMean) {
    const auto& b = brown();
    ASSERT_EQ(b.corpus.offsets.size(), 7726u);
    ASSERT_EQ(b.ref.topics.size(), 269u);
    const auto start = std::chrono::steady_clock::now();
    const auto r = npmi_coherence(b.index, b.ref.topics);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // Every document counts, relevant or not: 484,472 tokens over 7,725 documents, none shorter
    // than the window, gives 484,472 - 9 * 7,725 windows.
    EXPECT_EQ(r.windows, 414947u);
    EXPECT_EQ(r.words_dropped, static_cast<std::size_t>(b.ref.values.at("words_dropped_oov")));
    double worst = 0.0;
    for (std::size_t t = 0; t < r.per_topic.size(); ++t) {
        EXPECT_NEAR(r.per_topic[t], b.ref.npmi_per_topic[t], 1e-6) << "topic " << b.ref.topic_ids[t];
        worst = std::max(worst, std::abs(r.per_topic[t] - b.ref.npmi_per_topic[t]));
    }
    EXPECT_NEAR(r.mean, b.ref.values.at("npmi"), 1e-6);
    std::printf("[ measured ] NPMI mean %.17g (gensim %.17g, diff %.3g), worst per-topic diff %.3g, scoring %.1f ms\n",
                r.mean, b.ref.values.at("npmi"), r.mean - b.ref.values.at("npmi"), worst, ms);
}

TEST(NpmiBrown, AnalyzerReproducesTheScoredTokens) {
    // The NPMI reference was computed on scikit-learn analyzer tokens; our analyze() must give the
    // same tokens for the raw text, or NPMI computed from raw documents would drift (checked on
    // every 25th document; the rest of the chain is the test above).
    const auto& b = brown();
    const auto sample = eval_fixture::load_text_sample();
    ASSERT_EQ(sample.size(), 309u);
    for (const auto& [d, text] : sample) {
        std::vector<std::string> expect;
        for (std::size_t i = b.corpus.offsets[d]; i < b.corpus.offsets[d + 1]; ++i)
            expect.push_back(b.corpus.vocabulary[b.corpus.tokens[i]]);
        EXPECT_EQ(analyze(text, &english_stop_words()), expect) << "document " << d;
    }
}

TEST(NpmiBrown, StringAndIdIndexesAgree) {
    const auto& b = brown();
    const Docs docs = b.corpus.documents();
    const auto start = std::chrono::steady_clock::now();
    const auto r = npmi_coherence(docs, b.ref.topics);  // builds its own index from strings
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const auto expect = npmi_coherence(b.index, b.ref.topics);
    EXPECT_EQ(r.per_topic, expect.per_topic);
    EXPECT_EQ(r.windows, expect.windows);
    std::printf("[ measured ] NPMI from 7,725 token lists (index + 269 topics): %.1f ms\n", ms);
}

TEST(NpmiBrown, SameResultForOneAndTwoThreads) {
    const auto& b = brown();
    set_thread_limit(1);
    const auto one = npmi_coherence(b.index, b.ref.topics);
    set_thread_limit(2);
    const auto two = npmi_coherence(b.index, b.ref.topics);
    set_thread_limit(1);
    EXPECT_EQ(one.per_topic, two.per_topic);
    EXPECT_EQ(one.mean, two.mean);
}

// ---------------------------------------------------------------- diversity and inverted RBO

TEST(Diversity, BrownMatchesReference) {
    const auto& b = brown();
    EXPECT_EQ(topic_diversity(b.ref.topics), b.ref.values.at("diversity_top10"));
    // OCTIS InvertedRBO(topk=10, weight=0.9) on the same topics, computed with OCTIS's rbo module
    // (rbo_ext) in Python: 0.9991915696127198.
    EXPECT_NEAR(inverted_rbo(b.ref.topics), 0.9991915696127198, 1e-12);
}

TEST(Diversity, SmallInputs) {
    EXPECT_DOUBLE_EQ(topic_diversity({{"a", "b"}, {"b", "c"}}, {2}), 0.75);
    EXPECT_DOUBLE_EQ(topic_diversity({{"a", "b", "x"}, {"c", "d", "a"}}, {2}), 1.0);  // only the top 2 count
    EXPECT_DOUBLE_EQ(topic_diversity({{"a", "b"}, {"a", "b"}}, {2}), 0.5);
    EXPECT_THROW(topic_diversity({}), Error);
    EXPECT_THROW(topic_diversity({{"a", "b"}}, {3}), Error);  // fewer words than top_k
    EXPECT_THROW(topic_diversity({{"a"}}, {0}), Error);
}

TEST(RankBiasedOverlap, MatchesReferenceImplementation) {
    auto chars = [](const std::string& s) {
        std::vector<std::string> out;
        for (char c : s) out.emplace_back(1, c);
        return out;
    };
    // Doctests of the rbo module OCTIS and CTM use, and values it returns (Python, p = 0.9).
    EXPECT_DOUBLE_EQ(rank_biased_overlap(chars("abcdefg"), chars("abcdefg"), 0.9), 1.0);
    EXPECT_DOUBLE_EQ(rank_biased_overlap(chars("abcdefg"), chars("bacdefg"), 0.9), 0.8999999999999999);
    EXPECT_DOUBLE_EQ(rank_biased_overlap(chars("abcde"), chars("abdcf"), 0.9), 0.84178);
    EXPECT_DOUBLE_EQ(rank_biased_overlap(chars("abc"), chars("xbcaz"), 0.9), 0.6635237142857143);  // uneven
    EXPECT_DOUBLE_EQ(rank_biased_overlap(chars("xbcaz"), chars("abc"), 0.9), 0.6635237142857143);  // symmetric
    EXPECT_DOUBLE_EQ(rank_biased_overlap(chars("abcdefghij"), chars("klmnopqrst"), 0.9), 0.0);
    EXPECT_DOUBLE_EQ(inverted_rbo({chars("abcde"), chars("abdcf"), chars("vwxyz")}, {5, 0.9}), 0.7194066666666667);
    EXPECT_DOUBLE_EQ(inverted_rbo({chars("abc"), chars("abc")}, {3, 0.9}), 0.0);

    EXPECT_THROW(rank_biased_overlap({}, chars("ab"), 0.9), Error);
    EXPECT_THROW(rank_biased_overlap(chars("ab"), chars("ab"), 1.0), Error);
    EXPECT_THROW(rank_biased_overlap(chars("ab"), chars("ab"), NAN), Error);
    EXPECT_THROW(inverted_rbo({chars("abc")}, {3, 0.9}), Error);  // one topic: no pair
    EXPECT_THROW(inverted_rbo({chars("abc"), chars("ab")}, {3, 0.9}), Error);
}

// ---------------------------------------------------------------- ARI / NMI

TEST(PartitionAgreement, BrownMatchesScikitLearn) {
    const auto& b = brown();
    ASSERT_EQ(b.ref.topic.size(), 7725u);
    const double ari = adjusted_rand_score(b.ref.genre, b.ref.topic);
    const double nmi = normalized_mutual_info_score(b.ref.genre, b.ref.topic);
    EXPECT_NEAR(ari, b.ref.values.at("ari_all"), 1e-9);
    EXPECT_NEAR(nmi, b.ref.values.at("nmi_all"), 1e-9);
    std::vector<std::int32_t> genre, topic;
    for (std::size_t i = 0; i < b.ref.topic.size(); ++i)
        if (b.ref.topic[i] != -1) {
            genre.push_back(b.ref.genre[i]);
            topic.push_back(b.ref.topic[i]);
        }
    EXPECT_EQ(genre.size(), 5445u);  // 29.5 % outliers removed
    const double ari_in = adjusted_rand_score(genre, topic);
    const double nmi_in = normalized_mutual_info_score(genre, topic);
    EXPECT_NEAR(ari_in, b.ref.values.at("ari_no_outliers"), 1e-9);
    EXPECT_NEAR(nmi_in, b.ref.values.at("nmi_no_outliers"), 1e-9);
    std::printf("[ measured ] ARI %.17g (diff %.3g), NMI %.17g (diff %.3g); without outliers ARI diff %.3g, NMI diff %.3g\n",
                ari, ari - b.ref.values.at("ari_all"), nmi, nmi - b.ref.values.at("nmi_all"),
                ari_in - b.ref.values.at("ari_no_outliers"), nmi_in - b.ref.values.at("nmi_no_outliers"));
}

TEST(PartitionAgreement, HandCheckedValues) {
    using L = std::vector<std::int32_t>;
    // scikit-learn documentation examples.
    EXPECT_DOUBLE_EQ(adjusted_rand_score(L{0, 0, 1, 1}, L{0, 0, 1, 1}), 1.0);
    EXPECT_DOUBLE_EQ(adjusted_rand_score(L{0, 0, 1, 1}, L{1, 1, 0, 0}), 1.0);
    EXPECT_NEAR(adjusted_rand_score(L{0, 0, 1, 2}, L{0, 0, 1, 1}), 4.0 / 7.0, 1e-15);
    EXPECT_NEAR(adjusted_rand_score(L{0, 0, 1, 1}, L{0, 0, 1, 2}), 4.0 / 7.0, 1e-15);
    EXPECT_DOUBLE_EQ(adjusted_rand_score(L{0, 0, 0, 0}, L{0, 1, 2, 3}), 0.0);
    EXPECT_DOUBLE_EQ(adjusted_rand_score(L{0, 0, 1, 1}, L{0, 1, 0, 1}), -0.5);
    EXPECT_DOUBLE_EQ(adjusted_rand_score(L{5, 5, 5}, L{-1, -1, -1}), 1.0);  // one cluster each
    EXPECT_DOUBLE_EQ(normalized_mutual_info_score(L{0, 0, 1, 1}, L{1, 1, 0, 0}), 1.0);
    EXPECT_DOUBLE_EQ(normalized_mutual_info_score(L{0, 0, 0, 0}, L{0, 1, 2, 3}), 0.0);
    EXPECT_DOUBLE_EQ(normalized_mutual_info_score(L{3, 3, 3}, L{7, 7, 7}), 1.0);
    // pred refines true: MI = H(true) = ln 2, H(pred) = 1.5 ln 2, NMI = ln 2 / 1.25 ln 2 = 0.8.
    EXPECT_NEAR(normalized_mutual_info_score(L{0, 0, 1, 1}, L{0, 0, 1, 2}), 0.8, 1e-15);
}

TEST(PartitionAgreement, InvariantToRenamingAndOrderOfArguments) {
    Rng rng(11);
    std::vector<std::int32_t> a(500), b(500), a_renamed(500);
    const std::int32_t rename[6] = {40, -1, 7, 1000000, 3, -77};
    for (std::size_t i = 0; i < a.size(); ++i) {
        a[i] = static_cast<std::int32_t>(rng.below(6));
        b[i] = rng.below(4) == 0 ? a[i] : static_cast<std::int32_t>(rng.below(9));  // partly agreeing
        a_renamed[i] = rename[a[i]];
    }
    const double ari = adjusted_rand_score(a, b), nmi = normalized_mutual_info_score(a, b);
    EXPECT_GT(ari, 0.0);
    EXPECT_LT(ari, 1.0);
    EXPECT_GT(nmi, 0.0);
    EXPECT_LT(nmi, 1.0);
    EXPECT_NEAR(adjusted_rand_score(a_renamed, b), ari, 1e-15);
    EXPECT_NEAR(normalized_mutual_info_score(a_renamed, b), nmi, 1e-12);
    EXPECT_NEAR(adjusted_rand_score(b, a), ari, 1e-15);
    EXPECT_NEAR(normalized_mutual_info_score(b, a), nmi, 1e-12);
    EXPECT_DOUBLE_EQ(adjusted_rand_score(a, a_renamed), 1.0);
    EXPECT_NEAR(normalized_mutual_info_score(a, a_renamed), 1.0, 1e-12);
}

TEST(PartitionAgreement, LargeInputsDoNotOverflow) {
    // 200k items: the pair counts' products reach ~1e20, past 64-bit integers.
    Rng rng(3);
    std::vector<std::int32_t> a(200000), b(200000);
    for (std::size_t i = 0; i < a.size(); ++i) {
        a[i] = static_cast<std::int32_t>(rng.below(3));
        b[i] = static_cast<std::int32_t>(rng.below(3));
    }
    EXPECT_DOUBLE_EQ(adjusted_rand_score(a, a), 1.0);
    const double independent = adjusted_rand_score(a, b);
    EXPECT_LT(std::abs(independent), 1e-3);
    EXPECT_LT(normalized_mutual_info_score(a, b), 1e-3);
}

TEST(PartitionAgreement, Errors) {
    using L = std::vector<std::int32_t>;
    EXPECT_THROW(adjusted_rand_score(L{0, 1}, L{0}), Error);
    EXPECT_THROW(normalized_mutual_info_score(L{0, 1}, L{0}), Error);
    EXPECT_THROW(adjusted_rand_score(L{}, L{}), Error);
    EXPECT_THROW(normalized_mutual_info_score(L{}, L{}), Error);
}
