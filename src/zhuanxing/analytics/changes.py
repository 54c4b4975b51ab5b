"""What changed in the operational database since the last analytics build.

A report row changed when its history has an entry after the build's watermark (creation, edits
and deletions made through the ORM, which django-simple-history records with an indexed
``history_date``), or when it is new since the build (bulk inserts write no history). Annual
reports and region statistics are also checked by ``updated_at``; monthly reports are not: that
column has no index, and scanning five million rows would cost more than the whole refresh. The
unit of refresh is the enterprise-period: a changed annual report re-reads that enterprise's
year, a monthly one its month (and the same month a year later, whose 上年同期 may fall back on
it). When more enterprises changed than ``ANALYTICS_REFRESH_MAX_ENTERPRISES`` (a bulk import),
the changed periods are re-read whole, which is then cheaper than a long list of ids.

Changes to the registry or the region tree (an enterprise moving county or changing industry)
touch every period, so they force a full build: the fingerprint catches them.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.reporting.models import AnnualReport, MonthlyReport, RegionStatistics


@dataclass(frozen=True)
class Fingerprint:
    registry_key: str
    monthly_max_id: int = 0


def fingerprint() -> Fingerprint:
    enterprises = Enterprise.objects.aggregate(n=Count("pk"), top=Max("pk"))
    history = Enterprise.history.aggregate(last=Max("history_date"))["last"]
    units = OrgUnit.objects.aggregate(n=Count("pk"), top=Max("pk"))
    key = (
        f"enterprises:{enterprises['n']}:{enterprises['top']}:"
        f"{history.isoformat() if history else '-'}|units:{units['n']}:{units['top']}"
    )
    top = MonthlyReport.objects.aggregate(top=Max("pk"))["top"] or 0
    return Fingerprint(key, top)


@dataclass
class ChangedPeriods:
    """The periods with changes, and in each table the enterprises that changed (re-read only
    them: the changed enterprises × the changed periods)."""

    annual_years: set[int] = field(default_factory=set)
    monthly_periods: set[str] = field(default_factory=set)
    region_years: set[int] = field(default_factory=set)
    annual_enterprises: set[int] = field(default_factory=set)
    monthly_enterprises: set[int] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.annual_years or self.monthly_periods or self.region_years)

    def labels(self) -> list[str]:
        return sorted(
            {str(y) for y in self.annual_years | self.region_years} | self.monthly_periods
        )


def _changed_pairs(model, column: str, since: datetime) -> set[tuple]:
    """(period, enterprise id) of rows changed since ``since``: edited or created (its
    ``updated_at``) or recorded in its history (edits and deletions)."""
    # order_by(): the default ordering would otherwise enter the DISTINCT and repeat each value.
    fields = (column, "enterprise_id")
    live = model.objects.filter(updated_at__gt=since).order_by().values_list(*fields)
    past = model.history.filter(history_date__gt=since).order_by().values_list(*fields)
    return set(live.distinct()) | set(past.distinct())


def _changed(model, column: str, since: datetime) -> set:
    live = model.objects.filter(updated_at__gt=since).order_by().values_list(column, flat=True)
    past = model.history.filter(history_date__gt=since).order_by().values_list(column, flat=True)
    return set(live.distinct()) | set(past.distinct())


def changed_periods(since: datetime, monthly_after_id: int) -> ChangedPeriods:
    annual = _changed_pairs(AnnualReport, "year", since)
    fields = ("period", "enterprise_id")
    monthly = set(
        MonthlyReport.history.filter(history_date__gt=since)
        .order_by()
        .values_list(*fields)
        .distinct()
    ) | set(
        MonthlyReport.objects.filter(pk__gt=monthly_after_id)
        .order_by()
        .values_list(*fields)
        .distinct()
    )
    return ChangedPeriods(
        annual_years={year for year, _e in annual},
        monthly_periods={period for period, _e in monthly},
        region_years=_changed(RegionStatistics, "year", since),
        annual_enterprises={e for _y, e in annual},
        monthly_enterprises={e for _p, e in monthly},
    )
