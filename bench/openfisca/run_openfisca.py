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
from openfisca_onestop.variables import measures3

# The outputs compared with onestop: per measure, its status and its `outputs`
# (rules/enterprise/*.policy, `eligible when` and `outputs`), all 13 measures of
# the enterprise entity that issue 18 counts.
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
    "enterprise.advanced-service-provider": (
        "asp_eligible",
        [
            "asp_college_staff_share",
            "asp_service_income_share",
            "asp_eit_due",
            "asp_eit_saving",
            "asp_education_limit",
            "asp_education_deductible",
            "asp_education_carry_forward",
            "asp_education_extra_deduction",
        ],
    ),
    "enterprise.corporate-vc-tax": (
        "vc_eligible",
        [
            "vc_relief_kind",
            "vc_exempt_share",
            "vc_exempt_income",
            "vc_halved_share",
            "vc_halved_income",
            "vc_tax_relief",
            "vc_share_held_5_years",
            "vc_share_held_3_years",
            "vc_qualified",
        ],
    ),
    "enterprise.credit-risk-compensation": (
        "crc_eligible",
        ["crc_compensation_rate", "crc_max_compensation", "crc_discount_rate", "crc_interest_discount"],
    ),
    "enterprise.first-set-equipment": (
        "fse_eligible",
        ["fse_result_kind", "fse_support_route", "fse_no_track_record_required"],
    ),
    "enterprise.high-tech-bth-recognition": (
        "bth_eligible",
        [
            "bth_recognised_in_beijing",
            "bth_certificate_from_partner_region",
            "bth_certificate_valid",
            "hnte_certificate_valid_until",
        ],
    ),
    "enterprise.ip-insurance": (
        "ipi_eligible",
        ["ipi_premium_subsidy", "ipi_cap_remaining", "ipi_insurer_compensation_rate"],
    ),
    "enterprise.medical-device-bth": (
        "mdb_eligible",
        ["mdb_manufacturer_region", "mdb_entrustable_regions"],
    ),
    "enterprise.mnc-rd-centre": ("mnc_eligible", ["mnc_qualifying_ground"]),
    "enterprise.overseas-ip": ("oip_eligible", ["oip_filing_type", "oip_increased_funding"]),
    "enterprise.rd-vehicle-import": (
        "vehicle_eligible",
        [
            "vehicle_max_period",
            "vehicle_permitted_period",
            "vehicle_reexport_due_date",
            "vehicle_request_within_limit",
            "vehicle_ordinary_due_date",
            "vehicle_ordinary_latest_due_date",
        ],
    ),
}

# The enterprise measures added after issue 18 counted 13 (mirrored too; run.sh
# compares them with ONESTOP_BENCH_MEASURES=all).
LATER = {
    "enterprise.clinical-sample-import": (
        "clinical_eligible",
        [
            "clinical_sample_approval_scope",
            "clinical_sample_approval_decision_working_days",
            "clinical_sample_filing_decision_working_days",
        ],
    ),
    "enterprise.commitment-approval": (
        "commitment_eligible",
        ["commitment_approval_decision_working_days", "commitment_verification_decision_working_days"],
    ),
    "enterprise.relocation": ("relocation_eligible", ["relocation_decision_working_days"]),
    "enterprise.innovation-voucher": (
        "innovation_voucher_eligible",
        ["voucher_registered_in_region", "voucher_asks_home_region", "voucher_amount_within_cap", "voucher_cap"],
    ),
}
ALL = {**MEASURES, **LATER}


def selected(ids):
    """The measures named (all 17 for `all`; the 13 of issue 18 when none)."""
    if not ids:
        return MEASURES
    if ids == ["all"]:
        return ALL
    unknown = [m for m in ids if m not in ALL]
    if unknown:
        raise SystemExit(f"not mirrored: {', '.join(unknown)}")
    return {m: ALL[m] for m in ids}

# The outputs of type money (the others are rates, booleans, enumeration values,
# dates, durations in months, a set): the simulation totals these.
MONEY = {
    "tech_transfer_exempt_amount",
    "tech_transfer_exempt_income",
    "tech_transfer_taxable_income",
    "tech_transfer_tax_due",
    "tech_transfer_tax_due_national",
    "tech_transfer_pilot_saving",
    "tech_transfer_tax_saved",
    "rd_deduction_amount",
    "rd_total_deduction",
    "asp_eit_due",
    "asp_eit_saving",
    "asp_education_limit",
    "asp_education_deductible",
    "asp_education_carry_forward",
    "asp_education_extra_deduction",
    "vc_exempt_income",
    "vc_halved_income",
    "vc_tax_relief",
    "crc_max_compensation",
    "crc_interest_discount",
    "ipi_premium_subsidy",
    "ipi_cap_remaining",
    "voucher_cap",
}

KNOWN = "_known"


def known(sim, tbs, name, period, n):
    """The mask of `name`: its `_known` variable, or all true for the three
    measures whose facts the population always has (no mask variables)."""
    if name + KNOWN in tbs.variables:
        return numpy.asarray(sim.calculate(name + KNOWN, period), dtype=bool)
    return numpy.ones(n, dtype=bool)


def input_names(tbs):
    """The inputs read from the population (each also sets its `_known` mask)."""
    return [
        name
        for name, v in tbs.variables.items()
        if v.__module__ == input_module.__name__ or name in vars(input_module)
    ] + list(measures3.INPUTS)


def months_of(column):
    """A duration column ("N months", "N years", NULL) as whole months."""
    col = pc.fill_null(pc.cast(column, pa.string()), "0 months").combine_chunks()
    enc = col.dictionary_encode()
    table = []
    for text in enc.dictionary.to_pylist():
        n, unit = text.split()
        if not unit.startswith(("month", "year")):
            raise ValueError(f"duration {text!r}: only months and years are mirrored")
        table.append(int(n) * (12 if unit.startswith("year") else 1))
    return numpy.array(table, dtype=numpy.int32)[enc.indices.to_numpy(zero_copy_only=False)]


def set_inputs(sim, tbs, names, table, period):
    """Every input and its mask (true where the column is not NULL)."""
    for name in names:
        column = table.column(name)
        sim.set_input(name + KNOWN, period, pc.is_valid(column).to_numpy(zero_copy_only=False))
        if name in measures3.DURATION_INPUTS:
            sim.set_input(name, period, months_of(column))
        else:
            sim.set_input(name, period, to_numpy(column, tbs.variables[name]))


def to_numpy(column, variable):
    """A pyarrow column as the numpy array OpenFisca stores for `variable`; a
    NULL (a fact not given) becomes a filler that its mask says not to read."""
    if column.null_count:
        if variable.value_type.__name__ == "Enum":
            column = pc.fill_null(pc.cast(column, pa.string()), list(variable.possible_values)[0].name)
        elif pa.types.is_date(column.type):
            column = pc.fill_null(column, pa.scalar(0, pa.date32()))
        elif pa.types.is_boolean(column.type):
            column = pc.fill_null(column, False)
        elif pa.types.is_decimal(column.type):
            column = pc.fill_null(pc.cast(column, pa.float64()), 0.0)
        else:
            column = pc.fill_null(column, 0)
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
    ap.add_argument("--measure", action="append", default=[], help="a measure id (repeat; `all`: the 17)")
    args = ap.parse_args()
    measures = selected(args.measure)

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
    set_inputs(sim, tbs, names, table, period)
    ids = table.column("id")
    del table
    t3 = time.perf_counter()

    results = {}
    for measure, (status, outputs) in measures.items():
        results[f"{measure}.eligible"] = sim.calculate(status, period)
        results[f"{measure}.eligible{KNOWN}"] = known(sim, tbs, status, period, n)
        for o in outputs:
            value = sim.calculate(o, period)
            results[o] = value.decode_to_str() if hasattr(value, "decode_to_str") else value
            results[o + KNOWN] = known(sim, tbs, o, period, n)
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
