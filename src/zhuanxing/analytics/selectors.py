"""Reads of the analytics store for pages, exports and the API. Every function takes the user and
keeps them inside the org units they may see (scoping is security)."""

import dataclasses
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.core.memo import memo
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.policy.active import policy_digest, policy_in_force
from zhuanxing.reference import industry

from . import engine, store
from .paths import store_path

# GB/T 2260 and NBS codes are digits; local zone and park codes add letters (330402P01).
ORG_UNIT_CODE = re.compile(r"[0-9A-Za-z]{1,12}")

CHILD_LEVEL = {0: "county", 1: "town"}
LEVEL_DEPTH = {"county": 1, "town": 2}


def policy():
    return policy_in_force()


def english() -> bool:
    return (get_language() or "").startswith("en")


def cursor():
    return store.read_cursor(store_path())


def store_memo(name: str, key: tuple, compute):
    """``compute()``, kept until the store is rebuilt: figures read from the store alone (with
    the policy in force) do not change between builds, so a page asked again is served from
    the cache (Django's, ``STORE_CACHE_SECONDS`` at most) instead of aggregating the fact
    tables again. The key holds the store's build time and the policy id, so a rebuild or a
    new policy is never served stale figures."""
    info = store.build_info(store_path())
    if not info:
        return compute()
    stamp = (info.get("built_at"), info.get("watermark"), info.get("monthly_max_id"))
    return memo(
        f"store:{name}", (str(store_path()), key), (stamp, _policy_digest()), compute,
        timeout=settings.ZHUANXING["STORE_CACHE_SECONDS"],
    )  # fmt: skip


def _policy_digest() -> str:
    """A digest of the policy in force (computed once per policy object)."""
    return policy_digest(policy())


def years_available() -> tuple[int, int, str] | None:
    """(first year, last year, last month) in the store, None when it is empty or missing."""
    info = store.build_info(store_path())
    if not info.get("last_year"):
        return None
    return int(info["first_year"]), int(info["last_year"]), info.get("last_month") or ""


# --- scope -------------------------------------------------------------------------------------


def may_use_analytics(user) -> bool:
    return access.is_official(user)


def home_region(user) -> OrgUnit | None:
    """The unit a user's cockpit shows by default: the city, or the officer's first unit."""
    if access.sees_whole_city(user):
        return OrgUnit.objects.filter(kind=OrgUnitKind.CITY).first()
    return user.org_units.order_by("path").first()


def region_for(user, code: str | None) -> OrgUnit:
    """The org unit ``code`` if ``user`` may see it (default: their home region).

    Enterprise users get no city analytics (403); a unit outside the user's scope is a 404, so
    its existence is not leaked.
    """
    if not may_use_analytics(user):
        raise PermissionDenied
    if not code:
        unit = home_region(user)
        if unit is None:
            raise Http404("no org unit assigned")
        return unit
    if not ORG_UNIT_CODE.fullmatch(code):
        # Not a code at all (a NUL byte, which PostgreSQL refuses in a query, or any other
        # character no code has): the same answer as a unit outside the scope.
        raise Http404("org unit not visible")
    unit = OrgUnit.objects.restrict(user).filter(code=code).first()
    if unit is None:
        raise Http404("org unit not visible")
    return unit


def unit_names(units: list[str]) -> dict[str, str]:
    field = "name_en" if english() else "name"
    rows = OrgUnit.objects.filter(code__in=units).values_list("code", "name", field)
    return {code: (other or name) for code, name, other in rows}


def category_label(breakdown: str | None, value) -> str:
    if value is None:
        return _("Unclassified")
    if breakdown == "category_1244":
        category = policy().categories_1244.get(value)
        if category:
            return category.name_en if english() else category.name
    if breakdown in ("section", "division", "group", "class"):
        found = industry.get(str(value))
        if found:
            return found.label
    if breakdown == "heavy_industry":
        heavy = str(value).lower() == "true"
        return _("Heavy industry (approximate)") if heavy else _("Light industry")
    return str(value)


def indicator_label(key: str, ind) -> str:
    return ind.name_en if english() else ind.name


HIGH_TECH_SCOPES = {
    "nbs_2017_manufacturing": gettext_lazy(
        "NBS high-technology industry (manufacturing) classification, 2017"
    ),
}


def high_tech_scope() -> str:
    """The name of the policy's high-tech classification ([high_tech] scope)."""
    code = policy().high_tech.scope
    return str(HIGH_TECH_SCOPES.get(code, code))


def indicator_notes(ind) -> dict:
    """What a reader must know beside the value: ``approximate`` when it rests on the
    heavy/light mapping (zhuanxing.reference.heavy_light), ``scope`` naming the high-tech
    classification when it counts high-tech firms (the policy's [high_tech] scope)."""
    filters = set(ind.numerator.filters) | set(ind.denominator.filters if ind.denominator else ())
    scope = high_tech_scope() if "high_tech" in filters else None
    return {
        "approximate": bool(filters & {"heavy_industry", "light_industry"}),
        "scope": scope,
    }


@dataclass(frozen=True)
class Request:
    unit: OrgUnit
    level: str | None
    breakdown: str | None
    industry: str | None
    kind: str
    start: int | str
    end: int | str
    indicators: tuple[str, ...]
    max_rows: int | None = None  # see engine.Query.max_rows
    population_year: int | None = None  # the trend on the same firms: engine.Query


def run(req: Request, extra: dict | None = None, cross: bool = True) -> list[engine.Row]:
    """Evaluate ``req`` (its unit already checked against the user) on the live store."""
    indicators = {k: policy().indicators[k] for k in req.indicators}
    indicators |= extra or {}
    # Every field of the request is in the key (a field added later cannot be forgotten):
    # the unit by its code and path, the rest as the dataclass shows itself.
    key = (req.unit.code, req.unit.path, repr(dataclasses.replace(req, unit=None)), cross,
           tuple((k, repr(v)) for k, v in (extra or {}).items()))  # fmt: skip
    return store_memo("run", key, lambda: _run(req, indicators, cross))


def _run(req: Request, indicators: dict, cross: bool) -> list[engine.Row]:
    q = engine.Query(
        indicators=indicators,
        region_code=req.unit.code,
        region_path=req.unit.path,
        start=req.start,
        end=req.end,
        level=req.level,
        breakdown=req.breakdown,
        industry=req.industry,
        kind=req.kind,
        cross=cross,
        max_rows=req.max_rows,
        population_year=req.population_year,
    )
    return engine.evaluate(cursor(), q)
