"""Reads of the innovation pages, scoped to the user (``restrict``); ``*_get`` returns an object
already checked (404 outside the scope)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q
from django.http import Http404

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action
from zhuanxing.analytics.efficiency_classes import published_classes, published_version
from zhuanxing.core.memo import memo
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.enterprises.selectors import registry_version
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.orgunits.selectors import county_containing, county_level_units
from zhuanxing.policy.active import policy_digest
from zhuanxing.reporting.models import AnnualReport, counted_statuses
from zhuanxing.reporting.selectors import counted_annual_version, report_years

from .models import DemonstrationEntry, DemonstrationList, Kind, Qualification
from .scoring import Candidate, Figures, Rule, refusals, score

ZERO = Decimal(0)
REPORT_FIELDS = (
    "main_revenue", "gross_output", "value_added", "rd_spending", "new_product_output", "profit",
    "land_mu", "energy_tce", "cod_t", "nh3n_t", "so2_t", "nox_t",
)  # fmt: skip


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


# --- qualifications ---------------------------------------------------------------------------


def qualifications(*, user, action=Action.VIEW):
    return Qualification.objects.restrict(user, action).select_related("enterprise__org_unit")


def qualification_get(*, user, pk: int, action=Action.VIEW) -> Qualification:
    found = qualifications(user=user, action=action).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def qualifications_of(*, user, enterprise) -> list[Qualification]:
    """The firm's qualifications the user sees, newest first (the enterprise page)."""
    return list(
        qualifications(user=user)
        .filter(enterprise=enterprise)
        .defer("evidence_content")
        .order_by("-issued_on", "-pk")
    )


def qualification_list(
    *, user, today: datetime.date, warning_days: int, kind="", level="", status="", county="", q=""
):
    """The qualifications the user sees, filtered: ``status`` ``in_force`` / ``expiring``
    (in force, expiring within ``warning_days``) / ``expired``; ``county`` a county code."""
    found = qualifications(user=user).defer("evidence_content")
    if kind:
        found = found.filter(kind=kind)
    if level:
        found = found.filter(level=level)
    if county:
        found = found.filter(enterprise__org_unit__path__contains=f"/{county}/")
    if q:
        found = found.filter(
            Q(enterprise__name__icontains=q) | Q(title__icontains=q) | Q(reference__icontains=q)
        )
    soon = today + datetime.timedelta(days=warning_days)
    if status == "in_force":
        found = found.in_force(today)
    elif status == "expiring":
        found = found.filter(expires_on__gte=today, expires_on__lte=soon)
    elif status == "expired":
        found = found.filter(expires_on__lt=today)
    return found


def expiry_counts(*, user, today: datetime.date, warning_days: int) -> dict[str, int]:
    """How many of the user's qualifications expire within the warning period, and have expired."""
    soon = today + datetime.timedelta(days=warning_days)
    return qualifications(user=user).aggregate(
        expiring=Count("pk", filter=Q(expires_on__gte=today, expires_on__lte=soon)),
        expired=Count("pk", filter=Q(expires_on__lt=today)),
    )


def enterprise_choices(*, user):
    """The enterprises the user may record a qualification for."""
    return Enterprise.objects.restrict(user, Action.CHANGE).order_by("name")


def may_record_for(*, user, enterprise) -> bool:
    """May ``user`` record a qualification of ``enterprise`` (an official who may change data,
    the firm within their area)?"""
    return (
        access.is_official(user) and enterprise_choices(user=user).filter(pk=enterprise.pk).exists()
    )


@dataclass
class CountRow:
    name: str
    code: str
    by_kind: dict = field(default_factory=lambda: dict.fromkeys(Kind.values, 0))

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    def counts(self) -> list[int]:
        return [self.by_kind[k] for k in Kind.values]


def qualification_counts(*, user, year: int, new: bool = False):
    """County × kind: the qualifications in force at the end of ``year`` (``new``: issued in
    ``year``) among those the user sees; the rows (counties in code order) and their total."""
    found = qualifications(user=user)
    found = found.filter(issued_on__year=year) if new else found.in_force(year_end(year))
    units = county_level_units()
    rows: dict[str, CountRow] = {}
    grouped = found.values("enterprise__org_unit__path", "kind").annotate(n=Count("pk"))
    for g in grouped.order_by():
        unit = county_containing(g["enterprise__org_unit__path"], units)
        key = unit.code if unit else ""
        row = rows.setdefault(key, CountRow(unit.name if unit else "—", key))
        row.by_kind[g["kind"]] += g["n"]
    ordered = [rows[u.code] for u in units if u.code in rows] + ([rows[""]] if "" in rows else [])
    total = CountRow("", "")
    for row in ordered:
        for k, n in row.by_kind.items():
            total.by_kind[k] += n
    return ordered, total


def qualification_years(*, user) -> list[int]:
    years = qualifications(user=user).dates("issued_on", "year").order_by()
    return sorted({d.year for d in years}, reverse=True)


# --- demonstration enterprises ----------------------------------------------------------------


def _figures(row: dict) -> Figures:
    return Figures(
        main_revenue=row["main_revenue"],
        gross_output=row["gross_output"],
        value_added=row["value_added"],
        rd_spending=row["rd_spending"],
        new_product_output=row["new_product_output"],
        profit=row["profit"],
        land_mu=row["land_mu"],
        energy_tce=row["energy_tce"],
        pollutants={p: row[p] for p in ("cod_t", "nh3n_t", "so2_t", "nox_t")},
    )


def qualification_points(year: int, innovation) -> dict[int, Decimal]:
    """Each enterprise's qualification points: the weights of its qualifications in force at the
    end of ``year``."""
    points: dict[int, Decimal] = {}
    in_force = Qualification.objects.in_force(year_end(year)).values_list(
        "enterprise_id", "kind", "level"
    )
    for firm, kind, level in in_force.order_by():
        points[firm] = points.get(firm, ZERO) + innovation.qualification_weight(kind, level)
    return points


@dataclass
class Ranked:
    """A candidate as pages, exports and the selection read it: the score's points by item,
    the total and the city rank (the report figures and measures behind them are not kept)."""

    id: int
    name: str
    efficiency_class: str
    qualification_points: Decimal
    points: dict[str, Decimal]
    total: Decimal
    rank: int


@dataclass
class Ranking:
    year: int
    candidates: list[Ranked]  # ranked, best first (the whole city)
    refused: dict[str, int]  # reason key → firms with a counted report refused for it
    has_classes: bool  # the year has a published 亩均 evaluation
    extra: dict[int, dict] = field(default_factory=dict)  # firm id → name, county for pages


def qualifications_version() -> tuple:
    """A data version of the qualifications: their count and largest id, and their history's
    latest id and date (every record, change or deletion writes a history row)."""
    rows = Qualification.objects.order_by().aggregate(n=Count("pk"), last=Max("pk"))
    history = Qualification.history.order_by().aggregate(
        last=Max("history_id"), changed=Max("history_date")
    )
    return (rows["n"], rows["last"], history["last"], str(history["changed"]))


def ranking(*, year: int, policy) -> Ranking:
    """The year's candidates scored and ranked over the whole city (the policy's rules). Pages
    show the rows of the user's scope (:func:`visible_ids`); ranks stay the city's.

    Not scoped, so kept in the cache (``core.memo``) under the year, the policy's digest, the
    data versions of the counted annual reports of the year and the year before, of the
    registry (names, org units), of the qualifications and of the year's published 亩均
    evaluation, and the county list: any change to what the score reads computes it again."""
    units = county_level_units()
    version = (
        policy_digest(policy),
        counted_annual_version([year - 1, year]),
        registry_version(),
        qualifications_version(),
        published_version(year),
        tuple((u.code, u.path) for u in units),
    )
    return memo(
        "innovation-ranking",
        (year,),
        version,
        lambda: compute_ranking(year=year, policy=policy, units=units),
    )


def compute_ranking(*, year: int, policy, units: list[OrgUnit] | None = None) -> Ranking:
    """:func:`ranking` computed afresh (``units``: the county-level units, read if not given)."""
    scheme = policy.demonstration
    rule = Rule(
        above_scale=scheme.eligibility.above_scale,
        profitable=scheme.eligibility.profitable,
        rd_spending=scheme.eligibility.rd_spending,
        excluded_classes=frozenset(scheme.eligibility.excluded_classes),
    )
    reports = (
        AnnualReport.objects.filter(year__in=(year - 1, year), status__in=counted_statuses())
        .values("enterprise_id", "year", "enterprise__name", "enterprise__org_unit__path",
                *REPORT_FIELDS)
        .order_by()
    )  # fmt: skip
    current, previous = {}, {}
    for row in reports:
        (current if row["year"] == year else previous)[row["enterprise_id"]] = row
    classes = published_classes(year)
    points = qualification_points(year, policy.innovation)
    units = county_level_units() if units is None else units
    found, refused, extra = [], {}, {}
    for firm, row in sorted(current.items()):
        figures = _figures(row)
        klass = (classes or {}).get(firm, "")
        reasons = refusals(
            figures,
            is_above_scale=policy.is_above_scale(year, row["main_revenue"] or 0),
            efficiency_class=klass,
            rule=rule,
        )
        if reasons:
            for reason in reasons:
                refused[reason] = refused.get(reason, 0) + 1
            continue
        before = previous.get(firm)
        found.append(
            Candidate(
                id=firm,
                name=row["enterprise__name"],
                year=figures,
                previous=_figures(before) if before else None,
                qualification_points=points.get(firm, ZERO),
                efficiency_class=klass,
            )
        )
        unit = county_containing(row["enterprise__org_unit__path"], units)
        extra[firm] = {"county": unit.name if unit else "—"}
    ranked = score(
        found,
        points=scheme.points,
        class_factors=scheme.class_factors,
        pollutants=scheme.pollutants,
    )
    kept = [
        Ranked(
            id=c.id,
            name=c.name,
            efficiency_class=c.efficiency_class,
            qualification_points=c.qualification_points,
            points=c.points,
            total=c.total,
            rank=c.rank,
        )
        for c in ranked
    ]
    return Ranking(year, kept, refused, classes is not None, extra)


def visible_ids(*, user, year: int) -> set[int]:
    """The firms with a report of ``year`` the user may see (their scope)."""
    return set(
        AnnualReport.objects.restrict(user, Action.VIEW)
        .filter(year=year)
        .values_list("enterprise_id", flat=True)
    )


def demonstration_years(policy) -> list[int]:
    """Years with counted annual reports from the scheme's first year, newest first."""
    return report_years(counted=True, first=policy.demonstration.first_year)[::-1]


def demonstration_list(*, user, year: int) -> DemonstrationList | None:
    return DemonstrationList.objects.restrict(user).filter(year=year).first()


def demonstration_entries(*, user, selection: DemonstrationList | None):
    """The list's entries the user sees (their area, or their own firm)."""
    if selection is None:
        return DemonstrationEntry.objects.none()
    return (
        DemonstrationEntry.objects.restrict(user)
        .filter(list=selection)
        .select_related("enterprise__org_unit")
        .order_by("rank", "enterprise__name")
    )


def demonstration_lists(*, user):
    """Every year's list the user may see, with the count of its entries in the user's scope."""
    lists = DemonstrationList.objects.restrict(user).order_by("-year")
    scoped = DemonstrationEntry.objects.restrict(user).values("list_id").annotate(n=Count("pk"))
    counts = {r["list_id"]: r["n"] for r in scoped.order_by()}
    return [(item, counts.get(item.pk, 0)) for item in lists]
