// Native CTM quality run on Brown with the protocol of bench/ctm.mjs (K = 15, vocabulary 2,000 with
// scikit-learn's English stop words, 100 epochs; NPMI = gensim c_npmi of the top 10 words over
// scikit-learn-analyzer tokens, window 10; diversity of the top 25 words; NMI of the argmax topic
// of the 20-sample doc-topic distribution against the genres), about 3x faster than the wasm bench.
// Not part of the build:
//   node bench/ctm-native-data.mjs /tmp/brown
//   cmake -S . -B build/native-rel -DCMAKE_BUILD_TYPE=Release && cmake --build build/native-rel --target engine
//   g++ -O2 -std=c++20 -Isrc -I/usr/include/eigen3 bench/ctm_quality.cpp build/native-rel/libengine.a -pthread -o ctm_quality
//   ./ctm_quality /tmp/brown combined 100 42 43 44      (SHOW=1 prints each topic's words and NPMI)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "ctm/contextual_topic_model.hpp"
#include "eval/diversity.hpp"
#include "eval/npmi.hpp"
#include "eval/partition_agreement.hpp"
#include "text/tokenizer.hpp"

using namespace topicwasm;

template <class T>
std::vector<T> read_all(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw Error("cannot read " + path + " (run bench/ctm-native-data.mjs first)");
    std::vector<char> bytes((std::istreambuf_iterator<char>(f)), {});
    std::vector<T> v(bytes.size() / sizeof(T));
    std::memcpy(v.data(), bytes.data(), v.size() * sizeof(T));
    return v;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: ctm_quality DATA_DIR [combined|zeroshot] [epochs] [seeds...]\n");
        return 2;
    }
    const std::string dir = argv[1], type = argc > 2 ? argv[2] : "combined";
    const int epochs = argc > 3 ? std::atoi(argv[3]) : 100;
    std::vector<int> seeds;
    for (int i = 4; i < argc; ++i) seeds.push_back(std::atoi(argv[i]));
    if (seeds.empty()) seeds = {42};
    set_thread_limit(1);

    const auto bytes = read_all<char>(dir + "/texts.bin");
    std::vector<std::string> texts;
    for (std::size_t o = 0; o + 4 <= bytes.size();) {
        uint32_t n;
        std::memcpy(&n, &bytes[o], 4);
        texts.emplace_back(&bytes[o + 4], n);
        o += 4 + n;
    }
    const auto emb = read_all<float>(dir + "/emb.f32");
    const auto genre = read_all<int32_t>(dir + "/labels.i32");
    const MatrixView embeddings{emb.data(), texts.size(), emb.size() / texts.size()};
    std::vector<std::vector<std::string>> tokens;
    for (const auto& t : texts) tokens.push_back(analyze(t, &english_stop_words()));
    const WindowIndex index(tokens, 10);

    for (int seed : seeds) {
        ContextualTopicModelOptions o;
        o.ctm.model_type = type == "zeroshot" ? ctm::InferenceType::ZeroShot : ctm::InferenceType::Combined;
        o.ctm.n_components = 15;
        o.ctm.num_epochs = std::size_t(epochs);
        o.ctm.seed = uint64_t(seed);
        ContextualTopicModel model(o);
        const auto start = std::chrono::steady_clock::now();
        const CtmFitReport report = model.fit(texts, embeddings, {});
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto topics = model.ctm().topic_lists(10);
        const NpmiResult npmi = npmi_coherence(index, topics);
        DiversityOptions d;
        d.top_k = 25;
        const double diversity = topic_diversity(model.ctm().topic_lists(25), d);
        const auto predicted = Ctm::predicted_topics(model.doc_topic_distribution(20));
        const double nmi = normalized_mutual_info_score(genre, predicted);
        std::printf("%s seed=%d epochs=%d: NPMI %.4f diversity@25 %.3f NMI %.3f train loss %.2f (%.0f s)\n",
                    type.c_str(), seed, epochs, npmi.mean, diversity, nmi, report.train_loss.back(), seconds);
        if (std::getenv("SHOW"))
            for (std::size_t k = 0; k < topics.size(); ++k) {
                std::printf("  %6.3f ", npmi.per_topic[k]);
                for (const auto& w : topics[k]) std::printf(" %s", w.c_str());
                std::printf("\n");
            }
        std::fflush(stdout);
    }
}
