"""The checks that need the database: known and in scope, locked periods, and the policy's
comparison rules with last year's figures, the monthly totals and the industry population.

Scoping is security: a county officer may only file for enterprises (and regions) in their
county, an enterprise user only for their own enterprise. For a scoped user an unknown credit
code and one outside the scope get the same message, so the import does not reveal which
enterprises exist elsewhere.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from zhuanxing.accounts import access
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.policy import Policy

from ..models import (
    ENTERPRISE_EDITABLE,
    PERIOD_FIELD,
    REPORT_MODELS,
    MonthlyReport,
    PeriodLock,
    ReportStatus,
    ReportUnlock,
)
from .checks import Batch, _rule
from .rules import Frame, Population, compile_rule, needed_lookups, population_fields, to_array


@dataclass
class Resolved:
    """What the checks found out about each row, for the commit: whose row it is."""

    owner_ids: list[int | None] = field(default_factory=list)  # enterprise or org unit id
    periods: list = field(default_factory=list)  # year or "YYYY-MM" per row


def validate_batch(batch: Batch, *, user, policy: Policy) -> Resolved:
    """Run the database checks and comparison rules; problems are added to ``batch``."""
    kind = batch.kind
    if kind in ("annual", "monthly"):
        resolved, industries, land = _resolve_enterprises(batch, user, policy)
        locked_rows(batch, resolved, policy)
        if access.is_enterprise_user(user):
            _not_editable(batch, resolved, policy)
    elif kind == "registry":
        resolved, industries, land = _resolve_registry(batch, user, policy), {}, {}
    else:
        resolved, industries, land = _resolve_regions(batch, user, policy), {}, {}
        if not access.is_city_admin(user):
            # Region statistics feed the targets and the county assessment, and have no review
            # step: only the city's statistics office files them, not the counties assessed.
            rule, importance = _rule(policy.reporting, batch.kind, "in_scope")
            for index, code in enumerate(batch.values.get("org_unit", [])):
                batch.add(rule, importance, index, "org_unit", code)
    _run_rules(batch, resolved, policy, industries, land)
    return resolved


def _owner_problem(batch: Batch, policy: Policy, user, index: int, key: str, known: bool):
    reporting = policy.reporting
    check = "in_scope" if known or not access.sees_whole_city(user) else "uscc_known"
    rule, importance = _rule(reporting, batch.kind, check)
    batch.add(rule, importance, index, key, batch.values[key][index])


def _resolve_enterprises(batch: Batch, user, policy: Policy):
    registry = {
        code: (pk, industry_code, land)
        for code, pk, industry_code, land in Enterprise.objects.values_list(
            "uscc", "id", "industry_code", "land_mu"
        )
    }
    allowed = set(Enterprise.objects.restrict(user).values_list("id", flat=True))
    period_key = PERIOD_FIELD[batch.kind]
    resolved = Resolved(periods=list(batch.values.get(period_key, [None] * len(batch))))
    industries: dict[int, str] = {}
    land: dict[int, float] = {}
    for index, code in enumerate(batch.values.get("uscc", [])):
        if code is None:
            resolved.owner_ids.append(None)
            continue
        found = registry.get(code)
        if found is None or found[0] not in allowed:
            _owner_problem(batch, policy, user, index, "uscc", found is not None)
            resolved.owner_ids.append(None)
            continue
        pk, industry_code, land_mu = found
        resolved.owner_ids.append(pk)
        industries[pk] = industry_code
        if land_mu is not None:
            land[pk] = float(land_mu)
    return resolved, industries, land


def _resolve_regions(batch: Batch, user, policy: Policy) -> Resolved:
    units = dict(OrgUnit.objects.values_list("code", "id"))
    allowed = set(OrgUnit.objects.restrict(user).values_list("id", flat=True))
    resolved = Resolved(periods=list(batch.values.get("year", [None] * len(batch))))
    reporting = policy.reporting
    for index, code in enumerate(batch.values.get("org_unit", [])):
        pk = units.get(code) if code else None
        if code is not None and pk is None and access.sees_whole_city(user):
            rule, importance = _rule(reporting, batch.kind, "org_unit_known")
            batch.add(rule, importance, index, "org_unit", code)
        elif code is not None and (pk is None or pk not in allowed):
            rule, importance = _rule(reporting, batch.kind, "in_scope")
            batch.add(rule, importance, index, "org_unit", code)
            pk = None
        resolved.owner_ids.append(pk)
    return resolved


def _resolve_registry(batch: Batch, user, policy: Policy) -> Resolved:
    """Registry rows: the org unit must be known and in scope, and so must an existing firm."""
    units = _resolve_regions(batch, user, policy)
    existing = dict(Enterprise.objects.values_list("uscc", "id"))
    allowed = set(Enterprise.objects.restrict(user).values_list("id", flat=True))
    resolved = Resolved(periods=[None] * len(batch), owner_ids=units.owner_ids)
    for index, code in enumerate(batch.values.get("uscc", [])):
        pk = existing.get(code)
        # A row whose region is refused is refused on that alone: checking its code as well
        # would answer differently for a code registered elsewhere and an unknown one.
        region_refused = index >= len(units.owner_ids) or units.owner_ids[index] is None
        if pk is not None and pk not in allowed and not region_refused:
            _owner_problem(batch, policy, user, index, "uscc", True)
    return resolved


# What an enterprise may still change itself: the web form's rule, applied to imports too.


def _not_editable(batch: Batch, resolved: Resolved, policy: Policy) -> None:
    """An enterprise cannot overwrite a report it has submitted or the county has approved."""
    kind = batch.kind
    period_key = PERIOD_FIELD[kind]
    owners = {o for o in resolved.owner_ids if o is not None}
    periods = {p for p in resolved.periods if p is not None}
    if not owners or not periods:
        return
    closed = {
        (owner, str(period))
        for owner, period in REPORT_MODELS[kind]
        .objects.filter(enterprise_id__in=owners, **{f"{period_key}__in": periods})
        .exclude(status__in=ENTERPRISE_EDITABLE)
        .values_list("enterprise_id", period_key)
    }
    rule, importance = _rule(policy.reporting, kind, "not_editable")
    for index, (owner, period) in enumerate(zip(resolved.owner_ids, resolved.periods, strict=True)):
        if (owner, str(period)) in closed:
            batch.add(rule, importance, index, period_key, period)


def locked_rows(batch: Batch, resolved: Resolved, policy: Policy) -> list[int]:
    """Flag rows whose enterprise-period is locked (run again inside the commit's transaction,
    so a period locked between the check and the commit still stops it)."""
    kind = batch.kind
    model = REPORT_MODELS[kind]
    period_key = PERIOD_FIELD[kind]
    periods = {p for p in resolved.periods if p is not None}
    if not periods:
        return []
    locked_periods = set(
        PeriodLock.objects.filter(kind=kind, period__in=[str(p) for p in periods]).values_list(
            "period", flat=True
        )
    )
    unlocked = set(
        ReportUnlock.objects.filter(
            kind=kind, period__in=[str(p) for p in periods], closed_at=None
        ).values_list("enterprise_id", "period")
    )
    locked_reports = set(
        model.objects.filter(
            **{f"{period_key}__in": periods}, status=ReportStatus.LOCKED
        ).values_list("enterprise_id", period_key)
    )
    rule, importance = _rule(policy.reporting, kind, "period_locked")
    flagged = []
    for index, (owner, period) in enumerate(zip(resolved.owner_ids, resolved.periods, strict=True)):
        if owner is None or period is None:
            continue
        opened = (owner, str(period)) in unlocked
        if (
            (owner, period) in locked_reports
            and not opened
            or (str(period) in locked_periods and not opened)
        ):
            batch.add(rule, importance, index, period_key, period)
            flagged.append(index)
    return flagged


# --- comparison rules --------------------------------------------------------------------------


def _run_rules(batch: Batch, resolved: Resolved, policy: Policy, industries, land) -> None:
    rules = [compile_rule(r) for r in policy.reporting.rules_for(batch.kind) if r.check is None]
    if not rules or not len(batch):
        return
    frame = Frame(
        length=len(batch),
        columns={
            key: to_array(values) for key, values in batch.values.items() if _numeric(batch, key)
        },
    )
    if batch.kind == "annual":
        frame.columns["enterprise_land_mu"] = to_array([land.get(o) for o in resolved.owner_ids])
    if batch.kind in REPORT_MODELS:
        for function, name in needed_lookups(rules):
            frame.lookups[(function, name)] = _lookup(batch.kind, function, name, resolved)
        names = population_fields(rules)
        if names and batch.kind != "region":
            frame.population = _population(batch.kind, names, resolved, industries, policy)
    for compiled in rules:
        rule = compiled.rule
        highlight = rule.highlighted or ""
        values = batch.values.get(highlight, [None] * len(batch))
        for index in compiled.violations(frame):
            batch.add(rule.key, rule.importance, index, highlight, values[index])


def _numeric(batch: Batch, key: str) -> bool:
    return batch.template.column(key).type in ("decimal", "integer")


def _previous(kind: str, period):
    if period is None:
        return None
    if kind == "monthly":
        year, month = period.split("-")
        return f"{int(year) - 1:04d}-{month}"
    return period - 1


def _lookup(kind: str, function: str, name: str, resolved: Resolved):
    model = REPORT_MODELS[kind]
    owner_field = "org_unit_id" if kind == "region" else "enterprise_id"
    pairs = list(zip(resolved.owner_ids, resolved.periods, strict=True))
    if function == "last_year":
        wanted = [(o, _previous(kind, p)) for o, p in pairs]
        periods = {p for _, p in wanted if p is not None}
        period_key = PERIOD_FIELD[kind]
        found = {
            (owner, period): value
            for owner, period, value in model.objects.filter(
                **{f"{period_key}__in": periods}
            ).values_list(owner_field, period_key, name)
        }
        return to_array([found.get(pair) for pair in wanted])
    # monthly_total: the sum of a year's months, only when all 12 are in.
    years = {p for _, p in pairs if p is not None}
    totals = {
        (row["enterprise_id"], row["year"]): row["total"]
        for row in MonthlyReport.objects.filter(year__in=years)
        .values("enterprise_id", "year")
        .annotate(months=Count("id"), total=Sum(name))
        if row["months"] == 12
    }
    return to_array([totals.get(pair) for pair in pairs])


def _population(kind, names, resolved: Resolved, industries, policy) -> Population:
    """Reports of other enterprises in the same periods, grouped by industry division."""
    model = REPORT_MODELS[kind]
    period_key = PERIOD_FIELD[kind]
    periods = {p for p in resolved.periods if p is not None}
    mine = set(zip(resolved.owner_ids, resolved.periods, strict=True))
    columns = defaultdict(list)
    groups = []
    rows = model.objects.filter(**{f"{period_key}__in": periods}).values_list(
        "enterprise_id", "enterprise__industry_code", period_key, *sorted(names)
    )
    for owner, industry_code, period, *values in rows:
        if (owner, period) in mine:
            continue
        groups.append(f"{industry_code[:2]}|{period}")
        for name, value in zip(sorted(names), values, strict=True):
            columns[name].append(value)
    batch_groups = [
        f"{industries.get(o, '')[:2]}|{p}" if o is not None else "" for o, p in mine_order(resolved)
    ]
    return Population(
        columns={name: to_array(values) for name, values in columns.items()},
        groups=groups,
        batch_groups=batch_groups,
        min_size=policy.reporting.zscore_min_population,
    )


def mine_order(resolved: Resolved):
    return zip(resolved.owner_ids, resolved.periods, strict=True)
