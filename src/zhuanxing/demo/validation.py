"""The demo city against the policy's own validation rules.

Runs every comparison rule of ``[reporting]`` and the value checks that apply to generated data
(required, non-negative) over the whole generated city, the way an import would check it: each
report kind as one batch, ``last_year()`` and ``monthly_total()`` looked up in the generated
reports, ``zscore()`` over the same industry division and period. File-level checks (credit
codes, scope, locks, formulas) have nothing to check in generated rows. Pure Python: no Django.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from zhuanxing.policy.validation_rules import Reporting
from zhuanxing.reporting.importing.formats import TEMPLATES
from zhuanxing.reporting.importing.rules import Frame, Population, compile_rule, to_array

from .generator import ANNUAL_FIELDS, MONTHLY_FIELDS, REGION_FIELDS, CityData


@dataclass
class ValidationCount:
    """Problems found, by rule key; ``errors`` and ``warnings`` are totals by importance."""

    by_rule: Counter = field(default_factory=Counter)
    importance: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(n for key, n in self.by_rule.items() if self.importance[key] == "error")

    @property
    def warnings(self) -> int:
        return sum(n for key, n in self.by_rule.items() if self.importance[key] == "warning")

    def add(self, key: str, importance: str, n: int) -> None:
        if n:
            self.by_rule[key] += n
            self.importance[key] = importance


def _columns(names: tuple[str, ...], rows: list[tuple], offset: int) -> dict[str, list]:
    return {name: [row[offset + i] for row in rows] for i, name in enumerate(names)}


def validate_city(data: CityData, reporting: Reporting) -> ValidationCount:
    industry = {e.uscc: e.industry_code[:2] for e in data.enterprises}
    land = {e.uscc: e.land_mu for e in data.enterprises}
    count = ValidationCount()

    annual = data.annual
    a_cols = _columns(ANNUAL_FIELDS, annual, 2)
    a_cols["enterprise_land_mu"] = [land[r[0]] for r in annual]
    a_prev = {(r[0], r[1]): r for r in annual}
    monthly_totals: dict[tuple, list] = defaultdict(lambda: [0.0] * len(MONTHLY_FIELDS))
    month_counts: Counter = Counter()
    for r in data.monthly:
        month_counts[(r[0], r[1])] += 1
        sums = monthly_totals[(r[0], r[1])]
        for i, v in enumerate(r[3:]):
            sums[i] += v or 0.0

    def annual_lookup(function: str, name: str) -> list:
        if function == "last_year":
            index = 2 + ANNUAL_FIELDS.index(name)
            return [
                (a_prev[(r[0], r[1] - 1)][index] if (r[0], r[1] - 1) in a_prev else None)
                for r in annual
            ]
        index = MONTHLY_FIELDS.index(name)
        return [
            monthly_totals[(r[0], r[1])][index] if month_counts[(r[0], r[1])] == 12 else None
            for r in annual
        ]

    _run(
        "annual", reporting, a_cols, [f"{industry[r[0]]}|{r[1]}" for r in annual],
        annual_lookup, count,
    )  # fmt: skip

    monthly = data.monthly
    m_cols = _columns(MONTHLY_FIELDS, monthly, 3)
    m_prev = {(r[0], r[1], r[2]): r for r in monthly}

    def monthly_lookup(function: str, name: str) -> list:
        index = 3 + MONTHLY_FIELDS.index(name)
        return [
            (m_prev[key][index] if (key := (r[0], r[1] - 1, r[2])) in m_prev else None)
            for r in monthly
        ]

    _run(
        "monthly", reporting, m_cols, [f"{industry[r[0]]}|{r[1]}-{r[2]}" for r in monthly],
        monthly_lookup, count,
    )  # fmt: skip

    regions = data.regions
    r_cols = _columns(REGION_FIELDS, regions, 2)
    r_prev = {(r[0], r[1]): r for r in regions}

    def region_lookup(function: str, name: str) -> list:
        index = 2 + REGION_FIELDS.index(name)
        return [
            (r_prev[(r[0], r[1] - 1)][index] if (r[0], r[1] - 1) in r_prev else None)
            for r in regions
        ]

    _run("region", reporting, r_cols, None, region_lookup, count)
    return count


def _run(kind, reporting: Reporting, columns, groups, lookup, count: ValidationCount) -> None:
    length = len(next(iter(columns.values()))) if columns else 0
    template = TEMPLATES[kind]
    for rule in reporting.rules_for(kind):
        if rule.check == "required":
            for column in template.columns:
                if column.required and column.key in columns:
                    n = sum(1 for v in columns[column.key] if v is None or v == "")
                    count.add(rule.key, rule.importance, n)
        elif rule.check == "non_negative":
            for name in rule.fields:
                n = sum(1 for v in columns.get(name, []) if v is not None and v < 0)
                count.add(rule.key, rule.importance, n)
    compiled = [compile_rule(r) for r in reporting.rules_for(kind) if r.check is None]
    numeric = {k: to_array(v) for k, v in columns.items() if k != "business_mode"}
    frame = Frame(length=length, columns=numeric)
    for rule in compiled:
        for node in rule.items:
            function = getattr(getattr(node, "func", None), "id", None)
            if function in ("last_year", "monthly_total"):
                name = node.args[0].id
                if (function, name) not in frame.lookups:
                    frame.lookups[(function, name)] = to_array(lookup(function, name))
    if groups is not None:
        frame.population = Population(
            columns={k: to_array([]) for k in numeric},
            groups=[],
            batch_groups=groups,
            min_size=reporting.zscore_min_population,
        )
    for rule in compiled:
        count.add(rule.rule.key, rule.rule.importance, len(rule.violations(frame)))
