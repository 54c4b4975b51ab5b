"""What-if simulation: the clause-四 figures before and after exiting or upgrading chosen firms.

Pure functions. The figures follow the policy's indicators: value added per mu and energy per
unit of value added over 规上 firms (as the cockpit), a firm counting only where it reports both
measures; emissions summed over the firms that report them; land and energy freed over all.

"Upgrade" lifts a firm to the population median on each per-unit measure where it is worse:
value added per mu up to the median (value added rises, output in proportion), then energy, COD
and SO2 per unit of value added down to their medians. "Exit" removes the firm, freeing its land
and energy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from statistics import median

ZERO = Decimal(0)
CITY = "city"


@dataclass(frozen=True)
class FirmYear:
    enterprise_id: int
    county_code: str
    above_scale: bool
    heavy: bool | None
    gross_output: Decimal
    value_added: Decimal
    land_mu: Decimal
    energy_tce: Decimal | None  # None: not reported
    cod_t: Decimal | None
    so2_t: Decimal | None


@dataclass(frozen=True)
class Figures:
    """A region's clause-四 figures over the firms given."""

    va_per_mu: Decimal | None  # 万元/亩
    energy_per_va: Decimal | None  # tce/万元
    cod_t: Decimal
    so2_t: Decimal
    heavy_share: Decimal | None  # % of 规上 gross output
    land_mu: Decimal
    energy_tce: Decimal


def _ratio(a: Decimal, b: Decimal, factor: int = 1) -> Decimal | None:
    return a / b * factor if b else None


def figures(firms: Iterable[FirmYear]) -> Figures:
    land = all_land = va_land = energy = all_energy = va_energy = cod = so2 = ZERO
    gross = heavy_gross = ZERO
    for f in firms:
        cod += f.cod_t or ZERO
        so2 += f.so2_t or ZERO
        all_energy += f.energy_tce or ZERO
        all_land += f.land_mu
        if not f.above_scale:
            continue
        gross += f.gross_output
        if f.heavy:
            heavy_gross += f.gross_output
        if f.land_mu > 0:
            land += f.land_mu
            va_land += f.value_added
        if f.energy_tce is not None:
            energy += f.energy_tce
            va_energy += f.value_added
    return Figures(
        va_per_mu=_ratio(va_land, land),
        energy_per_va=_ratio(energy, va_energy),
        cod_t=cod,
        so2_t=so2,
        heavy_share=_ratio(heavy_gross, gross, 100),
        land_mu=all_land,
        energy_tce=all_energy,
    )


@dataclass(frozen=True)
class Medians:
    va_per_mu: Decimal
    energy_per_va: Decimal
    cod_per_va: Decimal
    so2_per_va: Decimal


def medians(firms: Sequence[FirmYear]) -> Medians:
    productive = [f for f in firms if f.value_added > 0]
    with_land = [f.value_added / f.land_mu for f in productive if f.land_mu > 0]

    def med(values: list[Decimal]) -> Decimal:
        return Decimal(median(values)) if values else ZERO

    return Medians(
        va_per_mu=med(with_land),
        energy_per_va=med(
            [f.energy_tce / f.value_added for f in productive if f.energy_tce is not None]
        ),
        cod_per_va=med([f.cod_t / f.value_added for f in productive if f.cod_t is not None]),
        so2_per_va=med([f.so2_t / f.value_added for f in productive if f.so2_t is not None]),
    )


def upgraded(firm: FirmYear, m: Medians) -> FirmYear:
    va = firm.value_added
    if firm.land_mu > 0 and va < firm.land_mu * m.va_per_mu:
        va = firm.land_mu * m.va_per_mu
    gross = firm.gross_output * va / firm.value_added if firm.value_added > 0 else firm.gross_output

    def capped(value: Decimal | None, median_per_va: Decimal) -> Decimal | None:
        return None if value is None else min(value, va * median_per_va)

    return replace(
        firm,
        value_added=va,
        gross_output=gross,
        energy_tce=capped(firm.energy_tce, m.energy_per_va),
        cod_t=capped(firm.cod_t, m.cod_per_va),
        so2_t=capped(firm.so2_t, m.so2_per_va),
    )


@dataclass(frozen=True)
class Comparison:
    region: str  # "city" or a county-level unit's code
    before: Figures
    after: Figures
    land_freed_mu: Decimal
    energy_freed_tce: Decimal


def simulate(firms: Sequence[FirmYear], selected: set[int], action: str) -> list[Comparison]:
    """Before/after figures for the city and each county-level unit."""
    if action not in ("exit", "upgrade"):
        raise ValueError(f"unknown action {action!r}: use 'exit' or 'upgrade'")
    m = medians(firms)
    after: list[FirmYear] = []
    for firm in firms:
        if firm.enterprise_id not in selected:
            after.append(firm)
        elif action == "upgrade":
            after.append(upgraded(firm, m))
    regions = [CITY, *sorted({f.county_code for f in firms})]
    out = []
    for region in regions:

        def member(f: FirmYear, region=region) -> bool:
            return region == CITY or f.county_code == region

        b = figures(f for f in firms if member(f))
        a = figures(f for f in after if member(f))
        out.append(Comparison(region, b, a, b.land_mu - a.land_mu, b.energy_tce - a.energy_tce))
    return out
