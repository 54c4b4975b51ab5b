"""The city averages a new project is screened against, read from the analytics store.

The benchmark is ``city_average_latest_complete_year`` (policy ``[screening] benchmark``): each
screening indicator's value for the whole city in the latest year with annual figures in the
store that has ended (a year still running has no complete annual figures).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics.store import StoreMissing
from zhuanxing.core.errors import UserError
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.policy.active import policy_in_force

from .screening import Benchmark


class NoBenchmark(UserError):
    """The analytics store has no complete year to screen against."""


@dataclass(frozen=True)
class CityAverages:
    year: int
    benchmarks: list[Benchmark]


def screened_keys(policy) -> list[str]:
    return [policy.screening.energy_indicator, *policy.screening.emission_indicators]


def latest_complete_year(today: date | None = None) -> int | None:
    span = analytics.years_available()
    if span is None:
        return None
    first, last, _month = span
    current = (today or date.today()).year
    year = min(last, current - 1)
    return year if year >= first else None


def city_averages(today: date | None = None) -> CityAverages:
    policy = policy_in_force()
    try:
        year = latest_complete_year(today)
    except StoreMissing:
        year = None
    city = OrgUnit.objects.filter(kind=OrgUnitKind.CITY).first()
    if year is None or city is None:
        raise NoBenchmark(
            _(
                "The analytics store has no complete year of figures: build it (zhuanxing "
                "analytics build) before screening."
            )
        )
    keys = screened_keys(policy)
    req = analytics.Request(city, None, None, None, "year", year, year, tuple(keys))
    try:
        rows = analytics.run(req)
    except StoreMissing:
        rows = []
    total = next(
        (r for r in rows if r.org_total and r.category_total and r.period == str(year)), None
    )
    out = []
    for key in keys:
        ind = policy.indicators[key]
        cell = total.cells.get(key) if total else None
        value = None if cell is None or cell.value is None else Decimal(repr(cell.value))
        out.append(
            Benchmark(
                key=key,
                measures=tuple(ind.numerator.measures),
                factor=Decimal(str(ind.factor)),
                value=value,
                firms=None if cell is None else cell.firms,
            )
        )
    return CityAverages(year, out)
