"""A deterministic synthetic Jiaxing, 2007–2012: enterprises, annual and monthly reports,
region-level statistics.

Pure Python (no Django): ``generate_city`` returns plain rows, so the same seed always gives the
same city, and writing it to a database is a separate step (``writer.py``).

How the numbers hang together:
- each enterprise gets a 2009 revenue; the above-scale ones (规上) are drawn as threshold + excess,
  and the excess is scaled so that 规上 gross output in 2009 equals the published 3876亿元;
- other years follow the city's output index with a per-firm trend and yearly noise;
- every other measure is a ratio of output typical of the firm's industry (``profiles.py``);
- monthly reports split each 规上 firm-year over the months with a seasonal pattern (Spring
  Festival in February) and sum exactly to the annual figures; each carries its 上年同期: last
  year's monthly figures where the firm reported then, else (a firm new to 规上) its previous
  annual report split by the seasonal pattern, else 0 (a firm founded this year);
- region statistics are the enterprises' sums grossed up by coverage ratios, with GDP and its
  services share taken from ``calibration.py``.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from zhuanxing.policy.schema import AboveScale
from zhuanxing.policy.vocabulary import (
    BUSINESS_MODES,
    ENTERPRISE_MEASURES,
    MONTHLY_MEASURES,
    MONTHLY_PRIOR_MEASURES,
    REGION_MEASURES,
)
from zhuanxing.reference.uscc import make_uscc

from . import calibration as cal
from .profiles import (
    COUNTY_GDP_SHARE,
    COUNTY_MIX,
    COUNTY_WEIGHT,
    GENERAL_MIX,
    NAME_SYLLABLES,
    PROFILES,
)

ANNUAL_FIELDS = (*ENTERPRISE_MEASURES, "business_mode")
MONTHLY_FIELDS = (*MONTHLY_MEASURES, *MONTHLY_PRIOR_MEASURES)
REGION_FIELDS = REGION_MEASURES

# Spring Festival falls in January or February; December closes the books high.
SEASON = (0.078, 0.058, 0.084, 0.083, 0.085, 0.086, 0.083, 0.082, 0.086, 0.087, 0.090, 0.098)
KGCE_PER_KWH = 0.1229  # electricity, 当量值 (GB/T 2589)
REGISTRATION_TYPES = (
    ("170", 55), ("150", 20), ("160", 6), ("300", 8),
    ("200", 4), ("120", 3), ("110", 1), ("190", 3),
)  # fmt: skip
TRADITIONAL_DIVISIONS = ("17", "18", "19", "28")


@dataclass
class EnterpriseRow:
    uscc: str
    name: str
    county_code: str
    unit_code: str
    industry_code: str
    founded_on: date
    land_mu: float | None
    registration_type: str


@dataclass
class CityData:
    enterprises: list[EnterpriseRow] = field(default_factory=list)
    annual: list[tuple] = field(default_factory=list)  # (uscc, year, *ANNUAL_FIELDS)
    monthly: list[tuple] = field(default_factory=list)  # (uscc, year, month, *MONTHLY_FIELDS)
    regions: list[tuple] = field(default_factory=list)  # (unit_code, year, *REGION_FIELDS)
    above_scale_count: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CountyInfo:
    code: str
    name: str  # e.g. 桐乡市, used in company names
    leaves: tuple[str, ...]  # codes of the towns and parks firms are placed in


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _r2(x: float) -> float:
    return round(x, 2)


class _Names:
    """Unique, plausible Chinese company names: place + two-character trade name + industry."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def make(self, place: str, word: str) -> str:
        for _ in range(50):
            brand = "".join(self.rng.sample(NAME_SYLLABLES, 2))
            prefix = place if self.rng.random() < 0.75 else "浙江"
            kind = "有限公司" if self.rng.random() < 0.85 else "股份有限公司"
            name = f"{prefix}{brand}{word}{kind}"
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("could not find a unique company name")


def _uscc(rng: random.Random, division: str, used: set[str]) -> str:
    while True:
        body = f"{rng.randrange(10**8):08d}"
        code = make_uscc("9", "1", division, body)
        if code not in used:
            used.add(code)
            return code


def generate_city(
    counties: list[CountyInfo],
    *,
    city_code: str,
    seed: int,
    above_scale: int = 5000,
    below_scale: int = 15000,
    scale_line: AboveScale,
    progress: Callable[[str, int, int], None] | None = None,
    years: tuple[int, ...] = cal.YEARS,
    size_factor: float = 1.0,
) -> CityData:
    """Generate the city. ``scale_line``: the policy's 规上 line (``policy.above_scale``).

    ``years`` and ``size_factor`` serve the province tier: more years, and the 2009 output target
    and region statistics multiplied by ``size_factor`` (calibration.PROVINCE).
    """
    rng = random.Random(seed)
    stops = random.Random(seed + 1)  # its own stream, so the rest of the city does not move
    data = CityData()
    names = _Names(rng)
    used_codes: set[str] = set()
    county_by_code = {c.code: c for c in counties}
    weights = {c.code: COUNTY_WEIGHT.get(c.code, 0.05) for c in counties}
    t_cal = float(scale_line.threshold(cal.CALIBRATION_YEAR))

    # 1. Enterprises with their 2009 revenue (pre-calibration for the above-scale excess).
    firms = []  # (row, is_above, excess_or_revenue, profile, trend, gross_ratio, ...)
    total = above_scale + below_scale
    for i in range(total):
        is_above = i < above_scale
        county = county_by_code[_weighted(rng, weights)]
        mix = dict(GENERAL_MIX)
        for code, w in COUNTY_MIX.get(county.code, {}).items():
            mix[code] = mix.get(code, 0) + w
        profile = PROFILES[_weighted(rng, mix)]
        if is_above:
            founded_year = rng.randint(1985, cal.CALIBRATION_YEAR - 1)
            size = math.exp(rng.gauss(1.394, 1.6))  # excess over the threshold, in thresholds
        else:
            founded_year = (
                rng.randint(1990, 2012) if rng.random() < 0.8 else rng.randint(2008, 2012)
            )
            size = t_cal * (0.03 + 0.95 * rng.random() ** 1.5)  # revenue, below the line
        division = county.code if len(county.code) == 6 else "330400"
        row = EnterpriseRow(
            uscc=_uscc(rng, division, used_codes),
            name=names.make(county.name, profile.word),
            county_code=county.code,
            unit_code=rng.choice(county.leaves),
            industry_code=profile.code,
            founded_on=date(founded_year, rng.randint(1, 12), rng.randint(1, 28)),
            land_mu=None,
            registration_type=rng.choices(
                [c for c, _ in REGISTRATION_TYPES], [w for _, w in REGISTRATION_TYPES]
            )[0],
        )
        firms.append(
            {
                "row": row,
                "above": is_above,
                "size": size,
                "profile": profile,
                "trend": rng.gauss(0.0, 0.05),
                "gross_ratio": rng.uniform(0.96, 1.06),
                "has_rd": rng.random() < (0.6 if is_above else 0.15),
                "rd_level": math.exp(rng.gauss(0.0, 0.5)),
                "np_rate": rng.uniform(0.08, 0.55) if rng.random() < 0.55 else 0.0,
                "export": min(0.95, profile.export * rng.uniform(0.2, 1.7)),
                "energy_level": math.exp(rng.gauss(0.0, 0.3)),
                "elec_share": rng.uniform(0.35, 0.75),
                "emission_level": math.exp(rng.gauss(0.0, 0.4)),
                "emissions_reported": rng.random() < (0.9 if is_above else 0.5),
                "margin": rng.gauss(0.05, 0.035),
                "tax_rate": rng.uniform(0.02, 0.06),
                "productivity": rng.uniform(25, 80) if is_above else rng.uniform(15, 50),
                "asset_ratio": rng.uniform(0.5, 1.3),
                "mode": rng.choices(range(4), (5, 55, 25, 15))[0],
                "land_density": rng.uniform(8, 40) if is_above else rng.uniform(5, 25),
                "owns_land": is_above or rng.random() < 0.65,
            }
        )
        if progress and i % 1000 == 0:
            progress("enterprises", i, total)

    # 2. Calibrate: scale the above-scale excess so 2009 规上 gross output hits the published total.
    target = cal.ABOVE_SCALE_GROSS_OUTPUT_YI[cal.CALIBRATION_YEAR] * 10_000 * size_factor  # 万元
    base = sum(t_cal * f["gross_ratio"] for f in firms if f["above"])
    excess = sum(t_cal * f["size"] * f["gross_ratio"] for f in firms if f["above"])
    scale = (target - base) / excess
    for f in firms:
        f["revenue_2009"] = t_cal * (1 + scale * f["size"]) if f["above"] else f["size"]
        va_2009 = f["revenue_2009"] * f["gross_ratio"] * f["profile"].va_rate
        if f["owns_land"]:
            f["row"].land_mu = _r2(max(1.0, va_2009 / f["land_density"]))
        data.enterprises.append(f["row"])

    # 3. Annual and monthly reports.
    region_sums: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for n, f in enumerate(firms):
        row = f["row"]
        last_annual, last_months = None, None
        for year in years:
            if year < row.founded_on.year:
                continue
            noise = 0.0 if year == cal.CALIBRATION_YEAR else rng.gauss(0.0, 0.08)
            growth = cal.OUTPUT_INDEX[year] * math.exp(
                f["trend"] * (year - cal.CALIBRATION_YEAR) + noise
            )
            revenue = f["revenue_2009"] * growth
            if year == row.founded_on.year:
                revenue *= 0.5  # a first, partial year
            if f["mode"] < 3 and rng.random() < 0.08:
                f["mode"] += 1  # clause 八: firms move from OEM towards ODM/OBM
            annual = _annual_values(rng, f, year, revenue)
            data.annual.append((row.uscc, year, *annual))
            sums = region_sums[(row.county_code, year)]
            sums[0] += annual[3]
            sums[1] += annual[12]
            sums[2] += row.land_mu or 0.0
            if scale_line.includes(year, annual[2]):
                data.above_scale_count[year] = data.above_scale_count.get(year, 0) + 1
                # A few firms stop production during the last year (warnings to see in the demo).
                stopping = year == years[-1] and stops.random() < 0.01
                stop = stops.randint(4, 11) if stopping else None
                prior = last_months or _seasonal(last_annual)
                months = _monthly_rows(rng, row.uscc, year, annual, stop, prior)
                data.monthly.extend(months)
                last_months = [m[3 : 3 + len(MONTHLY_MEASURES)] for m in months]
            else:
                last_months = None
            last_annual = annual
        if progress and n % 1000 == 0:
            progress("reports", n, total)

    data.regions = _region_rows(rng, city_code, counties, region_sums, years, size_factor)
    if progress:
        progress("done", total, total)
    return data


def _annual_values(rng: random.Random, f: dict, year: int, revenue: float) -> tuple:
    p = f["profile"]
    years_on = year - 2007
    gross = revenue * f["gross_ratio"]
    va = gross * p.va_rate * rng.uniform(0.92, 1.08)
    rd = revenue * p.rd * f["rd_level"] * (1 + 0.07 * years_on) if f["has_rd"] else 0.0
    energy = gross * p.energy * f["energy_level"] * 0.96**years_on
    if f["emissions_reported"]:
        decline = 0.93**years_on * f["emission_level"]
        cod = gross / 10_000 * p.cod * decline
        so2 = gross / 10_000 * p.so2 * decline
        pollutants = (round(cod, 3), round(cod * 0.1, 3), round(so2, 3), round(so2 * 0.6, 3))
    else:
        pollutants = (None, None, None, None)
    traditional = p.code[:2] in TRADITIONAL_DIVISIONS
    return (
        _r2(gross),
        _r2(gross * rng.uniform(0.95, 1.0)),
        _r2(revenue),
        _r2(va),
        _r2(rd),
        _r2(gross * min(0.9, f["np_rate"] * (1 + 0.05 * years_on))),
        _r2(gross * f["export"] * (0.85 if year == 2009 else 1.0)),
        _r2(revenue * (f["margin"] + rng.gauss(0.0, 0.02))),
        _r2(revenue * f["tax_rate"]),
        max(5, round(revenue / f["productivity"])),
        _r2(revenue * f["asset_ratio"]),
        f["row"].land_mu,
        _r2(energy),
        round(energy * f["elec_share"] * 1000 / KGCE_PER_KWH),
        *pollutants,
        BUSINESS_MODES[f["mode"]] if traditional else "",
    )


def _monthly_measures(annual: tuple) -> tuple:
    """The monthly measures' yearly totals from an annual tuple (ANNUAL_FIELDS order): gross,
    sales, VA, electricity, profit, export (MONTHLY_MEASURES order)."""
    return (annual[0], annual[1], annual[3], annual[13], annual[7], annual[6])


def _seasonal(annual: tuple | None) -> list[tuple]:
    """上年同期 of a firm new to 规上: its previous annual report split by the seasonal pattern
    (no random draws, so the rest of the city does not move); zero for a firm founded this year."""
    if annual is None:
        return [(0.0, 0.0, 0.0, 0, 0.0, 0.0)] * 12
    total = sum(SEASON)
    return [
        tuple(
            round(v * w / total) if k == 3 else _r2(v * w / total)
            for k, v in enumerate(_monthly_measures(annual))
        )
        for w in SEASON
    ]


def _monthly_rows(
    rng: random.Random,
    uscc: str,
    year: int,
    annual: tuple,
    stop_month: int | None = None,
    prior: list[tuple] | None = None,
) -> list[tuple]:
    """Split the year over its months; a firm that stops production (停产) at ``stop_month``
    reports zero from then on, its year's output falling in the months before. ``prior``: the
    12 months' 上年同期, appended to each row."""
    last = 12 if stop_month is None else stop_month - 1
    weights = [w * rng.uniform(0.9, 1.1) if m <= last else 0.0 for m, w in enumerate(SEASON, 1)]
    total_w = sum(weights)
    shares = [w / total_w for w in weights]
    yearly = _monthly_measures(annual)
    rows = []
    spent = [0.0] * len(yearly)
    for month in range(1, 13):
        values = []
        for k, total in enumerate(yearly):
            if month == last:  # the remainder, so the months sum exactly to the year
                v = total - spent[k]
            else:
                v = total * shares[month - 1]
            v = round(v) if k == 3 else _r2(v)
            spent[k] += v
            values.append(v)
        rows.append((uscc, year, month, *values, *(prior[month - 1] if prior else (None,) * 6)))
    return rows


def _share_out(total: float, weights: dict[str, float], caps: dict[str, float]) -> dict[str, float]:
    """``total`` shared in proportion to ``weights``, no part above its cap (the excess goes to
    the others, in proportion again)."""
    out: dict[str, float] = {}
    free = {k: w for k, w in weights.items() if w > 0}
    left = total
    while free:
        k = left / sum(free.values())
        over = [c for c, w in free.items() if w * k > caps[c]]
        if not over:
            out.update({c: w * k for c, w in free.items()})
            break
        for c in over:
            out[c] = caps[c]
            left -= caps[c]
            del free[c]
    return {c: out.get(c, 0.0) for c in weights}


def _region_rows(
    rng: random.Random,
    city_code: str,
    counties: list[CountyInfo],
    sums: dict,
    years: tuple[int, ...] = cal.YEARS,
    size_factor: float = 1.0,
) -> list[tuple]:
    """Region statistics that respect the policy's own rules (industry ≤ GDP, industry +
    services ≤ GDP): a unit's GDP is its industry (its firms' value added grossed up by the
    coverage) plus its share of the rest of the city's GDP (services, agriculture,
    construction), shared by ``COUNTY_GDP_SHARE``; services take at most
    ``cal.SERVICES_MAX_OF_NON_INDUSTRY`` of a unit's non-industrial GDP. The city's GDP stays the
    calibrated (published) figure."""
    rows = []
    share_total = sum(COUNTY_GDP_SHARE.get(c.code, 0.05) for c in counties)
    urban = {"330402": 1.5, "330400901": 1.2}
    for year in years:
        city_gdp = cal.CITY_GDP_YI[year] * 10_000 * size_factor
        industry = {
            c.code: sums.get((c.code, year), (0.0, 0.0, 0.0))[0] / cal.REGISTRY_VA_COVERAGE
            for c in counties
        }
        rest = city_gdp - sum(industry.values())
        if rest <= 0:
            raise ValueError(f"{year}: industry exceeds the calibrated GDP; check calibration.py")
        other = {c.code: rest * COUNTY_GDP_SHARE.get(c.code, 0.05) / share_total for c in counties}
        services_by_unit = _share_out(
            city_gdp * cal.SERVICES_SHARE[year],
            {code: v * urban.get(code, 0.9) for code, v in other.items()},
            {code: v * cal.SERVICES_MAX_OF_NON_INDUSTRY for code, v in other.items()},
        )
        city = [0.0] * len(REGION_FIELDS)
        county_rows = []
        city_energy = city_gdp * cal.ENERGY_PER_GDP[year]
        energy_total = sum(sums.get((c.code, year), (0.0, 0.0, 0.0))[1] for c in counties)
        for c in counties:
            _, energy, land = sums.get((c.code, year), (0.0, 0.0, 0.0))
            services = services_by_unit[c.code]
            values = (
                _r2(industry[c.code] + other[c.code]),
                _r2(industry[c.code]),
                _r2(services),
                _r2(services * cal.PRODUCER_SERVICES_SHARE[year] * rng.uniform(0.95, 1.05)),
                _r2(city_energy * energy / energy_total if energy_total else 0.0),
                _r2(land / cal.REGISTRY_LAND_COVERAGE),
            )
            county_rows.append((c.code, year, *values))
            city = [a + b for a, b in zip(city, values, strict=True)]
        rows.append((city_code, year, *(_r2(v) for v in city)))
        rows.extend(county_rows)
    return rows
