#!/usr/bin/env bash
# README command 2 (and CI): set up, build, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs/setup.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
