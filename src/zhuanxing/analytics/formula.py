"""Indicator formulas as SQL: pure functions, no Django, no database.

An indicator is ``factor × Σ numerator measures / Σ denominator measures`` (policy file,
``zhuanxing.policy.schema.Indicator``). Each side sums measures over the rows that pass all its
filters. The rules for missing data, one place for all of them:

- denominator NULL (no row passes its filters, or none reports the measure) or 0 → value NULL;
  never a division by zero, never a 0 standing in for "no data";
- numerator with no row passing its filters, denominator present → 0 (the population exists,
  none of it is e.g. high-tech);
- numerator rows present but every measure NULL → NULL (not reported);
- no denominator (an absolute indicator) → factor × numerator, NULL when nothing is reported.

A side over several measures adds them, treating a NULL measure as 0 unless all are NULL.
"""

from collections.abc import Iterable
from dataclasses import dataclass

# Filter name (policy vocabulary) → SQL over the fact tables' columns. heavy_industry is NULL
# outside industry, so neither heavy nor light matches there.
FILTER_SQL = {
    "above_scale": "above_scale",
    "below_scale": "NOT above_scale",
    "industrial": "industrial",
    "manufacturing": "manufacturing",
    "heavy_industry": "heavy_industry",
    "light_industry": "NOT heavy_industry",
    "high_tech": "high_tech",
}
# Filters the engine knows beyond the policy vocabulary, for indicators built in code
# (structure analysis): "business_mode:OEM", "category_group:traditional".
PREFIXED_FILTERS = {
    "category_1244:": "category_1244",
    "business_mode:": "business_mode",
    "category_group:": "category_group",
}


class FormulaError(ValueError):
    """An indicator the engine cannot evaluate (unknown filter or measure)."""


def filter_sql(name: str) -> str:
    if name in FILTER_SQL:
        return FILTER_SQL[name]
    for prefix, column in PREFIXED_FILTERS.items():
        if name.startswith(prefix):
            value = name.removeprefix(prefix)
            if not value.replace("_", "").isalnum():
                raise FormulaError(f"bad filter value in {name!r}")
            return f"{column} = '{value}'"
    raise FormulaError(f"unknown filter {name!r}")


def condition(filters: Iterable[str]) -> str:
    parts = [filter_sql(f) for f in filters]
    return " AND ".join(f"({p})" for p in parts) if parts else "TRUE"


def add_terms(terms: list[str]) -> str:
    """SQL adding measure sums: NULL only when every term is NULL."""
    if len(terms) == 1:
        return terms[0]
    nulls = " AND ".join(f"{t} IS NULL" for t in terms)
    total = " + ".join(f"coalesce({t}, 0)" for t in terms)
    return f"(CASE WHEN {nulls} THEN NULL ELSE {total} END)"


def ratio_sql(
    numerator: str, numerator_rows: str | None, denominator: str | None, factor: float
) -> str:
    """The value expression, given SQL for the sides (see the module docstring for NULLs).

    ``numerator_rows``: SQL counting the rows that pass the numerator's filters (None for a
    region statistic, which has no rows to count).
    """
    f = repr(float(factor))
    if denominator is None:
        return f"({f} * {numerator})"
    empty = f"WHEN {numerator_rows} = 0 THEN 0.0 " if numerator_rows else ""
    return (
        f"(CASE WHEN {denominator} IS NULL OR {denominator} = 0 THEN NULL {empty}"
        f"ELSE {f} * {numerator} / {denominator} END)"
    )


@dataclass
class Aggregates:
    """Deduplicated aggregate expressions of one query: many indicators share a sum (value added
    of 规上 industry appears in six of them), which is computed once."""

    fact_columns: frozenset[str]
    sums: dict[tuple[str, str], str]
    counts: dict[str, str]

    @classmethod
    def over(cls, fact_columns: Iterable[str]) -> "Aggregates":
        return cls(frozenset(fact_columns), {}, {})

    def sum(self, measure: str, cond: str) -> str:
        key = (measure, cond)
        if key not in self.sums:
            self.sums[key] = f"s{len(self.sums)}"
        return self.sums[key]

    def count(self, cond: str) -> str:
        if cond not in self.counts:
            self.counts[cond] = f"c{len(self.counts)}"
        return self.counts[cond]

    def select_list(self) -> list[str]:
        items = [
            f"SUM(CASE WHEN {cond} THEN {measure} END) AS {alias}"
            for (measure, cond), alias in self.sums.items()
        ]
        items += [
            f"COUNT(CASE WHEN {cond} THEN 1 END) AS {alias}" for cond, alias in self.counts.items()
        ]
        return items

    def aliases(self) -> list[str]:
        return list(self.sums.values()) + list(self.counts.values())
