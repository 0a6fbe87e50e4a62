#pragma once
// JavaScript <-> C++ conversions for the bindings: typed arrays copied with one memcpy-like set(),
// documents passed as one UTF-8 buffer plus offsets (far faster than an array of JS strings).
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/matrix.hpp"
#include "core/progress.hpp"

namespace topicwasm::bindings {

using emscripten::val;

// Copies a JS typed array (or array of numbers) into a std::vector<T> of the same length.
template <class T>
std::vector<T> copy_array(const val& source) {
    std::vector<T> out(source["length"].as<std::size_t>());
    if (!out.empty()) val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", source);
    return out;
}

// A fresh JS typed array holding a copy of `data` (never a view: memory growth would detach it).
template <class T>
val to_typed_array(const std::vector<T>& data) {
    return val(emscripten::typed_memory_view(data.size(), data.data())).call<val>("slice");
}

// utf8: all documents' UTF-8 bytes back to back; offsets: n + 1 byte offsets.
std::vector<std::string> split_documents(const val& utf8, const val& offsets);

val to_js_string_array(const std::vector<std::string>& strings);

// {data: Float32Array (copy), rows, cols}.
val to_js_matrix(const Matrix& m);

// A Progress that calls the JS onProgress({stage, done, total}); empty when on_progress is
// undefined or null. Only call it on the calling thread (the engine reports between parallel sections).
Progress progress_from_js(const val& on_progress);

}  // namespace topicwasm::bindings
