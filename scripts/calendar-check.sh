#!/usr/bin/env bash
# Cross-checks the shipped working-day calendar (data/calendar/official/*.csv) against
# two independent PyPI packages, chinesecalendar and holidays, day by day; installs
# them (pinned) first. Any difference fails.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    chinesecalendar==1.11.0 holidays==0.108 >&2
python3 scripts/gen_calendar.py --check
