"""Pages of the analytics app: cockpit, indicator explorer, Excel export, JSON records.

Views only parse, scope (through selectors) and render; the numbers come from the engine."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind

from . import cache, export, records, selectors
from . import cockpit as cockpit_data
from . import explorer as explorer_data
from .forms import YearParams
from .store import StoreMissing

PARAM_KEYS = ("region", "level", "breakdown", "industry", "kind", "start", "end")


def _regions(user, kinds):
    return OrgUnit.objects.restrict(user).filter(kind__in=kinds).order_by("path")


@login_required
def cockpit(request):
    """The cockpit, kept whole in the cache (``cache.cached_page``) under the raw parameters.

    The parameters are checked (``checked_params``: 400, 403, 404) whenever the page is
    rendered, and a page is stored only after they passed. A later request is answered from the
    cache only with the same scope, role, parameters, language and store build, for which the
    checks give the same answer: they read only the user's scope and role (in the key), the
    store's year range (the build) and each org unit's code and place in the tree, which are
    fixed once the unit is made. So the cache never answers what the checks would refuse."""
    user = request.user

    def render_page(extra: dict) -> str:
        context = cockpit_data.cockpit_page(user, request.GET) | extra
        return render_to_string("analytics/cockpit.html", context, request)

    raw = tuple(request.GET.get(name) for name in cockpit_data.PARAMS)
    return cache.cached_page(request, "cockpit", raw, render_page)


@login_required
def explorer(request):
    req = explorer_data.parse(request.GET, request.user)
    try:
        periods, blocks = explorer_data.pivot(req)
        missing = False
    except StoreMissing:
        periods, blocks, missing = [], [], True
    policy = selectors.policy()
    query = request.GET.copy()
    context = {
        "req": req,
        "periods": periods,
        "blocks": blocks,
        "empty": missing,
        "indicators": [
            (k, selectors.indicator_label(k, ind), ind.unit_label)
            for k, ind in policy.indicators.items()
        ],
        "regions": _regions(
            request.user,
            kinds=(
                OrgUnitKind.CITY,
                OrgUnitKind.COUNTY,
                OrgUnitKind.ZONE,
                OrgUnitKind.TOWN,
                OrgUnitKind.PARK,
            ),
        ),  # fmt: skip
        "breakdowns": [
            ("", _("None")),
            ("category_1244", _("1244 category")),
            ("high_tech_category", _("High-tech category")),
            ("heavy_industry", _("Heavy / light (approximate)")),
            ("section", _("Industry section")),
            ("division", _("Industry division")),
            ("class", _("Industry class")),
        ],
        "levels": [
            ("", _("Region only")),
            ("county", _("Counties")),
            ("town", _("Towns and parks")),
        ],
        "kinds": [("year", _("Year")), ("month", _("Month")), ("ytd", _("Cumulative to month"))],
        "query": query.urlencode(),
        "chart": _chart(periods, blocks),
        "next_level": explorer_data.NEXT_LEVEL.get(req.level or ""),
        "next_breakdown": explorer_data.NEXT_BREAKDOWN.get(req.breakdown or ""),
    }
    context["high_tech_scope"] = selectors.high_tech_scope()
    return render(request, "analytics/explorer.html", context)


def _chart(periods, blocks) -> dict:
    if not blocks:
        return {}
    block = blocks[0]
    rows = [r for r in block.rows][:12]
    return {
        "periods": periods,
        "unit": block.unit,
        "title": block.label,
        "series": [
            {"name": f"{r.org_label} {r.category_label}".strip(), "data": r.values} for r in rows
        ],
    }


@login_required
def explorer_export(request):
    req = explorer_data.parse(request.GET, request.user)
    try:
        periods, blocks = explorer_data.pivot(req)
    except StoreMissing:
        return redirect(f"{reverse('analytics:explorer')}?{request.GET.urlencode()}")
    scope = f"{req.unit.name} · {req.start}–{req.end}"
    body = export.workbook(
        _("Indicator explorer"), scope, periods, blocks, settings.ZHUANXING["EXPORT_ROW_CAP"]
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="indicators-{req.unit.code}.xlsx"'
    return response


@login_required
def indicators_json(request):
    """The records of ``zhuanxing indicators --json``, scoped to the user."""
    params = YearParams.parse(request.GET)
    unit = selectors.region_for(request.user, params["region"] or None)
    span = selectors.years_available()
    year = params["year"] or (span[1] if span else None)
    level = params["level"] or None
    depth = unit.depth
    if level not in selectors.LEVEL_DEPTH or selectors.LEVEL_DEPTH[level] <= depth:
        level = None
    data = records.cached_records(request.user, unit, year, level) if year else []
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
