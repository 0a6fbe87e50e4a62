// BERT WordPiece tokenizer for JavaScript: the Embedder tokenises documents with it.
#include <emscripten/bind.h>

#include "convert.hpp"
#include "errors.hpp"
#include "text/wordpiece.hpp"

namespace topicwasm::bindings {
namespace {

class WordPieceBinding {
public:
    // max_length 0 = no truncation.
    WordPieceBinding(const std::string& tokenizer_json, int max_length)
        : tokenizer_(guarded([&] {
              return WordPieceTokenizer::from_tokenizer_json(tokenizer_json, static_cast<std::size_t>(std::max(0, max_length)));
          })) {}

    val encode_batch(const val& utf8, const val& offsets) const {
        return guarded([&] {
            auto bytes = copy_array<uint8_t>(utf8);
            auto bounds = copy_array<uint32_t>(offsets);
            auto batch = tokenizer_.encode_batch(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), bounds);
            val out = val::object();
            out.set("ids", to_typed_array(batch.ids));
            out.set("lengths", to_typed_array(batch.lengths));
            return out;
        });
    }

private:
    WordPieceTokenizer tokenizer_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(topicwasm_wordpiece) {
    emscripten::class_<WordPieceBinding>("WordPieceTokenizer")
        .constructor<const std::string&, int>()
        .function("encodeBatch", &WordPieceBinding::encode_batch);
}

}  // namespace topicwasm::bindings
