#!/usr/bin/env bash
# Matching over 100,000 stored profiles in one batch run (issue 16; BENCHMARKS.md):
# stores N synthetic enterprise profiles in a fresh SQLite database, then runs the
# matching twice (every eligibility new, then nothing changed) and prints profiles
# per second. Release build, without the Ballista feature (as the other benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
cargo build --release -q -p onestop-cli --no-default-features
BIN="${CARGO_TARGET_DIR:-target}/release/onestop"
"$BIN" notify bench --profiles "$N" --dir "${TMPDIR:-/tmp}/onestop-bench-matching" --evaluator batch
"$BIN" notify bench --profiles "$N" --dir "${TMPDIR:-/tmp}/onestop-bench-matching" --evaluator scalar
