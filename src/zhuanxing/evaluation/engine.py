"""Evaluate a year: eligibility, then scoring, for the whole city. Pure apart from its input."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .data import Row, candidate, firm
from .eligibility import exclusion_reason
from .scoring import FirmResult, evaluate


@dataclass
class YearEvaluation:
    year: int
    results: list[FirmResult] = field(default_factory=list)
    excluded: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (population, reason)
    benchmarks: dict[str, dict[str, Decimal | None]] = field(default_factory=dict)

    def by_population(self, population: str) -> list[FirmResult]:
        return [r for r in self.results if r.population == population]


def graded(rows: list[Row], year: int, method):
    firms, excluded = [], {}
    for row in rows:
        reason = exclusion_reason(candidate(row), year, method)
        if reason:
            excluded[row.enterprise_id] = (
                "above_scale" if row.above_scale else "below_scale",
                reason,
            )
        else:
            firms.append(firm(row))
    return firms, excluded


def evaluate_year(method, year: int, rows: list[Row], previous_rows: list[Row]) -> YearEvaluation:
    current, excluded = graded(rows, year, method)
    previous, _ = graded(previous_rows, year - 1, method)
    out = YearEvaluation(year, excluded=excluded)
    for population in evaluate(method, current, previous):
        out.results.extend(population.results)
        out.benchmarks[population.population] = population.benchmarks
    return out
