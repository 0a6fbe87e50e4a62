// libFuzzer target: WordPiece on untrusted text (with the real all-MiniLM vocabulary subset of the
// fixture tokenizer.json), tokenizer.json parsing itself, and CTM's model-file loader. The first
// byte picks the reader, so one corpus of real files seeds all three.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "ctm/ctm.hpp"
#include "text/wordpiece.hpp"

using namespace topicwasm;

static const WordPieceTokenizer& fixture_tokenizer() {
    static const WordPieceTokenizer tokenizer = [] {
        std::ifstream in(TOPICWASM_SOURCE_DIR "/tests/fixtures/wordpiece_tokenizer.json");
        std::stringstream json;
        json << in.rdbuf();
        return WordPieceTokenizer::from_tokenizer_json(json.str(), 64);
    }();
    return tokenizer;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 3) {
            case 0: fixture_tokenizer().encode(rest); fixture_tokenizer().tokenize(rest); break;
            case 1: WordPieceTokenizer::from_tokenizer_json(rest, 16).encode("fuzz the tokenizer"); break;
            default: Ctm::load(data + 1, size - 1); break;
        }
    } catch (const Error&) {
    }
    return 0;
}
