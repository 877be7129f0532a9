#!/usr/bin/env bash
# The project's one test command (README, .ci/run): formatting, lints, every test.
# It installs nothing by hand-off: anything a test needs is set up here.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

echo "== cargo test (unit, integration, property tests, and every rule test via 'onestop test')"
cargo test --workspace

echo "== onestop check and onestop test on the shipped rules"
cargo run -q -p onestop-cli -- check rules --deny-warnings
cargo run -q -p onestop-cli -- test rules
