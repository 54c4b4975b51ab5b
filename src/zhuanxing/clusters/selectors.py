"""Reads for the cluster pages, the export and the CLI: the analytics store's annual facts as
region × industry tables, the measures of ``measures.py`` on them, and the slice a user may see.

The measures are computed on the whole city (the reference of every location quotient, share and
proximity is the city), once per store build (``analytics.selectors.store_memo``); a user then
gets the rows of the units in their scope only. What the city-wide reference reveals to a county
officer is aggregate: a quotient's denominator is the city's industry share, which the officer's
cockpit shows as well.

Facts: ``fact_annual`` of industrial enterprises with a GB/T 4754 class (规上 only when the
policy's ``[clusters] above_scale_only`` says so), summed per county, town/park and class; a
negative sum counts as 0.
"""

from dataclasses import dataclass

from django.http import Http404

from zhuanxing.analytics import selectors as analytics
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.reference import industry

from . import measures

MEASURES = ("gross_output", "employees", "value_added")
COUNTY_KINDS = (OrgUnitKind.COUNTY, OrgUnitKind.ZONE)


def settings():
    return analytics.policy().clusters


def years() -> tuple[int, int] | None:
    span = analytics.years_available()
    return (span[0], span[1]) if span else None


def _facts() -> list[tuple]:
    """(county, town, class, year, gross_output, employees, value_added) sums, whole city."""
    scale = " AND above_scale" if settings().above_scale_only else ""
    sql = (
        "SELECT county_code, town_code, industry_class, year, "
        + ", ".join(f"sum(coalesce({m}, 0))" for m in MEASURES)
        + " FROM fact_annual WHERE industrial AND county_code IS NOT NULL "
        f"AND industry_class IS NOT NULL{scale} GROUP BY ALL"
    )
    return analytics.cursor().execute(sql).fetchall()


def facts() -> list[tuple]:
    return analytics.store_memo("cluster-facts", (), _facts)


def _level_code(class_code: str, level: str) -> str:
    return class_code[:2] if level == "division" else class_code


def table(rows, *, year: int, measure: str, by: str, level: str) -> measures.Table:
    """Regions (``by``: "county" or "town") × industries (``level``) of one measure and year."""
    where = 0 if by == "county" else 1
    column = 4 + MEASURES.index(measure)
    triples = [
        (row[where], _level_code(row[2], level), max(float(row[column]), 0.0))
        for row in rows
        if row[3] == year and row[where]
    ]
    return measures.Table.from_triples(triples)


# --- cluster identification --------------------------------------------------------------------


@dataclass(frozen=True)
class Identification:
    year: int
    base_year: int
    level: str
    lq_output: measures.Cells
    lq_employment: measures.Cells
    output: measures.Table
    hhi: dict
    krugman: dict
    shift: dict  # county → measures.ShiftShare (gross output, base_year → year)
    dominant: dict  # town → (industry, share) | None, by output


def _identify(year: int, base_year: int) -> Identification:
    rows = facts()
    level = settings().identification_level
    output = table(rows, year=year, measure="gross_output", by="county", level=level)
    staff = table(rows, year=year, measure="employees", by="county", level=level)
    base = table(rows, year=base_year, measure="gross_output", by="county", level=level)
    towns = table(rows, year=year, measure="gross_output", by="town", level=level)
    return Identification(
        year=year,
        base_year=base_year,
        level=level,
        lq_output=measures.location_quotients(output),
        lq_employment=measures.location_quotients(staff),
        output=output,
        hhi=measures.herfindahl(output),
        krugman=measures.krugman(output),
        shift=measures.shift_share(base, output),
        dominant=measures.dominant_industries(towns),
    )


def identification(year: int, base_year: int) -> Identification:
    return analytics.store_memo("cluster-identification", (year, base_year),
                                lambda: _identify(year, base_year))  # fmt: skip


# --- relatedness -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    year: int
    towns: measures.Relatedness  # towns and parks × classes, value added: φ is measured here
    counties: measures.Relatedness  # counties × classes, with the towns' φ
    candidates: tuple[str, ...]  # classes of the candidate 1244 groups seen in the city


def candidate_classes(policy, industries) -> tuple[str, ...]:
    groups = set(policy.clusters.candidate_groups)
    out = []
    for code in industries:
        key = policy.category_1244(code)
        if key is not None and policy.categories_1244[key].group in groups:
            out.append(code)
    return tuple(out)


def _paths(year: int) -> Paths:
    rows = facts()
    threshold = float(settings().presence_rca_min)
    towns_table = table(rows, year=year, measure="value_added", by="town", level="class")
    counties_table = table(rows, year=year, measure="value_added", by="county", level="class")
    towns = measures.relatedness(towns_table, threshold)
    # The counties' table has the same classes (every fact row has a county and a town).
    phi = {
        (p, q): towns.phi.get((p, q))
        for p in counties_table.industries
        for q in counties_table.industries
    }
    counties = measures.relatedness(counties_table, threshold, phi=phi)
    candidates = candidate_classes(analytics.policy(), towns_table.industries)
    return Paths(year, towns, counties, candidates)


def paths(year: int) -> Paths:
    return analytics.store_memo("cluster-paths", (year,), lambda: _paths(year))


def opportunities(found: Paths, unit: OrgUnit) -> list[measures.Opportunity]:
    """The candidates the unit does not have, by density (only those with some relatedness:
    density > 0), at most ``[clusters] opportunities``."""
    result = found.counties if unit.kind in COUNTY_KINDS else found.towns
    if unit.code not in result.table.regions:
        return []
    config = settings()
    ranked = measures.opportunities(
        result, unit.code, found.candidates, limit=len(found.candidates), reasons=config.reasons
    )
    # A density of 0: the unit has nothing related to the industry, so no reason to give.
    return [o for o in ranked if o.density > 0][: config.opportunities]


def held(found: Paths, unit: OrgUnit) -> list[str]:
    """The classes the unit has (M = 1), by value added, largest first."""
    result = found.counties if unit.kind in COUNTY_KINDS else found.towns
    present = [q for q in result.table.industries if result.present.get((unit.code, q))]
    return sorted(present, key=lambda q: -result.table.value(unit.code, q))


# --- scope -------------------------------------------------------------------------------------


def region(user, code: str | None) -> OrgUnit:
    """The org unit the page shows, checked against the user (403 for enterprise users, 404
    outside the scope): the city, a county-level unit, or a town/park."""
    unit = analytics.region_for(user, code)
    if unit.depth > 2:
        raise Http404("no cluster figures below towns")
    return unit


def counties_of(user, unit: OrgUnit) -> list[OrgUnit]:
    """The county-level units the page lists: the city's, or the unit itself."""
    if unit.kind in COUNTY_KINDS:
        return [unit]
    if unit.depth == 0:
        return list(OrgUnit.objects.restrict(user).filter(kind__in=COUNTY_KINDS, depth=1))
    return []


def towns_of(user, unit: OrgUnit) -> list[OrgUnit]:
    """Towns and parks at or under the unit (depth 2), in the user's scope."""
    found = OrgUnit.objects.restrict(user).filter(path__startswith=unit.path, depth=2)
    return list(found.order_by("path"))


def choices(user) -> list[OrgUnit]:
    """The units the region selector offers: the user's scope down to towns."""
    return list(OrgUnit.objects.restrict(user).filter(depth__lte=2).order_by("path"))


def industry_label(code: str) -> str:
    found = industry.get(code)
    return found.name if found else code


def unit_label(unit: OrgUnit) -> str:
    return (unit.name_en or unit.name) if analytics.english() else unit.name
