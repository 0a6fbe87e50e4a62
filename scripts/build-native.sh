#!/usr/bin/env bash
# Native build of the engine with GoogleTest unit tests under AddressSanitizer + UBSan.
# Usage: build-native.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/native
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOPICWASM_SANITIZE=ON >/dev/null
fi
cmake --build "$build" -j"$(nproc)" 2>&1 | grep -Ev '^\[|^-- ' || true
if [ "${1:-}" = "--test" ]; then
  (cd "$build" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure)
fi
