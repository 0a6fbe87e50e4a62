#pragma once
// Shared by the CTM native tests (ctm_test.cpp, ctm_training_test.cpp): a planted-topic corpus,
// small training options, and an Error-message check.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "ctm/ctm.hpp"
#include "ctm/network.hpp"

namespace topicwasm::ctm_test {

using ctm::InferenceType;

struct Corpus {
    CountMatrix bow;
    Matrix embeddings;
    std::vector<int32_t> topic;  // planted dominant topic per document
};

// n documents over K planted topics, each owning `words_per_topic` consecutive words. A document
// draws ~40 tokens, 90% from its topic's words; its embedding is the topic's centroid + noise.
inline Corpus planted_corpus(std::size_t n, std::size_t K, std::size_t words_per_topic, std::size_t dim, uint64_t seed) {
    Rng rng(seed, 7);
    const std::size_t V = K * words_per_topic;
    Matrix centroids(K, dim);
    for (auto& x : centroids.data) x = float(ctm::normal(rng));
    Corpus c;
    c.bow.rows = n;
    c.bow.cols = V;
    c.embeddings = Matrix(n, dim);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t t = rng.below(uint32_t(K));
        c.topic.push_back(int32_t(t));
        std::map<uint32_t, float> counts;
        for (int tok = 0; tok < 40; ++tok) {
            std::size_t topic = rng.uniform() < 0.9f ? t : rng.below(uint32_t(K));
            // Zipf-ish within the topic so top words are well defined.
            std::size_t w = std::size_t(words_per_topic * std::pow(rng.uniform_double(), 2.0));
            counts[uint32_t(topic * words_per_topic + std::min(w, words_per_topic - 1))] += 1;
        }
        for (auto& [w, cnt] : counts) {
            c.bow.indices.push_back(w);
            c.bow.values.push_back(cnt);
        }
        c.bow.indptr.push_back(c.bow.indices.size());
        for (std::size_t j = 0; j < dim; ++j) c.embeddings(i, j) = centroids(t, j) + 0.5f * float(ctm::normal(rng));
    }
    return c;
}

inline CtmOptions small_options(InferenceType type, std::size_t K) {
    CtmOptions o;
    o.model_type = type;
    o.n_components = K;
    o.hidden_sizes = {32, 32};
    o.num_epochs = 30;
    o.batch_size = 32;
    o.seed = 5;
    return o;
}


// Rows [from, from + count) of a corpus as a corpus of their own.
inline Corpus rows_of(const Corpus& c, std::size_t from, std::size_t count) {
    Corpus out;
    out.bow.rows = count;
    out.bow.cols = c.bow.cols;
    out.embeddings = Matrix(count, c.embeddings.cols);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t r = from + i;
        for (std::size_t o = c.bow.indptr[r]; o < c.bow.indptr[r + 1]; ++o) {
            out.bow.indices.push_back(c.bow.indices[o]);
            out.bow.values.push_back(c.bow.values[o]);
        }
        out.bow.indptr.push_back(out.bow.indices.size());
        std::copy(c.embeddings.row(r), c.embeddings.row(r) + c.embeddings.cols, out.embeddings.row(i));
        out.topic.push_back(c.topic[r]);
    }
    return out;
}

template <class F>
inline void expect_error(F&& f, const std::string& fragment) {
    try {
        f();
        ADD_FAILURE() << "expected an Error containing '" << fragment << "'";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

}  // namespace topicwasm::ctm_test
