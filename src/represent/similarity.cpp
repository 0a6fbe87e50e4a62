#include "represent/similarity.hpp"

#include <algorithm>
#include <cmath>

namespace topicwasm {

namespace {

// Distances from pairwise dot products and squared norms.
std::vector<double> distances_from_dots(std::vector<double> dots, const std::vector<double>& norms) {
    const std::size_t n = norms.size();
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            double& v = dots[i * n + j];
            double denominator = std::sqrt(norms[i]) * std::sqrt(norms[j]);
            double cosine = denominator > 0 ? v / denominator : 0.0;
            v = i == j ? 0.0 : std::max(0.0, 1.0 - cosine);
        }
    }
    // Exact symmetry (the agglomerative clustering checks it): keep the upper triangle's value.
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) dots[j * n + i] = dots[i * n + j];
    return dots;
}

}  // namespace

double cosine_similarity(const float* a, const float* b, std::size_t d) {
    double dot = 0, na = 0, nb = 0;
    for (std::size_t k = 0; k < d; ++k) {
        const double x = a[k], y = b[k];
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

std::vector<double> cosine_distances(MatrixView vectors, std::size_t first_row) {
    const std::size_t n = vectors.rows - first_row;
    std::vector<double> dots(n * n, 0.0), norms(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const float* a = vectors.row(first_row + i);
        for (std::size_t j = i; j < n; ++j) {
            const float* b = vectors.row(first_row + j);
            double dot = 0;
            for (std::size_t k = 0; k < vectors.cols; ++k) dot += static_cast<double>(a[k]) * b[k];
            dots[i * n + j] = dots[j * n + i] = dot;
        }
        norms[i] = dots[i * n + i];
    }
    return distances_from_dots(std::move(dots), norms);
}

std::vector<double> cosine_similarities(const WeightMatrix& a, const WeightMatrix& b, std::size_t b_first_row) {
    const std::size_t rows_b = b.rows - b_first_row;
    std::vector<double> out(a.rows * rows_b, 0.0);
    std::vector<double> dense(b.cols, 0.0);
    std::vector<double> norm_a(a.rows, 0.0);
    for (std::size_t i = 0; i < a.rows; ++i)
        for (std::size_t k = a.row_begin(i); k < a.row_end(i); ++k) norm_a[i] += a.values[k] * a.values[k];
    for (std::size_t j = 0; j < rows_b; ++j) {
        const std::size_t r = b_first_row + j;
        double norm_b = 0;
        for (std::size_t k = b.row_begin(r); k < b.row_end(r); ++k) {
            dense[b.indices[k]] = b.values[k];
            norm_b += b.values[k] * b.values[k];
        }
        for (std::size_t i = 0; i < a.rows; ++i) {
            double dot = 0;
            for (std::size_t k = a.row_begin(i); k < a.row_end(i); ++k) dot += a.values[k] * dense[a.indices[k]];
            const double denominator = std::sqrt(norm_a[i]) * std::sqrt(norm_b);
            out[i * rows_b + j] = denominator > 0 ? dot / denominator : 0.0;  // zero rows: similarity 0
        }
        for (std::size_t k = b.row_begin(r); k < b.row_end(r); ++k) dense[b.indices[k]] = 0.0;
    }
    return out;
}

std::vector<double> cosine_distances(const WeightMatrix& vectors, std::size_t first_row) {
    const std::size_t n = vectors.rows - first_row;
    std::vector<double> sims = cosine_similarities(vectors, vectors, first_row);
    // cosine_similarities compares all rows of the left matrix; keep rows first_row.. of it.
    std::vector<double> dots(n * n), norms(n, 1.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) dots[i * n + j] = sims[(first_row + i) * n + j];
    return distances_from_dots(std::move(dots), norms);
}

}  // namespace topicwasm
