"""rules/enterprise/tech-transfer-tax.policy: measure `enterprise.tech-transfer-tax`.

Each variable mirrors the `definition` of the same name; parameters read
`at tax_year_end` in the rules are read on 31 December of each row's tax year.
"""

import numpy

from openfisca_core.variables import Variable

from openfisca_onestop.entities import Enterprise
from openfisca_onestop.helpers import PERIOD_UNIT, at_tax_year_end, member_at_tax_year_end

P = "tech_transfer."



class in_zgc_pilot_area(Variable):
    """definition in_zgc_pilot_area = zgc_park in zgc_pilot_parks at tax_year_end"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return member_at_tax_year_end(
            parameters,
            enterprise("tax_year", period),
            P + "zgc_pilot_parks",
            enterprise("zgc_park", period),
        )


class tech_transfer_exempt_amount(Variable):
    """definition tech_transfer_exempt_amount: the national amount, unless
    [zgc_pilot] in_zgc_pilot_area then the pilot amount (both at tax_year_end)."""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        year = enterprise("tax_year", period)
        national = at_tax_year_end(parameters, year, P + "exempt_national")
        pilot_area = enterprise("in_zgc_pilot_area", period)
        if not pilot_area.any():
            return national
        # The pilot amount has no value before 2020; only pilot rows (2020 on) read it.
        pilot = at_tax_year_end(parameters, numpy.maximum(year, 2020), P + "exempt_zgc_pilot")
        return numpy.where(pilot_area, pilot, national)


class tech_transfer_exempt_income(Variable):
    """definition tech_transfer_exempt_income = min(income, exempt amount)"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return numpy.minimum(
            enterprise("tech_transfer_income", period),
            enterprise("tech_transfer_exempt_amount", period),
        )


class tech_transfer_taxable_income(Variable):
    """definition tech_transfer_taxable_income = max(income - exempt amount, 0)"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return numpy.maximum(
            enterprise("tech_transfer_income", period)
            - enterprise("tech_transfer_exempt_amount", period),
            0,
        )


class tech_transfer_halved_rate(Variable):
    """definition tech_transfer_halved_rate = statutory rate * (1 - reduction), at tax_year_end"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        year = enterprise("tax_year", period)
        return at_tax_year_end(parameters, year, P + "eit_statutory_rate") * (
            1 - at_tax_year_end(parameters, year, P + "rate_reduction")
        )


class tech_transfer_tax_due(Variable):
    """definition tech_transfer_tax_due = taxable income * halved rate"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("tech_transfer_taxable_income", period) * enterprise(
            "tech_transfer_halved_rate", period
        )


class tech_transfer_tax_due_national(Variable):
    """definition tech_transfer_tax_due_national = max(income - national amount, 0) * halved rate"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        year = enterprise("tax_year", period)
        national = at_tax_year_end(parameters, year, P + "exempt_national")
        return numpy.maximum(
            enterprise("tech_transfer_income", period) - national, 0
        ) * enterprise("tech_transfer_halved_rate", period)


class tech_transfer_pilot_saving(Variable):
    """definition tech_transfer_pilot_saving = tax due (national rule) - tax due"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("tech_transfer_tax_due_national", period) - enterprise(
            "tech_transfer_tax_due", period
        )


class tech_transfer_tax_without_relief(Variable):
    """definition tech_transfer_tax_without_relief = income * statutory rate,
    unless [high_tech] is_high_tech_enterprise then income * high-tech rate"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        year = enterprise("tax_year", period)
        rate = numpy.where(
            enterprise("is_high_tech_enterprise", period),
            at_tax_year_end(parameters, year, P + "eit_high_tech_rate"),
            at_tax_year_end(parameters, year, P + "eit_statutory_rate"),
        )
        return enterprise("tech_transfer_income", period) * rate


class tech_transfer_tax_saved(Variable):
    """definition tech_transfer_tax_saved = tax without relief - tax due"""

    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("tech_transfer_tax_without_relief", period) - enterprise(
            "tech_transfer_tax_due", period
        )


class tech_transfer_tax_eligible(Variable):
    """measure enterprise.tech-transfer-tax:
    eligible when is_resident_enterprise and tech_transfer_income > 0 yuan"""

    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT

    def formula(enterprise, period, parameters):
        return enterprise("is_resident_enterprise", period) * (
            enterprise("tech_transfer_income", period) > 0
        )
