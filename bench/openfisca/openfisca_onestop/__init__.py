"""An OpenFisca country package mirroring a subset of onestop's enterprise rules.

It exists to compare onestop's batch evaluator with OpenFisca on identical rules
and data (bench/openfisca/run.sh). Every variable names the rule file and the
definition of `rules/` it mirrors; every parameter file names the parameter.
"""

import os

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_onestop import entities
from openfisca_onestop.variables import high_tech, inputs, rd_super_deduction, tech_transfer

HERE = os.path.dirname(os.path.abspath(__file__))


class OnestopTaxBenefitSystem(TaxBenefitSystem):
    def __init__(self):
        super().__init__(entities.entities)
        for module in (inputs, tech_transfer, rd_super_deduction, high_tech):
            self.add_variables_from_file(module.__file__)
        self.load_parameters(os.path.join(HERE, "parameters"))
