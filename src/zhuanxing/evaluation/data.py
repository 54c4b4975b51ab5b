"""Reads the operational database into the plain records the pure engines take."""

from __future__ import annotations

import decimal
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast

from zhuanxing.analytics.dimensions import describe_class
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.reporting.models import AnnualReport, counted_statuses

from .columnar import Column, FirmTable, Unrepresentable
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


def _places(model, name: str) -> int:
    return getattr(model._meta.get_field(name), "decimal_places", 0) or 0


def _decimal_column(values: list, scale: int) -> Column:
    """Integers in units of 10^-scale from what the database driver returns (float or int on
    SQLite, Decimal on PostgreSQL), equal to the Decimal Django would make of each value: a
    float is read to 15 significant digits and rounded half-even to the field's places, so a
    value that falls on half a unit takes that exact route (the others are exact in float64)."""
    n = len(values)
    floats = np.array(values, dtype=np.float64)  # None → NaN
    missing = np.isnan(floats)
    scaled = np.where(missing, 0.0, floats) * 10.0**scale
    if n and float(np.abs(scaled).max()) >= 2.0**50:
        raise Unrepresentable("a measure beyond 15 digits")
    ints = np.rint(scaled).astype(np.int64)
    frac = np.abs(scaled - np.floor(scaled) - 0.5)
    context = decimal.Context(prec=15)
    unit = Decimal(1).scaleb(-scale)
    for i in np.flatnonzero(frac < 1e-6).tolist():
        value = values[i]
        exact = value if isinstance(value, Decimal) else context.create_decimal_from_float(value)
        ints[i] = int(exact.quantize(unit).scaleb(scale))
    return Column(ints, missing, scale)


def read_year_table(
    year: int, policy, *, scale_year: int | None = None, measures: Sequence[str] = MEASURES
) -> FirmTable:
    """``read_year`` as columns, for the evaluation engine: one query, read raw (no Decimal
    or date object per value), so the city's two years load in a fraction of a second.
    ``measures``: the report measures to read (main revenue and land always). Each row's
    measures as ``read_year`` gives them are rebuilt only when asked for (``values``)."""
    names = list(dict.fromkeys(("main_revenue", *(m for m in measures if m != "land_mu"))))
    reports = (
        AnnualReport.objects.filter(year=year, status__in=counted_statuses())
        .order_by()  # any order: the engine sorts
        # as text: no date object per value (NumPy parses the ISO dates in one go)
        .annotate(
            founded=Cast("enterprise__founded_on", CharField()),
            granted=Cast("enterprise__land_granted_on", CharField()),
        )
        .values_list(
            "enterprise_id", "enterprise__industry_code", "founded", "granted",
            "enterprise__land_mu", "land_mu", *names,
        )
    )  # fmt: skip
    sql, params = reports.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        data = cursor.fetchall()
    n = len(data)
    cols = list(zip(*data, strict=True)) if n else [()] * (6 + len(names))
    scales = {name: _places(AnnualReport, name) for name in names}
    scales["land_mu"] = max(_places(AnnualReport, "land_mu"), _places(Enterprise, "land_mu"))
    columns = {name: _decimal_column(cols[6 + k], scales[name]) for k, name in enumerate(names)}
    own, registered = (_decimal_column(cols[i], scales["land_mu"]) for i in (5, 4))
    columns["land_mu"] = Column(
        np.where(own.missing, registered.ints, own.ints),
        own.missing & registered.missing,
        scales["land_mu"],
    )
    revenue = columns["main_revenue"]
    line = policy.above_scale_threshold(scale_year or year) if n else Decimal(0)
    above = revenue.ints >= math.ceil(line.scaleb(revenue.scale))  # a missing revenue is 0
    integer = frozenset(name for name in names if not _places(AnnualReport, name))

    def dates(values) -> np.ndarray:
        return np.array(values, dtype="datetime64[D]")  # None → NaT

    return FirmTable(
        ids=np.array(cols[0], dtype=np.int64),
        above=above,
        columns=columns,
        integers=integer,
        industry_codes=cols[1],
        founded_on=dates(cols[2]),
        land_granted_on=dates(cols[3]),
    )


def read_evaluation_tables(year: int, policy) -> tuple[FirmTable, FirmTable]:
    """This year's firms and last year's, the latter split by this year's 规上 line; the
    measures the evaluation method's indicators name."""
    method = policy.evaluation
    measures = [
        name
        for population in ("above_scale", "below_scale")
        for indicator in getattr(method, population).indicators
        for name in (*indicator.numerator, *indicator.denominator)
    ]
    return (
        read_year_table(year, policy, measures=measures),
        read_year_table(year - 1, policy, scale_year=year, measures=measures),
    )


def table_from_rows(rows: list[Row]) -> FirmTable:
    """Columns from ``Row`` records (tests and callers that already hold rows)."""
    names = (*MEASURES, "land_mu")
    scales = {
        name: max((_decimal_places(r.measures.get(name)) for r in rows), default=0)
        for name in names
    }
    table = FirmTable.from_firms([firm(r) for r in rows], scales)
    table.industry_codes = [r.industry_code for r in rows]
    table.founded_on = np.array([r.founded_on for r in rows], dtype="datetime64[D]")
    table.land_granted_on = np.array([r.land_granted_on for r in rows], dtype="datetime64[D]")
    return table


def _decimal_places(value) -> int:
    if value is None or isinstance(value, int):
        return 0
    exponent = Decimal(value).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


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
