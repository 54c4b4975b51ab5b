"""Cluster measures (块状经济 → 产业集群, clauses 九–十一 and 十五), pure arithmetic: numbers in,
numbers out, no Django. The formulas and their sources are in docs/clusters.md.

A ``Table`` is one measure (output, employment, value added …) of regions × industries in one
period; a pair that is absent counts as 0. Indices are floats (they are ratios, not money).

Cluster identification, with x(r,i) the value of region r in industry i, x(r) = Σ_i x(r,i),
x(i) = Σ_r x(r,i) and x = Σ x over the whole set of regions (the city, or the table):

- location quotient  LQ(r,i) = (x(r,i) / x(r)) ÷ (x(i) / x); None when x(r) or x(i) is 0;
- Herfindahl–Hirschman index of a region  HHI(r) = Σ_i s(r,i)², s(r,i) = x(r,i) / x(r), in 0–1;
- Krugman specialisation index  K(r) = Σ_i |s(r,i) − s(−r,i)|, s(−r,i) the share of i in all the
  *other* regions together (Krugman 1991), in 0–2;
- shift-share of the change from a base period (0) to a current one (1):
  Δx(r) = Σ_i [ x0(r,i)·g  +  x0(r,i)·(g(i) − g)  +  (x1(r,i) − x0(r,i) − x0(r,i)·g(i)) ],
  g = x1 / x0 − 1 the growth of the whole set (the city share), g(i) that of industry i in the
  whole set (industry mix), the rest the local (competitive) component; an industry new to the
  region (x0(r,i) = 0) adds all of its x1(r,i) to the local component, so the three always add up
  to the change;
- dominant industry (一镇一品): the industry with the largest x(r,i), and its share s(r,i).

Upgrading paths (Hidalgo et al. 2007; the Atlas of Economic Complexity):

- RCA (Balassa) = the location quotient above;
- presence M(r,p) = 1 when RCA(r,p) ≥ threshold (policy ``[clusters] presence_rca_min``), else 0;
- proximity φ(p,p') = #regions with both ÷ max(#regions with p, #regions with p'), the diagonal
  included (φ(p,p) = 1 for an industry present somewhere);
- density d(r,p) = Σ_p' M(r,p')·φ(p,p') ÷ Σ_p' φ(p,p').

An industry present in no region (every region's RCA below the threshold cannot happen for an
industry with a positive total, but a zero total can) has no proximity and no density: None.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """Regions × industries, dense; ``values[a][b]`` is region ``regions[a]`` in industry
    ``industries[b]``."""

    regions: tuple[str, ...]
    industries: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    _region_index: dict = field(default_factory=dict, compare=False, repr=False)
    _industry_index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._region_index.update({r: a for a, r in enumerate(self.regions)})
        self._industry_index.update({i: b for b, i in enumerate(self.industries)})

    @classmethod
    def from_triples(
        cls,
        triples: Iterable[tuple[str, str, float]],
        regions: Sequence[str] = (),
        industries: Sequence[str] = (),
    ) -> "Table":
        """From (region, industry, value) triples (values of one pair add up); ``regions`` and
        ``industries`` add rows and columns with no triple (all 0). Sorted by code."""
        cells: dict[tuple[str, str], float] = {}
        for region, industry, value in triples:
            cells[(region, industry)] = cells.get((region, industry), 0.0) + float(value)
        rows = sorted({r for r, _ in cells} | set(regions))
        cols = sorted({i for _, i in cells} | set(industries))
        values = tuple(tuple(cells.get((r, i), 0.0) for i in cols) for r in rows)
        return cls(tuple(rows), tuple(cols), values)

    def value(self, region: str, industry: str) -> float:
        a = self._region_index.get(region)
        b = self._industry_index.get(industry)
        return 0.0 if a is None or b is None else self.values[a][b]

    def region_totals(self) -> list[float]:
        return [sum(row) for row in self.values]

    def industry_totals(self) -> list[float]:
        return [sum(row[b] for row in self.values) for b in range(len(self.industries))]


Cells = dict[tuple[str, str], float | None]


# --- cluster identification --------------------------------------------------------------------


def location_quotients(table: Table) -> Cells:
    """LQ(r,i) = (x(r,i)/x(r)) ÷ (x(i)/x) for every region × industry (None when undefined)."""
    row_totals = table.region_totals()
    col_totals = table.industry_totals()
    total = sum(row_totals)
    out: Cells = {}
    for a, region in enumerate(table.regions):
        for b, industry in enumerate(table.industries):
            if not row_totals[a] or not col_totals[b] or not total:
                out[(region, industry)] = None
            else:
                share = table.values[a][b] / row_totals[a]
                out[(region, industry)] = share / (col_totals[b] / total)
    return out


rca = location_quotients  # Balassa's revealed comparative advantage is the same ratio


def shares(table: Table) -> dict[str, dict[str, float]]:
    """s(r,i) = x(r,i)/x(r) per region (regions with a zero total are left out)."""
    out = {}
    for region, row in zip(table.regions, table.values, strict=True):
        total = sum(row)
        if total:
            out[region] = {i: v / total for i, v in zip(table.industries, row, strict=True)}
    return out


def herfindahl(table: Table) -> dict[str, float | None]:
    """HHI(r) = Σ_i s(r,i)² (0–1; 1 = one industry); None for a region with a zero total."""
    by_region = shares(table)
    return {
        r: (sum(s * s for s in by_region[r].values()) if r in by_region else None)
        for r in table.regions
    }


def krugman(table: Table) -> dict[str, float | None]:
    """K(r) = Σ_i |s(r,i) − s(−r,i)| against the rest of the set (0–2); None when the region or
    the rest has a zero total."""
    col_totals = table.industry_totals()
    out: dict[str, float | None] = {}
    for region, row in zip(table.regions, table.values, strict=True):
        own = sum(row)
        rest = [col_totals[b] - row[b] for b in range(len(row))]
        rest_total = sum(rest)
        if not own or not rest_total:
            out[region] = None
            continue
        out[region] = sum(abs(row[b] / own - rest[b] / rest_total) for b in range(len(row)))
    return out


@dataclass(frozen=True)
class ShiftShare:
    """The change of a region from the base period to the current one, in three parts."""

    base: float
    current: float
    reference_share: float  # national/city share: x0(r)·g
    industry_mix: float  # Σ_i x0(r,i)·(g(i) − g)
    local: float  # Σ_i (x1(r,i) − x0(r,i) − x0(r,i)·g(i)): competitive / local component
    by_industry: dict[str, tuple[float, float, float]]  # industry → the three parts

    @property
    def change(self) -> float:
        return self.current - self.base


def shift_share(base: Table, current: Table) -> dict[str, ShiftShare]:
    """The shift-share decomposition of every region's change (the reference is the whole set).
    Regions and industries are the union of the two tables'. When the whole set's base total is
    0 there is no growth rate: every change is local."""
    regions = sorted(set(base.regions) | set(current.regions))
    industries = sorted(set(base.industries) | set(current.industries))
    x0 = {(r, i): base.value(r, i) for r in regions for i in industries}
    x1 = {(r, i): current.value(r, i) for r in regions for i in industries}
    total0 = sum(x0.values())
    total1 = sum(x1.values())
    g = total1 / total0 - 1 if total0 else 0.0
    growth = {}
    for i in industries:
        i0 = sum(x0[(r, i)] for r in regions)
        i1 = sum(x1[(r, i)] for r in regions)
        growth[i] = i1 / i0 - 1 if i0 else 0.0
    out = {}
    for r in regions:
        parts = {}
        for i in industries:
            before, after = x0[(r, i)], x1[(r, i)]
            parts[i] = (before * g, before * (growth[i] - g), after - before - before * growth[i])
        out[r] = ShiftShare(
            base=sum(x0[(r, i)] for i in industries),
            current=sum(x1[(r, i)] for i in industries),
            reference_share=sum(p[0] for p in parts.values()),
            industry_mix=sum(p[1] for p in parts.values()),
            local=sum(p[2] for p in parts.values()),
            by_industry=parts,
        )
    return out


def dominant_industries(table: Table) -> dict[str, tuple[str, float] | None]:
    """一镇一品: each region's largest industry and its share of the region (the lower code on a
    tie); None for a region with a zero total."""
    out: dict[str, tuple[str, float] | None] = {}
    for region, row in zip(table.regions, table.values, strict=True):
        total = sum(row)
        if not total:
            out[region] = None
            continue
        best = max(range(len(row)), key=lambda b: (row[b], -b))
        out[region] = (table.industries[best], row[best] / total)
    return out


# --- relatedness (upgrading paths) -------------------------------------------------------------


def presence(rca_cells: Cells, threshold: float) -> dict[tuple[str, str], bool]:
    """M(r,p): RCA ≥ threshold (an undefined RCA is absence)."""
    return {key: (v is not None and v >= threshold) for key, v in rca_cells.items()}


def proximity(
    present: dict[tuple[str, str], bool], industries: Sequence[str]
) -> dict[tuple[str, str], float | None]:
    """φ(p,p') = #regions with both ÷ max(#regions with p, #regions with p'), diagonal included;
    None when neither is present anywhere."""
    by_region: dict[str, list[str]] = {}
    for (region, industry), here in present.items():
        if here:
            by_region.setdefault(region, []).append(industry)
    ubiquity = dict.fromkeys(industries, 0)
    both: dict[tuple[str, str], int] = {}
    for held in by_region.values():
        for p in held:
            ubiquity[p] += 1
            for q in held:
                both[(p, q)] = both.get((p, q), 0) + 1
    out: dict[tuple[str, str], float | None] = {}
    for p in industries:
        for q in industries:
            larger = max(ubiquity[p], ubiquity[q])
            out[(p, q)] = both.get((p, q), 0) / larger if larger else None
    return out


def density(
    present: dict[tuple[str, str], bool],
    phi: dict[tuple[str, str], float | None],
    regions: Sequence[str],
    industries: Sequence[str],
) -> Cells:
    """d(r,p) = Σ_p' M(r,p')·φ(p,p') ÷ Σ_p' φ(p,p') (None for an industry present nowhere).

    Computed as: the numerators of a region are the sum of the φ columns of the industries it
    has (one pass per industry held, not one per pair)."""
    n = len(industries)
    columns = {q: [phi[(p, q)] or 0.0 for p in industries] for q in industries}
    denominators = [sum(phi[(p, q)] or 0.0 for q in industries) for p in industries]
    out: Cells = {}
    for r in regions:
        numerators = [0.0] * n
        for q in industries:
            if present.get((r, q)):
                numerators = [a + b for a, b in zip(numerators, columns[q], strict=True)]
        for k, p in enumerate(industries):
            den = denominators[k]
            out[(r, p)] = numerators[k] / den if den else None
    return out


@dataclass(frozen=True)
class Relatedness:
    """Everything the relatedness method computes on one table."""

    table: Table
    rca: Cells
    present: dict[tuple[str, str], bool]
    phi: dict[tuple[str, str], float | None]
    density: Cells


def relatedness(table: Table, threshold: float, phi=None) -> Relatedness:
    """RCA, presence, proximity (from this table unless ``phi`` is given, e.g. measured over a
    finer set of regions) and density."""
    cells = rca(table)
    present = presence(cells, threshold)
    if phi is None:
        phi = proximity(present, table.industries)
    dens = density(present, phi, table.regions, table.industries)
    return Relatedness(table, cells, present, phi, dens)


@dataclass(frozen=True)
class Opportunity:
    """An industry a region does not yet have (M = 0), ranked by its density there."""

    industry: str
    density: float
    related: tuple[tuple[str, float], ...]  # industries the region has, closest first, with φ


def opportunities(
    result: Relatedness,
    region: str,
    candidates: Iterable[str],
    *,
    limit: int,
    reasons: int,
) -> list[Opportunity]:
    """The ``limit`` candidate industries absent from ``region`` with the highest density there
    (then by code), each with the ``reasons`` present industries closest to it (φ > 0)."""
    held = [q for q in result.table.industries if result.present.get((region, q))]
    found = []
    for p in candidates:
        d = result.density.get((region, p))
        if d is None or result.present.get((region, p)):
            continue
        near = sorted(
            ((q, result.phi[(p, q)] or 0.0) for q in held if q != p),
            key=lambda pair: (-pair[1], pair[0]),
        )
        found.append(Opportunity(p, d, tuple((q, f) for q, f in near[:reasons] if f > 0)))
    found.sort(key=lambda o: (-o.density, o.industry))
    return found[:limit]
