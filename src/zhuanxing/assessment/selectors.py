"""The assessment table: targets, actual values from the analytics store, scores, ranks."""

from decimal import Decimal

from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics.assessment_scoring import score_counties
from zhuanxing.analytics.records import indicator_records
from zhuanxing.analytics.store import StoreMissing
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.orgunits.selectors import county_units

from .models import CountyTarget


def targets_for(user, year: int) -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = {}
    for t in CountyTarget.objects.restrict(user).filter(year=year).select_related("org_unit"):
        out.setdefault(t.org_unit.code, {})[t.indicator] = t.target
    return out


def all_targets(year: int) -> dict[str, dict[str, Decimal]]:
    """Every county-level unit's targets for ``year``, unscoped (ranks are among all units)."""
    out: dict[str, dict[str, Decimal]] = {}
    for t in CountyTarget.objects.filter(year=year).select_related("org_unit"):
        out.setdefault(t.org_unit.code, {})[t.indicator] = t.target
    return out


def actual_values(year: int, codes: set[str]) -> dict[str, dict[str, Decimal | None]] | None:
    """Each county's indicator values from the analytics store; None when it is not built."""
    city = OrgUnit.objects.filter(kind=OrgUnitKind.CITY).first()
    try:
        records = indicator_records(city, year, level="county") if city else []
    except StoreMissing:
        return None
    out: dict[str, dict[str, Decimal | None]] = {code: {} for code in codes}
    for r in records:
        if r["region"] in out:
            value = r["value"]
            out[r["region"]][r["indicator"]] = None if value is None else Decimal(str(value))
    return out


def assessment_table(*, user, year: int, policy) -> dict:
    """Every county-level unit is scored and ranked (a rank is among all of them); the user
    sees the rows of the units they may see."""
    scheme = policy.assessment
    every = list(OrgUnit.objects.filter(kind__in=[OrgUnitKind.COUNTY, OrgUnitKind.ZONE]))
    codes = {u.code for u in every}
    every_target = all_targets(year)
    values = actual_values(year, codes)
    scores = score_counties(
        scheme, values or {c: {} for c in codes}, {c: every_target.get(c, {}) for c in codes}
    )
    units = county_units(user)
    names = {u.code: u.name for u in units}
    targets = {code: every_target[code] for code in names if code in every_target}
    return {
        "scheme": scheme,
        "indicators": [(i, policy.indicators[i.indicator]) for i in scheme.indicators],
        "scores": [(names[s.county], s) for s in scores if s.county in names],
        "store_missing": values is None,
        "units": units,
        "targets": targets,
        "english": analytics.english(),
    }
