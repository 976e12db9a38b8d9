#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang-14, ASan+UBSan+coverage)
# into build-fuzz/ and runs each for a bounded time on a fresh copy of its
# committed seed corpus. Fails on any crash, sanitizer report, leak, timeout
# (an input over 2 s), out-of-memory or invariant failure; a failing input is
# kept under build-fuzz/artifacts/. Called by jobs/run_tests.sh.
#   FFBATCH_FUZZ_SECONDS=600 jobs/run_fuzz.sh          # longer runs
#   jobs/run_fuzz.sh fuzz_forth                        # one target
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/sanitizer_env.sh
BUILD=${FFBATCH_FUZZ_BUILD_DIR:-build-fuzz}
SECONDS_PER_TARGET=${FFBATCH_FUZZ_SECONDS:-60}
TARGETS=("$@")
if ((${#TARGETS[@]} == 0)); then TARGETS=(fuzz_ingest fuzz_forth fuzz_patterns); fi

ffb_step fuzz-configure cmake -S . -B "$BUILD" "${FFBATCH_SANITIZER_CMAKE_FLAGS[@]}" \
  -DFFBATCH_FUZZ=ON >/dev/null
ffb_step fuzz-build cmake --build "$BUILD" -j "$(nproc)" --target "${TARGETS[@]}"

artifacts="$PWD/$BUILD/artifacts"
mkdir -p "$artifacts"
failed=()
for target in "${TARGETS[@]}"; do
  work=$(mktemp -d "${TMPDIR:-/tmp}/ffbatch-$target.XXXXXX")
  cp -r "tests/fuzz/corpus/$target" "$work/corpus"
  t0=$SECONDS
  rc=0
  # Every failure kind exits non-zero: crash/sanitizer/invariant abort,
  # leak, -timeout (per input), -rss_limit_mb (OOM) and -malloc_limit_mb.
  "$BUILD/tests/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=2 \
    -rss_limit_mb=2048 -dict="tests/fuzz/$target.dict" -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" "$work/corpus" >"$work/log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
  echo "fuzz: $target rc=$rc executions=${execs:-?} corpus=$(ls "$work/corpus" | wc -l)" \
       "wall=$((SECONDS - t0))s" >&2
  echo "time: fuzz-run-$target $((SECONDS - t0))s" >&2
  if ((rc != 0)); then
    failed+=("$target")
    echo "---- $target: last lines of the libFuzzer log (full log: $work/log)" >&2
    tail -n 60 "$work/log" >&2
  else
    rm -rf "$work"
  fi
done
if ((${#failed[@]})); then
  echo "run_fuzz: FAILED: ${failed[*]} (reproducers: $artifacts/)" >&2
  exit 1
fi
echo "run_fuzz: all targets clean" >&2
