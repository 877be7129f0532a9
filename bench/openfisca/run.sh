#!/usr/bin/env bash
# onestop vs OpenFisca, side by side, on identical rules and data.
#
#   bash bench/openfisca/run.sh [N ...]          (default: 1000000 10000000)
#
# For each N: generates one population of N enterprises (seed 1) with onestop,
# evaluates the three mirrored measures (technology-transfer tax, R&D super
# deduction, high-tech enterprise criteria) with onestop (release build) and with
# the OpenFisca country package in this directory, checks that the two agree on
# every output of every row (compare.py), and prints wall time and peak memory
# (/usr/bin/time -v) of each and their ratio; onestop over all 13 enterprise
# measures is timed too. Files go to $ONESTOP_BENCH_DIR (default
# /tmp/onestop-openfisca; 10 million rows take about 1.5 GB there; removed at the
# end unless ONESTOP_BENCH_KEEP=1).
#
# The OpenFisca side runs in a virtualenv outside the repository
# ($ONESTOP_OPENFISCA_VENV, default ~/.cache/onestop/openfisca-venv), created on
# first use from PyPI with the versions pinned below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/openfisca"
VENV="${ONESTOP_OPENFISCA_VENV:-$HOME/.cache/onestop/openfisca-venv}"
WORK="${ONESTOP_BENCH_DIR:-/tmp/onestop-openfisca}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
DATE=2024-05-31
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000000 10000000)
MEASURES=(enterprise.tech-transfer-tax enterprise.rd-super-deduction enterprise.high-tech-filing)

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "openfisca-core==46.0.1" "numpy==2.4.6" "pyarrow==26.0.1"
fi
PY="$VENV/bin/python"
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

# Without the `cluster` feature: the benchmark needs no Ballista (and Ballista
# changes the feature set, so DataFusion would be built a second time).
(cd "$ROOT" && cargo build --release -q -p onestop-cli --no-default-features)
BIN="$TARGET/release/onestop"
mkdir -p "$WORK"

# wall seconds and peak RSS (MB) from a /usr/bin/time -v log
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
timed() { local log="$1"; shift; /usr/bin/time -v -o "$log" "$@"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "onestop $(git -C "$ROOT" rev-parse --short HEAD), $("$PY" -c 'import openfisca_core, numpy; from importlib.metadata import version; print("openfisca-core", version("openfisca-core"), "numpy", numpy.__version__)')"
agree=0
printf '\n%-12s %-34s %10s %10s\n' rows run "wall (s)" "peak MB"
for N in "${SIZES[@]}"; do
  POP="$WORK/enterprises-$N.parquet"
  [ -f "$POP" ] || "$BIN" population generate --entity enterprise --count "$N" --seed 1 --out "$POP" >/dev/null
  cat "$POP" >/dev/null   # the same warm page cache for every run

  args=()
  for m in "${MEASURES[@]}"; do args+=(--measure "$m"); done
  timed "$WORK/os-$N.time" "$BIN" population eval --entity enterprise --population "$POP" \
    --date "$DATE" --no-missing "${args[@]}" --out "$WORK/os-$N.parquet" >/dev/null
  timed "$WORK/of-$N.time" env PYTHONPATH="$HERE" "$PY" "$HERE/run_openfisca.py" \
    --population "$POP" --date "$DATE" --out "$WORK/of-$N.parquet" 2>"$WORK/of-$N.log"
  timed "$WORK/os-all-$N.time" "$BIN" population eval --entity enterprise --population "$POP" \
    --date "$DATE" --no-missing --out "$WORK/os-all-$N.parquet" >/dev/null

  printf '%-12s %-34s %10s %10s\n' "$N" "onestop, 3 measures" "$(wall "$WORK/os-$N.time")" "$(rss "$WORK/os-$N.time")"
  printf '%-12s %-34s %10s %10s\n' "$N" "OpenFisca, 3 measures" "$(wall "$WORK/of-$N.time")" "$(rss "$WORK/of-$N.time")"
  printf '%-12s %-34s %10s %10s\n' "$N" "onestop, all 13 measures" "$(wall "$WORK/os-all-$N.time")" "$(rss "$WORK/os-all-$N.time")"
  awk -v a="$(wall "$WORK/of-$N.time")" -v b="$(wall "$WORK/os-$N.time")" \
      -v c="$(rss "$WORK/of-$N.time")" -v d="$(rss "$WORK/os-$N.time")" \
      'BEGIN { printf "%-12s %-34s %9.1fx %9.2fx\n", "", "OpenFisca / onestop", a / b, c / d }'
  sed 's/^/             /' "$WORK/of-$N.log" | grep -v 'package metadata' || true
  printf '             '
  PYTHONPATH="$HERE" "$PY" "$HERE/compare.py" "$WORK/os-$N.parquet" "$WORK/of-$N.parquet" "$POP" || agree=1
  rm -f "$WORK/os-$N.parquet" "$WORK/of-$N.parquet" "$WORK/os-all-$N.parquet"
done
[ "${ONESTOP_BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK"
exit "$agree"
