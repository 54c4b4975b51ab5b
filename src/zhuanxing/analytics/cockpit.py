"""The cockpit (领导驾驶舱): target cards, 1244 structure, counties side by side, map data.

All of it comes from one engine query: the target indicators plus the structure indicators, by
year, for the region and the units one level down, by 1244 category.
"""

from django.utils.translation import gettext as _

from zhuanxing.core.figures import format_number
from zhuanxing.policy.vocabulary import BUSINESS_MODES

from . import selectors, targets
from .structure import STRUCTURE, share

STATUS_LABELS = {
    targets.MET: ("Met", "met"),
    targets.ON_TRACK: ("On track", "on-track"),
    targets.AT_RISK: ("At risk", "at-risk"),
    targets.TOO_FEW_YEARS: ("Too few years", "too-few"),
    targets.OFF_TRACK: ("Off track", "off-track"),
    targets.NO_DATA: ("No data", "no-data"),
}


def status_label(status: str) -> str:
    labels = {
        targets.MET: _("Met"),
        targets.ON_TRACK: _("On track"),
        targets.AT_RISK: _("At risk"),
        targets.TOO_FEW_YEARS: _("Too few years"),
        targets.OFF_TRACK: _("Off track"),
        targets.NO_DATA: _("No data"),
    }
    return labels[status]


def target_reason(ev: targets.Evaluation, rule, indicator) -> str:
    """Why a target is off track although this year may meet it: the earlier year that broke
    an "every year" rule, and by how much (e.g. "2010年同比上升16.6%"); "" otherwise."""
    if ev.status != targets.OFF_TRACK or ev.broken_in is None:
        return ""
    if rule.kind == "direction" and ev.broken_pct is not None:
        text = (
            _("%(year)s: up %(pct)s%% year on year")
            if ev.broken_pct >= 0
            else _("%(year)s: down %(pct)s%% year on year")
        )
        return text % {"year": ev.broken_in, "pct": f"{abs(ev.broken_pct):.1f}"}
    if ev.broken_change is None:
        return ""
    unit = _("points") if indicator.unit == "%" else indicator.unit_label
    step = getattr(rule, "per_year", 0)
    return _("%(year)s: %(change)s %(unit)s on the year before, %(step)s %(unit)s required") % {
        "year": ev.broken_in,
        "change": f"{ev.broken_change:+.2f}",
        "step": f"{float(step):+.2f}",
        "unit": unit,
    }


def target_indicators(policy) -> list[str]:
    keys: list[str] = []
    for target in policy.targets:
        keys += [k for k in target.indicators if k not in keys]
    return keys


def series_of(rows, key: str, org=None) -> dict[int, float | None]:
    """{year: value} of ``key`` for the region total (``org`` None) or one org unit."""
    out = {}
    for row in rows:
        if not row.category_total:
            continue
        if (org is None and row.org_total) or (org is not None and row.org == org):
            out[int(row.period)] = row.cells[key].value
    return out


def evaluate_targets(
    policy, rows, year: int, org=None, is_city: bool = True, same_firms: bool = False
) -> list[dict]:
    """One entry per target that applies: its indicators' evaluations for the region (``org``
    None; ``is_city`` when the region is the city) or one unit below it. ``same_firms``: the
    rows count one population in every year, so no trend crosses a change of the 规上 line."""
    info = policy.info
    cards = []
    for target in policy.targets:
        parts = []
        for key in target.indicators:
            if not targets.applies(target.rule, policy.indicators[key], org is None and is_city):
                continue
            series = series_of(rows, key, org)
            ev = targets.evaluate(
                target.rule, series, year, target.year, info.plan_from_year,
                () if same_firms else targets.scale_changes(policy, policy.indicators[key]),
            )  # fmt: skip
            parts.append(
                {"key": key, "indicator": policy.indicators[key], "series": series, "ev": ev}
            )
        if not parts:
            continue
        status = targets.worst(p["ev"].status for p in parts)
        cards.append({"target": target, "parts": parts, "status": status})
    return cards


def progress_pct(ev: targets.Evaluation, rule) -> float | None:
    """How far along the bar is: value / target for threshold-like rules (capped at 100)."""
    if ev.value is None or ev.target is None or rule.kind not in ("threshold", "relative_to_base"):
        return None
    if ev.target <= 0:
        return None
    return max(0.0, min(100.0, ev.value / ev.target * 100))


def cockpit(user, unit, year: int | None = None, same_firms: bool = False) -> dict:
    """The cockpit of ``unit`` as of ``year``. ``same_firms``: the trends count, in every year,
    the firms 规上 (规下) in ``year`` (engine.Query.population_year)."""
    policy = selectors.policy()
    span = selectors.years_available()
    if span is None:
        return {"unit": unit, "empty": True}
    first, last, _month = span
    year = min(max(year or last, first), last)
    level = selectors.CHILD_LEVEL.get(unit.depth)
    keys = target_indicators(policy)
    req = selectors.Request(
        unit=unit, level=level, breakdown="category_1244", industry=None, kind="year",
        start=first, end=last, indicators=tuple(keys),
        population_year=year if same_firms else None,
    )  # fmt: skip
    rows = selectors.run(req, extra=STRUCTURE, cross=False)
    cards = []
    is_city = unit.depth == 0
    for card in evaluate_targets(policy, rows, year, is_city=is_city, same_firms=same_firms):
        for part in card["parts"]:
            ev = part["ev"]
            part["progress"] = progress_pct(ev, card["target"].rule)
            part["label"] = selectors.indicator_label(part["key"], part["indicator"])
            part["spark"] = [part["series"].get(y) for y in range(first, last + 1)]
            part["status_label"] = status_label(ev.status)
            part["reason"] = target_reason(ev, card["target"].rule, part["indicator"])
            part["notes"] = selectors.indicator_notes(part["indicator"])
        card["status_label"] = status_label(card["status"])
        card["css"] = STATUS_LABELS[card["status"]][1]
        cards.append(card)

    years = list(range(first, last + 1))
    structure = _structure(policy, rows, years)
    units = sorted({r.org for r in rows if not r.org_total and r.org})
    names = selectors.unit_names(units)
    counties = []
    for code in units:
        values = {}
        for row in rows:
            if row.org == code and row.category_total and row.period == str(year):
                values = {k: row.cells[k].value for k in keys}
        statuses = {
            c["target"].key: c["status"]
            for c in evaluate_targets(
                policy, rows, year, org=code, is_city=False, same_firms=same_firms
            )
        }
        counties.append({"code": code, "name": names.get(code, code), "values": values,
                         "statuses": statuses})  # fmt: skip
    names_by_code = {c["code"]: c["name"] for c in counties}
    chart = {
        "years": years,
        "structure": structure,
        "labels": {"heavy": _("Heavy industry (approximate)"), "light": _("Light industry"),
                   "share": _("share of output, %"), "output": _("100 million yuan")},
        "year": year,
        "decimals": {k: policy.indicators[k].decimals for k in keys},
        "map": {
            k: [{"name": c["code"], "label": names_by_code[c["code"]], "value": c["values"].get(k),
                 "text": format_number(c["values"].get(k), policy.indicators[k].decimals)}
                for c in counties]
            for k in keys
        },
    }  # fmt: skip
    return {
        "cockpit_json": chart,
        "unit": unit,
        "year": year,
        "years": years,
        "level": level,
        "cards": cards,
        "same_firms": same_firms,
        "scale_break": any(p["ev"].scale_break for c in cards for p in c["parts"]),
        "structure": structure,
        "counties": counties,
        "indicators": [
            {
                "key": k,
                "label": selectors.indicator_label(k, policy.indicators[k]),
                "unit": policy.indicators[k].unit_label,
                "decimals": policy.indicators[k].decimals,
            }
            for k in keys
        ],  # fmt: skip
        "empty": False,
    }


def _structure(policy, rows, years: list[int]) -> dict:
    totals = {int(r.period): r for r in rows if r.org_total and r.category_total}
    by_cat: dict[str, dict[int, object]] = {}
    for row in rows:
        if row.org_total and not row.category_total:
            by_cat.setdefault(row.category, {})[int(row.period)] = row
    series = []
    for key, category in policy.categories_1244.items():
        if category.group == "producer_services":
            continue  # a services category: not in industrial output
        cells = by_cat.get(key, {})
        output = [cells[y].cells["output_100m"].value if y in cells else None for y in years]
        va = [cells[y].cells["value_added_100m"].value if y in cells else None for y in years]
        whole = [totals[y].cells["output_100m"].value if y in totals else None for y in years]
        series.append(
            {
                "key": key,
                "name": category.name_en if selectors.english() else category.name,
                "group": category.group,
                "output": output,
                "value_added": va,
                "share": [share(o, w) for o, w in zip(output, whole, strict=True)],
            }
        )

    def total(key):
        return [totals[y].cells[key].value if y in totals else None for y in years]

    return {
        "categories": series,
        "heavy": total("heavy_output_100m"),
        "light": total("light_output_100m"),
        "modes": {m: total(f"mode_{m.lower()}_share") for m in BUSINESS_MODES},
    }


# The query parameters the cockpit reads (``forms.YearParams``).
PARAMS = ("region", "year", "level", "firms")


def checked_params(user, params) -> tuple[dict, object]:
    """The cockpit's parameters (``region``, ``year``, ``firms``) checked against ``user``: the
    parsed values and the org unit. BadParameter (400) for a malformed or unbounded year, 403
    for an enterprise user, 404 for a region outside the user's scope."""
    from .forms import YearParams

    checked = YearParams.parse(params)
    return checked, selectors.region_for(user, checked["region"] or None)


def cockpit_page(user, params) -> dict:
    """The cockpit page's context for ``params`` (the query string: ``region``, ``year``): the
    analytics app's cockpit and the web home page render the same.

    The figures and the rendered body (``body``) are computed once per scope, region, year,
    language and store build, then served from the cache (``analytics.cache``): the region is
    checked against the user first, on every request."""
    from django.template.loader import render_to_string

    from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind

    from . import cache
    from .store import StoreMissing

    checked, unit = checked_params(user, params)
    regions = (
        OrgUnit.objects.restrict(user)
        .filter(kind__in=(OrgUnitKind.CITY, OrgUnitKind.COUNTY, OrgUnitKind.ZONE))
        .order_by("path")
    )

    def compute() -> dict:
        try:
            context = cockpit(user, unit, checked["year"], same_firms=same_firms)
        except StoreMissing:
            context = {"unit": unit, "empty": True}
        context["regions"] = list(regions)
        context["high_tech_scope"] = selectors.high_tech_scope()
        context["body"] = render_to_string("analytics/_cockpit_body.html", context)
        return _detached(context)

    same_firms = checked["firms"] == "same"
    key = (unit.code, checked["year"], same_firms)
    context = dict(cache.cached("cockpit", user, key, compute))
    context["unit"] = unit
    context["regions"] = regions
    # The way back up (city › county › town or park), through the units the user may open.
    reachable = OrgUnit.objects.restrict(user).values_list("pk", flat=True)
    context["crumbs"] = (
        list(unit.ancestors().exclude(pk=unit.pk).filter(pk__in=reachable)) if unit else []
    )
    return _attached(context)


def _detached(context: dict) -> dict:
    """What the cache keeps: the rendered body and the figures, with the policy's targets and
    indicators as keys (unpickling the policy objects cost more than the rest of a cached page)
    and without the unit and region list (the page is rendered already)."""
    context = {k: v for k, v in context.items() if k not in ("unit", "regions")}
    for card in context.get("cards", []):
        card["target"] = card["target"].key
        for part in card["parts"]:
            part["indicator"] = part["key"]
    return context


def _attached(context: dict) -> dict:
    policy = selectors.policy()
    targets = {t.key: t for t in policy.targets}
    for card in context.get("cards", []):
        if isinstance(card["target"], str):
            card["target"] = targets[card["target"]]
        for part in card["parts"]:
            if isinstance(part["indicator"], str):
                part["indicator"] = policy.indicators[part["indicator"]]
    return context
