// libFuzzer target: the JSON reader (tokenizer.json, model configs) and the string-list decoder of
// CTM files on untrusted text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "io/safetensors.hpp"
#include "text/mini_json.hpp"

using namespace topicwasm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        json::parse(text);
    } catch (const Error&) {
    }
    try {
        safetensors::decode_string_list(std::string(text));
    } catch (const Error&) {
    }
    return 0;
}
