"""Writes a generated city into the operational database, in one transaction."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.reporting.models import (
    AnnualReport,
    MonthlyReport,
    RegionStatistics,
    ReportStatus,
)

from .bulk import bulk_insert
from .generator import ANNUAL_FIELDS, MONTHLY_FIELDS, REGION_FIELDS, CityData, CountyInfo


def county_infos() -> list[CountyInfo]:
    """County-level units with the towns and parks below them, from the org-unit tree."""
    infos = []
    for unit in OrgUnit.objects.filter(kind__in=[OrgUnitKind.COUNTY, OrgUnitKind.ZONE]):
        leaves = OrgUnit.objects.filter(
            path__startswith=unit.path, kind__in=[OrgUnitKind.TOWN, OrgUnitKind.PARK]
        ).values_list("code", flat=True)
        infos.append(CountyInfo(code=unit.code, name=unit.name, leaves=tuple(leaves)))
    return infos


@transaction.atomic
def write_city(data: CityData, *, progress: Callable[[str, int, int], None] | None = None) -> None:
    units = dict(OrgUnit.objects.values_list("code", "id"))
    enterprises = [
        Enterprise(
            uscc=e.uscc,
            name=e.name,
            org_unit_id=units[e.unit_code],
            industry_code=e.industry_code,
            founded_on=e.founded_on,
            land_mu=e.land_mu,
            registration_type=e.registration_type,
        )
        for e in data.enterprises
    ]
    bulk_create_with_history(
        enterprises, Enterprise, batch_size=2000, default_change_reason="demo generator"
    )
    if progress:
        progress("enterprises written", len(enterprises), len(enterprises))
    ids = dict(Enterprise.objects.values_list("uscc", "id"))
    now = timezone.now()
    approved = ReportStatus.APPROVED.value

    bulk_insert(
        AnnualReport,
        ("enterprise", "year", "status", "updated_at", *ANNUAL_FIELDS),
        ((ids[r[0]], r[1], approved, now, *r[2:]) for r in data.annual),
    )
    if progress:
        progress("annual reports written", len(data.annual), len(data.annual))
    bulk_insert(
        MonthlyReport,
        ("enterprise", "period", "year", "month", "status", "updated_at", *MONTHLY_FIELDS),
        (
            (ids[r[0]], f"{r[1]}-{r[2]:02d}", r[1], r[2], approved, now, *r[3:])
            for r in data.monthly
        ),
    )
    if progress:
        progress("monthly reports written", len(data.monthly), len(data.monthly))
    bulk_insert(
        RegionStatistics,
        ("org_unit", "year", "updated_at", *REGION_FIELDS),
        ((units[r[0]], r[1], now, *r[2:]) for r in data.regions),
    )
