#include "neighbors/distance.hpp"

#include <cmath>

#include "core/error.hpp"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace topicwasm {

Metric parse_metric(const std::string& name) {
    if (name == "cosine") return Metric::cosine;
    if (name == "euclidean") return Metric::euclidean;
    throw Error("unknown metric '" + name + "' (expected 'cosine' or 'euclidean')");
}

const char* metric_name(Metric metric) { return metric == Metric::cosine ? "cosine" : "euclidean"; }

float dot(const float* a, const float* b, std::size_t n) {
    std::size_t i = 0;
#ifdef __wasm_simd128__
    v128_t acc0 = wasm_f32x4_splat(0.0f), acc1 = wasm_f32x4_splat(0.0f);
    for (; i + 8 <= n; i += 8) {
        acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)));
        acc1 = wasm_f32x4_add(acc1, wasm_f32x4_mul(wasm_v128_load(a + i + 4), wasm_v128_load(b + i + 4)));
    }
    v128_t acc = wasm_f32x4_add(acc0, acc1);
    float sum = (wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1)) +
                (wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3));
#else
    // Eight independent partial sums: the compiler maps them onto SIMD lanes.
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (; i + 8 <= n; i += 8)
        for (std::size_t l = 0; l < 8; ++l) acc[l] += a[i + l] * b[i + l];
    float sum = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
#endif
    for (; i < n; ++i) sum += a[i] * b[i];
    return sum;
}

float squared_euclidean(const float* a, const float* b, std::size_t n) {
    std::size_t i = 0;
#ifdef __wasm_simd128__
    v128_t acc0 = wasm_f32x4_splat(0.0f), acc1 = wasm_f32x4_splat(0.0f);
    for (; i + 8 <= n; i += 8) {
        v128_t d0 = wasm_f32x4_sub(wasm_v128_load(a + i), wasm_v128_load(b + i));
        v128_t d1 = wasm_f32x4_sub(wasm_v128_load(a + i + 4), wasm_v128_load(b + i + 4));
        acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(d0, d0));
        acc1 = wasm_f32x4_add(acc1, wasm_f32x4_mul(d1, d1));
    }
    v128_t acc = wasm_f32x4_add(acc0, acc1);
    float sum = (wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1)) +
                (wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3));
#else
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (; i + 8 <= n; i += 8)
        for (std::size_t l = 0; l < 8; ++l) {
            float d = a[i + l] - b[i + l];
            acc[l] += d * d;
        }
    float sum = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
#endif
    for (; i < n; ++i) {
        float d = a[i] - b[i];
        sum += d * d;
    }
    return sum;
}

Matrix normalized_rows(const MatrixView& data) {
    Matrix out(data.rows, data.cols);
    for (std::size_t r = 0; r < data.rows; ++r) {
        const float* src = data.row(r);
        double norm2 = 0.0;
        for (std::size_t c = 0; c < data.cols; ++c) norm2 += static_cast<double>(src[c]) * src[c];
        float scale = norm2 > 0.0 ? static_cast<float>(1.0 / std::sqrt(norm2)) : 0.0f;
        float* dst = out.row(r);
        for (std::size_t c = 0; c < data.cols; ++c) dst[c] = src[c] * scale;
    }
    return out;
}

void require_finite(const MatrixView& data, const char* what) {
    const std::size_t total = data.rows * data.cols;
    for (std::size_t i = 0; i < total; ++i)
        if (!std::isfinite(data.data[i]))
            throw Error(std::string(what) + " contains a non-finite value (NaN or infinity) at row " +
                        std::to_string(i / data.cols) + ", column " + std::to_string(i % data.cols));
}

float search_distance(Metric metric, const float* a, const float* b, std::size_t n) {
    if (metric == Metric::cosine) return 1.0f - dot(a, b, n);
    return squared_euclidean(a, b, n);
}

float reported_distance(Metric metric, float search_dist) {
    if (metric == Metric::cosine) return search_dist < 0.0f ? 0.0f : search_dist;
    return std::sqrt(search_dist < 0.0f ? 0.0f : search_dist);
}

}  // namespace topicwasm
