#!/usr/bin/env bash
# The portal's end-to-end tests in a real browser. Installs Chromium and the node
# packages if needed, starts `onestop serve` on a fresh embedded database with the
# demonstration accounts, runs e2e/portal.test.mjs (business date 2026-06-15), then
# e2e/calendar.test.mjs on a second server at 2026-12-28 (deadlines that cross into
# 2027, past the shipped official calendar), then portal.test.mjs again on a third at
# 2027-03-15, then e2e/procedures.test.mjs (the one window's procedures, issue 14)
# on a fourth at 2026-06-15, then e2e/projects.test.mjs (research projects with the
# leader, the undertaking unit and the commission, issue 15) on a fifth at 2026-06-15,
# then e2e/notify.test.mjs (notifications and the tracker, issue 16) on a sixth at
# 2026-06-15, and stops the servers.
# Screenshots: artifacts/e2e/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/browser.sh
cargo build -q -p onestop-cli
BIN="${CARGO_TARGET_DIR:-target}/debug/onestop"
mkdir -p artifacts/e2e

# serve_on DATE DIR: starts a server on business date DATE with its data in DIR and
# prints its URL.
serve_on() {
  ONESTOP_TODAY="$1" "$BIN" serve --port 0 --demo --data "$2" > "$2/serve.log" 2>&1 &
  echo $! > "$2/pid"
  local url=""
  for _ in $(seq 1 300); do
    url=$(grep -o 'http://[0-9.:]*' "$2/serve.log" | head -n1 || true)
    [ -n "$url" ] && break
    sleep 0.2
  done
  [ -n "$url" ] || { cat "$2/serve.log" >&2; echo "the server did not start" >&2; return 1; }
  echo "$url"
}
WORK=$(mktemp -d)
WORK2=$(mktemp -d)
WORK3=$(mktemp -d)
WORK4=$(mktemp -d)
WORK5=$(mktemp -d)
WORK6=$(mktemp -d)
trap 'for d in "$WORK" "$WORK2" "$WORK3" "$WORK4" "$WORK5" "$WORK6"; do [ -f "$d/pid" ] && kill "$(cat "$d/pid")" 2>/dev/null; done; wait 2>/dev/null || true; rm -rf "$WORK" "$WORK2" "$WORK3" "$WORK4" "$WORK5" "$WORK6"' EXIT

# A fixed business date inside the shipped calendar, so deadlines never depend on
# the wall clock.
export ONESTOP_TODAY="${ONESTOP_TODAY:-2026-06-15}"
URL=$(serve_on "$ONESTOP_TODAY" "$WORK")
ONESTOP_URL="$URL" ONESTOP_ARTIFACTS="$PWD/artifacts/e2e" node e2e/portal.test.mjs

URL2=$(serve_on 2026-12-28 "$WORK2")
ONESTOP_TODAY=2026-12-28 ONESTOP_URL="$URL2" ONESTOP_ARTIFACTS="$PWD/artifacts/e2e" node e2e/calendar.test.mjs

# The same portal journey once more on a business date past the shipped official
# calendar (2027 is provisional there): nothing may depend on the year being official.
URL3=$(serve_on 2027-03-15 "$WORK3")
mkdir -p artifacts/e2e/2027
ONESTOP_TODAY=2027-03-15 ONESTOP_URL="$URL3" ONESTOP_ARTIFACTS="$PWD/artifacts/e2e/2027" node e2e/portal.test.mjs

# The one window's procedures: three permits issued together, the clock stopped and
# restarted from the portal, an approval upon filing revoked and /verify saying so.
URL4=$(serve_on 2026-06-15 "$WORK4")
ONESTOP_TODAY=2026-06-15 ONESTOP_URL="$URL4" ONESTOP_ARTIFACTS="$PWD/artifacts/e2e" node e2e/procedures.test.mjs

# Research projects: a leader files (refused once over the indirect-cost cap), the
# commission accepts the filing and the milestone, the unit approves an equipment
# increase (in Arabic) that the acceptance page lists and files.
URL5=$(serve_on 2026-06-15 "$WORK5")
ONESTOP_TODAY=2026-06-15 ONESTOP_URL="$URL5" ONESTOP_ARTIFACTS="$PWD/artifacts/e2e" node e2e/projects.test.mjs

# ---- issue 16: notifications and the tracker ----
# A profile change notifies in the inbox (header count, English and Arabic, the
# explanation and the one-window link); an officer records progress on the tracker
# and the overdue list changes.
URL6=$(serve_on 2026-06-15 "$WORK6")
ONESTOP_TODAY=2026-06-15 ONESTOP_URL="$URL6" ONESTOP_ARTIFACTS="$PWD/artifacts/e2e" node e2e/notify.test.mjs
