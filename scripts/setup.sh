#!/usr/bin/env bash
# Installs what the build and tests need, only what is missing: Debian packages and npm packages.
# Idempotent and quick when everything is there. Without root it prints the exact command instead.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(emscripten libeigen3-dev libxsimd-dev cmake g++ libgtest-dev chromium clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo sh -c "$cmd" >/dev/null
  else
    echo "setup: missing Debian packages. Run as root:" >&2
    echo "  $cmd" >&2
    exit 1
  fi
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci" >&2
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
