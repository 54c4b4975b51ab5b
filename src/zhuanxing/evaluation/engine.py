"""Evaluate a year: eligibility, then scoring, for the whole city. Pure apart from its input."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .data import Row, candidate, firm
from .eligibility import REPORT_NOT_APPROVED, exclusion_reason
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


def evaluate_year(
    method,
    year: int,
    rows: list[Row],
    previous_rows: list[Row],
    unapproved: Mapping[int, str] | None = None,
) -> YearEvaluation:
    """``unapproved``: enterprise id → population of firms whose annual report for ``year`` is
    not (yet) approved; they are listed as excluded with that reason, not left out silently."""
    current, excluded = graded(rows, year, method)
    for enterprise_id, population in (unapproved or {}).items():
        excluded.setdefault(enterprise_id, (population, REPORT_NOT_APPROVED))
    previous, _ = graded(previous_rows, year - 1, method)
    out = YearEvaluation(year, excluded=excluded)
    for population in evaluate(method, current, previous):
        out.results.extend(population.results)
        out.benchmarks[population.population] = population.benchmarks
    return out
