// Static embeddings (src/embed/static_embedder.hpp) for JavaScript: web/embedding/static_embedder.js wraps
// this class as an embedder with the Embedder's interface.
#include <emscripten/bind.h>

#include <algorithm>
#include <optional>

#include "convert.hpp"
#include "errors.hpp"
#include "embed/static_embedder.hpp"

namespace topicwasm::bindings {
namespace {

StaticEmbedderOptions static_options(const val& options) {
    StaticEmbedderOptions o;
    if (options.isUndefined() || options.isNull()) return o;
    const val max_tokens = options["maxTokens"];
    if (!max_tokens.isUndefined()) {
        const double v = max_tokens.as<double>();
        require(v >= 0 && v == static_cast<double>(static_cast<std::size_t>(v)), "maxTokens must be a non-negative integer");
        o.max_tokens = static_cast<std::size_t>(v);
    }
    const val normalize = options["normalize"];
    if (!normalize.isUndefined()) o.normalize = normalize.as<bool>();
    return o;
}

class StaticEmbedderBinding {
public:
    // bytes: the model file (Uint8Array); options: {maxTokens, normalize} (checked in JS).
    StaticEmbedderBinding(const val& bytes, const val& options)
        : embedder_(guarded([&] {
              const auto data = copy_array<uint8_t>(bytes);
              return StaticEmbedder::from_safetensors(data.data(), data.size(), static_options(options));
          })) {}

    // {data: Float32Array n x dim, tokens: Uint32Array n (pieces averaged per document)}.
    val embed(const val& utf8, const val& offsets) const {
        return guarded([&] {
            const auto bytes = copy_array<uint8_t>(utf8);
            const auto bounds = copy_array<uint32_t>(offsets);
            std::vector<std::uint32_t> counts;
            const Matrix m = embedder_.embed(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), bounds, &counts);
            val out = val::object();
            out.set("data", to_typed_array(m.data));
            out.set("tokens", to_typed_array(counts));
            return out;
        });
    }

    std::size_t dim() const { return embedder_.dim(); }
    std::size_t vocab_size() const { return embedder_.vocab_size(); }

private:
    StaticEmbedder embedder_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(topicwasm_static_embedder) {
    emscripten::class_<StaticEmbedderBinding>("StaticEmbedder")
        .constructor<const val&, const val&>()
        .function("embed", &StaticEmbedderBinding::embed)
        .function("dim", &StaticEmbedderBinding::dim)
        .function("vocabSize", &StaticEmbedderBinding::vocab_size);
}

}  // namespace topicwasm::bindings
