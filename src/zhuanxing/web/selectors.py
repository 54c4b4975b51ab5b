"""Reads for the overview page, scoped by the user."""

from django.db.models import Count, Q, Sum

from zhuanxing.core.figures import to_hundred_million
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.policy import Policy
from zhuanxing.reporting.models import AnnualReport, counted_statuses


def overview(*, user, year: int, policy: Policy) -> dict:
    """Enterprise counts and above-scale totals for ``year``, overall and per county-level unit."""
    reports = AnnualReport.objects.restrict(user).filter(
        year=year, status__in=counted_statuses(), **policy.above_scale_filter(year)
    )
    totals = reports.aggregate(
        above_count=Count("pk"), gross_output=Sum("gross_output"), value_added=Sum("value_added")
    )
    by_county = []
    for unit in OrgUnit.objects.restrict(user).filter(
        kind__in=[OrgUnitKind.COUNTY, OrgUnitKind.ZONE]
    ):
        in_unit = Q(enterprise__org_unit__path__startswith=unit.path)
        sums = reports.filter(in_unit).aggregate(
            above_count=Count("pk"),
            gross_output=Sum("gross_output"),
            value_added=Sum("value_added"),
        )
        by_county.append(
            {
                "code": unit.code,
                "name": unit.name,
                "enterprises": Enterprise.objects.restrict(user)
                .filter(org_unit__path__startswith=unit.path)
                .count(),
                "above_count": sums["above_count"],
                "gross_output_100m": to_hundred_million(sums["gross_output"] or 0),
                "value_added_100m": to_hundred_million(sums["value_added"] or 0),
            }
        )
    return {
        "total_enterprises": Enterprise.objects.restrict(user).count(),
        "totals": {
            "above_count": totals["above_count"],
            "gross_output_100m": to_hundred_million(totals["gross_output"] or 0),
            "value_added_100m": to_hundred_million(totals["value_added"] or 0),
        },
        "by_county": by_county,
    }
