"""Scoring of the 亩均效益 evaluation: the entry point and the records it returns.

The rules are in ``reference.py`` (the Decimal reference engine, written to read like them);
``evaluate`` computes them on columns (``columnar.py``), to the same digit.
"""

from collections.abc import Sequence

from .columnar import Unrepresentable, evaluate_firms
from .reference import (  # noqa: F401 (the records and rules, for callers of this module)
    CENT,
    INFINITY,
    ZERO,
    Firm,
    FirmResult,
    IndicatorScore,
    PopulationResult,
    benchmarks_for,
    class_for,
    evaluate_reference,
    indicator_score,
    indicator_value,
    population_value,
    rank_and_class,
    score_population,
)


def evaluate(
    method, current: Sequence[Firm], previous: Sequence[Firm] = ()
) -> list[PopulationResult]:
    """Score both populations of one year; ``previous`` is last year's population for the
    benchmarks. The same results as ``evaluate_reference`` to the digit (a property test holds
    them together); measures that do not fit the integer columns fall back to the reference."""
    try:
        return evaluate_firms(method, current, previous)
    except Unrepresentable:
        return evaluate_reference(method, current, previous)
