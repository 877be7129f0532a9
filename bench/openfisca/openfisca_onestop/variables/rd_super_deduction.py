"""rules/enterprise/rd-super-deduction.policy: measure `enterprise.rd-super-deduction`.

Each variable mirrors the `definition` of the same name; every rate and industry
set is read at the end of the row's tax year, as in the rules.
"""

import numpy

from openfisca_core.variables import Variable

from openfisca_onestop.entities import Enterprise
from openfisca_onestop.helpers import PERIOD_UNIT, at_tax_year_end, member_at_tax_year_end

P = "rd_deduction."




class rd_excluded_industry(Variable):
    """definition rd_excluded_industry = industry in rd_deduction_excluded_industries at tax_year_end"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return member_at_tax_year_end(
            parameters,
            enterprise("tax_year", period),
            P + "excluded_industries",
            enterprise("industry", period),
        )


class rd_manufacturing_enterprise(Variable):
    """definition rd_manufacturing_enterprise = industry in rd_deduction_manufacturing_industries at tax_year_end"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return member_at_tax_year_end(
            parameters,
            enterprise("tax_year", period),
            P + "manufacturing_industries",
            enterprise("industry", period),
        )


class rd_ic_machine_tool_enterprise(Variable):
    """definition rd_ic_machine_tool_enterprise = industry in the 120% industries
    at tax_year_end and on_ic_machine_tool_list"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        listed = member_at_tax_year_end(
            parameters,
            enterprise("tax_year", period),
            P + "ic_machine_tool_industries",
            enterprise("industry", period),
        )
        return listed * enterprise("on_ic_machine_tool_list", period)


class rd_deduction_rate(Variable):
    """definition rd_deduction_rate: the general rate, unless [tech_sme], unless
    [manufacturing over tech_sme], unless [ic_machine_tool over manufacturing,
    tech_sme], unless [excluded_industry over all] (0%). The `over` relations make
    the exceptions a priority order, so the first firing one in that order wins."""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        year = enterprise("tax_year", period)
        general = at_tax_year_end(parameters, year, P + "general_rate")
        sme = at_tax_year_end(parameters, year, P + "sme_rate")
        manufacturing = at_tax_year_end(parameters, year, P + "manufacturing_rate")
        ic = at_tax_year_end(parameters, year, P + "ic_machine_tool_rate")
        return numpy.select(
            [
                enterprise("rd_excluded_industry", period),
                (ic > general) * enterprise("rd_ic_machine_tool_enterprise", period),
                (manufacturing > general) * enterprise("rd_manufacturing_enterprise", period),
                (sme > general) * enterprise("is_tech_sme", period),
            ],
            [0.0, ic, manufacturing, sme],
            default=general,
        )


class rd_deduction_amount(Variable):
    """definition rd_deduction_amount = rd_expenses_tax_year * rd_deduction_rate"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("rd_expenses_tax_year", period) * enterprise("rd_deduction_rate", period)


class rd_total_deduction(Variable):
    """definition rd_total_deduction = rd_expenses_tax_year + rd_deduction_amount"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("rd_expenses_tax_year", period) + enterprise("rd_deduction_amount", period)


class rd_super_deduction_eligible(Variable):
    """measure enterprise.rd-super-deduction: eligible when is_resident_enterprise
    and taxed_on_audited_accounts and not rd_excluded_industry and rd_expenses_tax_year > 0 yuan"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return (
            enterprise("is_resident_enterprise", period)
            * enterprise("taxed_on_audited_accounts", period)
            * numpy.logical_not(enterprise("rd_excluded_industry", period))
            * (enterprise("rd_expenses_tax_year", period) > 0)
        )
