"""Check that onestop and the OpenFisca mirror agree on every output, row by row.

    python compare.py ONESTOP.parquet OPENFISCA.parquet POPULATION.parquet

Rows are matched by `id`. A measure's status must be `eligible` in onestop
exactly where OpenFisca's `<measure>.eligible` is true (and never `undetermined`:
the benchmark population has every fact these measures need). Booleans and
enumeration values must be equal. Numbers: onestop computes exact decimals
rounded to the fen; OpenFisca computes in float32 (its `float`), about 7
significant digits. So an amount derived from an input amount X agrees when the
two differ by at most 0.01 yuan or 5e-7 of X or of the result (four float32
steps; e.g. 5,132,110.86 - 5,000,000 is 132,111.0 in float32). Exits 1 on any
disagreement, printing the first rows that differ.
"""

import sys

import numpy
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq


def by_id(path, columns):
    t = pq.read_table(path, columns=["id"] + columns)
    return t.take(pc.sort_indices(t.column("id")))


# The input amount that bounds each output's float32 rounding (see the doc).
SCALE = {
    "tech_transfer_": "tech_transfer_income",
    "rd_": "rd_expenses_tax_year",
}


def main():
    os_path, of_path, pop_path = sys.argv[1], sys.argv[2], sys.argv[3]
    of_cols = [c for c in pq.read_schema(of_path).names if c != "id"]
    measures = [c[: -len(".eligible")] for c in of_cols if c.endswith(".eligible")]
    values = [c for c in of_cols if not c.endswith(".eligible")]
    os_t = by_id(os_path, [f"{m}.status" for m in measures] + values)
    of_t = by_id(of_path, of_cols)
    n = os_t.num_rows
    if n != of_t.num_rows or not os_t.column("id").equals(of_t.column("id")):
        print(f"row sets differ: onestop {n} rows, openfisca {of_t.num_rows}")
        return 1
    bad = 0
    checked = 0
    ids = os_t.column("id").to_numpy()
    pop = by_id(pop_path, sorted(set(SCALE.values())))
    if not pop.column("id").equals(os_t.column("id")):
        print("the population's ids differ from the outputs'")
        return 1
    scale_of = {
        prefix: pc.cast(pop.column(col), pa.float64()).to_numpy(zero_copy_only=False)
        for prefix, col in SCALE.items()
    }

    def report(name, mask, a, b):
        nonlocal bad
        k = int(mask.sum())
        if k:
            bad += k
            first = numpy.flatnonzero(mask)[:3]
            print(f"  {name}: {k} rows differ, e.g. " + ", ".join(
                f"id {ids[i]}: onestop {a[i]!r} openfisca {b[i]!r}" for i in first))

    for m in measures:
        status = os_t.column(f"{m}.status").to_numpy(zero_copy_only=False)
        undetermined = status == "undetermined"
        if undetermined.any():
            report(f"{m} (undetermined in onestop)", undetermined, status, status)
        eligible = of_t.column(f"{m}.eligible").to_numpy()
        report(f"{m}.status", (status == "eligible") != eligible, status, eligible)
        checked += n
    max_rel = 0.0
    for v in values:
        a, b = os_t.column(v), of_t.column(v)
        if a.null_count:
            report(f"{v} (unknown or error in onestop)", a.is_null().to_numpy(zero_copy_only=False), a, a)
        if pa.types.is_boolean(b.type) or pa.types.is_string(b.type) or pa.types.is_large_string(b.type):
            x = a.to_numpy(zero_copy_only=False)
            y = b.to_numpy(zero_copy_only=False)
            report(v, x != y, x, y)
        else:
            x = pc.cast(a, pa.float64()).to_numpy(zero_copy_only=False)
            y = b.to_numpy().astype(numpy.float64)
            diff = numpy.abs(x - y)
            scale = numpy.abs(x)
            for prefix, s in scale_of.items():
                if v.startswith(prefix):
                    scale = numpy.maximum(scale, numpy.abs(s))
            tol = numpy.maximum(5e-7 * scale, 0.01)
            report(v, ~(diff <= tol), x, y)
            with numpy.errstate(divide="ignore", invalid="ignore"):
                rel = numpy.where(numpy.abs(x) > 1, diff / numpy.abs(x), 0.0)
            max_rel = max(max_rel, float(numpy.nanmax(rel)) if len(rel) else 0.0)
        checked += n
    print(
        f"compared {n} rows x {len(measures)} statuses + {len(values)} outputs = {checked} values: "
        f"{bad} differ; largest relative difference of a number {max_rel:.2e}"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
