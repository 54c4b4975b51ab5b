"""The policy file's schema: pydantic models, checked on load.

A policy file holds the numbers of one city's industrial-upgrading programme (the Jiaxing 2009
file is ``policies/jiaxing-2009.toml``): its 规上 line by year, the 1244 categories as GB/T
4754-2017 codes, the indicator formulas, the targets, and the settings of the features built on
them. Every model forbids unknown keys. Checks that span models (category overlaps, references
from targets and filters to indicators and categories) run on the whole ``Policy``.

Validators raise ``PathError`` so the loader can name the exact key that is wrong; see
``loader.py`` for the error format.
"""

from bisect import bisect_right
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, model_validator

from zhuanxing.core.language import pick
from zhuanxing.reference import high_tech as high_tech_reference
from zhuanxing.reference import industry

from .clusters import Clusters
from .feature_settings import (
    SCREENING_EMISSION_MEASURES,
    Awards,
    Evaluation,
    Financing,
    Funds,
    Projects,
    Screening,
    Tax,
    TaxRuleSet,
)
from .fields import (
    SNAKE_CASE,
    DivisionCode,
    IndustryCode,
    Key,
    NonNegative,
    Op,
    PathError,
    Slug,
    StrictModel,
    Text,
    Year,
)
from .innovation import Demonstration, Innovation
from .monitoring import Assessment, Monitoring
from .validation_rules import Reporting
from .vocabulary import (
    CATEGORY_FILTER_PREFIX,
    ENTERPRISE_MEASURES,
    EXCLUSIVE_FILTERS,
    FILTERS,
    REGION_MEASURES,
)


def _class_codes(code: str) -> list[str]:
    return [found.code for found in industry.classes_under(code)]


def _is_strictly_under(code: str, other: str) -> bool:
    return other in {found.code for found in industry.ancestors(code)}


# --- [policy] ----------------------------------------------------------------------------------


class PolicyInfo(StrictModel):
    """``[policy]``: what the document is and the years it spans."""

    id: Slug
    name: Text
    name_en: Text
    issuer: Text
    issued: date
    city_code: DivisionCode
    base_year: Year
    target_year: Year
    plan_from_year: Year
    plan_to_year: Year

    @model_validator(mode="after")
    def _years(self) -> "PolicyInfo":
        if self.plan_to_year < self.plan_from_year:
            raise PathError(("plan_to_year",), "must not be before plan_from_year")
        if not self.plan_from_year <= self.target_year <= self.plan_to_year:
            raise PathError(
                ("target_year",),
                f"must lie in the plan period {self.plan_from_year}-{self.plan_to_year}",
            )
        if self.base_year >= self.target_year:
            raise PathError(("base_year",), "must be before target_year")
        return self


# --- [above_scale] -----------------------------------------------------------------------------


class AboveScaleThreshold(StrictModel):
    from_year: Year
    main_revenue_min: NonNegative  # 万元


class AboveScale(StrictModel):
    """``[above_scale]``: the 规上 revenue line, changing over the years."""

    thresholds: Annotated[list[AboveScaleThreshold], Field(min_length=1)]

    @model_validator(mode="after")
    def _ordered(self) -> "AboveScale":
        for i in range(1, len(self.thresholds)):
            if self.thresholds[i].from_year <= self.thresholds[i - 1].from_year:
                raise PathError(
                    ("thresholds", i, "from_year"),
                    f"must be later than thresholds[{i - 1}].from_year",
                )
        return self

    def threshold(self, year: int) -> Decimal:
        """Main-revenue line (万元) in force in ``year``. Before the first line the earliest one
        applies: 1998–2006 used 500万 of sales revenue, the value the Jiaxing file starts with
        in 2007, so older reports (the province tier goes back to 2003) are classed, not lost."""
        years = [t.from_year for t in self.thresholds]
        index = max(bisect_right(years, year) - 1, 0)
        return self.thresholds[index].main_revenue_min

    def includes(self, year: int, main_revenue: Decimal | int | float) -> bool:
        """The 规上 test: ``main_revenue`` (万元) in ``year`` at or above the line. A float is
        compared as a float (the demo generator's figures), anything else exactly."""
        line = self.threshold(year)
        if isinstance(main_revenue, float):
            return main_revenue >= float(line)
        return Decimal(main_revenue) >= line

    def sql(self, year: str, main_revenue: str) -> str:
        """The same rule as a SQL boolean over two column expressions (the analytics store)."""
        lines = sorted(self.thresholds, key=lambda t: -t.from_year)
        cases = " ".join(
            f"WHEN {year} >= {t.from_year} THEN {float(t.main_revenue_min)}" for t in lines
        )
        return f"({main_revenue} >= CASE {cases} ELSE {float(lines[-1].main_revenue_min)} END)"


# --- [categories_1244.<key>] -------------------------------------------------------------------

CategoryGroup = Literal["producer_services", "pillar", "emerging", "traditional"]


class Category(StrictModel):
    """One 1244 category: GB/T 4754-2017 codes expanded to classes, less ``exclude``."""

    name: Text
    name_en: Text
    group: CategoryGroup
    codes: Annotated[list[IndustryCode], Field(min_length=1)]
    exclude: list[IndustryCode] = []

    @property
    def label(self) -> str:
        """The name in the active language."""
        return pick(self.name, self.name_en)

    # class code → index in ``codes`` of the code that brings it in (after exclusion)
    _sources: dict[str, int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _expand(self) -> "Category":
        for i, code in enumerate(self.codes):
            for j, other in enumerate(self.codes):
                if (other == code and j < i) or _is_strictly_under(code, other):
                    raise PathError(("codes", i), f"{code!r} is already covered by codes[{j}]")
        excluded: set[str] = set()
        for i, code in enumerate(self.exclude):
            if not any(_is_strictly_under(code, other) for other in self.codes):
                raise PathError(
                    ("exclude", i), f"{code!r} is not under any of this category's codes"
                )
            excluded.update(_class_codes(code))
        sources: dict[str, int] = {}
        for i, code in enumerate(self.codes):
            classes = [c for c in _class_codes(code) if c not in excluded]
            self._check_group(i, code, classes)
            sources.update(dict.fromkeys(classes, i))
        if not sources:
            raise PathError(("exclude",), "leaves the category without any class")
        self._sources = sources
        return self

    def _check_group(self, index: int, code: str, classes: list[str]) -> None:
        # Industrial categories add up inside 工业增加值, producer services inside services value
        # added; a code on the wrong side would be counted in the wrong total.
        services = self.group == "producer_services"
        for class_code in classes:
            if industry.is_industrial(class_code) == services:
                side = "industrial" if services else "a services"
                wanted = "services codes" if services else "industrial codes (sections B-D)"
                raise PathError(
                    ("codes", index),
                    f"{code!r} contains {side} class {class_code!r}; "
                    f"a {self.group} category takes {wanted} only",
                )

    @property
    def classes(self) -> frozenset[str]:
        """Every class (小类) code in the category."""
        return frozenset(self._sources)

    def source_index(self, class_code: str) -> int:
        """Index in ``codes`` of the code that brings ``class_code`` in."""
        return self._sources[class_code]


# --- [high_tech] -------------------------------------------------------------------------------


class HighTech(StrictModel):
    """``[high_tech]``: which classes count as 高新技术产业 for the indicators."""

    scope: Literal["nbs_2017_manufacturing"]
    extra_classes: list[IndustryCode] = []

    def classes(self) -> frozenset[str]:
        extras = {c for code in self.extra_classes for c in _class_codes(code)}
        return frozenset(high_tech_reference.high_tech_classes()) | extras


# --- [indicators.<key>] ------------------------------------------------------------------------


class Table(StrictModel):
    """One side of an indicator: measures summed over a source, after filters."""

    source: Literal["enterprise", "region"]
    measures: Annotated[list[str], Field(min_length=1)]
    filters: list[str] = []

    @model_validator(mode="after")
    def _vocabulary(self) -> "Table":
        known = ENTERPRISE_MEASURES if self.source == "enterprise" else REGION_MEASURES
        for i, measure in enumerate(self.measures):
            if measure not in known:
                raise PathError(
                    ("measures", i),
                    f"unknown {self.source} measure {measure!r} (known: {', '.join(known)})",
                )
            if measure in self.measures[:i]:
                raise PathError(("measures", i), f"{measure!r} is listed twice")
        if self.filters and self.source == "region":
            raise PathError(("filters",), "region statistics take no filters")
        for i, name in enumerate(self.filters):
            if name in self.filters[:i]:
                raise PathError(("filters", i), f"{name!r} is listed twice")
            if name.startswith(CATEGORY_FILTER_PREFIX):
                if not SNAKE_CASE.fullmatch(name.removeprefix(CATEGORY_FILTER_PREFIX)):
                    raise PathError(("filters", i), f"{name!r} does not name a category key")
            elif name not in FILTERS:
                raise PathError(
                    ("filters", i),
                    f"unknown filter {name!r} (known: {', '.join(FILTERS)}, "
                    f"{CATEGORY_FILTER_PREFIX}<key>)",
                )
            for pair in EXCLUSIVE_FILTERS:
                if name in pair and any(other in pair for other in self.filters[:i]):
                    raise PathError(("filters", i), f"{' and '.join(pair)} exclude each other")
        return self

    @property
    def category_keys(self) -> tuple[str, ...]:
        """The 1244 category keys this table filters on."""
        return tuple(
            f.removeprefix(CATEGORY_FILTER_PREFIX)
            for f in self.filters
            if f.startswith(CATEGORY_FILTER_PREFIX)
        )


class Indicator(StrictModel):
    """value = factor × Σ numerator / Σ denominator (no denominator: an absolute value)."""

    name: Text
    name_en: Text
    unit: Text
    unit_en: str = ""
    factor: Annotated[Decimal, Field(gt=0)]
    numerator: Table
    denominator: Table | None = None
    # A ratio of two enterprise sides: true counts only the firms that report both sides (a firm
    # without emissions data adds its value added to neither side of "COD per unit value
    # added"); false sums each side over all its firms.
    pair_firms: bool = True
    # Decimal places shown on pages, exports and reports (rounded half up); none: by size
    # (0 from 1,000, 1 from 100, 2 from 1, 3 below; core.figures.display_places).
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    # The indicator shown in its place where this one's source has no such cut: region
    # statistics exist per region and year only, so 全部工业增加值 by 1244 category or by month
    # is read from the enterprises' reports (规上工业增加值). Named beside it, never silently.
    detail: Key | None = None

    @property
    def label(self) -> str:
        """The name in the active language."""
        return pick(self.name, self.name_en)

    @property
    def unit_label(self) -> str:
        """The unit in the active language."""
        return pick(self.unit, self.unit_en)


# --- [[targets]] -------------------------------------------------------------------------------


class ThresholdRule(StrictModel):
    """The indicator's value in the target year compares with ``value`` by ``op``."""

    kind: Literal["threshold"]
    op: Op
    value: Decimal


class RelativeToBaseRule(StrictModel):
    """Change from the base year's value, in percent, compares with ``change_pct`` by ``op``."""

    kind: Literal["relative_to_base"]
    base_year: Year
    change_pct: Decimal
    op: Op


class DirectionRule(StrictModel):
    """The value moves in ``direction`` (every year from ``from_year``, or over the period)."""

    kind: Literal["direction"]
    direction: Literal["decrease", "increase"]
    every_year: bool = True
    from_year: Year


class IncrementRule(StrictModel):
    """Year-on-year change, in the indicator's unit (points for a %), compares by ``op``."""

    kind: Literal["increment"]
    per_year: Decimal
    op: Op


Rule = Annotated[
    ThresholdRule | RelativeToBaseRule | DirectionRule | IncrementRule,
    Field(discriminator="kind"),
]
RULE_KINDS = ("threshold", "relative_to_base", "direction", "increment")


class Target(StrictModel):
    key: Key
    clause: Text
    text: Text
    text_en: str = ""
    year: Year
    indicators: Annotated[list[Key], Field(min_length=1)]
    rule: Rule

    @property
    def label(self) -> str:
        """The target's text in the active language."""
        return pick(self.text, self.text_en)

    @model_validator(mode="after")
    def _years(self) -> "Target":
        if isinstance(self.rule, RelativeToBaseRule) and self.rule.base_year >= self.year:
            raise PathError(("rule", "base_year"), "must be before the target's year")
        if isinstance(self.rule, DirectionRule) and self.rule.from_year > self.year:
            raise PathError(("rule", "from_year"), "must not be after the target's year")
        return self


# --- the whole file ----------------------------------------------------------------------------


class Policy(StrictModel):
    """A validated policy file. ``info`` is the file's ``[policy]`` table."""

    info: PolicyInfo = Field(alias="policy")
    above_scale: AboveScale
    categories_1244: dict[Key, Category]
    high_tech: HighTech
    indicators: dict[Key, Indicator]
    targets: list[Target]
    evaluation: Evaluation
    screening: Screening
    projects: Projects
    awards: Awards
    tax: Tax
    funds: Funds | None = None
    financing: Financing | None = None
    reporting: Reporting = Field(default_factory=Reporting)
    monitoring: Monitoring | None = None
    assessment: Assessment | None = None
    innovation: Innovation | None = None
    demonstration: Demonstration | None = None
    clusters: Clusters = Field(default_factory=Clusters)

    _category_of: dict[str, str] = PrivateAttr(default_factory=dict)
    _high_tech: frozenset[str] = PrivateAttr(default=frozenset())

    @model_validator(mode="after")
    def _cross_check(self) -> "Policy":
        self._category_of = self._check_overlaps()
        self._check_filters()
        self._check_targets()
        self._check_details()
        self._check_screening()
        self._check_assessment()
        self._check_financing()
        self._high_tech = self.high_tech.classes()
        return self

    def _check_financing(self) -> None:
        if self.financing is None:
            return
        names = set(self.evaluation.class_names)
        for i, name in enumerate(self.financing.recommendation.owner_classes):
            if name not in names:
                raise PathError(
                    ("financing", "recommendation", "owner_classes", i),
                    f"unknown evaluation class {name!r}",
                )

    def _check_overlaps(self) -> dict[str, str]:
        owner: dict[str, str] = {}
        for key, category in self.categories_1244.items():
            for class_code in sorted(category.classes):
                if class_code in owner:
                    first = owner[class_code]
                    first_index = self.categories_1244[first].source_index(class_code)
                    name = industry.lookup(class_code).name
                    raise PathError(
                        ("categories_1244", key, "codes", category.source_index(class_code)),
                        f"class {class_code!r} ({name}) is also in categories_1244.{first} "
                        f"(codes[{first_index}]); a class belongs to one category at most",
                    )
                owner[class_code] = key
        return owner

    def _check_filters(self) -> None:
        for key, indicator in self.indicators.items():
            for side in ("numerator", "denominator"):
                table = getattr(indicator, side)
                if table is None:
                    continue
                for i, name in enumerate(table.filters):
                    category = name.removeprefix(CATEGORY_FILTER_PREFIX)
                    if name != category and category not in self.categories_1244:
                        raise PathError(
                            ("indicators", key, side, "filters", i),
                            f"unknown category_1244 key {category!r}",
                        )

    def _check_details(self) -> None:
        for key, indicator in self.indicators.items():
            if indicator.detail is None:
                continue
            other = self.indicators.get(indicator.detail)
            if other is None or indicator.detail == key:
                raise PathError(
                    ("indicators", key, "detail"), f"unknown indicator {indicator.detail!r}"
                )
            if other.detail is not None:
                raise PathError(
                    ("indicators", key, "detail"),
                    f"indicator {indicator.detail!r} names a detail of its own; one step only",
                )

    def _check_targets(self) -> None:
        seen: set[str] = set()
        for i, target in enumerate(self.targets):
            if target.key in seen:
                raise PathError(("targets", i, "key"), f"target {target.key!r} is listed twice")
            seen.add(target.key)
            for j, name in enumerate(target.indicators):
                if name not in self.indicators:
                    raise PathError(("targets", i, "indicators", j), f"unknown indicator {name!r}")
            info = self.info
            if not info.plan_from_year <= target.year <= info.plan_to_year:
                raise PathError(
                    ("targets", i, "year"),
                    f"must lie in the plan period {info.plan_from_year}-{info.plan_to_year}",
                )

    def _check_screening(self) -> None:
        if self.screening.energy_indicator not in self.indicators:
            raise PathError(
                ("screening", "energy_indicator"),
                f"unknown indicator {self.screening.energy_indicator!r}",
            )
        for i, name in enumerate(self.screening.emission_indicators):
            if name not in self.indicators:
                raise PathError(
                    ("screening", "emission_indicators", i), f"unknown indicator {name!r}"
                )
        # A new project is compared on its own figures: each screened indicator must be a sum of
        # enterprise measures a project declares, over value added.
        screened = [(("screening", "energy_indicator"), self.screening.energy_indicator, True)]
        screened += [
            (("screening", "emission_indicators", i), name, False)
            for i, name in enumerate(self.screening.emission_indicators)
        ]
        for path, name, energy in screened:
            indicator = self.indicators[name]
            allowed = {"energy_tce"} if energy else set(SCREENING_EMISSION_MEASURES)
            den = indicator.denominator
            if (
                indicator.numerator.source != "enterprise"
                or not set(indicator.numerator.measures) <= allowed
                or den is None
                or den.source != "enterprise"
                or list(den.measures) != ["value_added"]
            ):
                raise PathError(
                    path,
                    f"indicator {name!r} cannot screen a project: it must be enterprise "
                    f"{' + '.join(sorted(allowed))} over enterprise value_added",
                )

    def _check_assessment(self) -> None:
        for i, item in enumerate(self.assessment.indicators if self.assessment else []):
            if item.indicator not in self.indicators:
                raise PathError(
                    ("assessment", "indicators", i, "indicator"),
                    f"unknown indicator {item.indicator!r}",
                )

    # --- convenience --------------------------------------------------------------------------

    def category_1244(self, class_code: str) -> str | None:
        """Key of the 1244 category holding a class (小类) code, or None (O(1))."""
        return self._category_of.get(class_code)

    def category_classes(self, key: str) -> frozenset[str]:
        """Class codes of a 1244 category; KeyError for an unknown key."""
        return self.categories_1244[key].classes

    def above_scale_threshold(self, year: int) -> Decimal:
        """The 规上 main-revenue line (万元) in force in ``year``."""
        return self.above_scale.threshold(year)

    def is_above_scale(self, year: int, main_revenue: Decimal | int | float) -> bool:
        """Whether ``main_revenue`` (万元) in ``year`` is at or above the 规上 line: the one 规上
        test of the system (querysets use ``above_scale_filter``, SQL ``above_scale.sql``)."""
        if isinstance(main_revenue, float):
            main_revenue = Decimal(str(main_revenue))
        return self.above_scale.includes(year, main_revenue)

    def above_scale_filter(self, year: int, field: str = "main_revenue") -> dict[str, Decimal]:
        """Queryset keyword arguments selecting 规上 rows of ``year``: ``qs.filter(**...)``."""
        return {f"{field}__gte": self.above_scale.threshold(year)}

    def high_tech_classes(self) -> frozenset[str]:
        """Class codes counted as high-tech: the configured scope plus ``extra_classes``."""
        return self._high_tech

    def is_high_tech(self, class_code: str) -> bool:
        return class_code in self._high_tech

    def target(self, key: str) -> Target:
        """The target with ``key``; KeyError when there is none."""
        for target in self.targets:
            if target.key == key:
                return target
        raise KeyError(key)

    def tax_rule_set(self, year: int) -> TaxRuleSet:
        """The enterprise income tax rules in force in ``year``."""
        return self.tax.rule_set(year)
