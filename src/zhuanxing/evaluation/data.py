"""Reads the operational database into the plain records the pure engines take."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zhuanxing.analytics.dimensions import describe_class
from zhuanxing.reporting.models import AnnualReport, counted_statuses

from .eligibility import Candidate
from .scoring import Firm
from .simulation import FirmYear

MEASURES = (
    "gross_output", "main_revenue", "value_added", "rd_spending", "tax_paid", "employees",
    "energy_tce", "electricity_kwh", "cod_t", "nh3n_t", "so2_t", "nox_t", "new_product_output",
)  # fmt: skip
ZERO = Decimal(0)


@dataclass(frozen=True)
class Row:
    """One enterprise-year as read: registry attributes plus the annual report's measures."""

    enterprise_id: int
    industry_code: str
    path: str
    founded_on: object
    land_granted_on: object
    land_mu: Decimal | None
    uses_toxic_substances: bool
    above_scale: bool
    measures: dict[str, Decimal | None]

    @property
    def county_code(self) -> str:
        parts = self.path.strip("/").split("/")
        return parts[1] if len(parts) > 1 else parts[0]


def read_year(year: int, policy, *, scale_year: int | None = None) -> list[Row]:
    """Every enterprise with a counted (approved or locked) annual report for ``year``, the
    whole city (scoping happens on the results: ranks and benchmarks are city-wide). 规上 or
    规下 by the line of ``scale_year`` (default ``year``): last year's benchmark population is
    split by this year's line, so both years compare the same kind of firm."""
    reports = AnnualReport.objects.filter(year=year, status__in=counted_statuses())
    if not reports.exists():
        return []  # also spares asking the policy for a threshold of a year it does not cover
    scale_year = scale_year or year
    fields = (
        "enterprise_id", "enterprise__industry_code", "enterprise__org_unit__path",
        "enterprise__founded_on", "enterprise__land_granted_on", "enterprise__land_mu",
        "enterprise__uses_toxic_substances", "land_mu", *MEASURES,
    )  # fmt: skip
    rows = []
    for values in reports.values_list(*fields).iterator(2000):
        measures = dict(zip(MEASURES, values[8:], strict=True))
        land = values[7] if values[7] is not None else values[5]
        measures["land_mu"] = land
        rows.append(
            Row(
                enterprise_id=values[0],
                industry_code=values[1],
                path=values[2],
                founded_on=values[3],
                land_granted_on=values[4],
                land_mu=land,
                uses_toxic_substances=values[6],
                above_scale=policy.is_above_scale(scale_year, measures["main_revenue"] or 0),
                measures=measures,
            )
        )
    return rows


def read_unapproved(year: int, policy) -> dict[int, str]:
    """Enterprises whose annual report for ``year`` exists but does not count (draft, submitted,
    rejected): enterprise id → population by the year's 规上 line."""
    reports = AnnualReport.objects.filter(year=year).exclude(status__in=counted_statuses())
    if not reports.exists():
        return {}
    threshold = policy.above_scale_threshold(year)
    return {
        eid: "above_scale" if (revenue or 0) >= threshold else "below_scale"
        for eid, revenue in reports.values_list("enterprise_id", "main_revenue")
    }


def read_evaluation_input(year: int, policy) -> tuple[list[Row], list[Row]]:
    """This year's rows and last year's, the latter split by this year's 规上 line."""
    return read_year(year, policy), read_year(year - 1, policy, scale_year=year)


def candidate(row: Row) -> Candidate:
    return Candidate(
        enterprise_id=row.enterprise_id,
        industry_code=row.industry_code,
        founded_on=row.founded_on,
        land_granted_on=row.land_granted_on,
        land_mu=row.land_mu,
        above_scale=row.above_scale,
    )


def firm(row: Row) -> Firm:
    return Firm(
        row.enterprise_id, "above_scale" if row.above_scale else "below_scale", row.measures
    )


FLAG_COLUMNS = ("industrial", "manufacturing", "high_tech")


def firm_year(row: Row, policy, dims: dict | None = None) -> FirmYear:
    """The what-if's record of a firm: its measures and the store's classification of its
    industry (the same flags the indicator filters read). ``dims``: a cache of class → columns."""
    m = row.measures
    cache = dims if dims is not None else {}
    if row.industry_code not in cache:
        cache[row.industry_code] = describe_class(row.industry_code, policy)
    dim = cache[row.industry_code]

    def d(name: str) -> Decimal:
        return Decimal(m[name]) if m.get(name) is not None else ZERO

    def maybe(name: str) -> Decimal | None:
        return None if m.get(name) is None else Decimal(m[name])

    return FirmYear(
        enterprise_id=row.enterprise_id,
        county_code=row.county_code,
        above_scale=row.above_scale,
        heavy=dim["heavy_industry"],
        gross_output=d("gross_output"),
        value_added=d("value_added"),
        land_mu=Decimal(row.land_mu) if row.land_mu else ZERO,
        energy_tce=maybe("energy_tce"),
        cod_t=maybe("cod_t"),
        so2_t=maybe("so2_t"),
        tax_paid=d("tax_paid"),
        employees=d("employees"),
        measures={k: maybe(k) for k in m if k not in ("land_mu",)},
        flags=frozenset(k for k in FLAG_COLUMNS if dim[k]),
    )
