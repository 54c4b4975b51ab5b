"""Policy settings of the features built on the indicators (clauses 十 to 十八).

亩均效益 evaluation, new-project screening, major projects, awards and tax rules: typed and
checked now so a policy file carries them from the start.
"""

from bisect import bisect_right
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from zhuanxing.core.language import english

from .evaluation import ClassBand, Evaluation  # noqa: F401  (re-exported for schema.py)
from .fields import Key, NonNegative, PathError, Percent, StrictModel, Text, Year

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


GUARANTEE_MEASURES = ("sme_guarantee_amount", "sme_count")


class GuaranteeAgencyAward(StrictModel):
    """Clause 十七's yearly award. The score of an agency in a year is the sum over the measures
    of weight × its value / the year's best value (so the best in every measure scores the sum
    of the weights); ties are broken by the larger guarantee amount, then the name."""

    count: Annotated[int, Field(ge=1)]
    amount: NonNegative  # 万元 each
    score_weights: dict[Literal["sme_guarantee_amount", "sme_count"], NonNegative] = Field(
        default_factory=lambda: {"sme_guarantee_amount": Decimal(60), "sme_count": Decimal(40)}
    )

    @model_validator(mode="after")
    def _some_weight(self) -> "GuaranteeAgencyAward":
        if not any(self.score_weights.values()):
            raise PathError(("score_weights",), "at least one weight must be positive")
        return self


class Awards(StrictModel):
    guarantee_agencies: GuaranteeAgencyAward


class Recommendation(StrictModel):
    """``[financing.recommendation]``: which projects of a year the city recommends to banks
    (clause 十七, "主动向金融机构推荐符合我市工业转型升级要求的工业项目"). A project is a candidate
    when every rule holds; ``support.recommendation.decide`` applies them.

    * ``in_plan``: the project is in the year's major-project plan;
    * ``owner_classes``: its owner enterprise's class in the latest published 亩均 evaluation
      of a year up to the list's year is one of these;
    * ``without_owner``: a project with no owner enterprise in the registry (a new investor, no
      class to check) may still qualify on the other rules;
    * ``exclude_backward``: the owner is not on the backward-capacity list (listed or upgrading);
    * ``screened_kinds``: projects of these kinds need an approved new-project screening;
    * ``min_total_investment``: 万元."""

    in_plan: bool = True
    owner_classes: Annotated[list[Text], Field(min_length=1)]
    without_owner: bool = True
    exclude_backward: bool = True
    screened_kinds: list[Key] = []
    min_total_investment: NonNegative = Decimal(0)


class Financing(StrictModel):
    recommendation: Recommendation


class FundCategory(StrictModel):
    key: Key
    name: Text
    name_en: Text


class ScoreItem(StrictModel):
    """One line of the city's scoring sheet: up to ``max_points``."""

    key: Key
    name: Text
    name_en: Text
    max_points: Annotated[Decimal, Field(gt=0, le=1000)]


class Funds(StrictModel):
    """``[funds]``: the special fund (clause 十六): its categories, the city's scoring sheet and
    the allocation method. Approved applications are granted in order of score (ties: the
    earlier application first) while the budget lasts; below ``pass_score`` nothing is granted;
    with ``partial_grants`` the application that no longer fits gets what is left, otherwise it
    gets nothing and the next one is tried."""

    categories: Annotated[list[FundCategory], Field(min_length=1)]
    scoring: Annotated[list[ScoreItem], Field(min_length=1)]
    pass_score: NonNegative
    partial_grants: bool

    @model_validator(mode="after")
    def _unique(self) -> "Funds":
        for name, items in (("categories", self.categories), ("scoring", self.scoring)):
            seen = set()
            for i, item in enumerate(items):
                if item.key in seen:
                    raise PathError((name, i, "key"), f"duplicate key {item.key!r}")
                seen.add(item.key)
        if self.pass_score > sum(i.max_points for i in self.scoring):
            raise PathError(("pass_score",), "exceeds the scoring sheet's full marks")
        return self

    def category(self, key: str) -> FundCategory:
        for item in self.categories:
            if item.key == key:
                return item
        raise KeyError(key)


class SmallLowProfitLimits(StrictModel):
    taxable_income_max: NonNegative  # 万元
    employees_max: Annotated[int, Field(ge=0)]
    total_assets_max: NonNegative  # 万元


class ReliefBand(StrictModel):
    """Taxable income up to ``up_to`` 万元 (above the previous band) counted at ``counted_pct``."""

    up_to: NonNegative
    counted_pct: Percent


class SmallLowProfitRelief(StrictModel):
    """The yearly relief of a small low-profit enterprise on top of its 20% rate.

    ``whole``: the whole taxable income is counted at the first band's percentage when it does
    not exceed ``up_to`` (2010–2018: "年应纳税所得额低于X万元（含）的…其所得减按50%计入");
    ``portions``: each portion of income is counted at its band's percentage (2019 on:
    "不超过100万元的部分…超过100万元但不超过300万元的部分…").
    """

    mode: Literal["whole", "portions"]
    bands: Annotated[list[ReliefBand], Field(min_length=1)]

    @model_validator(mode="after")
    def _increasing(self) -> "SmallLowProfitRelief":
        for i in range(1, len(self.bands)):
            if self.bands[i].up_to <= self.bands[i - 1].up_to:
                raise PathError(("bands", i, "up_to"), "must exceed the previous band's up_to")
        if self.mode == "whole" and len(self.bands) != 1:
            raise PathError(("bands",), "the 'whole' mode takes exactly one band")
        return self


class BySector(StrictModel):
    """A percentage for industrial (manufacturing) enterprises and for the others."""

    industrial: NonNegative
    other: NonNegative


class TaxBasis(StrictModel):
    """The legal basis (article or notice) of each incentive in a rule set, as cited."""

    standard_rate: Text
    high_tech: Text
    small_low_profit: Text
    rd_super_deduction: Text
    equipment_credit: Text
    resource_reuse: Text
    project_exemption: Text


class TaxRuleSet(StrictModel):
    """Enterprise income tax rules in force from ``from_year`` until the next set."""

    from_year: Year
    standard_rate: Percent
    high_tech_rate: Percent
    small_low_profit_rate: Percent
    small_low_profit_industrial: SmallLowProfitLimits
    small_low_profit_other: SmallLowProfitLimits
    small_low_profit_relief: SmallLowProfitRelief | None = None
    rd_super_deduction_pct: BySector
    equipment_credit_pct: Percent
    equipment_credit_carry_years: Annotated[int, Field(ge=0, le=20)]
    resource_reuse_counted_pct: Percent
    project_exempt_years: Annotated[int, Field(ge=0, le=20)]
    project_half_years: Annotated[int, Field(ge=0, le=20)]
    basis: TaxBasis
    # The same citations in English, for English pages (one language at a time).
    basis_en: TaxBasis | None = None

    @property
    def basis_label(self) -> TaxBasis:
        """The citations in the active language."""
        return self.basis_en if self.basis_en is not None and english() else self.basis

    def basis_text(self, cited: str) -> str:
        """``cited`` (one of this set's Chinese citations) in the active language."""
        if self.basis_en is None or not english():
            return cited
        for field in TaxBasis.model_fields:
            if getattr(self.basis, field) == cited:
                return getattr(self.basis_en, field)
        return cited


class Tax(StrictModel):
    """``[tax]``: the rule sets by year, and the last year the file's rules are known to cover."""

    last_year: Year
    rule_sets: Annotated[list[TaxRuleSet], Field(min_length=1)]

    @model_validator(mode="after")
    def _ordered(self) -> "Tax":
        for i in range(1, len(self.rule_sets)):
            if self.rule_sets[i].from_year <= self.rule_sets[i - 1].from_year:
                raise PathError(
                    ("rule_sets", i, "from_year"),
                    f"must be later than rule_sets[{i - 1}].from_year",
                )
        if self.last_year < self.rule_sets[-1].from_year:
            raise PathError(("last_year",), "must not be before the last rule set's from_year")
        return self

    @property
    def first_year(self) -> int:
        return self.rule_sets[0].from_year

    def rule_set(self, year: int) -> TaxRuleSet:
        """The rule set in force in ``year``; ValueError outside the years the rules cover."""
        years = [r.from_year for r in self.rule_sets]
        if year > self.last_year:
            raise ValueError(
                f"the policy defines no tax rules for {year} (they cover {years[0]}–"
                f"{self.last_year})"
            )
        index = bisect_right(years, year) - 1
        if index < 0:
            raise ValueError(f"the policy defines no tax rules for {year}: none before {years[0]}")
        return self.rule_sets[index]
