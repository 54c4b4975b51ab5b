"""Reads for the monitoring pages, the report and the CLI, scoped by the user."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics.store import build_info
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.policy.active import policy_in_force

from .models import PriceIndex
from .monthly import monthly_analysis, targets_at_risk
from .operation import operation
from .warnings import county_warnings, enterprise_warnings


def latest_month() -> str | None:
    info = build_info(analytics.store_path())
    return info.get("last_month") or None


def context(
    *, user, month: str, region_code: str | None = None, with_analysis: bool = False
) -> dict:
    """Everything the page, the report and the workbook show for ``month``, for ``user``;
    ``with_analysis``: also the bureau's analysis (``monthly.py``; the warnings list and the
    cockpit's counts do without it)."""
    unit = analytics.region_for(user, region_code)
    return context_for(unit, month, with_analysis=with_analysis)


def context_for(unit: OrgUnit, month: str, *, with_analysis: bool = True) -> dict:
    """The same for ``unit`` (already checked against whoever asks: everything under it is in
    scope; the city's own figures are public and serve as the comparison)."""
    trend = settings.ZHUANXING["TREND_MONTHS"]
    op = analytics.store_memo(
        "operation", (unit.code, month, trend), lambda: operation(unit, month)
    )
    rules = policy_in_force().monitoring
    city = OrgUnit.objects.filter(kind=OrgUnitKind.CITY).first()
    city_op = (
        op
        if unit == city
        else analytics.store_memo(
            "operation", (city.code, month, trend), lambda: operation(city, month)
        )
    )
    county_codes = set(
        OrgUnit.objects.filter(depth=1, path__startswith=unit.path).values_list("code", flat=True)
    )
    if unit.depth > 1:  # a town or park: its county's lag is not its own
        county_codes = set()
    found = analytics.store_memo(
        "enterprise_warnings",
        (unit.path, month),
        lambda: enterprise_warnings([unit.path], month, rules),
    ) + [w for w in county_warnings(city_op, rules) if w.subject in county_codes]
    units = {u.code: u.name for u in OrgUnit.objects.filter(depth__lte=1)}
    ids = [int(w.subject) for w in found if w.rule != "county_lagging"]
    names = {str(pk): e.name for pk, e in Enterprise.objects.in_bulk(ids).items()}
    names |= {code: name for code, name in units.items()}
    policy = policy_in_force()
    # Names and texts in the active language (the Word report's job asks in Chinese); the
    # cache of these results is kept per language (analytics.cache).
    categories = {key: c.label for key, c in policy.categories_1244.items()}
    analysis = None
    if with_analysis:
        analysis = monthly_analysis(
            unit,
            month,
            rules=rules,
            county_names=units,
            category_names=categories,
            groups_of={key: c.group for key, c in policy.categories_1244.items()},
        )
        analysis.targets = targets_at_risk(unit, month)
    # Each warning's definition, in the same language.
    language = get_language() or "zh-hans"
    definitions = {rule: rules.definition(rule, month, language) for rule in rules.definitions}
    return {
        "definitions": definitions,
        "unit": unit,
        "op": op,
        "analysis": analysis,
        "warnings": found,
        "county_names": units,
        "category_names": categories,
        "names": names,
    }


def price_indices_key(month: str) -> tuple:
    """What the analysis reads outside the analytics store: the price indices (growth at
    comparable prices; ``monthly.py`` reads them all, a few hundred rows a year). Part of the
    cache key (``analytics.cache``), so an import of indices shows at once although the store
    was not rebuilt."""
    rows = PriceIndex.objects.order_by("month", "division").values_list(
        "month", "division", "value"
    )
    return tuple(rows)
