#!/usr/bin/env bash
# Benchmark (not a test): issue 13's "CountVectorizer + c-TF-IDF on Brown in wasm within 1.3x of the
# native build's time". Builds bench/text_stage.cpp and the engine sources it needs natively (g++ -O3)
# and to wasm (em++, the engine's compile flags, pthreads), runs both on the same Brown input in the
# same run, and prints each time and the ratio (median of --repeats runs per build).
#   bash bench/text-stage.sh [threads=1] [repeats=5]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1}; repeats=${2:-5}
out=build/bench-text; mkdir -p "$out"
echo '{"type": "commonjs"}' > "$out/package.json"   # Emscripten's output is CommonJS
sources="bench/text_stage.cpp src/core/thread_pool.cpp src/core/reference_sorts.cpp $(ls src/text/*.cpp src/represent/ctfidf.cpp src/represent/topic_representation.cpp)"
node --input-type=module -e "
import { writeFileSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
const docs = gunzipSync(readFileSync('tests/fixtures/brown/docs.jsonl.gz')).toString('utf8').split('\\n').filter(Boolean).map((l) => JSON.parse(l).text);
const parts = [];
for (const d of docs) { const b = Buffer.from(d, 'utf8'); const n = Buffer.alloc(4); n.writeUInt32LE(b.length); parts.push(n, b); }
writeFileSync('$out/docs.bin', Buffer.concat(parts));
const { topics } = JSON.parse(readFileSync('tests/fixtures/brown/bertopic_fit.json', 'utf8'));
writeFileSync('$out/labels.i32', Buffer.from(Int32Array.from(topics).buffer));
"
g++ -std=c++20 -O3 -DNDEBUG -Isrc -I/usr/include/eigen3 $sources -o "$out/native" -pthread
NODE_PATH=/usr/share/nodejs em++ -std=c++20 -O3 -DNDEBUG -msimd128 -msse4.2 -fgnuc-version=5.99 -fexceptions -pthread \
  -Isrc -I/usr/include/eigen3 -Ibindings/compat $sources -o "$out/wasm.js" \
  -sPTHREAD_POOL_SIZE=4 -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sINITIAL_MEMORY=64MB -sNODERAWFS=1 -sEXIT_RUNTIME=1
native=$("$out/native" "$out/docs.bin" "$out/labels.i32" "$threads" "$repeats")
# --no-experimental-fetch: Emscripten 3.1.6 would fetch() the .wasm by its file path in Node 20.
wasm=$(node --no-experimental-fetch "$out/wasm.js" "$out/docs.bin" "$out/labels.i32" "$threads" "$repeats")
echo "native $native"
echo "wasm   $wasm"
node -e "const n = $native, w = $wasm; if (n.checksum !== w.checksum) { console.error('the builds disagree: checksums ' + n.checksum + ' and ' + w.checksum); process.exit(1); }
console.log('wasm / native: represent ' + (w.represent_ms / n.represent_ms).toFixed(2) + 'x, representative docs ' + (w.representative_ms / n.representative_ms).toFixed(2) + 'x, total ' + (w.total_ms / n.total_ms).toFixed(2) + 'x ($threads thread(s), load ' + require('os').loadavg()[0].toFixed(1) + ')')"
