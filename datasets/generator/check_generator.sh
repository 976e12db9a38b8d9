#!/usr/bin/env bash
# Runs the good lines of an ffgen corpus through gforth 0.7.3.
#
#   datasets/generator/check_generator.sh build/datasets/ffgen [COUNT] [SEED]
#
# Generates COUNT lines (default 5000) with the default bad fraction and
# --labels, keeps the lines labelled `good` (their calls only reach earlier
# good lines, so they load on their own), and hands them to
# datasets/examples/check_examples.sh, which fails on any wrong expected
# output or any definition gforth cannot compile.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ffgen="${1:?usage: check_generator.sh PATH/TO/ffgen [COUNT] [SEED]}"
count="${2:-5000}"
seed="${3:-42}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$ffgen" --count "$count" --seed "$seed" -o "$work/corpus.jsonl" --labels "$work/labels.tsv" --stats
awk -F'\t' 'NR == FNR { if ($2 == "good") keep[$1] = 1; next } (FNR in keep)' \
  "$work/labels.tsv" "$work/corpus.jsonl" > "$work/good.jsonl"
"$here/../examples/check_examples.sh" "$work/good.jsonl" | tail -n 2
