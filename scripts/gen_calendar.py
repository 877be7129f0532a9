#!/usr/bin/env python3
"""The shipped working-day calendar: one notice file per year, and its cross-check.

Usage (from the repository root):

    pip install chinesecalendar==1.11.0 holidays==0.108
    python3 scripts/gen_calendar.py            # write data/calendar/official/YYYY.csv
    python3 scripts/gen_calendar.py --check    # compare the shipped files with two sources

Each file transcribes one State Council General Office notice
(国务院办公厅关于YYYY年部分节假日安排的通知) in the format the Rust crate
`onestop-calendar` reads and `onestop calendar import` accepts:

    # year: 2026
    # notice: 国务院办公厅关于2026年部分节假日安排的通知
    # reference: 国办发明电〔2025〕7号
    # published: 2025-11-04
    date,kind,name
    2026-01-01,holiday,New Year's Day     (a weekday that is an official day off)
    2026-01-04,workday,New Year's Day     (a weekend day that is a make-up working day)

Only the days that deviate from Monday-Friday are listed. The days come from the
PyPI package chinesecalendar (which transcribes the notices); the notices' titles,
numbers and dates are below (sources in docs/calendar.md).

--check compares, for every day of every shipped year, the shipped files with
chinesecalendar and with the independent PyPI package `holidays`
(holidays.China(years=y).is_working_day), and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "calendar" / "official"
PINNED = {"chinesecalendar": "1.11.0", "holidays": "0.108"}

# year: (document number, date issued, amendments folded in)
NOTICES = {
    2019: ("国办发明电〔2018〕15号", "2018-12-04",
           ["国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号，2019-03-22）：5月1日至4日放假调休，4月28日、5月5日上班"]),
    2020: ("国办发明电〔2019〕16号", "2019-11-21",
           ["国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号，2020-01-26）：春节假期延长至2月2日"]),
    2021: ("国办发明电〔2020〕27号", "2020-11-25", []),
    2022: ("国办发明电〔2021〕11号", "2021-10-25", []),
    2023: ("国办发明电〔2022〕16号", "2022-12-08", []),
    2024: ("国办发明电〔2023〕7号", "2023-10-25", []),
    2025: ("国办发明电〔2024〕12号", "2024-11-12", []),
    2026: ("国办发明电〔2025〕7号", "2025-11-04", []),
}


def days(year: int) -> list[tuple[str, str, str]]:
    import chinese_calendar as cc

    out = []
    d = dt.date(year, 1, 1)
    while d.year == year:
        weekday = d.weekday() <= 4
        working = cc.is_workday(d)
        if weekday != working:
            _, name = cc.get_holiday_detail(d)
            if not name or "," in name or "\n" in name:
                raise SystemExit(f"{d}: no usable holiday name from chinesecalendar: {name!r}")
            out.append((d.isoformat(), "holiday" if weekday else "workday", name))
        d += dt.timedelta(days=1)
    return out


def write() -> int:
    import chinese_calendar as cc

    if cc.__version__ != PINNED["chinesecalendar"]:
        print(f"error: expected chinesecalendar=={PINNED['chinesecalendar']}, found {cc.__version__}", file=sys.stderr)
        return 1
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for year, (number, published, amended) in NOTICES.items():
        lines = [
            f"# year: {year}",
            f"# notice: 国务院办公厅关于{year}年部分节假日安排的通知",
            f"# reference: {number}",
            f"# published: {published}",
        ]
        lines += [f"# amended: {a}" for a in amended]
        lines += [
            f"# days: chinesecalendar=={cc.__version__} (PyPI), written by scripts/gen_calendar.py; checked against holidays=={PINNED['holidays']}",
            "date,kind,name",
        ]
        lines += [",".join(r) for r in days(year)]
        (OUT_DIR / f"{year}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(NOTICES)} notice files to {OUT_DIR}")
    return 0


def read_shipped(path: pathlib.Path) -> tuple[int, dict[dt.date, str]]:
    year = None
    rows: dict[dt.date, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("# year:"):
            year = int(line.split(":", 1)[1])
        if not line or line.startswith("#") or line == "date,kind,name":
            continue
        date_s, kind, _ = line.split(",", 2)
        a, _, b = date_s.partition("..")
        d, end = dt.date.fromisoformat(a), dt.date.fromisoformat(b or a)
        while d <= end:
            rows[d] = kind
            d += dt.timedelta(days=1)
    if year is None:
        raise SystemExit(f"{path}: no `# year:` line")
    return year, rows


def check() -> int:
    import chinese_calendar as cc
    import holidays

    for pkg, version in (("chinesecalendar", cc.__version__), ("holidays", holidays.__version__)):
        if version != PINNED[pkg]:
            print(f"error: expected {pkg}=={PINNED[pkg]}, found {version}", file=sys.stderr)
            return 1
    differences = 0
    checked = 0
    files = sorted(OUT_DIR.glob("*.csv"))
    for path in files:
        year, rows = read_shipped(path)
        china = holidays.China(years=year)
        d = dt.date(year, 1, 1)
        while d.year == year:
            kind = rows.get(d)
            shipped = kind == "workday" or (kind != "holiday" and d.weekday() <= 4)
            for source, answer in (("holidays", china.is_working_day(d)), ("chinesecalendar", cc.is_workday(d))):
                if answer != shipped:
                    differences += 1
                    print(f"{path.name}: {d}: shipped says {'working' if shipped else 'day off'}, {source} says {'working' if answer else 'day off'}")
            checked += 1
            d += dt.timedelta(days=1)
    print(f"calendar cross-check: {len(files)} notice files, {checked} days, {differences} differences "
          f"(holidays=={holidays.__version__}, chinesecalendar=={cc.__version__})")
    return 1 if differences or not files else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare the shipped files with chinesecalendar and holidays")
    args = ap.parse_args()
    return check() if args.check else write()


if __name__ == "__main__":
    sys.exit(main())
