#!/bin/sh
# Native code benchmark (issue 5): ffbatch native vs gcc -O1 vs gforth-fast on
# fib 38, a 10^9 do-loop, gcd and iterative factorial; compile throughput;
# 1M words written as objects and linked with cc. Needs gcc and gforth-fast.
#   bench/native_bench.sh [build-dir]
set -e
BUILD=${1:-build}
cmake -S "$(dirname "$0")/.." -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$BUILD" -j2 bench/native_bench
"$BUILD/bench/native_bench" --benchmark_counters_tabular=true
