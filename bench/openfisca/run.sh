#!/usr/bin/env bash
# onestop vs OpenFisca, side by side, on identical rules and data.
#
#   bash bench/openfisca/run.sh [N ...]          (default: 1000000 10000000)
#
# For each N: generates one population of N enterprises (seed 1) with onestop,
# then, one after the other on the same warm file:
#
# - the planners' job: the reform tech-transfer-20m-beijing against the
#   baseline, aggregates only (cost, winners, losers, eligible rows and money
#   outputs per measure, by district, park and industry), over the 13
#   mirrored enterprise measures (MEASURES below, the 13 that issue 18 counts):
#   `onestop simulate --measure ...` and simulate_openfisca.py, compared figure
#   by figure (compare_simulate.py); then `onestop simulate` over every
#   enterprise measure (the 13 and those added since, which OpenFisca does not
#   mirror);
# - per-row outputs: the 13 mirrored measures with `onestop population eval` and
#   with run_openfisca.py, checked to agree on every status and every output of
#   every row, known or not (compare.py); onestop over every enterprise measure too.
#
# Each run's wall time, CPU time (user + system) and peak memory come from
# /usr/bin/time -v. Files go to $ONESTOP_BENCH_DIR (default /tmp/onestop-openfisca;
# 10 million rows take about 1.5 GB there; removed at the end unless
# ONESTOP_BENCH_KEEP=1). ONESTOP_BENCH_ONLY=simulate skips the per-row runs.
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
# The 13 enterprise measures of issue 18, all mirrored by openfisca_onestop.
MEASURES=(
  enterprise.tech-transfer-tax enterprise.rd-super-deduction enterprise.high-tech-filing
  enterprise.advanced-service-provider enterprise.corporate-vc-tax
  enterprise.credit-risk-compensation enterprise.first-set-equipment
  enterprise.high-tech-bth-recognition enterprise.ip-insurance enterprise.medical-device-bth
  enterprise.mnc-rd-centre enterprise.overseas-ip enterprise.rd-vehicle-import
)
# ONESTOP_BENCH_MEASURES=all: also the four enterprise measures added since (all 17
# enterprise measures, every one that `onestop simulate` runs by default).
if [ "${ONESTOP_BENCH_MEASURES:-}" = all ]; then
  MEASURES+=(enterprise.clinical-sample-import enterprise.commitment-approval
             enterprise.relocation enterprise.innovation-voucher)
fi

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "openfisca-core==46.0.1" "numpy==2.4.6" "pyarrow==26.0.1"
fi
PY="$VENV/bin/python"
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

# Without the `cluster` feature: the benchmark needs no Ballista (and Ballista
# changes the feature set, so DataFusion would be built a second time).
# ONESTOP_BENCH_BIN: an onestop binary to measure instead (e.g. an older build).
BIN="${ONESTOP_BENCH_BIN:-}"
if [ -z "$BIN" ]; then
  (cd "$ROOT" && cargo build --release -q -p onestop-cli --no-default-features)
  BIN="$TARGET/release/onestop"
fi
mkdir -p "$WORK"

# wall seconds, CPU seconds (user + system) and peak RSS (MB) from a /usr/bin/time -v log
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"; }
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
timed() { local log="$1"; shift; /usr/bin/time -v -o "$log" "$@"; }
row() { printf '%-12s %-44s %9s %9s %9s\n' "$1" "$2" "$(wall "$3")" "$(cpu "$3")" "$(rss "$3")"; }
ratio() {
  awk -v a="$(wall "$2")" -v b="$(wall "$3")" -v c="$(cpu "$2")" -v d="$(cpu "$3")" \
      -v e="$(rss "$2")" -v f="$(rss "$3")" -v l="$1" \
      'BEGIN { printf "%-12s %-44s %8.1fx %8.1fx %8.2fx\n", "", l, a / b, c / d, e / f }'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "onestop $(git -C "$ROOT" rev-parse --short HEAD), $("$PY" -c 'import openfisca_core, numpy; from importlib.metadata import version; print("openfisca-core", version("openfisca-core"), "numpy", numpy.__version__)')"
agree=0
printf '\n%-12s %-44s %9s %9s %9s\n' rows run "wall (s)" "CPU (s)" "peak MB"
for N in "${SIZES[@]}"; do
  POP="$WORK/enterprises-$N.parquet"
  [ -f "$POP" ] || "$BIN" population generate --entity enterprise --count "$N" --seed 1 --out "$POP" >/dev/null
  cat "$POP" >/dev/null   # the same warm page cache for every run

  args=()
  for m in "${MEASURES[@]}"; do args+=(--measure "$m"); done
  # The planners' job: baseline against reform, aggregates only.
  timed "$WORK/sim-$N.time" "$BIN" simulate --population "$POP" --reform tech-transfer-20m-beijing \
    --date "$DATE" "${args[@]}" --out "$WORK/sim-$N" >/dev/null
  timed "$WORK/ofsim-$N.time" env PYTHONPATH="$HERE" "$PY" "$HERE/simulate_openfisca.py" \
    --population "$POP" --date "$DATE" "${args[@]}" --out "$WORK/ofsim-$N.json" 2>"$WORK/ofsim-$N.log"
  timed "$WORK/sim-all-$N.time" "$BIN" simulate --population "$POP" --reform tech-transfer-20m-beijing \
    --date "$DATE" --out "$WORK/sim-all-$N" >/dev/null
  # The baseline alone: the same job with a reform that changes nothing (every
  # reform column is the baseline's). The real reform less this is the reform's cost.
  timed "$WORK/sim-base-$N.time" "$BIN" simulate --population "$POP" --reform "$HERE/no-change.reform" \
    --date "$DATE" "${args[@]}" --out "$WORK/sim-base-$N" >/dev/null
  row "$N" "onestop simulate, ${#MEASURES[@]} measures" "$WORK/sim-$N.time"
  row "$N" "onestop simulate, ${#MEASURES[@]}, baseline alone (no-change)" "$WORK/sim-base-$N.time"
  awk -v r="$(cpu "$WORK/sim-$N.time")" -v b="$(cpu "$WORK/sim-base-$N.time")" \
    'BEGIN { printf "%-12s %-44s %9.2f (CPU; reform less baseline, over baseline)\n", "", "reform cost / baseline", (r - b) / b }'
  row "$N" "OpenFisca simulate, ${#MEASURES[@]} measures" "$WORK/ofsim-$N.time"
  ratio "OpenFisca / onestop (simulate)" "$WORK/ofsim-$N.time" "$WORK/sim-$N.time"
  row "$N" "onestop simulate, every enterprise measure" "$WORK/sim-all-$N.time"
  sed 's/^/             /' "$WORK/ofsim-$N.log" | grep -v 'package metadata' || true
  printf '             '
  "$PY" "$HERE/compare_simulate.py" "$WORK/sim-$N/report.json" "$WORK/ofsim-$N.json" || agree=1
  [ "${ONESTOP_BENCH_ONLY:-}" = simulate ] && continue

  # Per-row outputs.
  timed "$WORK/os-$N.time" "$BIN" population eval --entity enterprise --population "$POP" \
    --date "$DATE" --no-missing "${args[@]}" --out "$WORK/os-$N.parquet" >/dev/null
  timed "$WORK/of-$N.time" env PYTHONPATH="$HERE" "$PY" "$HERE/run_openfisca.py" \
    --population "$POP" --date "$DATE" "${args[@]}" --out "$WORK/of-$N.parquet" 2>"$WORK/of-$N.log"
  timed "$WORK/os-all-$N.time" "$BIN" population eval --entity enterprise --population "$POP" \
    --date "$DATE" --no-missing --out "$WORK/os-all-$N.parquet" >/dev/null

  row "$N" "onestop population eval, ${#MEASURES[@]} measures" "$WORK/os-$N.time"
  row "$N" "OpenFisca, ${#MEASURES[@]} measures" "$WORK/of-$N.time"
  ratio "OpenFisca / onestop (per-row outputs)" "$WORK/of-$N.time" "$WORK/os-$N.time"
  row "$N" "onestop population eval, every measure" "$WORK/os-all-$N.time"
  sed 's/^/             /' "$WORK/of-$N.log" | grep -v 'package metadata' || true
  printf '             '
  PYTHONPATH="$HERE" "$PY" "$HERE/compare.py" "$WORK/os-$N.parquet" "$WORK/of-$N.parquet" "$POP" || agree=1
  # The Parquet floor: reading the inputs and writing onestop's outputs, pyarrow alone.
  (cd "$HERE" && "$PY" io_floor.py "$POP" "$WORK/os-$N.parquet") | sed 's/^/             io floor: /'
  rm -f "$WORK/os-$N.parquet" "$WORK/of-$N.parquet" "$WORK/os-all-$N.parquet"
done
[ "${ONESTOP_BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK"
exit "$agree"
