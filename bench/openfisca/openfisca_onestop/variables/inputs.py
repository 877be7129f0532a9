"""Input facts, one variable per `input` of the rule files named below.

Money and decimals are OpenFisca floats (numpy float32, the type OpenFisca gives
`float` variables); onestop keeps them as exact decimals. Ints are int32.
"""

from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.variables import Variable

from openfisca_onestop.entities import Enterprise
from openfisca_onestop.enums import Industry, Region, ZgcPark
from openfisca_onestop.helpers import PERIOD_UNIT

# --- rules/enterprise/inputs.policy ---


class tax_year(Variable):
    value_type = int
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Tax year the figures refer to"


class is_resident_enterprise(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Resident enterprise for enterprise income tax"


class is_high_tech_enterprise(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Holds a valid high-tech enterprise certificate"


class zgc_park(Variable):
    value_type = Enum
    possible_values = ZgcPark
    default_value = ZgcPark.no_park
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Zhongguancun sub-park of registration"


class industry(Variable):
    value_type = Enum
    possible_values = Industry
    default_value = Industry.other_industry
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Main industry"


class registration_date(Variable):
    value_type = date
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Date the enterprise was registered (established)"


class registration_region(Variable):
    value_type = Enum
    possible_values = Region
    default_value = Region.other_region
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Province-level region where the enterprise is registered"


class is_above_designated_size(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Above designated size in the statistics system"


class taxed_on_audited_accounts(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Income tax assessed on audited accounts"


class sales_revenue_latest_year(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Sales revenue in the latest accounting year (yuan)"


class sales_revenue_last_3_years(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Total sales revenue of the last three accounting years (yuan)"


class rd_expenses_last_3_years(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Total R&D expenses of the last three accounting years (yuan)"


class rd_expenses_domestic_last_3_years(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "R&D expenses incurred in China, last three accounting years (yuan)"


class employees_total(Variable):
    value_type = int
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Total number of employees in the year"


class st_staff(Variable):
    value_type = int
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Science and technology staff"


class high_tech_income_latest_year(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Income from high-tech products (services), latest year (yuan)"


class total_income_latest_year(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Total income of the enterprise, latest year (yuan)"


class rd_expenses_tax_year(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "R&D expenses of the tax year qualifying for the super deduction (yuan)"


class is_tech_sme(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Registered as a technology-based SME for the tax year"

# --- rules/enterprise/tech-transfer-tax.policy ---


class tech_transfer_income(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Qualifying technology transfer income in the tax year (yuan)"

# --- rules/enterprise/rd-super-deduction.policy ---


class on_ic_machine_tool_list(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "On the list of IC or industrial mother-machine enterprises for the tax year"

# --- rules/enterprise/high-tech-filing.policy ---


class hnte_owns_core_ip(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Owns IP playing a core supporting role in the main products"


class hnte_core_tech_in_supported_fields(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Core technology lies in the State-supported high-tech fields"


class hnte_innovation_score(Variable):
    value_type = float
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Innovation capability evaluation score (0-100)"


class hnte_major_incident_prior_year(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = PERIOD_UNIT
    label = "Major incident in the year before application"
