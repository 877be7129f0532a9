"""Check that onestop's simulation report and OpenFisca's aggregates agree.

    python compare_simulate.py ONESTOP_DIR/report.json OPENFISCA.json

Counts (rows, eligible and undetermined rows per measure, winners, losers, per
group) must be equal; every measure of onestop's report must be in OpenFisca's. Money:
onestop's figures are exact sums of amounts exact to the fen; OpenFisca's are
float32 amounts summed in float64, so each amount may be off by a few float32
steps (about 6e-8 of it each): a money figure agrees when the two differ by at
most 1e-6 of the figure or 1 yuan per thousand rows summed, whichever is larger.
Prints how many figures were compared and the largest relative difference;
exits 1 on any disagreement.
"""

import json
import sys


def main():
    os_r = json.load(open(sys.argv[1]))
    of_r = json.load(open(sys.argv[2]))
    checked = bad = 0
    worst = 0.0

    def count(what, a, b):
        nonlocal checked, bad
        checked += 1
        if a != b:
            bad += 1
            print(f"  {what}: onestop {a}, openfisca {b}")

    def money(what, a, b, rows):
        nonlocal checked, bad, worst
        checked += 1
        a = float(a)
        diff = abs(a - b)
        if a:
            worst = max(worst, diff / abs(a))
        if diff > max(1e-6 * abs(a), rows / 1000):
            bad += 1
            print(f"  {what}: onestop {a:.2f}, openfisca {b:.2f} (difference {diff:.2f})")

    t = os_r["totals"]
    n = t["rows"]
    count("rows", n, of_r["rows"])
    count("winners", t["winners"], of_r["winners"])
    count("losers", t["losers"], of_r["losers"])
    money("cost", t["cost"], of_r["cost"], n)
    measures = 0
    for m in os_r["measures"]:
        o = of_r["measures"].get(m["id"])
        if o is None:
            count(f"{m['id']} mirrored by OpenFisca", True, False)
            continue
        measures += 1
        for side in ("baseline", "reform"):
            for what in ("eligible", "undetermined"):
                count(f"{m['id']} {what} ({side})", m[f"{what}_{side}"], o[f"{what}_{side}"])
        for out in m["outputs"]:
            of_out = o["outputs"].get(out["name"])
            if of_out is None:
                count(f"{m['id']} {out['name']} mirrored by OpenFisca", True, False)
                continue
            for side in ("baseline", "reform"):
                money(f"{m['id']} {out['name']} ({side})", out[side], of_out[side], n)
    for key, groups in os_r["by"].items():
        of_groups = of_r["by"].get(key, {})
        for g in groups:
            h = of_groups.get(g["key"])
            if h is None:
                count(f"{key}={g['key']} present", True, False)
                continue
            for f in ("rows", "winners", "losers"):
                count(f"{key}={g['key']} {f}", g[f], h[f])
            money(f"{key}={g['key']} cost", g["cost"], h["cost"], g["rows"])
    print(
        f"aggregates, {measures} measures: {checked - bad} of {checked} figures agree "
        f"(largest relative difference of a money figure: {worst:.1e})"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
