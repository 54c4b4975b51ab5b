"""Evaluate a year: eligibility, then scoring, for the whole city. Pure apart from its input.

Computed on columns (``columnar.py``); the results are the reference engine's to the digit, and
are turned into ``FirmResult`` records only when read (``YearEvaluation.results``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from .columnar import (
    REASONS,
    ColumnarPopulation,
    FirmTable,
    Unrepresentable,
    evaluate_table,
    exclusion_codes,
)
from .data import Row, candidate, firm, table_from_rows
from .eligibility import REPORT_NOT_APPROVED, exclusion_reason
from .scoring import FirmResult, evaluate_reference


@dataclass
class YearEvaluation:
    year: int
    populations: list[ColumnarPopulation] = field(default_factory=list)
    excluded: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (population, reason)
    benchmarks: dict[str, dict[str, Decimal | None]] = field(default_factory=dict)
    _results: list[FirmResult] | None = field(default=None, repr=False)

    @property
    def evaluated(self) -> int:
        if self._results is not None:
            return len(self._results)
        return sum(len(p) for p in self.populations)

    @property
    def results(self) -> list[FirmResult]:
        """Every graded firm's record, 规上 then 规下, each in rank order (built on first use)."""
        if self._results is None:
            self._results = [r for p in self.populations for r in p.results()]
        return self._results

    def by_population(self, population: str) -> list[FirmResult]:
        return [r for r in self.results if r.population == population]


def graded(table: FirmTable, year: int, method) -> tuple[FirmTable, dict[int, tuple[str, str]]]:
    """The graded rows of ``table`` and the others: enterprise id → (population, reason)."""
    codes = exclusion_codes(table, year, method)
    out = np.flatnonzero(codes != 0)
    excluded = {
        eid: ("above_scale" if above else "below_scale", REASONS[code])
        for eid, above, code in zip(
            table.ids[out].tolist(), table.above[out].tolist(), codes[out].tolist(), strict=True
        )
    }
    return table.take(np.flatnonzero(codes == 0)), excluded


def evaluate_year(
    method,
    year: int,
    rows: FirmTable | list[Row],
    previous_rows: FirmTable | list[Row],
    unapproved: Mapping[int, str] | None = None,
) -> YearEvaluation:
    """``rows``, ``previous_rows``: this year's and last year's firms (``data.read_year_table``
    or ``data.read_year``). ``unapproved``: enterprise id → population of firms whose annual
    report for ``year`` is not (yet) approved; they are listed as excluded with that reason, not
    left out silently."""
    if not isinstance(rows, FirmTable):
        try:
            return evaluate_year(
                method, year, table_from_rows(rows), table_from_rows(previous_rows), unapproved
            )
        except Unrepresentable:  # a measure beyond the integer columns: the reference
            return _evaluate_rows_reference(method, year, rows, previous_rows, unapproved)
    current, previous = rows, previous_rows
    current, excluded = graded(current, year, method)
    for enterprise_id, population in (unapproved or {}).items():
        excluded.setdefault(enterprise_id, (population, REPORT_NOT_APPROVED))
    previous, _ = graded(previous, year - 1, method)
    populations = evaluate_table(method, current, previous)
    return YearEvaluation(
        year, populations, excluded, {p.population: p.benchmarks for p in populations}
    )


def _evaluate_rows_reference(method, year, rows, previous_rows, unapproved) -> YearEvaluation:
    """``evaluate_year`` with the reference engine, one firm at a time."""

    def graded_rows(rows, year):
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

    current, excluded = graded_rows(rows, year)
    for enterprise_id, population in (unapproved or {}).items():
        excluded.setdefault(enterprise_id, (population, REPORT_NOT_APPROVED))
    previous, _ = graded_rows(previous_rows, year - 1)
    populations = evaluate_reference(method, current, previous)
    return YearEvaluation(
        year,
        [],
        excluded,
        {p.population: p.benchmarks for p in populations},
        [r for p in populations for r in p.results],
    )
