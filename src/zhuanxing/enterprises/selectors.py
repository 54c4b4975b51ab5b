"""Reads of the enterprise registry. Every function takes the user and scopes by role."""

from dataclasses import dataclass

from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from zhuanxing.policy.active import policy_in_force
from zhuanxing.reporting.models import AnnualReport

from .models import Enterprise


@dataclass(frozen=True)
class EnterpriseFilter:
    query: str = ""
    county: str = ""  # code of a county-level unit (county, district or zone)
    category: str = ""  # a 1244 category key of the policy
    scale: str = ""  # "above" or "below" (规上 / 规下) in ``year``
    year: int | None = None


def latest_report_year(user) -> int | None:
    return AnnualReport.objects.restrict(user).aggregate(year=Max("year"))["year"]


def enterprise_list(*, user, filters: EnterpriseFilter) -> QuerySet[Enterprise]:
    qs = Enterprise.objects.restrict(user).select_related("org_unit")
    if filters.query:
        q = filters.query.strip()
        qs = qs.filter(uscc=q.upper()) if len(q) == 18 else qs.filter(name__icontains=q)
    if filters.county:
        qs = qs.filter(org_unit__path__contains=f"/{filters.county}/")
    if filters.category:
        qs = qs.filter(industry_code__in=policy_in_force().category_classes(filters.category))
    if filters.year:
        reports = AnnualReport.objects.filter(enterprise=OuterRef("pk"), year=filters.year)
        qs = qs.annotate(
            gross_output=Subquery(reports.values("gross_output")[:1]),
            main_revenue=Subquery(reports.values("main_revenue")[:1]),
        )
        if filters.scale:
            above = policy_in_force().above_scale_filter(filters.year)
            qs = qs.filter(**above) if filters.scale == "above" else qs.exclude(**above)
    return qs.order_by("name", "pk")


def enterprise_get(*, user, pk: int) -> Enterprise:
    """The enterprise if ``user`` may see it; 404 otherwise (not 403: existence is not leaked)."""
    return get_object_or_404(Enterprise.objects.restrict(user).select_related("org_unit"), pk=pk)
