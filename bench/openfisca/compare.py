"""Check that onestop and the OpenFisca mirror agree on every output, row by row.

    python compare.py ONESTOP.parquet OPENFISCA.parquet POPULATION.parquet

Rows are matched by `id`. Statuses: onestop's `M.status` (`eligible`,
`not_eligible`, `undetermined`) must be OpenFisca's: undetermined where the mask
`M.eligible_known` is false, else eligible or not as `M.eligible`. Outputs: a
value is known in onestop where `X` is not NULL (NULL: a missing fact or an
error), in OpenFisca where `X_known` is true; the two masks must be equal, and
where both are known the values must agree:

- booleans, enumeration values, dates, whole numbers: equal;
- durations: onestop's text (`6 months`, `2 years`) equal to OpenFisca's whole
  months; sets: the same members (OpenFisca's are joined by commas);
- money: onestop computes exact decimals rounded to the fen; OpenFisca computes
  in float (float32 stored), about 7 significant digits. So an amount derived
  from input amounts agrees when the two differ by at most 0.01 yuan or 5e-7 of
  the largest input amount it is computed from or of the result (four float32
  steps; e.g. 5,132,110.86 - 5,000,000 is 132,111.0 in float32);
- rates (onestop's exact decimal text): at most 5e-7 of the rate, plus 1e-9
  (a float32 ratio of float32 amounts: three roundings of 6e-8 each).

Exits 1 on any disagreement, printing the first rows that differ; prints the
number of values compared and the largest relative difference of a number.
"""

import sys

import numpy
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from run_openfisca import MONEY

KNOWN = "_known"


def by_id(path, columns):
    t = pq.read_table(path, columns=["id"] + columns)
    return t.take(pc.sort_indices(t.column("id")))


# The input amounts that bound each output's float32 rounding (see the doc).
SCALE = {
    "tech_transfer_": ["tech_transfer_income"],
    "rd_": ["rd_expenses_tax_year"],
    "asp_": ["asp_taxable_income", "asp_wages", "asp_education_expense"],
    "vc_": ["vc_taxable_income"],
    "crc_": ["crc_loan_amount", "crc_interest_paid"],
    "ipi_": ["ipi_premium_paid", "ipi_subsidy_received_this_year"],
}


def months(texts):
    """Duration text as whole months (NULL as -1)."""
    out = numpy.full(len(texts), -1, dtype=numpy.int64)
    for i, t in enumerate(texts):
        if t is None:
            continue
        # "6 months", "1 year", "1 year 6 months": number and unit pairs.
        words = t.split()
        for n, unit in zip(words[0::2], words[1::2]):
            out[i] = max(out[i], 0) + int(n) * (12 if unit.startswith("year") else 1)
    return out


def main():
    os_path, of_path, pop_path = sys.argv[1], sys.argv[2], sys.argv[3]
    of_cols = [c for c in pq.read_schema(of_path).names if c != "id"]
    measures = [c[: -len(".eligible")] for c in of_cols if c.endswith(".eligible")]
    values = [c for c in of_cols if not c.endswith(".eligible") and not c.endswith(KNOWN)]
    os_t = by_id(os_path, [f"{m}.status" for m in measures] + values)
    of_t = by_id(of_path, of_cols)
    n = os_t.num_rows
    if n != of_t.num_rows or not os_t.column("id").equals(of_t.column("id")):
        print(f"row sets differ: onestop {n} rows, openfisca {of_t.num_rows}")
        return 1
    bad = 0
    checked = 0
    ids = os_t.column("id").to_numpy()
    pop_cols = sorted({c for cols in SCALE.values() for c in cols})
    pop = by_id(pop_path, pop_cols)
    if not pop.column("id").equals(os_t.column("id")):
        print("the population's ids differ from the outputs'")
        return 1
    scale_of = {}
    for prefix, cols in SCALE.items():
        s = numpy.zeros(n)
        for col in cols:
            a = pc.fill_null(pc.cast(pop.column(col), pa.float64()), 0.0).to_numpy(zero_copy_only=False)
            s = numpy.maximum(s, numpy.abs(a))
        scale_of[prefix] = s

    def report(name, mask, a, b):
        nonlocal bad
        k = int(mask.sum())
        if k:
            bad += k
            first = numpy.flatnonzero(mask)[:3]
            print(f"  {name}: {k} rows differ, e.g. " + ", ".join(
                f"id {ids[i]}: onestop {a[i]!r} openfisca {b[i]!r}" for i in first))

    statuses = {}
    for m in measures:
        status = os_t.column(f"{m}.status").to_numpy(zero_copy_only=False)
        eligible = of_t.column(f"{m}.eligible").to_numpy(zero_copy_only=False)
        known = of_t.column(f"{m}.eligible{KNOWN}").to_numpy(zero_copy_only=False)
        of_status = numpy.where(known, numpy.where(eligible, "eligible", "not_eligible"), "undetermined")
        report(f"{m}.status", status != of_status, status, of_status)
        statuses[m] = {s: int((status == s).sum()) for s in ("eligible", "not_eligible", "undetermined")}
        checked += n
    max_rel = 0.0
    for v in values:
        a, b = os_t.column(v), of_t.column(v)
        kb = of_t.column(v + KNOWN).to_numpy(zero_copy_only=False)
        ka = a.is_valid().to_numpy(zero_copy_only=False)
        report(f"{v} (known)", ka != kb, ka, kb)
        both = ka & kb
        checked += n
        if pa.types.is_boolean(b.type) or (
            pa.types.is_string(b.type) and pa.types.is_string(a.type) and v != "mdb_entrustable_regions"
        ):
            x = a.to_numpy(zero_copy_only=False)
            y = b.to_numpy(zero_copy_only=False)
            report(v, both & (x != y), x, y)
        elif pa.types.is_list(a.type):
            x = numpy.array([",".join(sorted(s)) if s is not None else None for s in a.to_pylist()], dtype=object)
            y = b.to_numpy(zero_copy_only=False)
            report(v, both & (x != y), x, y)
        elif pa.types.is_string(a.type) and pa.types.is_integer(b.type):
            x = months(a.to_pylist())
            y = b.to_numpy(zero_copy_only=False)
            report(v, both & (x != y), x, y)
        elif pa.types.is_date(a.type) or pa.types.is_integer(a.type):
            as_int = lambda c: pc.fill_null(  # noqa: E731
                pc.cast(c, pa.int32()) if pa.types.is_date(c.type) else pc.cast(c, pa.int64()), 0
            ).to_numpy(zero_copy_only=False)
            x, y = as_int(a), as_int(b)
            report(v, both & (x != y), x, y)
        else:
            x = pc.fill_null(pc.cast(a, pa.float64()), 0.0).to_numpy(zero_copy_only=False)
            y = b.to_numpy().astype(numpy.float64)
            diff = numpy.abs(x - y)
            if v in MONEY:
                scale = numpy.abs(x)
                for prefix, s in scale_of.items():
                    if v.startswith(prefix):
                        scale = numpy.maximum(scale, s)
                tol = numpy.maximum(5e-7 * scale, 0.01)
            else:
                tol = 5e-7 * numpy.abs(x) + 1e-9
            report(v, both & ~(diff <= tol), x, y)
            with numpy.errstate(divide="ignore", invalid="ignore"):
                rel = numpy.where(both & (numpy.abs(x) > (1 if v in MONEY else 0)), diff / numpy.abs(x), 0.0)
            max_rel = max(max_rel, float(numpy.nanmax(rel)) if len(rel) else 0.0)
    for m, s in statuses.items():
        print(f"  {m}: {s['eligible']} eligible, {s['not_eligible']} not eligible, {s['undetermined']} undetermined")
    print(
        f"compared {n} rows x {len(measures)} statuses + {len(values)} outputs (value and known) = {checked} values: "
        f"{bad} differ; largest relative difference of a number {max_rel:.2e}"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
