#!/usr/bin/env bash
# README command 1: set up, build, and run ffbatch on the bundled example
# corpus into out/examples. Exit status is ffbatch's (0 = every spec ok).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs/setup.sh
./build/jobs/ffbatch datasets/examples/examples.jsonl -o out/examples "$@"
