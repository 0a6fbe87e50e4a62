#pragma once
// Dense row-major float matrices: an owning Matrix and a non-owning MatrixView over caller memory
// (a typed array in wasm memory, a file mapping). Row-major because that is how JS hands us
// Float32Arrays of n x d embeddings.
#include <cstddef>
#include <vector>

#include "core/error.hpp"

namespace topicwasm {

struct MatrixView {
    const float* data = nullptr;
    std::size_t rows = 0;
    std::size_t cols = 0;

    const float* row(std::size_t i) const { return data + i * cols; }
    float operator()(std::size_t i, std::size_t j) const { return data[i * cols + j]; }
};

struct Matrix {
    std::vector<float> data;
    std::size_t rows = 0;
    std::size_t cols = 0;

    Matrix() = default;
    Matrix(std::size_t r, std::size_t c, float fill = 0.0f) : data(r * c, fill), rows(r), cols(c) {}

    float* row(std::size_t i) { return data.data() + i * cols; }
    const float* row(std::size_t i) const { return data.data() + i * cols; }
    float& operator()(std::size_t i, std::size_t j) { return data[i * cols + j]; }
    float operator()(std::size_t i, std::size_t j) const { return data[i * cols + j]; }
    MatrixView view() const { return {data.data(), rows, cols}; }
};

// An owning copy of a view.
inline Matrix to_matrix(MatrixView v) {
    Matrix m;
    m.rows = v.rows;
    m.cols = v.cols;
    m.data.assign(v.data, v.data + v.rows * v.cols);
    return m;
}

}  // namespace topicwasm
