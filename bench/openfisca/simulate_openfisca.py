"""The planners' job in OpenFisca: a baseline against the reform
`tech-transfer-20m-beijing` over every enterprise of a population, aggregates only.

    python simulate_openfisca.py --population P.parquet --date 2024-05-31 --out R.json

The mirror of `onestop simulate --reform tech-transfer-20m-beijing --measure M ...`
for the 13 enterprise measures of issue 18 (run_openfisca.MEASURES; `--measure`
chooses others of the 17 mirrored): per measure, the rows eligible and undetermined under
each program (a status is undetermined where its mask, `<status>_known`, is
false: see openfisca_onestop/tvl.py) and every money output summed over eligible
rows where it is known (onestop sums a NULL amount as nothing); per row the gain
(the reform's summed benefits minus the baseline's, each measure's benefit being
its money output counted where eligible, chosen by onestop's default rule:
`benefit_of`); the cost (sum of gains), winners and losers, in total and by
district, Zhongguancun park and industry. The reform is an OpenFisca `Reform` that
replaces the parameter, as the reform file does; OpenFisca then computes every
variable again for the reform (it has no notion of what a parameter change leaves
unchanged). Money is OpenFisca's float (float32), summed in float64. Prints the
time of each phase.
"""

import argparse
import json
import sys
import time

import numpy
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

from openfisca_onestop import OnestopTaxBenefitSystem
from run_openfisca import ALL, MONEY, input_names, known, selected, set_inputs

# onestop's default benefit output (crates/batch/src/simulate.rs, BENEFIT_SUFFIXES):
# the first money output whose name ends with the first suffix that any has.
BENEFIT_SUFFIXES = [
    "_tax_saved",
    "_tax_relief",
    "_saving",
    "_saved",
    "_relief",
    "_subsidy",
    "_interest_discount",
    "_increased_funding",
    "_grant",
    "_award",
]


def benefit_of(outputs):
    money = [o for o in outputs if o in MONEY]
    for suffix in BENEFIT_SUFFIXES:
        for o in money:
            if o.endswith(suffix):
                return o
    return None


BENEFIT = {m: benefit_of(outputs) for m, (_, outputs) in ALL.items()}
BY = ["district", "zgc_park", "industry"]


class TechTransfer20mBeijing(Reform):
    """rules/reforms/tech-transfer-20m-beijing.reform: the national exempt amount
    is 20 million yuan from 2020-01-01."""

    name = "tech-transfer-20m-beijing"

    def apply(self):
        def modify(parameters):
            parameters.tech_transfer.exempt_national.update(
                start="2020-01-01", value=20_000_000
            )
            return parameters

        self.modify_parameters(modifier_function=modify)


def run(tbs, names, table, period, n, measures):
    sim = SimulationBuilder().build_default_simulation(tbs, n)
    set_inputs(sim, tbs, names, table, period)
    out = {}
    for measure, (status, outputs) in measures.items():
        status_known = known(sim, tbs, status, period, n)
        eligible = numpy.asarray(sim.calculate(status, period), dtype=bool) & status_known
        money = {}
        for o in outputs:
            if o in MONEY:
                value = numpy.asarray(sim.calculate(o, period), dtype=numpy.float64)
                # Counted where eligible and known (a NULL amount counts as nothing).
                money[o] = numpy.where(known(sim, tbs, o, period, n), value, 0.0)
        out[measure] = (eligible, ~status_known, money)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--population", required=True)
    ap.add_argument("--date", required=True, help="decision date YYYY-MM-DD")
    ap.add_argument("--out", required=True, help="JSON file for the aggregates")
    ap.add_argument("--measure", action="append", default=[], help="a measure id (repeat; `all`: the 17)")
    args = ap.parse_args()
    measures = selected(args.measure)

    t0 = time.perf_counter()
    base_tbs = OnestopTaxBenefitSystem()
    reform_tbs = TechTransfer20mBeijing(base_tbs)
    t1 = time.perf_counter()
    names = input_names(base_tbs)
    dict_cols = [n for n in names if base_tbs.variables[n].value_type.__name__ == "Enum"]
    extra = [c for c in BY if c not in names]
    table = pq.read_table(
        args.population, columns=names + extra, read_dictionary=dict_cols + extra
    )
    n = table.num_rows
    keys = {}
    for k in BY:
        # Group codes per row; NULL is onestop's "(unknown)" group.
        col = pc.fill_null(pc.cast(table.column(k), pa.string()), "(unknown)")
        enc = col.combine_chunks().dictionary_encode()
        keys[k] = (enc.dictionary.to_pylist(), enc.indices.to_numpy(zero_copy_only=False))
    t2 = time.perf_counter()
    base = run(base_tbs, names, table, args.date, n, measures)
    t3 = time.perf_counter()
    reform = run(reform_tbs, names, table, args.date, n, measures)
    t4 = time.perf_counter()

    gain = numpy.zeros(n)
    summary = {}
    for measure in measures:
        (eb, ub, mb), (er, ur, mr) = base[measure], reform[measure]
        outputs = {
            o: {
                "baseline": float(mb[o][eb].sum()),
                "reform": float(mr[o][er].sum()),
            }
            for o in mb
        }
        summary[measure] = {
            "eligible_baseline": int(eb.sum()),
            "eligible_reform": int(er.sum()),
            "undetermined_baseline": int(ub.sum()),
            "undetermined_reform": int(ur.sum()),
            "outputs": outputs,
        }
        b = BENEFIT.get(measure)
        if b:
            gain += numpy.where(er, mr[b], 0.0) - numpy.where(eb, mb[b], 0.0)
    # A gain below half a fen is float noise, not a winner (onestop's gains are exact).
    winner, loser = gain >= 0.005, gain <= -0.005
    by = {}
    for k in BY:
        groups, inverse = keys[k]
        by[k] = {
            str(g): {
                "rows": int(r),
                "winners": int(w),
                "losers": int(l),
                "cost": float(c),
            }
            for g, r, w, l, c in zip(
                groups,
                numpy.bincount(inverse, minlength=len(groups)),
                numpy.bincount(inverse, weights=winner, minlength=len(groups)),
                numpy.bincount(inverse, weights=loser, minlength=len(groups)),
                numpy.bincount(inverse, weights=gain, minlength=len(groups)),
            )
        }
    report = {
        "rows": n,
        "winners": int(winner.sum()),
        "losers": int(loser.sum()),
        "cost": float(gain.sum()),
        "measures": summary,
        "by": by,
    }
    with open(args.out, "w") as f:
        json.dump(report, f, indent=1)
    t5 = time.perf_counter()
    print(
        f"openfisca simulate: {n} rows; systems {t1 - t0:.2f} s, read {t2 - t1:.2f} s, "
        f"baseline {t3 - t2:.2f} s, reform {t4 - t3:.2f} s, aggregate {t5 - t4:.2f} s, "
        f"total {t5 - t0:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
