#!/usr/bin/env bash
# Builds the whole tree with ASan+UBSan (clang-14, mimalloc off) into
# build-asan/ and runs the whole ctest suite under it; any sanitizer report
# fails the test that triggered it. Called by jobs/run_tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/sanitizer_env.sh
BUILD=${FFBATCH_ASAN_BUILD_DIR:-build-asan}

ffb_step asan-configure cmake -S . -B "$BUILD" "${FFBATCH_SANITIZER_CMAKE_FLAGS[@]}" >/dev/null
# ffbatch_tests pulls in the ffbatch and ffgen binaries the CLI tests run.
ffb_step asan-build cmake --build "$BUILD" -j "$(nproc)" --target ffbatch_tests
ffb_step asan-ctest ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)"
