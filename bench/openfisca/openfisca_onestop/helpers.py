"""Helpers shared by the variables."""

import numpy

from openfisca_core.periods import DateUnit  # noqa: F401  (re-exported for the variables)

PERIOD_UNIT = DateUnit.DAY


def _walk(node, path):
    for part in path.split("."):
        node = getattr(node, part)
    return node


def at_tax_year_end(parameters, tax_year, path):
    """The parameter `path` in force on 31 December of each row's tax year.

    onestop's rules read these parameters `at tax_year_end` (date(tax_year, 12, 31)),
    a different instant per row. OpenFisca resolves parameters for one instant at a
    time, so this builds a table with one value per tax year present and indexes it.
    """
    lo, hi = int(tax_year.min()), int(tax_year.max())
    table = numpy.array(
        [_walk(parameters(f"{y}-12-31"), path) for y in range(lo, hi + 1)]
    )
    return table[tax_year - lo]


def member_at_tax_year_end(parameters, tax_year, path, enum_array):
    """`enum_value in set_parameter at tax_year_end`, per row.

    A set of enumeration values is an OpenFisca parameter node with one boolean
    per enumeration value (its vectorial indexing by an enum array is OpenFisca's
    idiom); here the node is read once per tax year present and indexed per row.
    """
    lo, hi = int(tax_year.min()), int(tax_year.max())
    members = list(enum_array.possible_values)
    table = numpy.array(
        [
            [bool(_walk(parameters(f"{y}-12-31"), path)[m.name]) for m in members]
            for y in range(lo, hi + 1)
        ]
    )
    return table[tax_year - lo, numpy.asarray(enum_array)]


def add_years(dates, years):
    """date + n years, clamped to the month's last day (29 Feb + 1 year = 28 Feb),
    as onestop's `Duration::add_to` (chrono's checked_add_months)."""
    months = dates.astype("datetime64[M]")
    day = (dates - months).astype(int)  # 0-based day of month
    target = months + 12 * years
    last = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(int) - 1
    return target.astype("datetime64[D]") + numpy.minimum(day, last)
