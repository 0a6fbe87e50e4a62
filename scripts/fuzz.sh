#!/usr/bin/env bash
# libFuzzer targets (Debian's clang, ASan + UBSan) for the code that reads untrusted input: the
# safetensors / BERTopic model-file readers, the JSON reader and the tokenizer + CountVectorizer.
# Seeds come from the real fixture files; tests/fuzz/regressions/<target>/ keeps inputs that once
# crashed (replayed first). Usage: fuzz.sh [seconds per target, default 60]. A crash fails the run
# and leaves its input in build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=build/fuzz
mkdir -p "$out"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc -isystem /usr/include/eigen3 -pthread
  -DTOPICWASM_SOURCE_DIR="\"$PWD\"")
declare -A sources=(
  [model_files_fuzz]="src/io/safetensors.cpp src/io/bertopic_files.cpp src/represent/ctfidf.cpp src/core/reference_sorts.cpp"
  [json_fuzz]="src/text/mini_json.cpp src/text/unicode.cpp src/text/unicode_tables.cpp src/io/safetensors.cpp"
  [wordpiece_ctm_fuzz]="src/text/wordpiece.cpp src/text/mini_json.cpp src/text/unicode.cpp src/text/unicode_tables.cpp src/ctm/ctm.cpp src/ctm/network.cpp src/ctm/network_train.cpp src/io/safetensors.cpp src/core/thread_pool.cpp src/core/reference_sorts.cpp"
  [text_fuzz]="src/text/count_vectorizer.cpp src/text/tokenizer.cpp src/text/stop_words.cpp src/text/unicode.cpp src/text/unicode_tables.cpp src/core/thread_pool.cpp src/core/reference_sorts.cpp"
)
seed() { # target, files...
  local dir="$out/corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do
    case "$f" in
      *.gz) gunzip -c "$f" > "$dir/$(basename "${f%.gz}")" ;;
      *) cp "$f" "$dir/" ;;
    esac
  done
}
m=tests/fixtures/brown/bertopic_model
seed model_files_fuzz $m/topic_embeddings.safetensors $m/ctfidf.safetensors.gz
seed json_fuzz $m/config.json $m/topics.json tests/fixtures/agglomerative.json
mkdir -p "$out/corpus/text_fuzz" && head -c 4000 tests/fixtures/brown/eval_texts_sample.txt > "$out/corpus/text_fuzz/brown.txt"
# wordpiece_ctm_fuzz: the first byte picks WordPiece on text (0), tokenizer.json (1) or a CTM file (2).
w="$out/corpus/wordpiece_ctm_fuzz"
mkdir -p "$w"
{ printf '\x00'; head -c 2000 tests/fixtures/brown/eval_texts_sample.txt; } > "$w/text"
{ printf '\x01'; cat tests/fixtures/wordpiece_tokenizer.json; } > "$w/tokenizer.json"
{ printf '\x02'; cat $m/topic_embeddings.safetensors; } > "$w/ctm.safetensors"
targets=(model_files_fuzz json_fuzz text_fuzz wordpiece_ctm_fuzz)
# Stale targets compile side by side, one per core (a fresh machine compiles all four).
jobs=$(nproc)
for target in "${targets[@]}"; do
  if [ ! -x "$out/$target" ] || [ -n "$(find src tests/fuzz -newer "$out/$target" -name '*.[ch]pp' | head -1)" ]; then
    while (( $(jobs -rp | wc -l) >= jobs )); do wait -n || { echo "fuzz: a target failed to compile" >&2; exit 1; }; done
    # shellcheck disable=SC2086
    clang++ "${flags[@]}" "tests/fuzz/$target.cpp" ${sources[$target]} -o "$out/$target" &
  fi
done
while (( $(jobs -rp | wc -l) > 0 )); do wait -n || { echo "fuzz: a target failed to compile" >&2; exit 1; }; done
for target in "${targets[@]}"; do
  regressions="tests/fuzz/regressions/$target"
  if [ -d "$regressions" ]; then "$out/$target" -runs=0 "$regressions"/*; fi
  echo "== $target: ${seconds}s"
  log="$out/$target.log"
  status=0
  (cd "$out" && "./$target" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 "corpus/$target") > "$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' "$log" || true
  if [ "$status" != 0 ]; then
    echo "$target crashed: see $log; the input is build/fuzz/crash-* (keep it in $regressions/ once fixed)" >&2
    exit 1
  fi
done
