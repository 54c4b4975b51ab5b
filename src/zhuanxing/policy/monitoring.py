"""``[monitoring]`` (clause 二十) and ``[assessment]`` (clauses 二十一, 二十二).

Early-warning thresholds for the monthly operation monitoring, and the county
target-responsibility scoring scheme: which indicators, their weights, and how a value short of
its target earns partial marks.
"""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .fields import Key, NonNegative, PathError, StrictModel, Text

WARNING_RULES = ("output_drop", "zero_output", "turn_to_loss", "county_lagging")
# Placeholders a warning's definition may use: the month, and the thresholds below.
DEFINITION_FIELDS = ("month", "output_drop_pct", "county_growth_margin_pp")


class WarningDefinition(StrictModel):
    """What a warning means, as the report and the page state it; ``{month}`` and the
    thresholds' names are filled in, e.g.
    "1—{month}月累计工业总产值同比下降{output_drop_pct}%以上"."""

    zh: Text
    en: Text

    @model_validator(mode="after")
    def _placeholders(self) -> "WarningDefinition":
        import string

        for name in ("zh", "en"):
            for _, field, _, _ in string.Formatter().parse(getattr(self, name)):
                if field is not None and field not in DEFINITION_FIELDS:
                    raise PathError(
                        (name,), f"unknown placeholder {{{field}}} (known: {DEFINITION_FIELDS})"
                    )
        return self


class Benchmark(StrictModel):
    """The province's and the nation's cumulative 规上工业增加值 growth (%, comparable prices)
    for one month, as published; the city administrator enters them here so the report can set
    the city beside them. Either may be left out."""

    province: Decimal | None = None
    nation: Decimal | None = None


class Monitoring(StrictModel):
    # An enterprise whose cumulative output falls more than this share year on year is flagged.
    output_drop_pct: Annotated[Decimal, Field(gt=0, le=100)]
    # Zero output in the month for an enterprise that produced a year earlier (停产).
    flag_zero_output: bool = True
    # Cumulative profit negative now, non-negative a year earlier (由盈转亏).
    flag_turn_to_loss: bool = True
    # A county whose cumulative growth is this many percentage points below the city's.
    county_growth_margin_pp: NonNegative
    # 亿元以上企业: firms whose cumulative gross output (万元) is at least this line.
    big_firm_output_line: Annotated[Decimal, Field(gt=0)] = Decimal(10000)
    # Published cumulative value-added growth of the province and the nation, by "YYYY-MM".
    benchmarks: dict[Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")], Benchmark] = {}
    # Each rule's definition, stated beside its count in the report and on the page.
    definitions: dict[Literal[WARNING_RULES], WarningDefinition] = {}

    def definition(self, rule: str, month: str, language: str = "zh-hans") -> str:
        """The rule's definition for ``month`` ("YYYY-MM") in ``language``; "" when the policy
        gives none."""
        found = self.definitions.get(rule)
        if found is None:
            return ""
        text = found.en if language.startswith("en") else found.zh
        return text.format(
            month=int(month[5:7]),
            output_drop_pct=f"{self.output_drop_pct:g}",
            county_growth_margin_pp=f"{self.county_growth_margin_pp:g}",
        )


class AssessmentIndicator(StrictModel):
    """One scored item of the county assessment: an indicator of the policy, its weight, and
    whether a larger value is better."""

    indicator: Key
    weight: Annotated[Decimal, Field(gt=0)]
    higher_is_better: bool = True


class Assessment(StrictModel):
    """How units earn each indicator's weight (``scoring``):

    - ``ratio`` (default): full marks when a unit meets its target; partial marks by the ratio
      of value to target (target to value when lower is better), never above full marks. Units
      close to their targets end close together (the demo's nine units within a few points);
    - ``capped_ratio``: nothing at or below ``floor`` × the target, full marks at the target,
      linear between — a unit at 90% of a target with floor 0.8 earns half, not 90%;
    - ``rank``: weight × (n − rank + 1) / n among the n units with a value (best first, ties
      share a rank), whatever the targets; met or not is still shown against the target.
    """

    scoring: Literal["ratio", "capped_ratio", "rank"] = "ratio"
    floor: Annotated[Decimal, Field(ge=0)] = Decimal("0.8")  # capped_ratio only
    indicators: Annotated[list[AssessmentIndicator], Field(min_length=1)]
    name: Text = "工业经济年度目标责任考核"

    @model_validator(mode="after")
    def _floor(self) -> "Assessment":
        if self.floor >= 1:
            raise PathError(("floor",), "floor must be below 1 (the share of the target)")
        return self

    @model_validator(mode="after")
    def _unique(self) -> "Assessment":
        seen: set[str] = set()
        for i, item in enumerate(self.indicators):
            if item.indicator in seen:
                raise PathError(
                    ("indicators", i, "indicator"), f"{item.indicator!r} is listed twice"
                )
            seen.add(item.indicator)
        return self

    @property
    def total_weight(self) -> Decimal:
        return sum((i.weight for i in self.indicators), Decimal(0))
