"""Run the rule tests (rules/enterprise/*.test) of the mirrored measures on the
OpenFisca port: a check of the port, independent of onestop's binary.

    python rule_tests.py [FILE.test ...]     (default: every mirrored measure's)

Each test becomes a one-row simulation on its date: the facts given are inputs
with their masks true, every other input is not given (mask false). Checked:
`measure M is eligible / not eligible / undetermined` (the missing-facts list is
not) and `name = value` for the port's variables (booleans, money, rates, whole
numbers, dates, enumeration values, durations in months or years). Tests with a
reform or a duration in days, `is unknown` and `is conflict` are skipped and
counted. Exits 1 on any failure.

Expected failures (onestop's exact decimals against OpenFisca's float32):
boundary tests one fen from a threshold on amounts above 2^24 fen (a float32 holds
about 7 significant digits), and the tests of the three measures ported first
(tech-transfer-tax, rd-super-deduction, high-tech-filing) with a fact not given:
those three have no masks, as the population always gives their facts.
"""

import glob
import os
import re
import sys
from datetime import date

import numpy

from openfisca_core.simulations import SimulationBuilder

from openfisca_onestop import OnestopTaxBenefitSystem
from run_openfisca import ALL, KNOWN, input_names, known

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FILES = {
    "enterprise.tech-transfer-tax": "tech-transfer-tax",
    "enterprise.rd-super-deduction": "rd-super-deduction",
    "enterprise.high-tech-filing": "high-tech-filing",
    "enterprise.advanced-service-provider": "advanced-service-provider",
    "enterprise.corporate-vc-tax": "corporate-vc-tax",
    "enterprise.credit-risk-compensation": "credit-risk-compensation",
    "enterprise.first-set-equipment": "first-set-equipment",
    "enterprise.high-tech-bth-recognition": "high-tech-bth-recognition",
    "enterprise.ip-insurance": "ip-insurance",
    "enterprise.medical-device-bth": "medical-device-bth",
    "enterprise.mnc-rd-centre": "mnc-rd-centre",
    "enterprise.overseas-ip": "overseas-ip",
    "enterprise.rd-vehicle-import": "rd-vehicle-import",
    "enterprise.clinical-sample-import": "clinical-sample-import",
    "enterprise.commitment-approval": "commitment-approval",
    "enterprise.relocation": "relocation",
    "enterprise.innovation-voucher": "innovation-voucher",
}


class Skip(Exception):
    pass


def parse_value(text, variable):
    text = text.strip()
    vt = variable.value_type
    if vt is bool:
        return text == "true"
    if vt is date:
        return numpy.datetime64(text, "D")
    if vt is str:  # a set: members' names, sorted, joined by commas
        return ",".join(sorted(x.strip() for x in text.strip("{}").split(",") if x.strip()))
    if vt.__name__ == "Enum":
        return variable.possible_values[text].index
    m = re.fullmatch(r"(-?[\d _.]+) (days?|months?|years?)", text)
    if m:
        if m.group(2).startswith("day"):
            raise Skip("duration in days")
        n = int(m.group(1).replace(" ", "").replace("_", ""))
        return n * (12 if m.group(2).startswith("year") else 1)
    if text.endswith("yuan"):
        return float(text[:-4].replace(" ", "").replace("_", ""))
    if text.endswith("%"):
        return float(text[:-1].replace(" ", "")) / 100
    return float(text.replace(" ", "").replace("_", "")) if vt is float else int(text.replace(" ", ""))


def tests_of(path):
    tests, cur, part = [], None, None
    for line in open(path):
        line = line.split("#")[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r'test "(.*)"', line)
        if m:
            cur = {"name": m.group(1), "given": [], "expect": [], "reform": None, "date": None}
            tests.append(cur)
            continue
        s = line.strip()
        if s.startswith("date "):
            cur["date"] = s.split()[1]
        elif s.startswith("reform "):
            cur["reform"] = s.split()[1]
        elif s in ("given", "expect"):
            part = s
        elif s.startswith("entity "):
            pass
        elif part:
            cur[part].append(s)
    return tests


def main():
    tbs = OnestopTaxBenefitSystem()
    inputs = input_names(tbs)
    status_of = {m: s for m, (s, _) in ALL.items()}
    files = sys.argv[1:] or [os.path.join(ROOT, "rules/enterprise", f + ".test") for f in FILES.values()]
    passed = failed = skipped = 0
    for path in files:
        for t in tests_of(path):
            try:
                if t["reform"]:
                    raise Skip("reform")
                sim = SimulationBuilder().build_default_simulation(tbs, 1)
                period = t["date"]
                given = {}
                for g in t["given"]:
                    name, value = [x.strip() for x in g.split("=", 1)]
                    if name not in tbs.variables:
                        raise Skip(f"input {name} not mirrored")
                    given[name] = parse_value(value, tbs.variables[name])
                for name in inputs:
                    v = tbs.variables[name]
                    sim.set_input(name + KNOWN, period, numpy.array([name in given]))
                    if name in given:
                        sim.set_input(name, period, numpy.array([given[name]]))
                    elif v.value_type is date:
                        sim.set_input(name, period, numpy.array(["1970-01-01"], dtype="datetime64[D]"))
                problems = []
                for e in t["expect"]:
                    m = re.fullmatch(r"measure (\S+) is (eligible|not eligible|undetermined)( missing .*)?", e)
                    if m:
                        status = status_of.get(m.group(1))
                        if status is None:
                            continue
                        k = known(sim, tbs, status, period, 1)[0]
                        v = bool(sim.calculate(status, period)[0])
                        got = "undetermined" if not k else ("eligible" if v else "not eligible")
                        if got != m.group(2):
                            problems.append(f"{m.group(1)} is {got}, expected {m.group(2)}")
                        continue
                    if " within " in e or e.endswith(" is unknown") or e.endswith(" is conflict"):
                        raise Skip("within / unknown / conflict")
                    name, value = [x.strip() for x in e.split("=", 1)]
                    if name not in tbs.variables:
                        continue
                    expected = parse_value(value, tbs.variables[name])
                    k = known(sim, tbs, name, period, 1)[0]
                    got = sim.calculate(name, period)[0]
                    ok = k and (
                        abs(float(got) - expected) <= max(0.01, 5e-7 * abs(expected))
                        if isinstance(expected, float)
                        else got == expected
                    )
                    if not ok:
                        problems.append(f"{name} = {got!r} (known {k}), expected {value}")
                if problems:
                    failed += 1
                    print(f"FAIL {os.path.basename(path)}: {t['name']}: " + "; ".join(problems))
                else:
                    passed += 1
            except Skip as s:
                skipped += 1
                print(f"skip {os.path.basename(path)}: {t['name']}: {s}")
    print(f"rule tests on the OpenFisca port: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
