#include "convert.hpp"

#include "core/error.hpp"

namespace topicwasm::bindings {

std::vector<std::string> split_documents(const val& utf8, const val& offsets) {
    auto bytes = copy_array<uint8_t>(utf8);
    auto bounds = copy_array<uint32_t>(offsets);
    require(!bounds.empty() && bounds.back() == bytes.size(), "internal: document offsets do not match the text buffer");
    std::vector<std::string> documents;
    documents.reserve(bounds.size() - 1);
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
        require(bounds[i] <= bounds[i + 1], "internal: document offsets are not increasing");
        documents.emplace_back(reinterpret_cast<const char*>(bytes.data()) + bounds[i], bounds[i + 1] - bounds[i]);
    }
    return documents;
}

val to_js_string_array(const std::vector<std::string>& strings) {
    val array = val::array();
    for (const auto& s : strings) array.call<void>("push", val(s));
    return array;
}

}  // namespace topicwasm::bindings
