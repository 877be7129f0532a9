"""The ten enterprise measures whose facts are unknown for most rows, with
onestop's three-valued logic as explicit masks (see openfisca_onestop/tvl.py):

    enterprise.advanced-service-provider   rules/enterprise/advanced-service-provider.policy
    enterprise.corporate-vc-tax            rules/enterprise/corporate-vc-tax.policy
    enterprise.credit-risk-compensation    rules/enterprise/credit-risk-compensation.policy
    enterprise.first-set-equipment         rules/enterprise/first-set-equipment.policy
    enterprise.high-tech-bth-recognition   rules/enterprise/high-tech-bth-recognition.policy
    enterprise.ip-insurance                rules/enterprise/ip-insurance.policy
    enterprise.medical-device-bth          rules/enterprise/medical-device-bth.policy
    enterprise.mnc-rd-centre               rules/enterprise/mnc-rd-centre.policy
    enterprise.overseas-ip                 rules/enterprise/overseas-ip.policy
    enterprise.rd-vehicle-import           rules/enterprise/rd-vehicle-import.policy

and the four enterprise measures added after issue 18 counted 13 (their facts are
always given in the generated population, but the masks are computed all the same):

    enterprise.clinical-sample-import      rules/enterprise/clinical-sample-import.policy
    enterprise.commitment-approval         rules/enterprise/commitment-approval.policy
    enterprise.relocation                  rules/enterprise/relocation.policy
    enterprise.innovation-voucher          rules/enterprise/innovation-voucher.policy

Each `variable(...)` mirrors the `definition` of the same name (quoted above it);
a measure's status is `<prefix>_eligible` (its `eligible when`), known where
onestop's status is `eligible` or `not eligible`. Money is OpenFisca's float
(float32 stored), computed in float64 inside a formula and rounded to the fen
where onestop rounds (money times or divided by a number). Durations are whole
months (int): every duration of these rules is in months or years. Dates are
datetime64[D]. Parameters read `at` a row's date use `Ctx.at`; bare names are read
on the decision date (the simulation's period).
"""

from datetime import date

import numpy

from openfisca_onestop.enums import (
    AspCategory,
    ClinicalApprovalBasis,
    District,
    CrcCreditStatus,
    CrcStage,
    FseProductStage,
    FseResultKind,
    FseRoute,
    Industry,
    IpiInsuranceType,
    MncGround,
    OipFilingType,
    Region,
    VcRelief,
    ZgcPark,
)
from openfisca_core.variables import Variable

from openfisca_onestop.variables import inputs as _inputs
from openfisca_onestop.tvl import (
    TV,
    add_months,
    and_,
    const,
    fen,
    if_,
    input_variable,
    is_,
    known_input,
    money_times,
    not_,
    or_,
    ratio,
    strict,
    tax_year_end,
    unless,
    variable,
)

F64 = numpy.float64


def _f(x):
    return numpy.asarray(x, dtype=F64)


def mmin(a, b):
    return strict(lambda x, y: numpy.minimum(_f(x), _f(y)), a, b)


def mmax0(a):
    return strict(lambda x: numpy.maximum(_f(x), 0.0), a)


def sub(a, b):
    return strict(lambda x, y: _f(x) - _f(y), a, b)


def _f32(x):
    """A comparison operand as OpenFisca stores a float: float32 (a rate or an
    amount read back from a variable is float32; a parameter is compared in the
    same precision, so that 35 / 100 >= 35% holds as it does exactly)."""
    x = numpy.asarray(x)
    return x.astype(numpy.float32) if x.dtype.kind == "f" else x


def ge(a, b):
    return strict(lambda x, y: _f32(x) >= _f32(y), a, b)


def gt(a, b):
    return strict(lambda x, y: _f32(x) > _f32(y), a, b)


def gt0(a):
    return strict(lambda x: x > 0, a)


# ---------------------------------------------------------------- inputs

INPUTS = []  # the inputs declared here (each with its mask)
for name, ty, pv in [
    # advanced-service-provider
    ("asp_is_certified", bool, None),
    ("asp_category", "enum", AspCategory),
    ("asp_total_income", float, None),
    ("asp_service_income", float, None),
    ("asp_offshore_income", float, None),
    ("asp_employees", int, None),
    ("asp_college_employees", int, None),
    ("asp_taxable_income", float, None),
    ("asp_wages", float, None),
    ("asp_education_expense", float, None),
    # corporate-vc-tax
    ("vc_filed_as_venture_capital", bool, None),
    ("vc_individual_share_year_end", float, None),
    ("vc_equity_transfer_income", float, None),
    ("vc_transfer_income_held_3_years", float, None),
    ("vc_transfer_income_held_5_years", float, None),
    ("vc_taxable_income", float, None),
    # credit-risk-compensation
    ("crc_is_technology_enterprise", bool, None),
    ("crc_credit_status", "enum", CrcCreditStatus),
    ("crc_development_stage", "enum", CrcStage),
    ("crc_bank_in_pilot", bool, None),
    ("crc_is_first_loan", bool, None),
    ("crc_loan_amount", float, None),
    ("crc_interest_paid", float, None),
    # first-set-equipment
    ("fse_from_market_tested_scenario", bool, None),
    ("fse_result_kind", "enum", FseResultKind),
    ("fse_product_stage", "enum", FseProductStage),
    ("fse_meets_purchaser_requirements", bool, None),
    # high-tech-bth-recognition
    ("hnte_certificate_region", "enum", Region),
    ("hnte_certificate_issue_date", date, None),
    # ip-insurance
    ("ipi_insurance_type", "enum", IpiInsuranceType),
    ("ipi_insurer_in_pilot", bool, None),
    ("ipi_premium_paid", float, None),
    ("ipi_subsidy_received_this_year", float, None),
    # medical-device-bth
    ("mdb_is_registrant", bool, None),
    ("mdb_registrant_region", "enum", Region),
    ("mdb_manufacturer_region", "enum", Region),
    ("mdb_manufacturer_qualified", bool, None),
    ("mdb_is_high_risk_implantable", bool, None),
    # mnc-rd-centre
    ("mnc_is_foreign_funded", bool, None),
    ("mnc_is_rd_centre", bool, None),
    ("mnc_is_global_rd_centre", bool, None),
    ("mnc_has_independent_legal_personality", bool, None),
    # overseas-ip
    ("oip_filing_type", "enum", OipFilingType),
    ("oip_other_hpe_field", bool, None),
    # rd-vehicle-import (duration: whole months, parsed from "N months" / "N years")
    ("vehicle_is_eligible_tech_enterprise", bool, None),
    ("vehicle_is_rd_test_vehicle", bool, None),
    ("vehicle_subject_to_mandatory_inspection", bool, None),
    ("vehicle_import_date", date, None),
    ("vehicle_requested_period", "duration", None),
    # the four measures added after issue 18 was filed
    ("clinical_sample_for_innovative_drug_trial", bool, None),
    ("clinical_trial_authorised", bool, None),
    ("commitment_signed", bool, None),
    ("construction_project_low_risk", bool, None),
    ("construction_project_in_beijing", bool, None),
    ("commitment_excluded_by_credit", bool, None),
    ("is_technology_enterprise", bool, None),
    ("relocation_from_district", "enum", District),
    ("relocation_to_district", "enum", District),
    ("voucher_issuing_region", "enum", Region),
    ("voucher_amount_requested", float, None),
]:
    INPUTS.append(name)
    if ty == "enum":
        input_variable(name, "Enum", pv)
    elif ty == "duration":
        input_variable(name, int)
    else:
        input_variable(name, ty)

DURATION_INPUTS = {"vehicle_requested_period"}

# The masks of the inputs shared with the three other measures (variables/inputs.py).
for _name, _v in vars(_inputs).items():
    if isinstance(_v, type) and issubclass(_v, Variable) and _v.__module__ == _inputs.__name__:
        known_input(_name)

# ------------------------------------------- advanced-service-provider
A = "asp."

variable("asp_tax_year_end", date, lambda c: tax_year_end(c("tax_year")))


def _asp_service_trade(c):
    return is_(c("asp_category"), AspCategory.asp_service_trade)


# = asp_outsourcing_policy_in_force at asp_tax_year_end
# unless [service_trade] asp_category = asp_service_trade then asp_service_trade_policy_in_force at asp_tax_year_end
variable(
    "asp_policy_in_force",
    bool,
    lambda c: unless(
        c.at(A + "outsourcing_policy_in_force", c("asp_tax_year_end")),
        (_asp_service_trade(c), c.at(A + "service_trade_policy_in_force", c("asp_tax_year_end")), []),
    ),
)
# = if asp_employees > 0 then asp_college_employees / asp_employees else 0%
variable("asp_college_staff_share", float, lambda c: ratio(c("asp_college_employees"), c("asp_employees")))
# = if asp_total_income > 0 yuan then asp_service_income / asp_total_income else 0%
variable("asp_service_income_share", float, lambda c: ratio(c("asp_service_income"), c("asp_total_income")))
variable("asp_offshore_income_share", float, lambda c: ratio(c("asp_offshore_income"), c("asp_total_income")))
# = asp_min_service_income_share at ...  unless [service_trade] ... asp_min_trade_service_income_share at ...
variable(
    "asp_required_service_income_share",
    float,
    lambda c: unless(
        c.at(A + "min_service_income_share", c("asp_tax_year_end")),
        (_asp_service_trade(c), c.at(A + "min_trade_service_income_share", c("asp_tax_year_end")), []),
    ),
)
# = asp_college_staff_share >= asp_min_college_staff_share at asp_tax_year_end
variable(
    "asp_meets_staff_criterion",
    bool,
    lambda c: ge(c("asp_college_staff_share"), c.at(A + "min_college_staff_share", c("asp_tax_year_end"))),
)
# = asp_service_income_share >= asp_required_service_income_share
variable(
    "asp_meets_service_income_criterion",
    bool,
    lambda c: ge(c("asp_service_income_share"), c("asp_required_service_income_share")),
)
# = asp_offshore_income_share >= asp_min_offshore_income_share at ... unless [service_trade] ... then true
variable(
    "asp_meets_offshore_criterion",
    bool,
    lambda c: unless(
        ge(c("asp_offshore_income_share"), c.at(A + "min_offshore_income_share", c("asp_tax_year_end"))),
        (_asp_service_trade(c), const(True, c.n), []),
    ),
)
variable(
    "asp_meets_criteria",
    bool,
    lambda c: and_(
        c("asp_meets_staff_criterion"), c("asp_meets_service_income_criterion"), c("asp_meets_offshore_criterion")
    ),
)
# = asp_taxable_income * asp_eit_rate at asp_tax_year_end
variable(
    "asp_eit_due",
    float,
    lambda c: money_times(c("asp_taxable_income"), c.at(A + "eit_rate", c("asp_tax_year_end"))),
)
# = eit_statutory_rate at ... unless [high_tech] is_high_tech_enterprise then eit_high_tech_rate at ...
variable(
    "asp_rate_otherwise",
    float,
    lambda c: unless(
        c.at("tech_transfer.eit_statutory_rate", c("asp_tax_year_end")),
        (c("is_high_tech_enterprise"), c.at("tech_transfer.eit_high_tech_rate", c("asp_tax_year_end")), []),
    ),
)
# = asp_taxable_income * (asp_rate_otherwise - asp_eit_rate at asp_tax_year_end)
variable(
    "asp_eit_saving",
    float,
    lambda c: money_times(
        c("asp_taxable_income"), sub(c("asp_rate_otherwise"), c.at(A + "eit_rate", c("asp_tax_year_end")))
    ),
)
# = asp_wages * asp_education_rate at asp_tax_year_end
variable(
    "asp_education_limit",
    float,
    lambda c: money_times(c("asp_wages"), c.at(A + "education_rate", c("asp_tax_year_end"))),
)
# = min(asp_education_expense, asp_education_limit)
variable("asp_education_deductible", float, lambda c: mmin(c("asp_education_expense"), c("asp_education_limit")))
# = max(asp_education_expense - asp_education_limit, 0 yuan)
variable(
    "asp_education_carry_forward",
    float,
    lambda c: mmax0(sub(c("asp_education_expense"), c("asp_education_limit"))),
)
# = asp_education_deductible - min(asp_education_expense, asp_wages * asp_general_education_rate at ...)
variable(
    "asp_education_extra_deduction",
    float,
    lambda c: sub(
        c("asp_education_deductible"),
        mmin(
            c("asp_education_expense"),
            money_times(c("asp_wages"), c.at(A + "general_education_rate", c("asp_tax_year_end"))),
        ),
    ),
)
# eligible when is_resident_enterprise and asp_is_certified and asp_policy_in_force and asp_meets_criteria
variable(
    "asp_eligible",
    bool,
    lambda c: and_(
        c("is_resident_enterprise"), c("asp_is_certified"), c("asp_policy_in_force"), c("asp_meets_criteria")
    ),
)

# ------------------------------------------------------ corporate-vc-tax
V = "vc."

variable("tax_year_end", date, lambda c: tax_year_end(c("tax_year")))
# = zgc_park != no_park
variable("vc_in_zgc", bool, lambda c: not_(is_(c("zgc_park"), ZgcPark.no_park)))
# = vc_pilot_in_force at tax_year_end
variable("vc_pilot_year", bool, lambda c: c.at(V + "pilot_in_force", c("tax_year_end")))
variable(
    "vc_qualified",
    bool,
    lambda c: and_(
        c("vc_pilot_year"),
        c("vc_in_zgc"),
        c("is_resident_enterprise"),
        c("taxed_on_audited_accounts"),
        c("vc_filed_as_venture_capital"),
    ),
)
variable(
    "vc_share_held_3_years",
    float,
    lambda c: ratio(c("vc_transfer_income_held_3_years"), c("vc_equity_transfer_income")),
)
variable(
    "vc_share_held_5_years",
    float,
    lambda c: ratio(c("vc_transfer_income_held_5_years"), c("vc_equity_transfer_income")),
)


def _vc_relief_kind(c):
    # = vc_relief_none
    # unless [halved] vc_qualified and vc_share_held_3_years > threshold at tax_year_end then vc_relief_halved
    # unless [exempt over halved] vc_qualified and vc_share_held_5_years > threshold ... then vc_relief_exempt
    thr = c.at(V + "long_holding_share_threshold", c("tax_year_end"))
    return unless(
        const(VcRelief.vc_relief_none.index, c.n, numpy.int16),
        (and_(c("vc_qualified"), gt(c("vc_share_held_3_years"), thr)), const(VcRelief.vc_relief_halved.index, c.n, numpy.int16), []),
        (and_(c("vc_qualified"), gt(c("vc_share_held_5_years"), thr)), const(VcRelief.vc_relief_exempt.index, c.n, numpy.int16), [0]),
    )


variable("vc_relief_kind", "Enum", _vc_relief_kind, VcRelief)
# = 0% unless [exempt] vc_relief_kind = vc_relief_exempt then vc_individual_share_year_end
variable(
    "vc_exempt_share",
    float,
    lambda c: unless(
        const(0.0, c.n), (is_(c("vc_relief_kind"), VcRelief.vc_relief_exempt), c("vc_individual_share_year_end"), [])
    ),
)
variable(
    "vc_halved_share",
    float,
    lambda c: unless(
        const(0.0, c.n), (is_(c("vc_relief_kind"), VcRelief.vc_relief_halved), c("vc_individual_share_year_end"), [])
    ),
)
# = max(vc_taxable_income, 0 yuan) * vc_exempt_share
variable("vc_exempt_income", float, lambda c: money_times(mmax0(c("vc_taxable_income")), c("vc_exempt_share")))
variable("vc_halved_income", float, lambda c: money_times(mmax0(c("vc_taxable_income")), c("vc_halved_share")))
# = if vc_relief_kind = vc_relief_none then 0 yuan
#   else (vc_exempt_income + vc_halved_income * vc_halving_reduction at tax_year_end) * eit_statutory_rate at tax_year_end
variable(
    "vc_tax_relief",
    float,
    lambda c: if_(
        is_(c("vc_relief_kind"), VcRelief.vc_relief_none),
        const(0.0, c.n),
        money_times(
            strict(
                lambda a, b: _f(a) + b,
                c("vc_exempt_income"),
                money_times(c("vc_halved_income"), c.at(V + "halving_reduction", c("tax_year_end"))),
            ),
            c.at("tech_transfer.eit_statutory_rate", c("tax_year_end")),
        ),
    ),
)
# eligible when vc_relief_kind != vc_relief_none and vc_individual_share_year_end > 0%
variable(
    "vc_eligible",
    bool,
    lambda c: and_(
        not_(is_(c("vc_relief_kind"), VcRelief.vc_relief_none)), gt0(c("vc_individual_share_year_end"))
    ),
)

# --------------------------------------------- credit-risk-compensation
C = "crc."

# = crc_is_technology_enterprise and crc_bank_in_pilot and crc_credit_status != crc_credit_poor
variable(
    "crc_in_mechanism",
    bool,
    lambda c: and_(
        c("crc_is_technology_enterprise"),
        c("crc_bank_in_pilot"),
        not_(is_(c("crc_credit_status"), CrcCreditStatus.crc_credit_poor)),
    ),
)
# = growth unless [startup] stage = startup then startup unless [mature] stage = mature then mature
variable(
    "crc_stage_compensation_rate",
    float,
    lambda c: unless(
        c.pc(C + "compensation_rate_growth"),
        (is_(c("crc_development_stage"), CrcStage.crc_stage_startup), c.pc(C + "compensation_rate_startup"), []),
        (is_(c("crc_development_stage"), CrcStage.crc_stage_mature), c.pc(C + "compensation_rate_mature"), []),
    ),
)
# = crc_stage_compensation_rate unless [good_credit] crc_credit_status = crc_credit_good then ... + crc_good_credit_uplift
variable(
    "crc_compensation_rate",
    float,
    lambda c: unless(
        c("crc_stage_compensation_rate"),
        (
            is_(c("crc_credit_status"), CrcCreditStatus.crc_credit_good),
            strict(lambda a, b: _f(a) + b, c("crc_stage_compensation_rate"), c.pc(C + "good_credit_uplift")),
            [],
        ),
    ),
)
variable("crc_max_compensation", float, lambda c: money_times(c("crc_loan_amount"), c("crc_compensation_rate")))
# = crc_interest_discount_rate unless [first_loan] crc_is_first_loan then crc_first_loan_discount_rate
variable(
    "crc_discount_rate",
    float,
    lambda c: unless(
        c.pc(C + "interest_discount_rate"), (c("crc_is_first_loan"), c.pc(C + "first_loan_discount_rate"), [])
    ),
)
variable("crc_interest_discount", float, lambda c: money_times(c("crc_interest_paid"), c("crc_discount_rate")))
# eligible when crc_pilot_in_force and crc_in_mechanism and crc_loan_amount > 0 yuan
variable(
    "crc_eligible",
    bool,
    lambda c: and_(c.pc(C + "pilot_in_force", bool), c("crc_in_mechanism"), gt0(c("crc_loan_amount"))),
)

# -------------------------------------------------- first-set-equipment
# = fse_from_market_tested_scenario and fse_result_kind != fse_kind_not_innovative
variable(
    "fse_is_innovative_result",
    bool,
    lambda c: and_(
        c("fse_from_market_tested_scenario"), not_(is_(c("fse_result_kind"), FseResultKind.fse_kind_not_innovative))
    ),
)
# = fse_route_none
# unless [first_purchase] stage = first_on_market and fse_meets_purchaser_requirements then first_purchase
# unless [ordering] stage = to_be_developed then ordering
variable(
    "fse_support_route",
    "Enum",
    lambda c: unless(
        const(FseRoute.fse_route_none.index, c.n, numpy.int16),
        (
            and_(
                is_(c("fse_product_stage"), FseProductStage.fse_stage_first_on_market),
                c("fse_meets_purchaser_requirements"),
            ),
            const(FseRoute.fse_route_first_purchase.index, c.n, numpy.int16),
            [],
        ),
        (
            is_(c("fse_product_stage"), FseProductStage.fse_stage_to_be_developed),
            const(FseRoute.fse_route_ordering.index, c.n, numpy.int16),
            [],
        ),
    ),
    FseRoute,
)
# = fse_support_route = fse_route_first_purchase and fse_track_record_bar_prohibited
variable(
    "fse_no_track_record_required",
    bool,
    lambda c: and_(
        is_(c("fse_support_route"), FseRoute.fse_route_first_purchase), c.pc("fse.track_record_bar_prohibited", bool)
    ),
)
variable(
    "fse_eligible",
    bool,
    lambda c: and_(c("fse_is_innovative_result"), not_(is_(c("fse_support_route"), FseRoute.fse_route_none))),
)

# -------------------------------------------- high-tech-bth-recognition
# = hnte_certificate_issue_date + hnte_certificate_validity
variable(
    "hnte_certificate_valid_until",
    date,
    lambda c: strict(
        lambda d: add_months(d, c.p("bth.hnte_certificate_validity")), c("hnte_certificate_issue_date")
    ),
)
# = hnte_certificate_issue_date <= decision_date and decision_date <= hnte_certificate_valid_until
variable(
    "bth_certificate_valid",
    bool,
    lambda c: and_(
        strict(lambda d: d <= c.date, c("hnte_certificate_issue_date")),
        strict(lambda d: c.date <= d, c("hnte_certificate_valid_until")),
    ),
)
# = hnte_certificate_region in bth_hnte_recognised_regions
variable(
    "bth_certificate_from_partner_region",
    bool,
    lambda c: c.member("bth.hnte_recognised_regions", c("hnte_certificate_region"), Region),
)
variable(
    "bth_recognised_in_beijing",
    bool,
    lambda c: and_(c("bth_certificate_from_partner_region"), c("bth_certificate_valid")),
)
variable("bth_eligible", bool, lambda c: c("bth_recognised_in_beijing"))

# --------------------------------------------------------- ip-insurance
I = "ipi."

variable("ipi_is_ip_insurance", bool, lambda c: not_(is_(c("ipi_insurance_type"), IpiInsuranceType.ipi_not_ip)))
# = ipi_premium_paid * ipi_premium_subsidy_rate
variable(
    "ipi_subsidy_before_cap", float, lambda c: money_times(c("ipi_premium_paid"), c.pc(I + "premium_subsidy_rate"))
)
# = max(ipi_premium_subsidy_cap - ipi_subsidy_received_this_year, 0 yuan)
variable(
    "ipi_cap_remaining",
    float,
    lambda c: mmax0(sub(c.pc(I + "premium_subsidy_cap", F64), c("ipi_subsidy_received_this_year"))),
)
# = min(ipi_subsidy_before_cap, ipi_cap_remaining)
variable("ipi_premium_subsidy", float, lambda c: mmin(c("ipi_subsidy_before_cap"), c("ipi_cap_remaining")))
variable("ipi_insurer_compensation_rate", float, lambda c: c.pc(I + "risk_compensation_rate", F64))
# eligible when ipi_pilot_in_force and ipi_is_ip_insurance and ipi_insurer_in_pilot and ipi_premium_paid > 0 yuan
variable(
    "ipi_eligible",
    bool,
    lambda c: and_(
        c.pc(I + "pilot_in_force", bool), c("ipi_is_ip_insurance"), c("ipi_insurer_in_pilot"), gt0(c("ipi_premium_paid"))
    ),
)

# --------------------------------------------------- medical-device-bth
# = mdb_is_registrant and mdb_registrant_region = beijing
variable(
    "mdb_is_beijing_registrant",
    bool,
    lambda c: and_(c("mdb_is_registrant"), is_(c("mdb_registrant_region"), Region.beijing)),
)
# = mdb_manufacturer_region in {tianjin, hebei}
variable(
    "mdb_manufacturer_in_tianjin_hebei",
    bool,
    lambda c: strict(
        lambda r: (r == Region.tianjin.index) | (r == Region.hebei.index), c("mdb_manufacturer_region")
    ),
)
# = mdb_manufacturer_region in mdb_cross_region_targets
variable(
    "mdb_region_permitted",
    bool,
    lambda c: c.member("mdb.cross_region_targets", c("mdb_manufacturer_region"), Region),
)
variable("mdb_device_may_be_entrusted", bool, lambda c: not_(c("mdb_is_high_risk_implantable")))

# = mdb_cross_region_targets (a set of regions; here its members' names, sorted, joined by commas)
def _entrustable(c):
    node = c.p("mdb.cross_region_targets")
    members = ",".join(sorted(m.name for m in Region if node[m.name]))
    return const(members, c.n, object)


variable("mdb_entrustable_regions", str, _entrustable)
variable(
    "mdb_eligible",
    bool,
    lambda c: and_(
        c("mdb_is_beijing_registrant"),
        c("mdb_manufacturer_in_tianjin_hebei"),
        c("mdb_region_permitted"),
        c("mdb_manufacturer_qualified"),
        c("mdb_device_may_be_entrusted"),
    ),
)

# -------------------------------------------------------- mnc-rd-centre
# = mnc_ground_none
# unless [global over legal_person] mnc_is_global_rd_centre then mnc_ground_global_rd_centre
# unless [legal_person] mnc_has_independent_legal_personality then mnc_ground_legal_person
variable(
    "mnc_qualifying_ground",
    "Enum",
    lambda c: unless(
        const(MncGround.mnc_ground_none.index, c.n, numpy.int16),
        (c("mnc_is_global_rd_centre"), const(MncGround.mnc_ground_global_rd_centre.index, c.n, numpy.int16), [1]),
        (
            c("mnc_has_independent_legal_personality"),
            const(MncGround.mnc_ground_legal_person.index, c.n, numpy.int16),
            [],
        ),
    ),
    MncGround,
)
# = mnc_in_force and mnc_is_foreign_funded and mnc_is_rd_centre
#   and (mnc_is_global_rd_centre or mnc_has_independent_legal_personality)
variable(
    "mnc_treated_as_regional_hq",
    bool,
    lambda c: and_(
        c.pc("mnc.in_force", bool),
        c("mnc_is_foreign_funded"),
        c("mnc_is_rd_centre"),
        or_(c("mnc_is_global_rd_centre"), c("mnc_has_independent_legal_personality")),
    ),
)
variable("mnc_eligible", bool, lambda c: c("mnc_treated_as_regional_hq"))

# ---------------------------------------------------------- overseas-ip
# = industry in oip_hpe_industries
# unless [stated_field] industry not in oip_hpe_industries and oip_other_hpe_field then true
variable(
    "oip_in_hpe_industry",
    bool,
    lambda c: unless(
        c.member("oip.hpe_industries", c("industry"), Industry),
        (
            and_(not_(c.member("oip.hpe_industries", c("industry"), Industry)), c("oip_other_hpe_field")),
            const(True, c.n),
            [],
        ),
    ),
)
variable(
    "oip_filing_supported",
    bool,
    lambda c: c.member("oip.supported_filings", c("oip_filing_type"), OipFilingType),
)
# = oip_filing_type in oip_increased_funding_filings and oip_in_hpe_industry
variable(
    "oip_increased_funding",
    bool,
    lambda c: and_(
        c.member("oip.increased_funding_filings", c("oip_filing_type"), OipFilingType), c("oip_in_hpe_industry")
    ),
)
variable("oip_eligible", bool, lambda c: and_(c.pc("oip.in_force", bool), c("oip_filing_supported")))

# ---------------------------------------------------- rd-vehicle-import
H = "vehicle."

# = vehicle_is_eligible_tech_enterprise and vehicle_is_rd_test_vehicle and not vehicle_subject_to_mandatory_inspection
variable(
    "vehicle_qualifies",
    bool,
    lambda c: and_(
        c("vehicle_is_eligible_tech_enterprise"),
        c("vehicle_is_rd_test_vehicle"),
        not_(c("vehicle_subject_to_mandatory_inspection")),
    ),
)
# = vehicle_ordinary_period at vehicle_import_date
# unless [rd_vehicle] vehicle_qualifies and vehicle_rd_rule_in_force at vehicle_import_date
#   then vehicle_rd_max_period at vehicle_import_date
variable(
    "vehicle_max_period",
    int,
    lambda c: unless(
        c.at(H + "ordinary_period", c("vehicle_import_date")),
        (
            and_(c("vehicle_qualifies"), c.at(H + "rd_rule_in_force", c("vehicle_import_date"))),
            c.at(H + "rd_max_period", c("vehicle_import_date")),
            [],
        ),
    ),
)
# = vehicle_import_date + vehicle_requested_period <= vehicle_import_date + vehicle_max_period
variable(
    "vehicle_request_within_limit",
    bool,
    lambda c: strict(
        lambda d, r, m: add_months(d, r) <= add_months(d, m),
        c("vehicle_import_date"),
        c("vehicle_requested_period"),
        c("vehicle_max_period"),
    ),
)
# = if vehicle_request_within_limit then vehicle_requested_period else vehicle_max_period
variable(
    "vehicle_permitted_period",
    int,
    lambda c: if_(c("vehicle_request_within_limit"), c("vehicle_requested_period"), c("vehicle_max_period")),
)
# = vehicle_import_date + vehicle_permitted_period
variable(
    "vehicle_reexport_due_date",
    date,
    lambda c: strict(add_months, c("vehicle_import_date"), c("vehicle_permitted_period")),
)
# = vehicle_import_date + vehicle_ordinary_period at vehicle_import_date
variable(
    "vehicle_ordinary_due_date",
    date,
    lambda c: strict(add_months, c("vehicle_import_date"), c.at(H + "ordinary_period", c("vehicle_import_date"))),
)
# = vehicle_ordinary_due_date + vehicle_ordinary_extension at vehicle_import_date
#   * vehicle_ordinary_max_extensions at vehicle_import_date
variable(
    "vehicle_ordinary_latest_due_date",
    date,
    lambda c: strict(
        lambda d, e, n: add_months(d, e * n),
        c("vehicle_ordinary_due_date"),
        c.at(H + "ordinary_extension", c("vehicle_import_date")),
        c.at(H + "ordinary_max_extensions", c("vehicle_import_date")),
    ),
)
# eligible when vehicle_rd_rule_in_force at vehicle_import_date and vehicle_qualifies
variable(
    "vehicle_eligible",
    bool,
    lambda c: and_(c.at(H + "rd_rule_in_force", c("vehicle_import_date")), c("vehicle_qualifies")),
)


def _set_names(node, enum):
    """A set parameter's members' names, sorted, joined by commas."""
    return ",".join(sorted(m.name for m in enum if node[m.name]))


# ---------------------------------------------- clinical-sample-import
# = clinical_sample_for_innovative_drug_trial and clinical_trial_authorised and registration_region = beijing
variable(
    "clinical_sample_qualifies",
    bool,
    lambda c: and_(
        c("clinical_sample_for_innovative_drug_trial"),
        c("clinical_trial_authorised"),
        is_(c("registration_region"), Region.beijing),
    ),
)
# = clinical_sample_approval_bases (a set: its members' names, sorted, joined by commas)
variable(
    "clinical_sample_approval_scope",
    str,
    lambda c: const(_set_names(c.p("clinical.sample_approval_bases"), ClinicalApprovalBasis), c.n, object),
)
variable(
    "clinical_sample_approval_decision_working_days",
    int,
    lambda c: c.pc("clinical.sample_import_approval_working_days", numpy.int32),
)
variable(
    "clinical_sample_filing_decision_working_days",
    int,
    lambda c: c.pc("clinical.sample_import_filing_working_days", numpy.int32),
)
variable("clinical_eligible", bool, lambda c: c("clinical_sample_qualifies"))

# ------------------------------------------------- commitment-approval
# = construction_project_low_risk and construction_project_in_beijing and commitment_signed
#   and not commitment_excluded_by_credit
variable(
    "commitment_approval_applies",
    bool,
    lambda c: and_(
        c("construction_project_low_risk"),
        c("construction_project_in_beijing"),
        c("commitment_signed"),
        not_(c("commitment_excluded_by_credit")),
    ),
)
variable(
    "commitment_approval_decision_working_days",
    int,
    lambda c: c.pc("commitment.approval_working_days", numpy.int32),
)
variable(
    "commitment_verification_decision_working_days",
    int,
    lambda c: c.pc("commitment.verification_working_days", numpy.int32),
)
variable("commitment_eligible", bool, lambda c: c("commitment_approval_applies"))

# ---------------------------------------------------------- relocation
# = registration_region = beijing and relocation_from_district != relocation_to_district
variable(
    "relocation_between_districts",
    bool,
    lambda c: and_(
        is_(c("registration_region"), Region.beijing),
        strict(lambda a, b: a != b, c("relocation_from_district"), c("relocation_to_district")),
    ),
)
variable("relocation_decision_working_days", int, lambda c: c.pc("relocation.working_days", numpy.int32))
# eligible when is_technology_enterprise and relocation_between_districts
variable(
    "relocation_eligible",
    bool,
    lambda c: and_(c("is_technology_enterprise"), c("relocation_between_districts")),
)

# -------------------------------------------------- innovation-voucher
# = registration_region in voucher_regions
variable(
    "voucher_registered_in_region",
    bool,
    lambda c: c.member("voucher.regions", c("registration_region"), Region),
)
# = voucher_issuing_region = registration_region
variable(
    "voucher_asks_home_region",
    bool,
    lambda c: strict(lambda a, b: a == b, c("voucher_issuing_region"), c("registration_region")),
)
variable("voucher_cap", float, lambda c: c.pc("voucher.max_value", F64))
# = voucher_amount_requested > 0 yuan and voucher_amount_requested <= voucher_cap
variable(
    "voucher_amount_within_cap",
    bool,
    lambda c: and_(
        gt0(c("voucher_amount_requested")),
        strict(lambda a, b: a <= b, c("voucher_amount_requested"), c("voucher_cap")),
    ),
)
# = voucher_registered_in_region and voucher_asks_home_region and is_tech_sme and voucher_amount_within_cap
variable(
    "voucher_eligible",
    bool,
    lambda c: and_(
        c("voucher_registered_in_region"),
        c("voucher_asks_home_region"),
        c("is_tech_sme"),
        c("voucher_amount_within_cap"),
    ),
)
variable("innovation_voucher_eligible", bool, lambda c: c("voucher_eligible"))
