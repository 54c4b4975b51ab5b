"""Flat indicator records, the shape of ``zhuanxing indicators --json`` and of the JSON API:
``{"indicator", "region", "year", "value", "unit", "target", "status", "firms", "reason",
"approximate", "scope"}``, one per indicator and region (the region itself, then each unit at
``level`` below it).

- ``firms``: how many enterprises' figures enter the value (for a ratio that pairs its sides,
  the firms that report both); None for region statistics;
- ``reason``: why an off-track target whose rule was broken in an earlier year is off track
  ("2010年同比上升16.6%"), else "";
- ``approximate``: the value rests on the heavy/light mapping;
- ``scope``: the high-tech classification, for high-tech indicators, else None.
"""

from . import cockpit, selectors, targets


def cached_records(user, unit, year: int, level: str | None = None) -> list[dict]:
    """``indicator_records`` for a page or the API, cached per scope and store build
    (``analytics.cache``); ``unit`` is already checked against ``user``."""
    from . import cache

    return cache.cached(
        "indicator-records", user, (unit.code, year, level),
        lambda: indicator_records(unit, year, level),
    )  # fmt: skip


def indicator_records(unit, year: int, level: str | None = None) -> list[dict]:
    policy = selectors.policy()
    span = selectors.years_available()
    if span is None:
        return []
    first, last, _m = span
    keys = tuple(policy.indicators)
    req = selectors.Request(unit, level, None, None, "year", first, max(last, year), keys)
    rows = selectors.run(req)
    orgs = [None] + sorted({r.org for r in rows if not r.org_total and r.org})
    by_indicator: dict[str, list] = {}
    for target in policy.targets:
        for key in target.indicators:
            by_indicator.setdefault(key, []).append(target)
    # Each unit's rows once (not a pass over every row per unit and indicator).
    by_org: dict = {org: [] for org in orgs}
    for row in rows:
        if row.category_total:
            by_org.setdefault(None if row.org_total else row.org, []).append(row)
    out = []
    for org in orgs:
        code = unit.code if org is None else org
        own = by_org.get(org, [])
        for key, ind in policy.indicators.items():
            series = cockpit.series_of(own, key, org)
            value = series.get(year)
            firms = _firms(own, key, org, year)
            target_value, status, reason = None, None, ""
            is_city = org is None and unit.depth == 0
            for target in by_indicator.get(key, []):
                if not targets.applies(target.rule, ind, is_city):
                    continue
                ev = targets.evaluate(
                    target.rule, series, year, target.year, policy.info.plan_from_year,
                    targets.scale_changes(policy, ind),
                )  # fmt: skip
                target_value, status = ev.target, ev.status
                reason = cockpit.target_reason(ev, target.rule, ind)
            out.append(
                {
                    "indicator": key,
                    "region": code,
                    "year": year,
                    "value": value,
                    "unit": ind.unit,
                    "target": target_value,
                    "status": status,
                    "firms": firms,
                    "reason": reason,
                    **selectors.indicator_notes(ind),
                }
            )
    return out


def _firms(rows, key: str, org, year: int) -> int | None:
    """The number of firms whose figures enter the value (None for region statistics)."""
    for row in rows:
        if not row.category_total or row.period != str(year):
            continue
        if (org is None and row.org_total) or (org is not None and row.org == org):
            return row.cells[key].firms
    return None
