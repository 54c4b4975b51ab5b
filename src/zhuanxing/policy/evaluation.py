"""``[evaluation]``: the 亩均效益综合评价 method (per-mu efficiency evaluation, clause 十).

Who is graded, the indicators and weights per population (规上 / 规下), the benchmark rule, the
per-indicator cap, the missing-emissions rule, the class bands (by rank or by score), the
differentiated policies per class, and the rules of the backward-capacity and mandatory
clean-production lists. Zhejiang leaves weights and cut-offs to each city, so all of it is data.
"""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from zhuanxing.core.language import pick

from .fields import IndustryCode, Key, NonNegative, PathError, Percent, StrictModel, Text
from .vocabulary import ENTERPRISE_MEASURES

ClassName = Annotated[str, Field(pattern=r"^[A-Z]$")]
Measure = Literal[ENTERPRISE_MEASURES]  # type: ignore[valid-type]


class ClassBand(StrictModel):
    """A class by rank: the top ``cumulative_pct`` percent of the population, after the bands
    above it."""

    name: ClassName
    cumulative_pct: Annotated[Decimal, Field(gt=0, le=100)]


class ScoreBand(StrictModel):
    """A class by score: a total score of at least ``min_score`` (and below the band above)."""

    name: ClassName
    min_score: NonNegative


class EvaluationIndicator(StrictModel):
    """One scored indicator: Σ numerator measures / Σ denominator measures × factor."""

    key: Key
    name: Text
    name_en: Text
    unit: Text
    unit_en: str = ""
    numerator: Annotated[list[Measure], Field(min_length=1)]
    denominator: Annotated[list[Measure], Field(min_length=1)]
    factor: Annotated[Decimal, Field(gt=0)] = Decimal(1)
    weight: Annotated[Decimal, Field(gt=0)]
    # Emission indicators fall under ``missing_emissions`` when a firm reports no emissions data.
    emissions: bool = False
    fixed_benchmark: Annotated[Decimal, Field(gt=0)] | None = None

    @property
    def label(self) -> str:
        return pick(self.name, self.name_en)

    @property
    def unit_label(self) -> str:
        return pick(self.unit, self.unit_en)


class Population(StrictModel):
    indicators: Annotated[list[EvaluationIndicator], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique(self) -> "Population":
        seen: set[str] = set()
        for i, indicator in enumerate(self.indicators):
            if indicator.key in seen:
                raise PathError(("indicators", i, "key"), f"{indicator.key!r} is listed twice")
            seen.add(indicator.key)
        return self

    @property
    def total_weight(self) -> Decimal:
        return sum((i.weight for i in self.indicators), Decimal(0))


class ClassPolicy(StrictModel):
    """Differentiated policies for one class (差别化政策)."""

    name: ClassName
    electricity_surcharge_yuan_per_kwh: NonNegative = Decimal(0)
    water_price_surcharge_pct: NonNegative = Decimal(0)
    land_priority: bool = False
    energy_quota_priority: bool = False
    credit_priority: bool = False
    note: str = ""
    note_en: str = ""


class BackwardCapacity(StrictModel):
    """淘汰落后产能: firms of these classes that are also among the worst on energy or emissions
    per unit of value added."""

    classes: Annotated[list[ClassName], Field(min_length=1)]
    energy_per_va_worst_pct: Percent
    emission_per_va_worst_pct: Percent


class CleanProductionAudit(StrictModel):
    """强制性清洁生产审核 (2004 暂行办法 Art. 8; the 2012 law adds energy per unit product)."""

    cycle_years_heavy_metals: Annotated[int, Field(ge=1)]
    cycle_years_overcapacity: Annotated[int, Field(ge=1)]
    cycle_years_other: Annotated[int, Field(ge=1)]
    # Energy per unit product over the limit became a ground with the 2012 amendment of the
    # Cleaner Production Promotion Law (清洁生产促进法, Art. 27).
    energy_limit_from_year: Annotated[int, Field(ge=1949, le=2100)] = 2012
    heavy_metal_classes: list[IndustryCode] = []
    overcapacity_classes: list[IndustryCode] = []
    # Industries the city audits regardless (Jiaxing planned electroplating and dyeing).
    mandatory_classes: list[IndustryCode] = []


class Evaluation(StrictModel):
    enabled: bool
    min_land_mu_below_scale: NonNegative
    min_years_registered: Annotated[int, Field(ge=0)] = 2
    min_years_since_land_grant: Annotated[int, Field(ge=0)] = 3
    excluded_codes: list[IndustryCode] = []
    benchmark: Literal["previous_year_average", "fixed"] = "previous_year_average"
    score_cap: Annotated[Decimal, Field(ge=1)] = Decimal("1.5")
    # A firm without emissions data, on each emission indicator: "capped_average" the lower of
    # the population's average score and weight × ``missing_emissions_ratio`` (1.0: a firm
    # exactly at the benchmark), so not reporting never beats reporting the benchmark;
    # "population_average_score" the average alone (Huangyan rule; can reward not reporting);
    # "zero" nothing.
    missing_emissions: Literal["capped_average", "population_average_score", "zero"] = (
        "capped_average"
    )
    missing_emissions_ratio: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    banding: Literal["rank", "score"] = "rank"
    class_bands: Annotated[list[ClassBand], Field(min_length=1)]
    score_bands: list[ScoreBand] = []
    above_scale: Population | None = None
    below_scale: Population | None = None
    class_policies: list[ClassPolicy] = []
    backward_capacity: BackwardCapacity | None = None
    clean_production: CleanProductionAudit | None = None

    @model_validator(mode="after")
    def _check(self) -> "Evaluation":
        self._check_rank_bands()
        if self.banding == "score":
            if not self.score_bands:
                raise PathError(("score_bands",), "required when banding = 'score'")
            for i in range(1, len(self.score_bands)):
                if self.score_bands[i].min_score >= self.score_bands[i - 1].min_score:
                    raise PathError(
                        ("score_bands", i, "min_score"),
                        f"must be below score_bands[{i - 1}].min_score",
                    )
        if self.enabled and (self.above_scale is None or self.below_scale is None):
            missing = "above_scale" if self.above_scale is None else "below_scale"
            raise PathError((missing,), "missing field (required when enabled = true)")
        if self.benchmark == "fixed":
            for population in ("above_scale", "below_scale"):
                for i, ind in enumerate(getattr(self, population).indicators):
                    if ind.fixed_benchmark is None:
                        raise PathError(
                            (population, "indicators", i, "fixed_benchmark"),
                            "required when benchmark = 'fixed'",
                        )
        names = set(self.class_names)
        for i, policy in enumerate(self.class_policies):
            if policy.name not in names:
                raise PathError(("class_policies", i, "name"), f"unknown class {policy.name!r}")
        if self.backward_capacity:
            for i, name in enumerate(self.backward_capacity.classes):
                if name not in names:
                    raise PathError(("backward_capacity", "classes", i), f"unknown class {name!r}")
        return self

    def _check_rank_bands(self) -> None:
        for i, band in enumerate(self.class_bands):
            previous = self.class_bands[:i]
            if any(band.name == other.name for other in previous):
                raise PathError(("class_bands", i, "name"), f"class {band.name!r} is listed twice")
            if previous and band.cumulative_pct <= previous[-1].cumulative_pct:
                raise PathError(
                    ("class_bands", i, "cumulative_pct"),
                    f"must be above class_bands[{i - 1}].cumulative_pct",
                )
        if self.class_bands[-1].cumulative_pct != 100:
            raise PathError(
                ("class_bands", len(self.class_bands) - 1, "cumulative_pct"),
                "the last band must reach 100",
            )

    @property
    def class_names(self) -> list[str]:
        """Classes from best to worst."""
        if self.banding == "score":
            return [band.name for band in self.score_bands]
        return [band.name for band in self.class_bands]

    def band_for(self, rank_pct: Decimal) -> str:
        """Class of an enterprise ranked at ``rank_pct`` percent from the top (0 < p ≤ 100)."""
        for band in self.class_bands:
            if rank_pct <= band.cumulative_pct:
                return band.name
        raise ValueError(f"rank {rank_pct} is outside 0-100")

    def class_policy(self, name: str) -> ClassPolicy | None:
        return next((p for p in self.class_policies if p.name == name), None)
