#pragma once
// Every bound function runs inside guarded(): a C++ exception becomes a JavaScript Error with the
// same message. Emscripten 3.1.6 would otherwise hand JS a bare pointer number. The C++ exception is
// fully caught (its frames unwound, destructors run) before the JS Error is thrown.
#include <emscripten/val.h>

#include <exception>
#include <new>
#include <string>

namespace topicwasm::bindings {

template <class F>
auto guarded(F&& body) -> decltype(body()) {
    emscripten::val error = emscripten::val::undefined();
    try {
        return body();
    } catch (const std::bad_alloc&) {
        error = emscripten::val::global("Error").new_(emscripten::val("out of memory (wasm32 allows at most 4 GB)"));
    } catch (const std::exception& e) {
        error = emscripten::val::global("Error").new_(emscripten::val(std::string(e.what())));
    } catch (...) {
        error = emscripten::val::global("Error").new_(emscripten::val("topicwasm: unknown internal error"));
    }
    error.throw_();
}

}  // namespace topicwasm::bindings
