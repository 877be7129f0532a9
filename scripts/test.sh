#!/usr/bin/env bash
# The project's one test command (README, .ci/run): formatting, lints, every test,
# on SQLite and again on PostgreSQL. Whatever a test needs (PostgreSQL) is installed
# and started here, not by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== no module import circles inside any crate (ARCHITECTURE.md, Invariants)"
python3 scripts/module-cycles.py

echo "== cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

echo "== the notification suites' SMTP server (aiosmtpd, Debian), installed by scripts/smtp.sh"
export ONESTOP_SMTP_PYTHON="$(bash scripts/smtp.sh | tail -n1)"

echo "== cargo test (unit, integration, property tests, every rule test, the service on SQLite)"
cargo test --workspace

echo "== onestop check and onestop test on the shipped rules"
cargo run -q -p onestop-cli -- check rules --deny-warnings
cargo run -q -p onestop-cli -- test rules

echo "== the shipped working-day calendar against two independent sources (PyPI: chinesecalendar, holidays)"
bash scripts/calendar-check.sh

echo "== the service and register suites again on a business date past the shipped official calendar (2027 provisional)"
ONESTOP_TEST_TODAY=2027-03-15 cargo test -p onestop-cli --test service --test ledger

echo "== the one-window service, projects, the register (ledger, witnesses, IP pledges, vouchers) and the calendar suites again, on PostgreSQL"
PG_ADMIN=$(bash scripts/postgres.sh | tail -n1)
ONESTOP_TEST_PG_ADMIN="$PG_ADMIN" cargo test -p onestop-cli --test service --test ledger --test calendar --test procedures --test services_each --test projects_portal --test witness --test pledges_portal --test vouchers_portal
# ---- issue 16: notifications (with the SMTP server) and the tracker, on PostgreSQL ----
ONESTOP_TEST_PG_ADMIN="$PG_ADMIN" cargo test -p onestop-cli --test notify --test tracker --test statistics
# ---- issue 16 item 4: S&T enterprise credit, on PostgreSQL ----
ONESTOP_TEST_PG_ADMIN="$PG_ADMIN" cargo test -p onestop-cli --test credit
# ---- issue 16: consultation, on PostgreSQL ----
ONESTOP_TEST_PG_ADMIN="$PG_ADMIN" cargo test -p onestop-cli --test consultation

echo "== schemathesis, every check, against a served instance (anonymous, applicant, officer, admin): no failures, no panics"
bash scripts/schemathesis.sh

echo "== the portal in a real browser (Chromium, axe-core), installed by scripts/browser.sh"
bash scripts/e2e.sh
