#!/usr/bin/env bash
# README command 2 (and CI): set up, build, and run every test: the format
# check, the Release suite, the same suite under ASan+UBSan (jobs/run_sanitizers.sh) and the
# libFuzzer targets for a bounded time (jobs/run_fuzz.sh). All three run even
# when one fails, so one CI log shows every problem; any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/sanitizer_env.sh
t0=$SECONDS
ffb_step setup-and-release-build jobs/setup.sh
status=0
# House rules made mechanical: every source clang-formatted (the layering
# rule is a ctest case, tests/meta/layering_test.cpp).
ffb_step format-check jobs/check_format.sh || status=1
# The Release suite runs without the sanitizer runtime options.
ffb_step release-ctest env -u ASAN_OPTIONS -u UBSAN_OPTIONS \
  ctest --test-dir build --output-on-failure -j "$(nproc)" || status=1
jobs/run_sanitizers.sh || status=1
jobs/run_fuzz.sh || status=1
echo "time: total $((SECONDS - t0))s" >&2
exit "$status"
