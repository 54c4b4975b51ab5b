"""Policy settings of the features built on the indicators (clauses 十 to 十八).

亩均效益 evaluation, new-project screening, major projects, awards and tax rules: typed and
checked now so a policy file carries them from the start.
"""

from bisect import bisect_right
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .fields import Key, NonNegative, PathError, Percent, StrictModel, Year


class ClassBand(StrictModel):
    name: Annotated[str, Field(pattern=r"^[A-Z]$")]
    cumulative_pct: Annotated[Decimal, Field(gt=0, le=100)]


class Evaluation(StrictModel):
    """``[evaluation]``: 亩均效益综合评价 (per-mu efficiency evaluation)."""

    enabled: bool
    min_land_mu_below_scale: NonNegative
    class_bands: Annotated[list[ClassBand], Field(min_length=1)]

    @model_validator(mode="after")
    def _bands(self) -> "Evaluation":
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
        return self

    def band_for(self, rank_pct: Decimal) -> str:
        """Class of an enterprise ranked at ``rank_pct`` percent from the top (0 < p ≤ 100)."""
        for band in self.class_bands:
            if rank_pct <= band.cumulative_pct:
                return band.name
        raise ValueError(f"rank {rank_pct} is outside 0-100")


class EnergyReview(StrictModel):
    report_min_tce: NonNegative
    report_min_kwh: NonNegative
    table_min_tce: NonNegative
    table_min_kwh: NonNegative

    @model_validator(mode="after")
    def _tiers(self) -> "EnergyReview":
        if self.table_min_tce > self.report_min_tce:
            raise PathError(("table_min_tce",), "must not exceed report_min_tce")
        if self.table_min_kwh > self.report_min_kwh:
            raise PathError(("table_min_kwh",), "must not exceed report_min_kwh")
        return self


class KeyEnergyUser(StrictModel):
    min_tce: NonNegative
    designated_min_tce: NonNegative

    @model_validator(mode="after")
    def _order(self) -> "KeyEnergyUser":
        if self.designated_min_tce > self.min_tce:
            raise PathError(("designated_min_tce",), "must not exceed min_tce")
        return self


class Screening(StrictModel):
    """``[screening]``: new projects against the city averages (clause 十四)."""

    benchmark: Literal["city_average_latest_complete_year"]
    energy_indicator: Key
    emission_indicators: list[Key]
    electricity_kgce_per_kwh: Annotated[Decimal, Field(gt=0)]
    electricity_factor_assumed: bool
    energy_review: EnergyReview
    key_energy_user: KeyEnergyUser


class Projects(StrictModel):
    priority_investment_min: NonNegative  # 万元


class GuaranteeAgencyAward(StrictModel):
    count: Annotated[int, Field(ge=1)]
    amount: NonNegative  # 万元 each


class Awards(StrictModel):
    guarantee_agencies: GuaranteeAgencyAward


class SmallLowProfitLimits(StrictModel):
    taxable_income_max: NonNegative  # 万元
    employees_max: Annotated[int, Field(ge=0)]
    total_assets_max: NonNegative  # 万元


class TaxRuleSet(StrictModel):
    """Enterprise income tax rules in force from ``from_year`` until the next set."""

    from_year: Year
    standard_rate: Percent
    high_tech_rate: Percent
    small_low_profit_rate: Percent
    rd_super_deduction_pct: NonNegative
    small_low_profit_industrial: SmallLowProfitLimits
    small_low_profit_other: SmallLowProfitLimits


class Tax(StrictModel):
    rule_sets: Annotated[list[TaxRuleSet], Field(min_length=1)]

    @model_validator(mode="after")
    def _ordered(self) -> "Tax":
        for i in range(1, len(self.rule_sets)):
            if self.rule_sets[i].from_year <= self.rule_sets[i - 1].from_year:
                raise PathError(
                    ("rule_sets", i, "from_year"),
                    f"must be later than rule_sets[{i - 1}].from_year",
                )
        return self

    def rule_set(self, year: int) -> TaxRuleSet:
        """The rule set in force in ``year``; ValueError before the first one."""
        years = [r.from_year for r in self.rule_sets]
        index = bisect_right(years, year) - 1
        if index < 0:
            raise ValueError(f"the policy defines no tax rules before {years[0]}")
        return self.rule_sets[index]
