"""Evaluate the OpenFisca mirror of onestop's rules over a population Parquet file.

    python run_openfisca.py --population P.parquet --date 2024-05-31 --out R.parquet

Reads the input columns the variables need (pyarrow), sets them as OpenFisca
inputs for the period of the decision date, calculates every output variable
(the measures' statuses and outputs) and writes them, with `id`, to Parquet.
Prints the time of each phase. Run under /usr/bin/time -v for the peak memory.
"""

import argparse
import sys
import time

import numpy
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from openfisca_core.simulations import SimulationBuilder

from openfisca_onestop import OnestopTaxBenefitSystem
from openfisca_onestop.variables import inputs as input_module

# The outputs compared with onestop: per measure, its status and its `outputs`.
MEASURES = {
    "enterprise.tech-transfer-tax": (
        "tech_transfer_tax_eligible",
        [
            "tech_transfer_exempt_amount",
            "tech_transfer_exempt_income",
            "tech_transfer_taxable_income",
            "tech_transfer_tax_due",
            "tech_transfer_tax_due_national",
            "tech_transfer_pilot_saving",
            "tech_transfer_tax_saved",
        ],
    ),
    "enterprise.rd-super-deduction": (
        "rd_super_deduction_eligible",
        [
            "rd_deduction_rate",
            "rd_deduction_amount",
            "rd_total_deduction",
            "rd_excluded_industry",
            "rd_manufacturing_enterprise",
        ],
    ),
    "enterprise.high-tech-filing": (
        "high_tech_filing_eligible",
        [
            "hnte_route",
            "qualifies_for_filing",
            "meets_national_criteria",
            "hnte_required_rd_intensity",
            "hnte_rd_intensity",
            "hnte_domestic_rd_share",
            "hnte_st_staff_share",
            "hnte_high_tech_income_share",
            "hnte_filing_field_met",
            "hnte_filing_in_beijing_met",
            "hnte_filing_above_size_met",
            "hnte_filing_operating_met",
            "hnte_filing_domestic_rd_met",
            "hnte_registration_met",
            "hnte_core_ip_met",
            "hnte_supported_field_met",
            "hnte_st_staff_met",
            "hnte_rd_intensity_met",
            "hnte_domestic_rd_met",
            "hnte_high_tech_income_met",
            "hnte_innovation_score_met",
            "hnte_no_major_incident_met",
            "hnte_filing_supervision_risk",
        ],
    ),
}


def input_names(tbs):
    return [
        name
        for name, v in tbs.variables.items()
        if v.__module__ == input_module.__name__ or name in vars(input_module)
    ]


def to_numpy(column, variable):
    """A pyarrow column as the numpy array OpenFisca stores for `variable`."""
    if variable.value_type.__name__ == "Enum":
        # Dictionary-encoded text: map each dictionary entry to the enum's index.
        chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
        names = [m.name for m in variable.possible_values]
        parts = []
        for chunk in chunks:
            if not pa.types.is_dictionary(chunk.type):
                chunk = pc.dictionary_encode(chunk)
            lookup = numpy.array([names.index(v) for v in chunk.dictionary.to_pylist()], dtype=numpy.int16)
            parts.append(lookup[chunk.indices.to_numpy(zero_copy_only=False)])
        return numpy.concatenate(parts) if parts else numpy.zeros(0, numpy.int16)
    if pa.types.is_decimal(column.type):
        column = pc.cast(column, pa.float64())
    if pa.types.is_date(column.type):
        return column.to_numpy().astype("datetime64[D]")
    return column.to_numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--population", required=True)
    ap.add_argument("--date", required=True, help="decision date YYYY-MM-DD")
    ap.add_argument("--out", help="Parquet file for the outputs")
    args = ap.parse_args()

    t0 = time.perf_counter()
    tbs = OnestopTaxBenefitSystem()
    t1 = time.perf_counter()
    names = input_names(tbs)
    dict_cols = [n for n in names if tbs.variables[n].value_type.__name__ == "Enum"]
    table = pq.read_table(args.population, columns=["id"] + names, read_dictionary=dict_cols)
    n = table.num_rows
    t2 = time.perf_counter()

    sim = SimulationBuilder().build_default_simulation(tbs, n)
    period = args.date
    for name in names:
        sim.set_input(name, period, to_numpy(table.column(name), tbs.variables[name]))
    ids = table.column("id")
    del table
    t3 = time.perf_counter()

    results = {}
    for measure, (status, outputs) in MEASURES.items():
        results[f"{measure}.eligible"] = sim.calculate(status, period)
        for o in outputs:
            value = sim.calculate(o, period)
            results[o] = value.decode_to_str() if hasattr(value, "decode_to_str") else value
    t4 = time.perf_counter()

    if args.out:
        pq.write_table(
            pa.table({"id": ids, **{k: pa.array(v) for k, v in results.items()}}),
            args.out,
        )
    t5 = time.perf_counter()
    print(
        f"openfisca: {n} rows; system {t1 - t0:.2f} s, read {t2 - t1:.2f} s, "
        f"inputs {t3 - t2:.2f} s, calculate {t4 - t3:.2f} s, write {t5 - t4:.2f} s, "
        f"total {t5 - t0:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
