#!/usr/bin/env bash
# Runs the end-to-end benchmarks of bench/README.md on generated corpora and
# prints the figures. Every comparison is measured in the same run, one after
# the other, since the machines are shared and noisy.
#   bench/run_benchmarks.sh [N]        N specs (default 200000)
# Needs a Release build in build/ (jobs/setup.sh) and gforth-fast.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
B=build
T=${TMPDIR:-/tmp}/ffbatch-bench
mkdir -p "$T"
now() { date +%s.%N; }
json() { grep -o "\"$2\": *[0-9.]*" "$1" | head -1 | sed 's/.*: *//'; }

echo "== corpus: $N specs (ffgen --seed 1, 5% bad lines of every kind)"
$B/datasets/ffgen --count "$N" --seed 1 -o "$T/c.jsonl"
ls -l "$T/c.jsonl" | awk '{print "   " $5 " bytes"}'

echo "== ingest: bare simdjson vs read+parse+validate+define (Google Benchmark, one process)"
FFBATCH_BENCH_CORPUS="$T/c.jsonl" $B/bench/ingest_bench --benchmark_min_time=2 \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true 2>&1 | grep -E "median|Benchmark"

for threads in 1 2; do
  echo "== ffbatch end to end, --threads $threads"
  s=$(now)
  $B/jobs/ffbatch "$T/c.jsonl" -o "$T/out$threads" -q --threads "$threads" || true
  e=$(now)
  echo "   wall $(awk "BEGIN{printf \"%.3f\", $e - $s}") s; specs/s $(json "$T/out$threads/profile.json" specs_per_s);" \
       "tests/s $(json "$T/out$threads/profile.json" tests_per_s);" \
       "peak RSS $(json "$T/out$threads/profile.json" peak_rss_bytes) bytes"
done
cmp -s "$T/out1/results.jsonl" "$T/out2/results.jsonl" && echo "   results identical for 1 and 2 threads"

echo "== gforth-fast loading and testing the same generated Forth (all.fth)"
s=$(now)
(cd "$T/out1/forth" && gforth-fast -m 256M all.fth -e bye > "$T/gforth.log" 2>&1) || true
e=$(now)
gf=$(awk "BEGIN{printf \"%.3f\", $e - $s}")
tests=$(json "$T/out1/summary.json" run)
echo "   gforth-fast wall $gf s for $tests tests ($(grep -c "INCORRECT\|WRONG" "$T/gforth.log" || true) failures reported)"
s=$(now)
$B/jobs/ffbatch "$T/c.jsonl" -o "$T/out1b" -q --threads 1 || true
e=$(now)
ff=$(awk "BEGIN{printf \"%.3f\", $e - $s}")
echo "   ffbatch --threads 1 (everything, incl. parsing, checking, writing): $ff s"
echo "   ratio gforth-fast / ffbatch: $(awk "BEGIN{printf \"%.2f\", $gf / $ff}")x"

echo "== bounded memory: peak RSS for N and 10N specs"
$B/datasets/ffgen --count $((N * 10)) --seed 2 -o "$T/c10.jsonl"
$B/jobs/ffbatch "$T/c10.jsonl" -o "$T/out10" -q --threads 2 || true
echo "   N:   $(json "$T/out2/profile.json" peak_rss_bytes) bytes"
echo "   10N: $(json "$T/out10/profile.json" peak_rss_bytes) bytes"
rm -f "$T/c10.jsonl"
