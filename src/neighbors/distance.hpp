#pragma once
// Distance kernels for k-nearest-neighbour search. Plain loops with several independent
// accumulators so g++/clang auto-vectorise them (no -ffast-math needed: the reassociation is
// written out by hand); under Emscripten with -msimd128 the dot product uses wasm SIMD intrinsics.
//
// Cosine distance is 1 - cos(a, b), as umap-learn / pynndescent define it. Searches normalise the
// rows once (normalized_rows) and then use 1 - dot, which is the same quantity with a cheaper kernel.
#include <cstddef>
#include <string>
#include <vector>

#include "core/matrix.hpp"

namespace topicwasm {

enum class Metric { cosine, euclidean };

// "cosine" / "euclidean" -> Metric; anything else throws Error naming the value.
Metric parse_metric(const std::string& name);
const char* metric_name(Metric metric);

float dot(const float* a, const float* b, std::size_t n);
float squared_euclidean(const float* a, const float* b, std::size_t n);

// Copy of `data` with each row scaled to unit L2 norm (zero rows stay zero; their cosine distance
// to anything is then 1, as in pynndescent which treats an all-zero vector as orthogonal).
Matrix normalized_rows(const MatrixView& data);

// Throws Error if any entry is NaN or infinite; `what` names the input in the message.
void require_finite(const MatrixView& data, const char* what);

// The working representation of a metric: the rows to search (normalised for cosine) and the map
// from the kernel's "search distance" to the reported distance.
//   cosine:    search distance = 1 - dot(a, b) on normalised rows (already the reported value)
//   euclidean: search distance = squared euclidean; reported = sqrt(search distance)
float search_distance(Metric metric, const float* a, const float* b, std::size_t n);
float reported_distance(Metric metric, float search_dist);

}  // namespace topicwasm
