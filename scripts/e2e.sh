#!/usr/bin/env bash
# The portal's end-to-end tests in a real browser. Installs Chromium and the node
# packages if needed, then runs each suite below against its own `onestop serve` on a
# fresh embedded database with the demonstration accounts, at a fixed business date
# (deadlines never depend on the wall clock), and stops the servers.
# Screenshots: artifacts/e2e/ (not committed).
# Run one suite: bash scripts/e2e.sh vouchers   (the names below, without .test.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/browser.sh
cargo build -q -p onestop-cli
BIN="${CARGO_TARGET_DIR:-target}/debug/onestop"
mkdir -p artifacts/e2e

# Each suite: business date, test file, artifacts subdirectory, what it proves.
SUITES=(
  # The portal journey: interview, submission, officers' decisions, verification.
  "2026-06-15 portal ."
  # Deadlines that cross into 2027, past the shipped official calendar.
  "2026-12-28 calendar ."
  # The same portal journey on a business date past the shipped official calendar
  # (2027 is provisional there): nothing may depend on the year being official.
  "2027-03-15 portal 2027"
  # The one window's procedures: three permits issued together, the clock stopped and
  # restarted from the portal, an approval upon filing revoked and /verify saying so.
  "2026-06-15 procedures ."
  # Research projects: a leader files (refused once over the indirect-cost cap), the
  # commission accepts the filing and the milestone, the unit approves an equipment
  # increase (in Arabic) that the acceptance page lists and files.
  "2026-06-15 projects ."
  # IP pledges: the pledgor applies, the bank countersigns, the IP office registers;
  # the pledgor's release is refused, the bank's goes through; the public register
  # shows each state.
  "2026-06-15 pledges ."
  # Innovation vouchers: an enterprise applies (refused once by the rule for asking
  # the wrong region), the Tianjin officer issues, the demo provider confirms a
  # redemption, and the settlement page and its CSV show what Tianjin owes it.
  "2026-06-15 vouchers ."
  # The content in six languages: the enterprise interview in Korean, Russian, Arabic
  # and Spanish, with no English in questions, results and explanation.
  "2026-06-15 i18n ."
  # Notifications and the tracker (issue 16): a profile change notifies in the inbox
  # (header count, English and Arabic, the explanation and the one-window link); an
  # officer records progress on the tracker and the overdue list changes.
  "2026-06-15 notify ."
  # ---- issue 16: consultation ----
  # A question asked in Arabic reaches the commission's inbox with its working-day due
  # date, an answer without a citation is refused, the cited answer links to its
  # section and, published, appears in the measure's FAQ and the FAQ search; a draft
  # measure gets an enterprise's opinion until the commission closes it.
  "2026-06-15 consult ."
  # Statistical monitoring (issue 16): an officer uploads the sample table, the analyst
  # page charts it by district, park, industry and the Three Cities and One Area (SVG
  # beside a table, a known figure visible); a malformed table is refused with its row
  # and column; the same in Arabic.
  "2026-06-15 statistics ."
  # The platforms (issue 16): an agency publishes a scenario list, an enterprise submits
  # a solution that is selected and published; a unit lists an instrument, another
  # books working days, a double booking is refused, usage is reported.
  "2026-06-15 platforms ."
)

SERVERS=()
cleanup() {
  for d in "${SERVERS[@]}"; do
    if [ -f "$d/pid" ]; then kill "$(cat "$d/pid")" 2>/dev/null || true; fi
    rm -rf "$d"
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

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

ONLY="${1:-}"
ran=0
for suite in "${SUITES[@]}"; do
  read -r day name sub <<< "$suite"
  [ -n "$ONLY" ] && [ "$ONLY" != "$name" ] && continue
  dir=$(mktemp -d)
  SERVERS+=("$dir")
  url=$(serve_on "$day" "$dir")
  mkdir -p "artifacts/e2e/$sub"
  echo "== e2e/$name.test.mjs at $day"
  ONESTOP_TODAY="$day" ONESTOP_URL="$url" ONESTOP_ARTIFACTS="$PWD/artifacts/e2e/$sub" node "e2e/$name.test.mjs"
  kill "$(cat "$dir/pid")" 2>/dev/null || true
  ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || { echo "no e2e suite named '$ONLY'" >&2; exit 1; }
