#pragma once
// Test-only loaders for the Brown fixtures written by scripts/fixtures/umap_fixtures.py and the
// half-float embeddings (tests/fixtures/brown/embeddings.f16, 7725 x 384).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/matrix.hpp"

namespace umap_fixture {

inline std::string path(const std::string& name) { return std::string(TOPICWASM_FIXTURES) + "/brown/" + name; }

inline std::vector<char> read_bytes(const std::string& name) {
    std::ifstream in(path(name), std::ios::binary);
    if (!in) throw std::runtime_error("missing fixture " + path(name));
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

inline float half_to_float(uint16_t h) {
    uint32_t sign = (h & 0x8000u) << 16, exp = (h >> 10) & 0x1f, mant = h & 0x3ffu;
    float value;
    if (exp == 0)
        value = std::ldexp(static_cast<float>(mant), -24);
    else if (exp == 31)
        value = mant ? NAN : INFINITY;
    else
        value = std::ldexp(static_cast<float>(mant | 0x400u), static_cast<int>(exp) - 25);
    uint32_t bits;
    std::memcpy(&bits, &value, 4);
    bits |= sign;
    std::memcpy(&value, &bits, 4);
    return value;
}

// The first `rows` Brown embeddings (all 7725 when rows == 0) as float32.
inline topicwasm::Matrix embeddings(std::size_t rows = 0) {
    std::vector<char> raw = read_bytes("embeddings.f16");
    const std::size_t dim = 384, total = raw.size() / 2 / dim;
    if (rows == 0 || rows > total) rows = total;
    topicwasm::Matrix m(rows, dim);
    for (std::size_t i = 0; i < rows * dim; ++i) {
        uint16_t h;
        std::memcpy(&h, raw.data() + 2 * i, 2);
        m.data[i] = half_to_float(h);
    }
    return m;
}

template <class T>
std::vector<T> take(const std::vector<char>& raw, std::size_t& offset, std::size_t count) {
    std::vector<T> out(count);
    std::memcpy(out.data(), raw.data() + offset, count * sizeof(T));
    offset += count * sizeof(T);
    return out;
}

struct ReferenceKnn {
    std::size_t n = 0, k = 0;
    std::vector<uint16_t> indices;
    std::vector<float> distances;
};

inline ReferenceKnn reference_knn() {
    std::vector<char> raw = read_bytes("knn_exact2000.bin");
    std::size_t off = 0;
    auto header = take<uint32_t>(raw, off, 2);
    ReferenceKnn r;
    r.n = header[0];
    r.k = header[1];
    r.indices = take<uint16_t>(raw, off, r.n * r.k);
    r.distances = take<float>(raw, off, r.n * r.k);
    return r;
}

struct ReferenceFuzzy {
    std::vector<uint16_t> rows, cols;
    std::vector<float> values;
};

inline ReferenceFuzzy reference_fuzzy() {
    std::vector<char> raw = read_bytes("umap_fuzzy2000.bin");
    std::size_t off = 0;
    uint32_t nnz = take<uint32_t>(raw, off, 1)[0];
    ReferenceFuzzy r;
    r.rows = take<uint16_t>(raw, off, nnz);
    r.cols = take<uint16_t>(raw, off, nnz);
    r.values = take<float>(raw, off, nnz);
    return r;
}

inline std::vector<float> read_f32(const std::string& name) {
    std::vector<char> raw = read_bytes(name);
    std::vector<float> out(raw.size() / 4);
    std::memcpy(out.data(), raw.data(), out.size() * 4);
    return out;
}

}  // namespace umap_fixture
