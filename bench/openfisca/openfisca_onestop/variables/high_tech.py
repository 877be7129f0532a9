"""rules/enterprise/high-tech-filing.policy: measure `enterprise.high-tech-filing`
(the national criteria of Guokefahuo [2016] No. 32 art. 11 and Beijing's approval
upon filing). Each variable mirrors the `definition` of the same name. These
parameters are read on the decision date (the simulation's period), as in the rules.
"""

import numpy

from openfisca_core.indexed_enums import Enum
from openfisca_core.variables import Variable

from openfisca_onestop.entities import Enterprise
from openfisca_onestop.enums import HnteRoute, Region
from openfisca_onestop.helpers import PERIOD_UNIT, add_years




def _ratio(num, den):
    """`if den > 0 then num / den else 0%`"""
    out = numpy.zeros(len(num), dtype=numpy.float32)
    numpy.divide(num, den, out=out, where=den > 0, casting="unsafe")
    return out


def _decision_date(period):
    return numpy.datetime64(period.start.date, "D")


# --- Ratios ---


class hnte_st_staff_share(Variable):
    """= if employees_total > 0 then st_staff / employees_total else 0%"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return _ratio(enterprise("st_staff", period), enterprise("employees_total", period))


class hnte_rd_intensity(Variable):
    """= if sales_revenue_last_3_years > 0 yuan then rd_expenses_last_3_years / sales_revenue_last_3_years else 0%"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return _ratio(
            enterprise("rd_expenses_last_3_years", period),
            enterprise("sales_revenue_last_3_years", period),
        )


class hnte_domestic_rd_share(Variable):
    """= if rd_expenses_last_3_years > 0 yuan then rd_expenses_domestic_last_3_years / rd_expenses_last_3_years else 0%"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return _ratio(
            enterprise("rd_expenses_domestic_last_3_years", period),
            enterprise("rd_expenses_last_3_years", period),
        )


class hnte_high_tech_income_share(Variable):
    """= if total_income_latest_year > 0 yuan then high_tech_income_latest_year / total_income_latest_year else 0%"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return _ratio(
            enterprise("high_tech_income_latest_year", period),
            enterprise("total_income_latest_year", period),
        )


class hnte_required_rd_intensity(Variable):
    """= hnte_rd_intensity_small, unless [mid_band] sales > small max then mid,
    unless [large_band over mid_band] sales > mid max then large"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        p = parameters(period.start).hnte
        sales = enterprise("sales_revenue_latest_year", period)
        return numpy.select(
            [sales > p.sales_band_mid_max, sales > p.sales_band_small_max],
            [p.rd_intensity_large, p.rd_intensity_mid],
            default=p.rd_intensity_small,
        )


# --- National criteria ---


class hnte_registration_met(Variable):
    """(1) = registration_date + hnte_min_registration_period <= decision_date"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        years = parameters(period.start).hnte.min_registration_years
        return add_years(enterprise("registration_date", period), years) <= _decision_date(period)


class hnte_core_ip_met(Variable):
    """(2) = hnte_owns_core_ip"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("hnte_owns_core_ip", period)


class hnte_supported_field_met(Variable):
    """(3) = hnte_core_tech_in_supported_fields"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("hnte_core_tech_in_supported_fields", period)


class hnte_st_staff_met(Variable):
    """(4) = hnte_st_staff_share >= hnte_min_st_staff_share"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("hnte_st_staff_share", period) >= parameters(period.start).hnte.min_st_staff_share


class hnte_rd_intensity_met(Variable):
    """(5) = hnte_rd_intensity >= hnte_required_rd_intensity"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("hnte_rd_intensity", period) >= enterprise("hnte_required_rd_intensity", period)


class hnte_domestic_rd_met(Variable):
    """(5) = hnte_domestic_rd_share >= hnte_min_domestic_rd_share_national"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return (
            enterprise("hnte_domestic_rd_share", period)
            >= parameters(period.start).hnte.min_domestic_rd_share_national
        )


class hnte_high_tech_income_met(Variable):
    """(6) = hnte_high_tech_income_share >= hnte_min_high_tech_income_share"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return (
            enterprise("hnte_high_tech_income_share", period)
            >= parameters(period.start).hnte.min_high_tech_income_share
        )


class hnte_innovation_score_met(Variable):
    """(7) = hnte_innovation_score > hnte_innovation_score_floor"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("hnte_innovation_score", period) > parameters(period.start).hnte.innovation_score_floor


class hnte_no_major_incident_met(Variable):
    """(8) = not hnte_major_incident_prior_year"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return numpy.logical_not(enterprise("hnte_major_incident_prior_year", period))


class meets_national_criteria(Variable):
    """= (1) and (2) and ... and (8)"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        result = enterprise("hnte_registration_met", period)
        for name in (
            "hnte_core_ip_met",
            "hnte_supported_field_met",
            "hnte_st_staff_met",
            "hnte_rd_intensity_met",
            "hnte_domestic_rd_met",
            "hnte_high_tech_income_met",
            "hnte_innovation_score_met",
            "hnte_no_major_incident_met",
        ):
            result = result * enterprise(name, period)
        return result


# --- Beijing approval upon filing (003 §18) ---


class hnte_filing_field_met(Variable):
    """= industry in hnte_filing_industries (on the decision date)"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return parameters(period.start).hnte.filing_industries[enterprise("industry", period)]


class hnte_filing_in_beijing_met(Variable):
    """= registration_region = beijing"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("registration_region", period) == Region.beijing


class hnte_filing_above_size_met(Variable):
    """= is_above_designated_size"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("is_above_designated_size", period)


class hnte_filing_operating_met(Variable):
    """= registration_date + hnte_filing_min_operating_period <= decision_date"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        years = parameters(period.start).hnte.filing_min_operating_years
        return add_years(enterprise("registration_date", period), years) <= _decision_date(period)


class hnte_filing_domestic_rd_met(Variable):
    """= hnte_domestic_rd_share >= hnte_filing_min_domestic_rd_share"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return (
            enterprise("hnte_domestic_rd_share", period)
            >= parameters(period.start).hnte.filing_min_domestic_rd_share
        )


class qualifies_for_filing(Variable):
    """= the five filing conditions"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        result = enterprise("hnte_filing_field_met", period)
        for name in (
            "hnte_filing_in_beijing_met",
            "hnte_filing_above_size_met",
            "hnte_filing_operating_met",
            "hnte_filing_domestic_rd_met",
        ):
            result = result * enterprise(name, period)
        return result


class hnte_route(Variable):
    """= hnte_route_none, unless [national] meets_national_criteria, unless
    [filing over national] qualifies_for_filing"""

    value_type = Enum
    possible_values = HnteRoute
    default_value = HnteRoute.hnte_route_none
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return numpy.select(
            [enterprise("qualifies_for_filing", period), enterprise("meets_national_criteria", period)],
            [HnteRoute.hnte_route_filing.index, HnteRoute.hnte_route_national.index],
            default=HnteRoute.hnte_route_none.index,
        )


class hnte_filing_supervision_risk(Variable):
    """= qualifies_for_filing and not meets_national_criteria"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("qualifies_for_filing", period) * numpy.logical_not(
            enterprise("meets_national_criteria", period)
        )


class high_tech_filing_eligible(Variable):
    """measure enterprise.high-tech-filing: eligible when qualifies_for_filing or meets_national_criteria"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return numpy.logical_or(
            enterprise("qualifies_for_filing", period), enterprise("meets_national_criteria", period)
        )
