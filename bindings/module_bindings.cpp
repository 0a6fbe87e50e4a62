// Module-level functions: thread limit and a concurrency probe (tests use it to show that pool
// threads really run at the same time).
#include <emscripten/bind.h>

#include <malloc.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "convert.hpp"
#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "errors.hpp"
#include "io/bertopic_files.hpp"
#include "io/safetensors.hpp"
#include "options.hpp"
#include "text/count_vectorizer.hpp"

namespace topicwasm::bindings {
namespace {

// Runs `threads` work items through parallel_for; each waits (up to timeout_ms) until all of them
// are inside at once. Returns the largest number seen running simultaneously.
unsigned concurrency_probe(unsigned threads, unsigned timeout_ms) {
    return guarded([&] {
        std::atomic<unsigned> inside{0}, peak{0};
        parallel_for(threads, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t i = begin; i < end; ++i) {
                unsigned now = ++inside;
                unsigned seen = peak.load();
                while (now > seen && !peak.compare_exchange_weak(seen, now)) {
                }
                auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
                while (peak.load() < threads && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
                --inside;
            }
        });
        return peak.load();
    });
}

// The terms a CountVectorizer with these options makes of one text (sklearn's build_analyzer()).
emscripten::val analyze(const std::string& text, const emscripten::val& vectorizer) {
    return guarded([&] { return to_js_string_array(CountVectorizer(vectorizer_options(vectorizer)).analyze(text)); });
}

// BERTopic's topic_embeddings.safetensors of a rows x cols matrix (mergeModels builds one).
emscripten::val topic_embeddings_file(const emscripten::val& data, std::size_t rows, std::size_t cols) {
    return guarded([&] {
        Matrix m(rows, cols);
        m.data = copy_array<float>(data);
        require(m.data.size() == rows * cols, "topic embeddings: expected " + std::to_string(rows) + " x " + std::to_string(cols) + " values");
        return to_typed_array(bertopic_files::write_topic_embeddings(m));
    });
}

// A safetensors file's tensors (the engine's reader, so the package has one): Map name -> {dtype,
// shape, raw: the element bytes (Uint8Array copy), floats(): the values as a Float32Array}.
emscripten::val read_safetensors(const emscripten::val& bytes) {
    return guarded([&] {
        const auto file = safetensors::parse(copy_array<uint8_t>(bytes));
        emscripten::val tensors = emscripten::val::global("Map").new_();
        for (const auto& t : file.tensors) {
            emscripten::val entry = emscripten::val::object();
            entry.set("dtype", std::string(safetensors::dtype_name(t.dtype)));
            std::vector<double> shape(t.shape.begin(), t.shape.end());
            entry.set("shape", emscripten::val::global("Array").call<emscripten::val>("from", to_typed_array(shape)));
            entry.set("raw", to_typed_array(t.data));
            const bool floating = t.dtype == safetensors::Dtype::F32 || t.dtype == safetensors::Dtype::F16 ||
                                  t.dtype == safetensors::Dtype::BF16 || t.dtype == safetensors::Dtype::F64;
            entry.set("floats", floating ? to_typed_array(t.to_f32()) : emscripten::val::null());
            tensors.call<void>("set", t.name, entry);
        }
        return tensors;
    });
}

void set_threads(unsigned threads) { set_thread_limit(threads); }
unsigned get_threads() { return static_cast<unsigned>(thread_limit()); }

// Bytes malloc has handed out and not got back (tests: fit + free cycles must not leak).
double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(topicwasm_module) {
    emscripten::function("concurrencyProbe", &concurrency_probe);
    emscripten::function("analyze", &analyze);
    emscripten::function("topicEmbeddingsFile", &topic_embeddings_file);
    emscripten::function("readSafetensors", &read_safetensors);
    emscripten::function("setThreadLimit", &set_threads);
    emscripten::function("threadLimit", &get_threads);
    emscripten::function("heapInUse", &heap_in_use);
}

}  // namespace topicwasm::bindings
