#!/usr/bin/env python3
"""Generate data/calendar/cn-working-days.csv from the PyPI package chinesecalendar.

Usage (from the repository root):

    pip install chinesecalendar==1.11.0
    python3 scripts/gen_calendar.py

The CSV lists only the dates that deviate from the plain Monday-Friday rule
within the covered range:

    date,kind,name
    2019-10-01,holiday,National Day     (a weekday that is an official day off)
    2019-09-29,workday,National Day     (a weekend day that is a make-up working day)

Weekend days that fall inside a holiday period are ordinary days off and are
not listed. The Rust crate `onestop-calendar` embeds this file; its header line
`# range: FIRST..LAST` is required by the parser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import sys

PACKAGE = "chinesecalendar"
PINNED_VERSION = "1.11.0"
FIRST = dt.date(2019, 1, 1)
LAST = dt.date(2026, 12, 31)
DEFAULT_OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "calendar" / "cn-working-days.csv"


def rows(first: dt.date, last: dt.date) -> list[tuple[str, str, str]]:
    import chinese_calendar as cc

    out = []
    d = first
    while d <= last:
        is_weekday = d.weekday() <= 4
        working = cc.is_workday(d)
        if is_weekday and not working:
            kind = "holiday"
        elif not is_weekday and working:
            kind = "workday"
        else:
            d += dt.timedelta(days=1)
            continue
        _, name = cc.get_holiday_detail(d)
        if not name:
            raise SystemExit(f"{d}: deviates from Monday-Friday but {PACKAGE} gives no holiday name")
        if "," in name or "\n" in name:
            raise SystemExit(f"{d}: holiday name {name!r} cannot be written unquoted in CSV")
        out.append((d.isoformat(), kind, name))
        d += dt.timedelta(days=1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, help="output CSV path")
    args = ap.parse_args()

    import chinese_calendar as cc

    version = getattr(cc, "__version__", "unknown")
    if version != PINNED_VERSION:
        print(f"error: expected {PACKAGE}=={PINNED_VERSION}, found {version}", file=sys.stderr)
        return 1

    header = [
        "# Chinese official working-day calendar: dates that deviate from the Monday-Friday rule.",
        "# generator: python3 scripts/gen_calendar.py",
        f"# package: {PACKAGE}=={version} (PyPI)",
        f"# range: {FIRST.isoformat()}..{LAST.isoformat()}",
        "# source: State Council General Office notices on holiday arrangements"
        " (国务院办公厅关于部分节假日安排的通知), one per year, as transcribed by chinesecalendar;"
        " 2020 includes the State Council's Spring Festival extension (2020-01-31..2020-02-02).",
        "# kind: holiday = weekday that is an official day off; workday = weekend day that is a make-up working day.",
        "# Weekend days inside a holiday period are ordinary days off and are not listed.",
        "date,kind,name",
    ]
    lines = header + [",".join(r) for r in rows(FIRST, LAST)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - len(header)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
