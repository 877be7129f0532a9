#!/usr/bin/env bash
# Service benchmarks (issue 4): durable bundle submissions and the eligibility API,
# load from a second process on loopback, on SQLite and on PostgreSQL.
#   bash bench/service.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-10}"
cargo build --release -q -p onestop-cli -p onestop-load
BIN=target/release/onestop
LOAD=target/release/onestop-load
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

start() { # $1 = database URL; prints the base URL
  "$BIN" serve --port 0 --no-demo --database-url "$1" > "$WORK/serve.log" 2>&1 &
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://[0-9.:]*' "$WORK/serve.log" | head -n1 || true)
    [ -n "$url" ] && { echo "$url"; return; }
    sleep 0.1
  done
  cat "$WORK/serve.log" >&2; exit 1
}

echo "## SQLite (WAL, synchronous=FULL)"
URL=$(start "sqlite://$WORK/bench.db")
"$LOAD" --url "$URL" --concurrency 64 --seconds "$SECS" submissions --facts data/samples/person.json
"$LOAD" --url "$URL" --concurrency 64 --seconds "$SECS" eligibility --facts data/samples/enterprise.json
kill %1; wait %1 2>/dev/null || true

echo "## PostgreSQL"
ADMIN=$(bash scripts/postgres.sh | tail -n1)
DB="onestop_bench_$$"
psql "$ADMIN" -qc "CREATE DATABASE $DB" >/dev/null
URL=$(start "${ADMIN%/*}/$DB")
"$LOAD" --url "$URL" --concurrency 64 --seconds "$SECS" submissions --facts data/samples/person.json
kill %1; wait %1 2>/dev/null || true
psql "$ADMIN" -qc "DROP DATABASE $DB" >/dev/null || true
