"""Flat indicator records, the shape of ``zhuanxing indicators --json`` and of the JSON API:
``{"indicator", "region", "year", "value", "unit", "target", "status"}``, one per indicator and
region (the region itself, then each unit at ``level`` below it)."""

from . import cockpit, selectors, targets


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
    out = []
    for org in orgs:
        code = unit.code if org is None else org
        for key, ind in policy.indicators.items():
            series = cockpit.series_of(rows, key, org)
            value = series.get(year)
            target_value, status = None, None
            is_city = org is None and unit.depth == 0
            for target in by_indicator.get(key, []):
                if not targets.applies(target.rule, ind, is_city):
                    continue
                ev = targets.evaluate(
                    target.rule, series, year, target.year, policy.info.plan_from_year
                )
                target_value, status = ev.target, ev.status
            out.append(
                {
                    "indicator": key,
                    "region": code,
                    "year": year,
                    "value": value,
                    "unit": ind.unit,
                    "target": target_value,
                    "status": status,
                }
            )
    return out
