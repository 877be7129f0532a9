#!/usr/bin/env bash
# Installs PostgreSQL from Debian if needed, starts a cluster on 127.0.0.1:5432, and
# prints an admin URL the tests use to create one database per test.
# Idempotent: safe to run when PostgreSQL is already installed or running.
set -euo pipefail
PORT="${ONESTOP_PG_PORT:-5432}"
PASSWORD="${ONESTOP_PG_PASSWORD:-onestop}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "installing postgresql from Debian..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
DATA="${ONESTOP_PG_DATA:-/var/tmp/onestop-pg}"

if ! "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; then
  if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    chown postgres:postgres "$DATA"
    echo "$PASSWORD" > /tmp/onestop-pg-pw
    chown postgres /tmp/onestop-pg-pw
    su postgres -c "$BIN/initdb -D $DATA -U postgres --pwfile=/tmp/onestop-pg-pw -A scram-sha-256 >/dev/null"
    rm -f /tmp/onestop-pg-pw
  fi
  # -t 600: after an unclean stop PostgreSQL first fsyncs its whole data directory,
  # which took 80 s here; the default 60 s wait would report a failure.
  su postgres -c "$BIN/pg_ctl -D $DATA -l $DATA/server.log -w -t 600 -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300' start" >&2
fi
for _ in $(seq 1 30); do
  "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q && break
  sleep 1
done
echo "postgres://postgres:${PASSWORD}@127.0.0.1:${PORT}/postgres"
