#pragma once
// Progress reporting: long calls take a Progress and report (stage, done, total). The bindings wrap
// a JavaScript onProgress callback in one; it must only be called from the calling thread
// (emscripten::val is not thread-safe), so parallel code reports between parallel sections.
#include <cstddef>
#include <functional>
#include <string_view>

namespace topicwasm {

using Progress = std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

inline void report(const Progress& progress, std::string_view stage, std::size_t done, std::size_t total) {
    if (progress) progress(stage, done, total);
}

}  // namespace topicwasm
