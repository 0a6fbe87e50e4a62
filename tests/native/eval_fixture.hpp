#pragma once
// Loads the Brown evaluation fixtures written by scripts/fixtures/eval_brown.py: the analysed
// documents (eval_vocab.txt + eval_tokens.txt) and the reference numbers (eval_reference.txt).
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace eval_fixture {

inline std::string path(const std::string& name) { return std::string(TOPICWASM_FIXTURES) + "/brown/" + name; }

inline std::ifstream open(const std::string& name) {
    std::ifstream in(path(name));
    if (!in) throw std::runtime_error("cannot open fixture " + path(name));
    return in;
}

// Token ids (into the vocabulary) of every document, concatenated, with CSR offsets.
struct Corpus {
    std::vector<std::string> vocabulary;
    std::vector<std::uint32_t> tokens;
    std::vector<std::size_t> offsets{0};

    std::vector<std::vector<std::string>> documents() const {
        std::vector<std::vector<std::string>> docs(offsets.size() - 1);
        for (std::size_t d = 0; d + 1 < offsets.size(); ++d)
            for (std::size_t i = offsets[d]; i < offsets[d + 1]; ++i) docs[d].push_back(vocabulary[tokens[i]]);
        return docs;
    }
};

inline Corpus load_corpus() {
    Corpus c;
    auto vocab = open("eval_vocab.txt");
    for (std::string line; std::getline(vocab, line);) c.vocabulary.push_back(line);
    auto docs = open("eval_tokens.txt");
    for (std::string line; std::getline(docs, line);) {
        const char* p = line.c_str();
        while (*p) {
            char* end = nullptr;
            unsigned long id = std::strtoul(p, &end, 36);
            if (end == p || id >= c.vocabulary.size()) throw std::runtime_error("bad token id in eval_tokens.txt");
            c.tokens.push_back(static_cast<std::uint32_t>(id));
            p = end;
            while (*p == ' ') ++p;
        }
        c.offsets.push_back(c.tokens.size());
    }
    return c;
}

struct Reference {
    std::map<std::string, double> values;          // npmi, diversity_top10, ari_all, ...
    std::vector<int> topic_ids;                    // 0..268
    std::vector<double> npmi_per_topic;            // gensim c_npmi per topic
    std::vector<std::vector<std::string>> topics;  // BERTopic Representation (10 words)
    std::vector<std::int32_t> genre;               // per document, genre index (sorted names)
    std::vector<std::int32_t> topic;               // per document, BERTopic topic (-1 = outlier)
};

inline Reference load_reference() {
    Reference r;
    auto in = open("eval_reference.txt");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream head(line);
        std::string key;
        head >> key;
        if (key == "topics" || key == "labels") {
            std::size_t n = 0;
            head >> n;
            for (std::size_t i = 0; i < n && std::getline(in, line); ++i) {
                std::istringstream row(line);
                if (key == "topics") {
                    int id;
                    std::string value;  // read as text: strtod keeps all 17 digits
                    row >> id >> value;
                    r.topic_ids.push_back(id);
                    r.npmi_per_topic.push_back(std::strtod(value.c_str(), nullptr));
                    r.topics.emplace_back();
                    for (std::string w; row >> w;) r.topics.back().push_back(w);
                } else {
                    std::int32_t g, t;
                    row >> g >> t;
                    r.genre.push_back(g);
                    r.topic.push_back(t);
                }
            }
        } else {
            std::string value;
            head >> value;
            r.values[key] = std::strtod(value.c_str(), nullptr);
        }
    }
    return r;
}

// Raw texts of every 25th document (eval_texts_sample.txt): (document index, text).
inline std::vector<std::pair<std::size_t, std::string>> load_text_sample() {
    std::vector<std::pair<std::size_t, std::string>> out;
    std::ifstream in(path("eval_texts_sample.txt"), std::ios::binary);
    if (!in) throw std::runtime_error("cannot open fixture " + path("eval_texts_sample.txt"));
    std::size_t index = 0, bytes = 0;
    while (in >> index >> bytes) {
        in.get();  // the newline after the header
        std::string text(bytes, '\0');
        if (!in.read(text.data(), static_cast<std::streamsize>(bytes))) throw std::runtime_error("truncated eval_texts_sample.txt");
        out.emplace_back(index, std::move(text));
    }
    return out;
}

}  // namespace eval_fixture
