"""Reads of the evaluation app. Every function takes the user and scopes by role."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from zhuanxing.accounts.access import Action, sees_whole_city
from zhuanxing.analytics import cache as analytics_cache
from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics import targets as rules
from zhuanxing.analytics.assessment_scoring import county_targets
from zhuanxing.analytics.cockpit import STATUS_LABELS, status_label
from zhuanxing.analytics.store import StoreMissing
from zhuanxing.core.memo import table_version
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.orgunits.selectors import county_units
from zhuanxing.policy.evaluation import Evaluation
from zhuanxing.reporting.models import AnnualReport, counted_statuses

from .data import firm_year, read_year
from .models import (
    BackwardCapacityBatch,
    BackwardCapacityEntry,
    BackwardStatus,
    EnvironmentalRecord,
    EvaluationResult,
    EvaluationRun,
    RunStatus,
)
from .simulation import CITY, Sums, assessment_effect, indicator_after, simulate


def method_of(run: EvaluationRun) -> Evaluation:
    """The method a run used (kept with the run, so a later policy change does not alter it)."""
    return Evaluation.model_validate(run.method)


def class_minimums(run: EvaluationRun, population: str) -> dict[str, Decimal]:
    """The lowest total of each class in a run's population (what it takes to be in it)."""
    rows = (
        EvaluationResult.objects.filter(run=run, population=population, excluded_reason="")
        .values("klass")
        .annotate(low=Min("total"))
    )
    return {r["klass"]: r["low"] for r in rows}


def published_classes(year: int) -> dict[int, str] | None:
    """Each graded enterprise's class in the year's published run (the latest published, should
    there be more than one); ``None`` when no run of the year is published. Not scoped: the
    reader behind ``analytics.efficiency_classes.published_classes``, whose callers scope."""
    run = (
        EvaluationRun.objects.filter(year=year, status=RunStatus.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )
    if run is None:
        return None
    return dict(
        EvaluationResult.objects.filter(run=run)
        .exclude(klass="")
        .values_list("enterprise_id", "klass")
    )


def run_distribution(*, user, run: EvaluationRun, policy) -> dict:
    """``distribution``, kept per scope and language for a published run (frozen: its results
    never change; 0.3 s of counting at the province tier); a draft's is counted every time."""
    if run.status != RunStatus.PUBLISHED:
        return distribution(user=user, run=run, policy=policy)
    return analytics_cache.cached(
        "evaluation-distribution", user, (run.pk, run.status),
        lambda: distribution(user=user, run=run, policy=policy),
    )  # fmt: skip


def published_version(year: int) -> tuple:
    """The year's published runs as a data version (count, latest publication, largest id):
    publishing a run, which supersedes the earlier one, changes it; a published run's results
    never change."""
    return table_version(
        EvaluationRun.objects.filter(year=year, status=RunStatus.PUBLISHED), changed="published_at"
    )


def run_list(*, user) -> QuerySet[EvaluationRun]:
    return EvaluationRun.objects.restrict(user).select_related("created_by")


def run_get(*, user, pk: int) -> EvaluationRun:
    return get_object_or_404(EvaluationRun.objects.restrict(user), pk=pk)


def results(
    *, user, run: EvaluationRun, action: Action = Action.VIEW
) -> QuerySet[EvaluationResult]:
    return (
        EvaluationResult.objects.restrict(user, action)
        .filter(run=run)
        .select_related("enterprise", "enterprise__org_unit")
    )


@dataclass(frozen=True)
class ResultFilter:
    """The ranked list's filters (a validated ``ResultFilterForm``)."""

    population: str = "above_scale"
    county: str = ""  # code of a county-level unit
    klass: str = ""
    query: str = ""


def result_list(
    *, user, run: EvaluationRun, filters: ResultFilter | None, action: Action = Action.VIEW
) -> QuerySet[EvaluationResult]:
    """A run's results in the user's scope, filtered, graded firms by rank then the excluded.
    ``filters=None`` (a filter form that did not validate) gives no rows, never the whole list."""
    rows = results(user=user, run=run, action=action)
    if filters is None:
        return rows.none()
    rows = rows.filter(population=filters.population or "above_scale")
    if filters.county:
        rows = rows.filter(enterprise__org_unit__path__contains=f"/{filters.county}/")
    if filters.klass:
        rows = rows.filter(klass=filters.klass)
    if filters.query:
        rows = rows.filter(enterprise__name__icontains=filters.query)
    return rows.order_by("excluded_reason", "rank", "enterprise__name")


def backward_batches(*, user) -> QuerySet[BackwardCapacityBatch]:
    """Backward-capacity batches holding at least one enterprise the user may see (a batch is
    city-wide; its entries are scoped)."""
    return BackwardCapacityBatch.objects.restrict(user).select_related("run")


def backward_batch_get(*, user, pk: int | None) -> BackwardCapacityBatch | None:
    """The batch ``pk`` if the user may see it, else the newest they may; None when none."""
    batches = backward_batches(user=user)
    if pk is not None:
        return get_object_or_404(batches, pk=pk)
    return batches.first()


BACKWARD_SORTS = {
    "name": ("enterprise__name", "pk"),
    "org": ("enterprise__org_unit__path", "enterprise__name", "pk"),
    "status": ("status", "enterprise__name", "pk"),
}


@dataclass(frozen=True)
class BackwardFilter:
    county: str = ""  # code of a county-level unit
    status: str = ""
    query: str = ""  # part of the name


def backward_entries(
    *, user, batch: BackwardCapacityBatch, filters: BackwardFilter | None = None,
    order: list[str] | None = None, action: Action = Action.VIEW,
) -> QuerySet[BackwardCapacityEntry]:  # fmt: skip
    filters = filters or BackwardFilter()
    rows = (
        BackwardCapacityEntry.objects.restrict(user, action)
        .filter(batch=batch)
        .select_related("enterprise", "enterprise__org_unit")
    )
    if filters.county:
        rows = rows.filter(enterprise__org_unit__path__contains=f"/{filters.county}/")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.query:
        rows = rows.filter(enterprise__name__icontains=filters.query)
    return rows.order_by(*(order or BACKWARD_SORTS["name"]))


def backward_entry_get(*, user, pk: int, action: Action = Action.VIEW) -> BackwardCapacityEntry:
    return get_object_or_404(BackwardCapacityEntry.objects.restrict(user, action), pk=pk)


def simulation_selection(
    *, user, run: EvaluationRun, selection: str, klass: str, codes, population: str = ""
) -> set:
    """The enterprise ids a what-if acts on: a class of the run in one population (规上 or 规下;
    "" both), or a list of credit codes — only enterprises the user may see (the city figures
    still include the rest)."""
    visible = Enterprise.objects.restrict(user)
    if selection == "class":
        chosen = run.results.filter(klass=klass, enterprise__in=visible)
        if population:
            chosen = chosen.filter(population=population)
        return set(chosen.values_list("enterprise_id", flat=True))
    return set(visible.filter(uscc__in=codes).values_list("pk", flat=True))


def distribution(*, user, run: EvaluationRun, policy) -> dict:
    """Class counts by county-level unit and by 1244 category, within the user's scope."""
    classes = method_of(run).class_names
    units = county_units(user)
    by_county: dict[str, Counter] = defaultdict(Counter)
    by_category: dict[str, Counter] = defaultdict(Counter)
    rows = results(user=user, run=run).filter(excluded_reason="").order_by()
    # Counted in the database (a few hundred groups), not row by row over the whole city.
    by_path = rows.values_list("klass", "enterprise__org_unit__path").annotate(n=Count("pk"))
    for klass, path, n in by_path:
        for unit in units:
            if path.startswith(unit.path):
                by_county[unit.code][klass] += n
    by_code = rows.values_list("klass", "enterprise__industry_code").annotate(n=Count("pk"))
    for klass, code, n in by_code:
        by_category[policy.category_1244(code) or ""][klass] += n
    categories = [(key, c.name) for key, c in policy.categories_1244.items()] + [("", None)]
    return {
        "classes": classes,
        "counties": [(u, [by_county[u.code][k] for k in classes]) for u in units],
        "categories": [
            (name, [by_category[key][k] for k in classes])
            for key, name in categories
            if sum(by_category[key].values())
        ],
        "totals": [sum(by_county[u.code][k] for u in units) for k in classes],
    }


def class_history(*, user, enterprise: Enterprise) -> list[EvaluationResult]:
    """The enterprise's results in published runs, newest first."""
    return list(
        EvaluationResult.objects.restrict(user)
        .filter(enterprise=enterprise, run__status=RunStatus.PUBLISHED)
        .select_related("run")
        .order_by("-run__year")
    )


@dataclass(frozen=True)
class AuditCandidate:
    enterprise: Enterprise
    reasons: list[str]
    cycle_years: int
    due: date


CLEAN_PRODUCTION_REASONS = (
    "over_discharge_standard", "over_load_limit", "toxic_substances", "energy_per_product",
    "mandatory_industry",
)  # fmt: skip
CLEAN_PRODUCTION_SORTS = {
    "name": ("name", "pk"),
    "org": ("org_unit__path", "name", "pk"),
    "industry": ("industry_code", "name", "pk"),
}


@dataclass(frozen=True)
class CleanProductionFilter:
    county: str = ""  # code of a county-level unit
    reason: str = ""  # one of CLEAN_PRODUCTION_REASONS
    query: str = ""  # part of the name


def _environmental_grounds(year: int, rule) -> Q:
    """Any environmental ground, as a condition on the year's EnvironmentalRecord."""
    found = Q(over_discharge_standard=True) | Q(over_load_limit=True)
    if year >= rule.energy_limit_from_year:
        found |= Q(energy_per_product__gt=F("energy_per_product_limit"))
    return Q(year=year) & found


def _clean_production_grounds(year: int, rule) -> dict[str, Q]:
    """Each ground of a mandatory audit as a condition on Enterprise. The environmental grounds
    read one small subquery each (``pk IN (…)``, evaluated once), not a subquery per firm."""
    env = EnvironmentalRecord.objects.filter(year=year)
    none = Q(pk__in=[])
    mandatory = none
    for code in rule.mandatory_classes:
        mandatory |= Q(industry_code__startswith=code)
    over_energy = env.filter(energy_per_product__gt=F("energy_per_product_limit"))
    return {
        "over_discharge_standard": Q(
            pk__in=env.filter(over_discharge_standard=True).values("enterprise_id")
        ),
        "over_load_limit": Q(pk__in=env.filter(over_load_limit=True).values("enterprise_id")),
        "toxic_substances": Q(uses_toxic_substances=True),
        "energy_per_product": Q(pk__in=over_energy.values("enterprise_id"))
        if year >= rule.energy_limit_from_year
        else none,
        "mandatory_industry": mandatory,
    }


def clean_production_queryset(
    *, user, year: int, policy, filters: CleanProductionFilter | None = None,
    order: list[str] | None = None, action: Action = Action.VIEW,
) -> QuerySet[Enterprise]:  # fmt: skip
    """Enterprises due a mandatory clean-production audit on ``year``'s data, in the user's
    scope: a counted annual report for the year and at least one ground (over discharge
    standards or load limits, users of toxic substances, energy per unit product over the
    limit, or in an industry the city audits regardless). One query for a page or a count;
    ``audit_candidates`` names the grounds of the rows shown."""
    rule = policy.evaluation.clean_production
    if rule is None or not year:
        return Enterprise.objects.none()
    filters = filters or CleanProductionFilter()
    grounds = _clean_production_grounds(year, rule)
    # Correlated EXISTS on the (enterprise, year) key: the scope's enterprises drive the query
    # (``pk IN (the year's reports)`` walked the whole city's reports for a county).
    reported = AnnualReport.objects.filter(
        enterprise=OuterRef("pk"), year=year, status__in=counted_statuses()
    )
    if filters.reason:
        wanted = grounds[filters.reason]
    else:
        # Any ground: the environmental ones in one subquery (one pass over the year's
        # records, not one per ground).
        env = _environmental_grounds(year, rule)
        wanted = Q(pk__in=EnvironmentalRecord.objects.filter(env).values("enterprise_id"))
        wanted |= grounds["toxic_substances"] | grounds["mandatory_industry"]
    rows = (
        Enterprise.objects.restrict(user, action)
        .filter(wanted)
        .filter(Exists(reported))
        .select_related("org_unit")
    )
    if filters.county:
        rows = rows.filter(org_unit__path__contains=f"/{filters.county}/")
    if filters.query:
        rows = rows.filter(name__icontains=filters.query)
    return rows.order_by(*(order or CLEAN_PRODUCTION_SORTS["org"]))


def audit_candidates(enterprises, *, year: int, policy) -> list[AuditCandidate]:
    """Rows of ``clean_production_queryset`` with their grounds, cycle and due date (one query
    for the environmental records of these rows): first audit due by the end of the next year
    [assumed]; the cycle by industry (heavy metals, over-capacity, other)."""
    rule = policy.evaluation.clean_production
    enterprises = list(enterprises)
    records = {
        r.enterprise_id: r
        for r in EnvironmentalRecord.objects.filter(
            year=year, enterprise_id__in=[e.pk for e in enterprises]
        )
    }
    out = []
    for enterprise in enterprises:
        code, record = enterprise.industry_code, records.get(enterprise.pk)
        found = {
            "over_discharge_standard": bool(record and record.over_discharge_standard),
            "over_load_limit": bool(record and record.over_load_limit),
            "toxic_substances": enterprise.uses_toxic_substances,
            "energy_per_product": bool(
                record
                and year >= rule.energy_limit_from_year
                and record.energy_per_product is not None
                and record.energy_per_product_limit is not None
                and record.energy_per_product > record.energy_per_product_limit
            ),
            "mandatory_industry": any(code.startswith(c) for c in rule.mandatory_classes),
        }
        reasons = [r for r in CLEAN_PRODUCTION_REASONS if found[r]]
        if any(code.startswith(c) for c in rule.heavy_metal_classes):
            cycle = rule.cycle_years_heavy_metals
        elif any(code.startswith(c) for c in rule.overcapacity_classes):
            cycle = rule.cycle_years_overcapacity
        else:
            cycle = rule.cycle_years_other
        out.append(AuditCandidate(enterprise, reasons, cycle, date(year + 1, 12, 31)))
    return out


def clean_production_list(*, user, year: int, policy) -> list[AuditCandidate]:
    """Every candidate of ``clean_production_queryset``, by org unit then name."""
    rows = clean_production_queryset(user=user, year=year, policy=policy)
    return audit_candidates(rows, year=year, policy=policy)


def result_indicator_rows(result: EvaluationResult, method) -> list[dict]:
    """The result's indicators with names and units from the run's method."""
    population = method[result.population]["indicators"]
    meta = {i["key"]: i for i in population}
    rows = []
    for item in result.indicators:
        info = meta.get(item["key"], {})
        rows.append(
            {
                **item,
                "name": info.get("name", item["key"]),
                "name_en": info.get("name_en", item["key"]),
                "unit": info.get("unit", ""),
                "share": Decimal(item["score"]) / Decimal(item["weight"]) * 100,
            }
        )
    return rows


# Value added per mu over the region statistics (all industry, all industrial land): the figure a
# plot kept on the books until it is re-let weighs on.
REGION_VA_PER_MU = "va_per_mu_region"


def _store_sums(year: int, keys: tuple[str, ...]):
    """{region: {indicator: Sums}} for the city ("city") and each county-level unit, and
    {region: {indicator: {year: value}}} up to ``year``; (None, None) without a store."""
    city = OrgUnit.objects.filter(kind=OrgUnitKind.CITY).first()
    try:
        span = analytics.years_available()
        if city is None or span is None:
            return None, None
        req = analytics.Request(city, "county", None, None, "year", span[0], year, keys)
        rows = analytics.run(req, cross=False)
    except StoreMissing:
        return None, None
    sums: dict[str, dict[str, Sums]] = defaultdict(dict)
    series: dict[str, dict[str, dict[int, float | None]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        if not row.category_total or (row.org is None and not row.org_total):
            continue
        region = CITY if row.org_total else row.org
        for key, cell in row.cells.items():
            series[region][key][int(row.period)] = cell.value
            if int(row.period) == year:
                # a ratio whose numerator no row passes is 0 over a known denominator
                numerator = cell.numerator
                if numerator is None and cell.value == 0 and cell.denominator is not None:
                    numerator = 0.0
                sums[region][key] = Sums(cell.value, numerator, cell.denominator)
    return sums, series


def simulation(
    *, user, run: EvaluationRun, policy, selection: str, klass: str, codes, population: str,
    action: str, land: str,
) -> dict:  # fmt: skip
    """The what-if of a run for the user: every region the user may see, before and after —
    the clause-四 figures, what is lost, each target's value and status, and (county-level
    units) the assessment score and rank among all units."""
    dims: dict = {}
    firms = [firm_year(row, policy, dims) for row in read_year(run.year, policy)]
    graded = set(run.results.filter(excluded_reason="").values_list("enterprise_id", flat=True))
    selected = simulation_selection(
        user=user, run=run, selection=selection, klass=klass, codes=codes, population=population
    )
    comparisons = simulate(firms, selected, action, land=land, graded=graded)
    keys = tuple(dict.fromkeys(
        [i.indicator for i in policy.assessment.indicators]
        + [k for t in policy.targets for k in t.indicators]
        + [k for k in (REGION_VA_PER_MU,) if k in policy.indicators]
    ))  # fmt: skip
    sums, series = _store_sums(run.year, keys)
    names = {u.code: u.name for u in county_units(user)}
    visible = [
        c for c in comparisons
        if (c.region == CITY and sees_whole_city(user)) or c.region in names
    ]  # fmt: skip
    assessment = {}
    target_rows: dict[str, list] = {}
    region_mu: dict[str, tuple] = {}
    if sums is not None and REGION_VA_PER_MU in policy.indicators:
        ind = policy.indicators[REGION_VA_PER_MU]
        for c in visible:
            s = sums.get(c.region, {}).get(REGION_VA_PER_MU) or Sums(None, None, None)
            after = indicator_after(ind, s.numerator, s.denominator, c.changes)
            region_mu[c.region] = (s.value, after if c.changes else s.value)
    if sums is not None:
        counties = {k: v for k, v in sums.items() if k != CITY}
        by_unit = {c.region: c.changes for c in comparisons if c.region != CITY}
        assessment = assessment_effect(
            policy.assessment, policy.indicators, counties, county_targets(run.year), by_unit
        )
        for c in visible:
            target_rows[c.region] = _target_rows(
                policy, series.get(c.region, {}), sums.get(c.region, {}), c, run.year
            )
    return {
        "selected": len(selected),
        "comparisons": visible,
        "names": names,
        "store_missing": sums is None,
        "assessment": assessment,
        "targets": target_rows,
        "scheme": [(i, policy.indicators[i.indicator]) for i in policy.assessment.indicators],
        "decimals": {k: ind.decimals for k, ind in policy.indicators.items()},
        "region_mu": region_mu,
    }


def _target_rows(policy, series, sums, comparison, year) -> list[dict]:
    """Each policy target that applies in the region: value and status before and after."""
    out = []
    is_city = comparison.region == CITY
    for target in policy.targets:
        for key in target.indicators:
            ind = policy.indicators[key]
            if not rules.applies(target.rule, ind, is_city):
                continue
            s = sums.get(key) or Sums(None, None, None)
            before_series = dict(series.get(key, {}))
            after_value = (
                indicator_after(ind, s.numerator, s.denominator, comparison.changes)
                if comparison.changes
                else None
            )
            after_series = dict(before_series)
            if comparison.changes:
                after_series[year] = None if after_value is None else float(after_value)
            first = policy.info.plan_from_year
            before = rules.evaluate(target.rule, before_series, year, target.year, first)
            after = rules.evaluate(target.rule, after_series, year, target.year, first)
            out.append(
                {
                    "target": target, "indicator": ind, "key": key,
                    "before": before, "after": after,
                    "before_label": status_label(before.status),
                    "after_label": status_label(after.status),
                    "before_css": STATUS_LABELS[before.status][1],
                    "after_css": STATUS_LABELS[after.status][1],
                    "changed": before.status != after.status,
                }
            )  # fmt: skip
    return out


def latest_published_classes(*, user, year: int) -> tuple[int | None, dict[int, str]]:
    """The latest published evaluation of a year up to ``year``: its year and each graded
    enterprise's class (enterprise id → class; "" when not graded). (None, {}) without one.
    Read by the support app's bank recommendation rules (clause 十七); scoped, unlike
    ``published_classes`` above (one year's run, the reader other apps reach through analytics)."""
    run = (
        EvaluationRun.objects.restrict(user, Action.VIEW)
        .filter(status=RunStatus.PUBLISHED, year__lte=year)
        .order_by("-year", "-published_at", "-pk")
        .first()
    )
    if run is None:
        return None, {}
    classes = (
        EvaluationResult.objects.restrict(user, Action.VIEW)
        .filter(run=run)
        .values_list("enterprise_id", "klass")
    )
    return run.year, dict(classes)


def backward_listed_ids(*, user) -> set[int]:
    """Enterprises on the backward-capacity list now (listed or upgrading, not exited)."""
    return set(
        BackwardCapacityEntry.objects.restrict(user, Action.VIEW)
        .filter(status__in=[BackwardStatus.LISTED, BackwardStatus.UPGRADING])
        .values_list("enterprise_id", flat=True)
    )
