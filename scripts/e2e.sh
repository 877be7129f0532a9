#!/usr/bin/env bash
# The portal's end-to-end tests in a real browser. Installs Chromium and the node
# packages if needed, starts `onestop serve` on a fresh embedded database with the
# demonstration accounts, runs e2e/portal.test.mjs, and stops the server.
# Screenshots: artifacts/e2e/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/browser.sh
cargo build -q -p onestop-cli
BIN="${CARGO_TARGET_DIR:-target}/debug/onestop"
WORK=$(mktemp -d)
# A fixed business date inside the shipped calendar, so deadlines never depend on
# the wall clock.
export ONESTOP_TODAY="${ONESTOP_TODAY:-2026-06-15}"
"$BIN" serve --port 0 --data "$WORK" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
URL=""
for _ in $(seq 1 300); do
  URL=$(grep -o 'http://[0-9.:]*' "$WORK/serve.log" | head -n1 || true)
  [ -n "$URL" ] && break
  sleep 0.2
done
[ -n "$URL" ] || { cat "$WORK/serve.log" >&2; echo "the server did not start" >&2; exit 1; }
mkdir -p artifacts/e2e
ONESTOP_URL="$URL" ONESTOP_ARTIFACTS="$PWD/artifacts/e2e" node e2e/portal.test.mjs
