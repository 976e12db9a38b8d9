#!/usr/bin/env bash
# Installs the Debian 12 packages ffbatch needs (only those missing), then
# configures and builds everything into ./build. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(cmake ninja-build g++ pkg-config git
  libsimdjson-dev libtbb-dev libhwy-dev libmimalloc-dev catch2 libbenchmark-dev
  libasmjit-dev libelf-dev libcli11-dev libfmt-dev libxxhash-dev gforth binutils
  zlib1g-dev libzstd-dev zstd gzip  # compressed inputs; zstd/gzip CLIs for the tests
  clang-14 libclang-rt-14-dev llvm-14  # sanitizer build and libFuzzer (run_sanitizers.sh, run_fuzz.sh)
  clang-format-14)  # the format check (check_format.sh)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
