"""Policy settings of the features built on the indicators (clauses 十 to 十八).

亩均效益 evaluation, new-project screening, major projects, awards and tax rules: typed and
checked now so a policy file carries them from the start.
"""

from bisect import bisect_right
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .evaluation import ClassBand, Evaluation  # noqa: F401  (re-exported for schema.py)
from .fields import Key, NonNegative, PathError, Percent, StrictModel, Year

# The pollutants a new project declares (t/yr); an emission indicator screens one of them.
SCREENING_EMISSION_MEASURES = ("cod_t", "nh3n_t", "so2_t", "nox_t")


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


class ProjectScore(StrictModel):
    """Points of the annual plan's ordering score (docs/projects.md); they add up to 100."""

    investment: NonNegative  # × min(total investment / priority_investment_min, 1)
    no_new_land: NonNegative  # a project on existing land (零增地)
    notable_investor: NonNegative  # Fortune 500, central SOE or industry leader (clause 十三)

    @model_validator(mode="after")
    def _total(self) -> "ProjectScore":
        total = self.investment + self.no_new_land + self.notable_investor
        if total != 100:
            raise PathError(("investment",), f"the points must add up to 100, not {total}")
        return self


class Projects(StrictModel):
    """``[projects]``: the annual major-project plan (clauses 十二, 十三, 十五)."""

    priority_investment_min: NonNegative  # 万元: projects from here come first in the plan
    # A project is behind schedule when its share of the year's planned investment completed is
    # more than this many percentage points below the elapsed share of the year.
    behind_schedule_margin_pct: Percent
    score: ProjectScore


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
