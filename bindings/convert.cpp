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

val to_js_matrix(const Matrix& m) {
    val out = val::object();
    out.set("data", to_typed_array(m.data));
    out.set("rows", static_cast<double>(m.rows));
    out.set("cols", static_cast<double>(m.cols));
    return out;
}

Progress progress_from_js(const val& on_progress) {
    if (on_progress.isUndefined() || on_progress.isNull()) return {};
    return [on_progress](std::string_view stage, std::size_t done, std::size_t total) {
        val p = val::object();
        p.set("stage", std::string(stage));
        p.set("done", static_cast<double>(done));
        p.set("total", static_cast<double>(total));
        on_progress(p);
    };
}

}  // namespace topicwasm::bindings
