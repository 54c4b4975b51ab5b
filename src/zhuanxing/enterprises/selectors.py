"""Reads of the enterprise registry. Every function takes the user and scopes by role."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zhuanxing.accounts.access import Action
from zhuanxing.core.memo import table_version
from zhuanxing.policy.active import policy_in_force

from .models import Enterprise


@dataclass(frozen=True)
class EnterpriseFilter:
    query: str = ""
    county: str = ""  # code of a county-level unit (county, district or zone)
    category: str = ""  # a 1244 category key of the policy


def enterprise_list(
    *, user, filters: EnterpriseFilter, action: Action = Action.VIEW
) -> QuerySet[Enterprise]:
    qs = Enterprise.objects.restrict(user, action).select_related("org_unit")
    if filters.query:
        q = filters.query.strip()
        qs = qs.filter(uscc=q.upper()) if len(q) == 18 else qs.filter(name__icontains=q)
    if filters.county:
        qs = qs.filter(org_unit__path__contains=f"/{filters.county}/")
    if filters.category:
        qs = qs.filter(industry_code__in=policy_in_force().category_classes(filters.category))
    return qs.order_by("name", "pk")


def enterprise_get(*, user, pk: int, action: Action = Action.VIEW) -> Enterprise:
    """The enterprise if ``user`` may take ``action`` on it; 404 otherwise (not 403: existence
    is not leaked)."""
    return get_object_or_404(
        Enterprise.objects.restrict(user, action).select_related("org_unit"), pk=pk
    )


def registry_version() -> tuple:
    """A cheap data version of the registry: its history's latest id and date (every save,
    import or deletion of a firm writes a history row). The key of results that read the
    firms' industries or org units (``core.memo``)."""
    return table_version(
        Enterprise.history.all(), changed="history_date", last="history_id", count=False
    )
