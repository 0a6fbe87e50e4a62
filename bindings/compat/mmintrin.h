/* Emscripten 3.1.6 maps SSE intrinsics to wasm SIMD but ships no mmintrin.h (MMX), which Eigen's
 * SSE path includes. Nothing MMX-specific is used; xmmintrin.h provides what Eigen needs. */
#pragma once
#include <xmmintrin.h>
