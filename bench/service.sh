#!/usr/bin/env bash
# Service and portal benchmarks (issues 4 and 5), load from a second process on
# loopback, figures for BENCHMARKS.md:
#   - durable bundle submissions (bench/load, a Rust load generator), SQLite and PostgreSQL;
#   - the eligibility API, the portal's pages (50 users) and search (wrk, from Debian).
# Usage: bash bench/service.sh [seconds] [submission-concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-10}"
SUBMIT_CONC="${2:-32}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
# The service does not need the cluster feature (Ballista): leave it out of the build.
cargo build --release -q --no-default-features -p onestop-cli -p onestop-load
BIN="${CARGO_TARGET_DIR:-target}/release/onestop"
LOAD="${CARGO_TARGET_DIR:-target}/release/onestop-load"
WORK=$(mktemp -d)
SERVER=""
stop() { [ -n "$SERVER" ] && { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }; SERVER=""; }
trap 'stop; rm -rf "$WORK"' EXIT

start() { # $1 = database URL; sets URL
  : > "$WORK/serve.log"
  "$BIN" serve --port 0 --today 2026-06-15 --database-url "$1" > "$WORK/serve.log" 2>&1 &
  SERVER=$!
  URL=""
  for _ in $(seq 1 600); do
    URL=$(grep -o 'http://[0-9.:]*' "$WORK/serve.log" | head -n1 || true)
    [ -n "$URL" ] && return
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.1
  done
  cat "$WORK/serve.log" >&2; echo "the server did not start" >&2; exit 1
}

echo "## SQLite (WAL, synchronous=FULL)"
start "sqlite://$WORK/bench.db"
"$LOAD" --url "$URL" --concurrency "$SUBMIT_CONC" --seconds "$SECS" submissions --facts data/samples/person.json
echo "### eligibility API (wrk, 2 threads, 64 connections)"
wrk -t2 -c64 -d"${SECS}s" --latency -s bench/wrk/eligibility.lua "$URL"
echo "### portal pages (wrk, 50 users)"
wrk -t2 -c50 -d"${SECS}s" --latency -s bench/wrk/pages.lua "$URL"
echo "### search (wrk, 16 connections)"
wrk -t2 -c16 -d"${SECS}s" --latency -s bench/wrk/search.lua "$URL"
stop

echo "## PostgreSQL"
ADMIN=$(bash scripts/postgres.sh | tail -n1)
DB="onestop_bench_$$"
psql "$ADMIN" -qc "CREATE DATABASE $DB" >/dev/null
start "${ADMIN%/*}/$DB"
"$LOAD" --url "$URL" --concurrency "$SUBMIT_CONC" --seconds "$SECS" submissions --facts data/samples/person.json
stop
psql "$ADMIN" -qc "DROP DATABASE $DB" >/dev/null || true
