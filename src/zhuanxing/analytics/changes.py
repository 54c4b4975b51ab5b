"""What changed in the operational database since the last analytics build.

A report row changed when its history has an entry after the build's watermark (creation, edits
and deletions made through the ORM, which django-simple-history records with an indexed
``history_date``), or when it is new since the build (bulk inserts write no history). Annual
reports and region statistics are also checked by ``updated_at``; monthly reports are not: that
column has no index, and scanning five million rows would cost more than the whole refresh. The
unit of refresh is the period: a changed annual report re-reads its year, a monthly one its month.

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
    annual_years: set[int] = field(default_factory=set)
    monthly_periods: set[str] = field(default_factory=set)
    region_years: set[int] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.annual_years or self.monthly_periods or self.region_years)

    def labels(self) -> list[str]:
        return sorted(
            {str(y) for y in self.annual_years | self.region_years} | self.monthly_periods
        )


def _changed(model, column: str, since: datetime) -> set:
    # order_by(): the default ordering would otherwise enter the DISTINCT and repeat each value.
    live = model.objects.filter(updated_at__gt=since).order_by().values_list(column, flat=True)
    past = model.history.filter(history_date__gt=since).order_by().values_list(column, flat=True)
    live, past = live.distinct(), past.distinct()
    return set(live) | set(past)


def changed_periods(since: datetime, monthly_after_id: int) -> ChangedPeriods:
    monthly = MonthlyReport.history.filter(history_date__gt=since)
    new = MonthlyReport.objects.filter(pk__gt=monthly_after_id)
    return ChangedPeriods(
        annual_years=_changed(AnnualReport, "year", since),
        monthly_periods=set(monthly.order_by().values_list("period", flat=True).distinct())
        | set(new.order_by().values_list("period", flat=True).distinct()),
        region_years=_changed(RegionStatistics, "year", since),
    )
