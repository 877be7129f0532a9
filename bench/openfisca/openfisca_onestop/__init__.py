"""An OpenFisca country package mirroring onestop's 13 enterprise measures.

It exists to compare onestop's batch evaluator with OpenFisca on identical rules
and data (bench/openfisca/run.sh). Every variable names the rule file and the
definition of `rules/` it mirrors; every parameter file names the parameter.
"""

import os

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_onestop import entities, tvl
from openfisca_onestop.variables import high_tech, inputs, measures3, rd_super_deduction, tech_transfer  # noqa: F401

HERE = os.path.dirname(os.path.abspath(__file__))


class OnestopTaxBenefitSystem(TaxBenefitSystem):
    def __init__(self):
        super().__init__(entities.entities)
        for module in (inputs, tech_transfer, rd_super_deduction, high_tech):
            self.add_variables_from_file(module.__file__)
        # The ten measures with unknown facts (variables/measures3.py): each
        # variable with its mask, made by openfisca_onestop.tvl.
        self.add_variables(*tvl.VARIABLES)
        self.load_parameters(os.path.join(HERE, "parameters"))
