"""What the cluster pages and their Excel export show, for one user and region: rows of plain
values, already scoped (``selectors`` does the reading and the scoping)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics.store import StoreMissing
from zhuanxing.core.params import BadParameter
from zhuanxing.orgunits.models import OrgUnit

from . import selectors

CHART_INDUSTRIES = 15  # industries in the location-quotient chart (the largest by output)


@dataclass
class IndustryRow:
    code: str
    label: str
    output: float
    share: float | None  # of the county's output, %
    lq_output: float | None
    lq_employment: float | None
    cluster: bool
    reference_share: float
    industry_mix: float
    local: float


@dataclass
class CountyRow:
    unit: OrgUnit
    label: str
    output: float
    hhi: float | None
    krugman: float | None
    base: float
    change: float
    reference_share: float
    industry_mix: float
    local: float
    clusters: list[tuple[str, str, float]] = field(default_factory=list)  # code, label, LQ
    industries: list[IndustryRow] = field(default_factory=list)


@dataclass
class TownRow:
    unit: OrgUnit
    label: str
    county: str
    code: str | None
    industry: str
    share: float | None  # %


@dataclass
class Related:
    code: str
    label: str
    proximity: float


@dataclass
class OpportunityRow:
    code: str
    label: str
    category: str
    density: float
    related: list[Related]


@dataclass
class UnitPaths:
    unit: OrgUnit
    label: str
    held: list[tuple[str, str]]  # present industries (code, label), largest first
    opportunities: list[OpportunityRow]


def _bounds(params: dict) -> tuple[int, int] | None:
    span = selectors.years()
    if span is None:
        return None
    first, last = span
    year = params.get("year") or last
    if not first <= year <= last:
        raise BadParameter(_("year: choose a year from %(first)s to %(last)s.") % locals())
    return first, year


def _unit_labels(units) -> dict[str, str]:
    return {u.code: selectors.unit_label(u) for u in units}


def identification_page(user, unit: OrgUnit, params: dict) -> dict:
    """The counties' specialisation and shift-share, the unit's clusters by industry and the
    towns' dominant industries (一镇一品)."""
    try:
        bounds = _bounds(params)
    except StoreMissing:
        bounds = None
    if bounds is None:
        return {"missing": True}
    first, year = bounds
    base = params.get("base") or first
    if not first <= base <= year:
        raise BadParameter(
            _("base: choose a base year from %(first)s to %(year)s.")
            % {"first": first, "year": year}
        )
    found = selectors.identification(year, base)
    config = selectors.settings()
    cut = float(config.cluster_lq_min)
    counties = []
    totals = dict(zip(found.output.regions, found.output.region_totals(), strict=True))
    for county in selectors.counties_of(user, unit):
        code = county.code
        if code not in totals:
            continue
        part = found.shift.get(code)
        row = CountyRow(
            unit=county,
            label=selectors.unit_label(county),
            output=totals[code],
            hhi=found.hhi.get(code),
            krugman=found.krugman.get(code),
            base=part.base if part else 0.0,
            change=part.change if part else 0.0,
            reference_share=part.reference_share if part else 0.0,
            industry_mix=part.industry_mix if part else 0.0,
            local=part.local if part else 0.0,
        )
        for industry in found.output.industries:
            value = found.output.value(code, industry)
            lq = found.lq_output.get((code, industry))
            parts = part.by_industry.get(industry, (0.0, 0.0, 0.0)) if part else (0.0, 0.0, 0.0)
            if not value and not any(parts):
                continue
            line = IndustryRow(
                code=industry,
                label=selectors.industry_label(industry),
                output=value,
                share=value / totals[code] * 100 if totals[code] else None,
                lq_output=lq,
                lq_employment=found.lq_employment.get((code, industry)),
                cluster=lq is not None and lq >= cut,
                reference_share=parts[0],
                industry_mix=parts[1],
                local=parts[2],
            )
            row.industries.append(line)
            if line.cluster:
                row.clusters.append((industry, line.label, lq))
        row.industries.sort(key=lambda r: (-r.output, r.code))
        row.clusters.sort(key=lambda c: (-c[2], c[0]))
        counties.append(row)
    towns = selectors.towns_of(user, unit)
    county_names = _unit_labels(OrgUnit.objects.filter(depth=1))
    town_rows = []
    for town in towns:
        top = found.dominant.get(town.code)
        county_code = town.path.strip("/").split("/")[1]
        town_rows.append(
            TownRow(
                unit=town,
                label=selectors.unit_label(town),
                county=county_names.get(county_code, ""),
                code=top[0] if top else None,
                industry=selectors.industry_label(top[0]) if top else "",
                share=top[1] * 100 if top else None,
            )
        )
    return {
        "missing": False,
        "year": year,
        "base": base,
        "first": first,
        "years": list(range(first, selectors.years()[1] + 1)),
        "level": found.level,
        "cluster_lq_min": cut,
        "counties": counties,
        "detail": counties[0] if len(counties) == 1 else None,
        "towns": town_rows,
        "chart": _identification_chart(counties),
    }


def _identification_chart(counties: list[CountyRow]) -> dict:
    if len(counties) == 1:
        rows = counties[0].industries[:CHART_INDUSTRIES]
        return {
            "kind": "lq",
            "categories": [f"{r.code} {r.label}" for r in rows],
            "series": [
                {
                    "name": _("Location quotient by output"),
                    "data": [_round(r.lq_output) for r in rows],
                },
                {
                    "name": _("Location quotient by employment"),
                    "data": [_round(r.lq_employment) for r in rows],
                },
            ],
            "line": None,
        }
    return {
        "kind": "shift",
        "categories": [c.label for c in counties],
        "series": [
            {"name": _("City share"), "data": [_round(c.reference_share) for c in counties]},
            {"name": _("Industry mix"), "data": [_round(c.industry_mix) for c in counties]},
            {"name": _("Local (competitive)"), "data": [_round(c.local) for c in counties]},
        ],
        "line": None,
    }


def _round(value, places: int = 3):
    return None if value is None else round(value, places)


def paths_page(user, unit: OrgUnit, params: dict) -> dict:
    """The unit's upgrading paths (the emerging industries it is best placed to grow, with the
    related industries it has) and, below a county or the city, each unit's first few."""
    try:
        bounds = _bounds(params)
    except StoreMissing:
        bounds = None
    if bounds is None:
        return {"missing": True}
    _first, year = bounds
    found = selectors.paths(year)
    own = _unit_paths(found, unit) if unit.depth > 0 else None
    if unit.depth == 0:
        children = selectors.counties_of(user, unit)
    elif unit.depth == 1:
        children = [t for t in selectors.towns_of(user, unit) if t.depth == 2]
    else:
        children = []
    rows = [_unit_paths(found, child) for child in children]
    config = selectors.settings()
    policy = analytics.policy()
    groups = [g for g in config.candidate_groups]
    return {
        "missing": False,
        "year": year,
        "years": list(range(_first, selectors.years()[1] + 1)),
        "own": own,
        "children": [r for r in rows if r.held or r.opportunities],
        "threshold": float(config.presence_rca_min),
        "candidates": len(found.candidates),
        "categories": (", " if analytics.english() else "、").join(
            _category_name(policy.categories_1244[k])
            for k in policy.categories_1244
            if policy.categories_1244[k].group in groups
        ),
        "chart": _paths_chart(own),
    }


def _category_name(category) -> str:
    return category.name_en if analytics.english() else category.name


def _unit_paths(found, unit: OrgUnit) -> UnitPaths:
    policy = analytics.policy()
    rows = []
    for item in selectors.opportunities(found, unit):
        key = policy.category_1244(item.industry)
        rows.append(
            OpportunityRow(
                code=item.industry,
                label=selectors.industry_label(item.industry),
                category=_category_name(policy.categories_1244[key]) if key else "",
                density=item.density,
                related=[Related(q, selectors.industry_label(q), f) for q, f in item.related],
            )
        )
    held = [(q, selectors.industry_label(q)) for q in selectors.held(found, unit)]
    return UnitPaths(unit, selectors.unit_label(unit), held, rows)


def _paths_chart(own: UnitPaths | None) -> dict:
    if own is None or not own.opportunities:
        return {}
    rows = own.opportunities
    return {
        "kind": "density",
        "categories": [f"{r.code} {r.label}" for r in rows],
        "series": [{"name": _("Relatedness density"), "data": [_round(r.density) for r in rows]}],
    }
