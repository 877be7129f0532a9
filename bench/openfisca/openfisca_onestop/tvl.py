"""Unknown facts in OpenFisca: onestop's three-valued logic with explicit masks.

OpenFisca has no notion of a fact not given: every variable has a value on every
row. onestop's rules do (docs/rule-language.md, "Missing facts and three-valued
logic"): a fact not given is *missing*, expressions that need it are missing too,
`false and missing` is `false`, `true or missing` is `true`, `if missing then a
else a` is `a`, and a measure whose condition is missing is `undetermined`.

So every variable X of the measures ported here comes with a boolean variable
`X_known` (a mask: true where onestop knows X). Inputs take it from the Parquet
column's validity (NULL is a fact not given); definitions compute it with the
rules below, from their operands' values and masks. Where a mask is false the
value is a filler (0, false, the enumeration's first value, 1970-01-01) that no
known result depends on.

The rules, as the scalar engine (crates/engine/src/eval.rs) applies them:

- arithmetic, comparison, membership, `min`/`max`, `date + duration`, a parameter
  read `at` a row's date: known where every operand is (`strict`);
- `a and b`: known where both are, or where either is known false (`and_`);
  `a or b`: known where both are, or where either is known true (`or_`);
  `not a`: as `a`;
- `if c then a else b`: where `c` is known, the branch taken; where it is not,
  known only if both branches are known and equal (`if_`);
- exceptions (`unless [label over ...] cond then value`): the fired exceptions
  that no other fired exception overrides win; two winners are a conflict (an
  error: unknown here, `undetermined` in onestop); an exception whose condition is
  missing keeps the value missing unless the winner overrides it; otherwise the
  winner's value, or the default (`unless`, the engine's
  `semantics::exceptions::resolve` on masks).

Errors (a division by zero, a parameter without a value on the date) cannot
arise on the rows where the rules ported here are known: every division is
guarded by `if den > 0`, and a parameter read on a date before its first value
is only read inside an exception or branch that cannot be taken then. Where they
could (the vectorised code computes every branch), the value is masked unknown
and not used.

A variable is declared once, with a function from its operands to a `TV` (value
and mask); `variable()` makes the two OpenFisca variables, `X` (the value) and
`X_known` (the mask), computed in one pass: the value's formula stores the mask
in the simulation's cache, so neither is computed twice. They are added to the
tax-benefit system with `add_variables` (`VARIABLES`).
"""

from datetime import date

import numpy

from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.indexed_enums import Enum
from openfisca_core.variables import Variable

from openfisca_onestop.entities import Enterprise
from openfisca_onestop.helpers import PERIOD_UNIT

KNOWN = "_known"

VARIABLES = []


class TV:
    """A three-valued column: `v` the values, `k` true where known."""

    __slots__ = ("v", "k")

    def __init__(self, v, k):
        self.v = v
        self.k = k


def _all(masks):
    out = masks[0]
    for m in masks[1:]:
        out = out & m
    return out


def strict(f, *args):
    """An operation known where all its operands are."""
    return TV(f(*[a.v for a in args]), _all([a.k for a in args]))


def and_(*args):
    """Kleene `and` (associative: `a and b and c` in any grouping)."""
    v = _all([a.v for a in args])
    k = _all([a.k for a in args])
    for a in args:
        k = k | (a.k & ~a.v)
    return TV(v, k)


def or_(*args):
    """Kleene `or`."""
    v = args[0].v
    for a in args[1:]:
        v = v | a.v
    k = _all([a.k for a in args])
    for a in args:
        k = k | (a.k & a.v)
    return TV(v, k)


def not_(a):
    return TV(~a.v, a.k)


def if_(c, a, b):
    """`if c then a else b`."""
    v = numpy.where(c.v, a.v, b.v)
    k = (c.k & numpy.where(c.v, a.k, b.k)) | (~c.k & a.k & b.k & (a.v == b.v))
    return TV(v, k)


def unless(default, *exceptions):
    """A definition with exceptions: `exceptions` are (cond, value, beats), beats
    the indices of the exceptions this one overrides (transitively closed)."""
    fired = [c.k & c.v for c, _, _ in exceptions]
    pending = [~c.k for c, _, _ in exceptions]
    n = len(exceptions)
    beaten = [numpy.zeros_like(default.k) for _ in range(n)]
    for i, (_, _, beats) in enumerate(exceptions):
        for j in beats:
            beaten[j] = beaten[j] | fired[i]
    winners = [fired[i] & ~beaten[i] for i in range(n)]
    count = sum(w.astype(numpy.int8) for w in winners)
    # A pending exception matters unless the winner overrides it.
    waiting = numpy.zeros_like(default.k)
    for j in range(n):
        overridden = numpy.zeros_like(default.k)
        for i, (_, _, beats) in enumerate(exceptions):
            if j in beats:
                overridden = overridden | winners[i]
        waiting = waiting | (pending[j] & ~overridden)
    v = default.v
    k = default.k
    for i, (_, value, _) in enumerate(exceptions):
        v = numpy.where(winners[i], value.v, v)
        k = numpy.where(winners[i], value.k, k)
    return TV(v, k & (count <= 1) & ~waiting)


def const(x, n, dtype=None):
    return TV(numpy.full(n, x, dtype=dtype), numpy.ones(n, dtype=bool))


def fen(x):
    """Money rounded to the fen, half away from zero (onestop's money results)."""
    x = numpy.asarray(x, dtype=numpy.float64)
    return numpy.sign(x) * numpy.floor(numpy.abs(x) * 100 + 0.5) / 100


def money_times(m, r):
    """`money * number` (or `money / number` by the caller): rounded to the fen."""
    return strict(lambda a, b: fen(numpy.asarray(a, numpy.float64) * b), m, r)


def ratio(num, den):
    """`if den > 0 then num / den else 0%` (a rate; the division only where den > 0)."""

    def div(a, b):
        out = numpy.zeros(len(a), dtype=numpy.float64)
        numpy.divide(a, b, out=out, where=b > 0, casting="unsafe")
        return out

    return if_(strict(lambda d: d > 0, den), strict(div, num, den), const(0.0, len(num.v)))


def add_months(dates, months):
    """date + n months, clamped to the month's last day (chrono's checked_add_months,
    as onestop's `Duration::add_to`; years are 12 months)."""
    m = dates.astype("datetime64[M]")
    day = (dates - m.astype("datetime64[D]")).astype(int)
    target = m + numpy.asarray(months).astype("timedelta64[M]")
    last = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(int) - 1
    return target.astype("datetime64[D]") + numpy.minimum(day, last)


def tax_year_end(tax_year):
    """`date(tax_year, 12, 31)`."""
    y = numpy.asarray(tax_year.v).astype(numpy.int64)
    years = (numpy.clip(y, 1, 9998) - 1970).astype("datetime64[Y]")
    return TV((years + 1).astype("datetime64[D]") - 1, tax_year.k)


class Ctx:
    """What a variable's function reads: operands as TVs, parameters."""

    def __init__(self, enterprise, period, parameters):
        self.e = enterprise
        self.period = period
        self.parameters = parameters
        self.n = enterprise.count
        self.date = numpy.datetime64(period.start.date, "D")

    def __call__(self, name):
        v = self.e(name, self.period)
        if hasattr(v, "possible_values"):
            v = numpy.asarray(v)
        return TV(v, self.e(name + KNOWN, self.period))

    def p(self, path):
        """A parameter read on the decision date (a bare name in the rules)."""
        node = self.parameters(self.period.start)
        for part in path.split("."):
            node = getattr(node, part)
        return node

    def pc(self, path, dtype=None):
        """A parameter on the decision date, as a column: unknown if it has no
        value on that date (onestop: an error, so the status is undetermined)."""
        try:
            return const(self.p(path), self.n, dtype)
        except (ParameterNotFoundError, AttributeError):
            return TV(numpy.zeros(self.n, dtype=dtype or numpy.float64), numpy.zeros(self.n, dtype=bool))

    def member(self, path, enum_tv, enum):
        """`x in set_parameter` on the decision date (x of the enumeration `enum`)."""
        try:
            node = self.p(path)
            table = numpy.array([bool(node[m.name]) for m in enum])
        except (ParameterNotFoundError, AttributeError):
            return TV(numpy.zeros(self.n, dtype=bool), numpy.zeros(self.n, dtype=bool))
        return strict(lambda x: table[x], enum_tv)

    def at(self, path, dates):
        """`parameter at d`, d a per-row date: known where d is and the parameter
        has a value on d (onestop: an error otherwise; see the module doc)."""
        node = self.e.simulation.tax_benefit_system.parameters
        for part in path.split("."):
            node = getattr(node, part)
        entries = sorted(node.values_list, key=lambda a: a.instant_str)
        starts = numpy.array([a.instant_str for a in entries], dtype="datetime64[D]")
        values = numpy.array([a.value if a.value is not None else 0 for a in entries])
        has = numpy.array([a.value is not None for a in entries])
        idx = numpy.searchsorted(starts, dates.v, side="right") - 1
        ok = idx >= 0
        idx = numpy.maximum(idx, 0)
        return TV(values[idx], dates.k & ok & has[idx])


FILLER = {bool: False, int: 0, float: 0.0, date: numpy.datetime64("1970-01-01", "D")}


def variable(name, value_type, fn, possible_values=None, doc=""):
    """The variables `name` and `name_known`, from `fn(ctx) -> TV`."""
    kname = name + KNOWN
    if value_type == "Enum":
        value_type = Enum

    def value_formula(enterprise, period, parameters):
        r = fn(Ctx(enterprise, period, parameters))
        known = numpy.asarray(r.k, dtype=bool)
        enterprise.simulation.get_holder(kname).put_in_cache(known, period)
        v = r.v
        if value_type is date:
            v = numpy.where(known, v, FILLER[date])
        return v

    def known_formula(enterprise, period, parameters):
        enterprise(name, period)
        return enterprise.simulation.get_holder(kname).get_array(period)

    attrs = {
        "value_type": value_type,
        "entity": Enterprise,
        "definition_period": PERIOD_UNIT,
        "label": doc or name,
        "formula": value_formula,
    }
    if possible_values is not None:
        attrs["possible_values"] = possible_values
        attrs["default_value"] = list(possible_values)[0]
    VARIABLES.append(type(name, (Variable,), attrs))
    VARIABLES.append(
        type(
            kname,
            (Variable,),
            {
                "value_type": bool,
                "entity": Enterprise,
                "definition_period": PERIOD_UNIT,
                "label": f"{name} is known",
                "formula": known_formula,
            },
        )
    )
    return name


def input_variable(name, value_type, possible_values=None, doc=""):
    """An input and its mask (`name_known`, from the column's validity)."""
    if value_type == "Enum":
        value_type = Enum
    attrs = {
        "value_type": value_type,
        "entity": Enterprise,
        "definition_period": PERIOD_UNIT,
        "label": doc or name,
    }
    if possible_values is not None:
        attrs["possible_values"] = possible_values
        attrs["default_value"] = list(possible_values)[0]
    VARIABLES.append(type(name, (Variable,), attrs))
    known_input(name)


def known_input(name):
    VARIABLES.append(
        type(
            name + KNOWN,
            (Variable,),
            {
                "value_type": bool,
                "entity": Enterprise,
                "definition_period": PERIOD_UNIT,
                "label": f"{name} is given",
            },
        )
    )


def is_(tv, member):
    """`x = enum_value`."""
    return strict(lambda x: x == member.index, tv)
