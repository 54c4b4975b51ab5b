"""Policy settings of the innovation features (clause 九): the qualifications registry's expiry
warning and the weight of each qualification, and the transformation demonstration enterprises'
(示范企业) eligibility rules and scoring scheme. The method is described in docs/innovation.md.
"""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .fields import NonNegative, PathError, StrictModel

# The kinds of qualification the registry records (the codes of innovation.models.Kind).
QUALIFICATION_KINDS = (
    "high_tech_enterprise",  # 高新技术企业
    "technology_centre",  # 企业技术中心
    "specialised_sme",  # 专精特新中小企业
    "famous_brand",  # 著名商标 / 名牌产品
    "standard",  # 标准制（修）订
    "incubator",  # 孵化器在孵 / 毕业企业
    "service_spinoff",  # 主辅分离
)
# Who granted it (the codes of innovation.models.Level).
QUALIFICATION_LEVELS = ("national", "industry", "provincial", "municipal", "county")
# The annual-report pollutants an emission trend may sum (tonnes).
POLLUTANTS = ("cod_t", "nh3n_t", "so2_t", "nox_t")
EFFICIENCY_CLASSES = ("A", "B", "C", "D")
# The scoring items, by group, in the order the pages show them.
SCORE_GROUPS = {
    "innovation": ("rd_intensity", "new_product_rate", "qualifications"),
    "efficiency": ("efficiency_class", "va_per_mu"),
    "green": ("energy_trend", "emission_trend"),
}
SCORE_ITEMS = tuple(item for items in SCORE_GROUPS.values() for item in items)

Kind = Literal[
    "high_tech_enterprise",
    "technology_centre",
    "specialised_sme",
    "famous_brand",
    "standard",
    "incubator",
    "service_spinoff",
]
Level = Literal["national", "industry", "provincial", "municipal", "county"]
Item = Literal[
    "rd_intensity",
    "new_product_rate",
    "qualifications",
    "efficiency_class",
    "va_per_mu",
    "energy_trend",
    "emission_trend",
]
Fraction = Annotated[Decimal, Field(ge=0, le=1)]


class Innovation(StrictModel):
    """``[innovation]``: a qualification expiring within ``expiry_warning_days`` is warned of;
    a qualification in force counts ``qualification_points[kind] × level_factors[level]``."""

    expiry_warning_days: Annotated[int, Field(ge=1, le=3650)]
    qualification_points: dict[Kind, NonNegative]
    level_factors: dict[Level, Fraction]

    @model_validator(mode="after")
    def _complete(self) -> "Innovation":
        for name, keys in (
            ("qualification_points", QUALIFICATION_KINDS),
            ("level_factors", QUALIFICATION_LEVELS),
        ):
            missing = [k for k in keys if k not in getattr(self, name)]
            if missing:
                raise PathError((name,), f"missing {', '.join(missing)}")
        return self

    def qualification_weight(self, kind: str, level: str) -> Decimal:
        return self.qualification_points[kind] * self.level_factors[level]


class Eligibility(StrictModel):
    """Who is a candidate in a year: an annual report counted in published figures, and
    optionally above the 规上 line, no loss, some R&D spending, not in an excluded 亩均 class
    of the year's published evaluation (no published evaluation: nobody is excluded by class)."""

    above_scale: bool
    profitable: bool
    rd_spending: bool
    excluded_classes: list[Literal["A", "B", "C", "D"]] = Field(default_factory=list)


class Demonstration(StrictModel):
    """``[demonstration]``: the 示范企业 scheme. Each item scores up to ``points[item]``; the
    measured items by ratio to the year's best candidate (``points × value ÷ best``, 0 when the
    value is missing or not positive), the 亩均 class by ``class_factors``; the total is the sum,
    rounded once to two places; equal totals share a rank (competition ranking)."""

    first_year: Annotated[int, Field(ge=1949, le=2100)]
    max_selected: Annotated[int, Field(ge=1, le=1000)]
    pollutants: Annotated[list[Literal["cod_t", "nh3n_t", "so2_t", "nox_t"]], Field(min_length=1)]
    eligibility: Eligibility
    points: dict[Item, NonNegative]
    class_factors: dict[Literal["A", "B", "C", "D"], Fraction]

    @model_validator(mode="after")
    def _complete(self) -> "Demonstration":
        missing = [k for k in SCORE_ITEMS if k not in self.points]
        if missing:
            raise PathError(("points",), f"missing {', '.join(missing)}")
        missing = [k for k in EFFICIENCY_CLASSES if k not in self.class_factors]
        if missing:
            raise PathError(("class_factors",), f"missing {', '.join(missing)}")
        if not any(self.points.values()):
            raise PathError(("points",), "at least one item must carry points")
        return self

    @property
    def full_marks(self) -> Decimal:
        return sum(self.points.values(), Decimal(0))
