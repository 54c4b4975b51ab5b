"""The arithmetic of a bureau's monthly analysis (月度工业经济运行分析). Pure functions, no Django.

- growth breadth (增长面): of the parts with a comparable growth, how many grew (> 0) and
  their share, grew ÷ parts × 100;
- margins (边际变化): each part's cumulative growth now against the previous month's
  cumulative growth: turned positive (≤ 0 → > 0), turned negative (> 0 → ≤ 0), otherwise rose
  or fell (or unchanged); parts missing either figure are not counted;
- ranks: standard competition ranking ("1224", ``core.figures.competition_rank``) on growth
  rounded half up to the one decimal the report shows, so parts shown equal share a rank; the
  change is the previous rank minus the current one (positive = moved up);
- big firms (亿元以上企业): firms whose cumulative gross output is at least the line; their
  count, share of output, growth on a comparable basis and contribution to the whole's growth
  (Σ Δ big ÷ Σ Δ all × 100), and the top contributors by Δ;
- 产销率 = sales output ÷ gross output × 100, its change in points on the same firms' 上年同期;
- 亏损面 = firms with a negative cumulative profit ÷ firms × 100; 亏损额 = Σ −profit over them,
  its growth against the same firms' losses a year earlier (Σ −prior profit where negative);
- comparable prices (可比价): each month's value deflated by that month's producer price index
  (上年同月 = 100): real growth = Σ (value_m × 100 ÷ index_m) ÷ Σ base_m × 100 − 100. A part
  uses its own division's index, else the general series; no index for a month → None, and
  the report falls back to current prices (现价).

Every function returns None where a base is zero or missing, never a division by zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from zhuanxing.core.figures import competition_rank, growth_pct, round_half_up

Number = Decimal | int | float
HUNDRED = Decimal(100)


def _d(x: Number | None) -> Decimal | None:
    if x is None:
        return None
    return x if isinstance(x, Decimal) else Decimal(str(x))


def share(part: Number | None, whole: Number | None) -> Decimal | None:
    """part ÷ whole × 100; None when the whole is zero or either is missing."""
    part, whole = _d(part), _d(whole)
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * HUNDRED


# --- growth breadth ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Breadth:
    parts: int  # parts with a comparable growth
    grew: int  # of which growth > 0
    share: Decimal | None  # grew ÷ parts × 100
    fell: int = 0  # growth < 0


def breadth(growths: Mapping[str, Number | None]) -> Breadth:
    known = [_d(g) for g in growths.values() if g is not None]
    grew = sum(1 for g in known if g > 0)
    fell = sum(1 for g in known if g < 0)
    return Breadth(len(known), grew, share(grew, len(known)), fell)


# --- margins -------------------------------------------------------------------------------------


@dataclass
class Margins:
    rose: list[str] = field(default_factory=list)  # growth higher than a month earlier
    fell: list[str] = field(default_factory=list)  # lower
    unchanged: list[str] = field(default_factory=list)
    turned_positive: list[str] = field(default_factory=list)  # ≤ 0 → > 0
    turned_negative: list[str] = field(default_factory=list)  # > 0 → ≤ 0

    @property
    def compared(self) -> int:
        return sum(
            len(x)
            for x in (
                self.rose,
                self.fell,
                self.unchanged,
                self.turned_positive,
                self.turned_negative,
            )
        )


def margins(now: Mapping[str, Number | None], before: Mapping[str, Number | None]) -> Margins:
    """Parts' cumulative growth now against the previous month's (both in %)."""
    out = Margins()
    for code, g in now.items():
        g, b = _d(g), _d(before.get(code))
        if g is None or b is None:
            continue
        if b <= 0 < g:
            out.turned_positive.append(code)
        elif g <= 0 < b:
            out.turned_negative.append(code)
        elif g > b:
            out.rose.append(code)
        elif g < b:
            out.fell.append(code)
        else:
            out.unchanged.append(code)
    return out


# --- ranks ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rank:
    rank: int | None
    previous: int | None
    change: int | None  # previous − rank: positive = moved up


def ranks(values: Mapping[str, Number | None], places: int = 1) -> dict[str, int]:
    """Competition ranks, highest first, on the values rounded half up to ``places``; parts
    without a value get no rank."""
    shown = [(code, round_half_up(_d(v), places)) for code, v in values.items() if v is not None]
    shown.sort(key=lambda item: item[1], reverse=True)
    out: dict[str, int] = {}
    competition_rank(
        shown, key=lambda item: item[1], assign=lambda item, r: out.__setitem__(item[0], r)
    )
    return out


def ranks_with_change(
    now: Mapping[str, Number | None], before: Mapping[str, Number | None], places: int = 1
) -> dict[str, Rank]:
    current, previous = ranks(now, places), ranks(before, places)
    out = {}
    for code in now:
        r, p = current.get(code), previous.get(code)
        out[code] = Rank(r, p, None if r is None or p is None else p - r)
    return out


# --- firms: big firms, 产销率, 亏损面 -------------------------------------------------------------


@dataclass(frozen=True)
class Firm:
    """One firm's cumulative figures (万元) and their 上年同期 (None where not reported)."""

    id: str
    gross_output: Decimal | None
    prior_gross_output: Decimal | None = None
    sales_output: Decimal | None = None
    prior_sales_output: Decimal | None = None
    profit: Decimal | None = None
    prior_profit: Decimal | None = None


@dataclass(frozen=True)
class Contributor:
    id: str
    value: Decimal
    growth: Decimal | None
    delta: Decimal
    contribution: Decimal | None
    pull: Decimal | None  # Δ ÷ Σ 上年同期 of all firms × 100, percentage points


@dataclass(frozen=True)
class BigFirms:
    line: Decimal
    count: int
    firms: int  # all firms
    output: Decimal  # Σ gross output of the big firms
    output_share: Decimal | None  # of all firms' output, %
    growth: Decimal | None  # big firms' output growth, comparable basis
    contribution: Decimal | None  # share of the whole's change, %
    pull: Decimal | None  # points of the whole's growth
    top: list[Contributor]


def _delta(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    return None if now is None or before is None else now - before


def big_firms(firms: Sequence[Firm], line: Number, top: int = 10) -> BigFirms:
    """Firms with cumulative gross output ≥ ``line`` (万元). Growth and contribution compare the
    firms that have a 上年同期 (a new firm counts in count and output, not in growth)."""
    line = _d(line)
    total_output = sum((f.gross_output or 0 for f in firms), Decimal(0))
    total_delta = sum(
        (d for f in firms if (d := _delta(f.gross_output, f.prior_gross_output)) is not None),
        Decimal(0),
    )
    total_prior = sum(
        (
            f.prior_gross_output
            for f in firms
            if f.gross_output is not None and f.prior_gross_output is not None
        ),
        Decimal(0),
    )
    big = [f for f in firms if f.gross_output is not None and f.gross_output >= line]
    output = sum((f.gross_output for f in big), Decimal(0))
    paired = [f for f in big if f.prior_gross_output is not None]
    now = sum((f.gross_output for f in paired), Decimal(0))
    before = sum((f.prior_gross_output for f in paired), Decimal(0))
    contributors = [
        Contributor(
            f.id,
            f.gross_output,
            growth_pct(f.gross_output, f.prior_gross_output),
            f.gross_output - f.prior_gross_output,
            share(f.gross_output - f.prior_gross_output, total_delta),
            share(f.gross_output - f.prior_gross_output, total_prior),
        )
        for f in paired
    ]
    contributors.sort(key=lambda c: (-c.delta, c.id))
    return BigFirms(
        line=line,
        count=len(big),
        firms=len(firms),
        output=output,
        output_share=share(output, total_output),
        growth=growth_pct(now, before) if paired else None,
        contribution=share(now - before, total_delta) if paired else None,
        pull=share(now - before, total_prior) if paired else None,
        top=[c for c in contributors[:top] if c.delta > 0],
    )


@dataclass(frozen=True)
class SalesRatio:
    ratio: Decimal | None  # 产销率 now, %
    previous: Decimal | None  # the same firms' 上年同期, %
    change: Decimal | None  # points


def sales_ratio(firms: Iterable[Firm]) -> SalesRatio:
    """产销率 over the firms reporting both figures; last year's over those reporting both
    上年同期 figures."""
    firms = list(firms)
    pairs = [f for f in firms if f.sales_output is not None and f.gross_output is not None]
    ratio = share(
        sum((f.sales_output for f in pairs), Decimal(0)),
        sum((f.gross_output for f in pairs), Decimal(0)),
    )
    before = [
        f for f in pairs if f.prior_sales_output is not None and f.prior_gross_output is not None
    ]
    previous = share(
        sum((f.prior_sales_output for f in before), Decimal(0)),
        sum((f.prior_gross_output for f in before), Decimal(0)),
    )
    return SalesRatio(ratio, previous, _delta(ratio, previous))


@dataclass(frozen=True)
class Losses:
    firms: int  # firms with a cumulative profit figure
    losing: int  # of which profit < 0
    share: Decimal | None  # 亏损面, %
    previous_share: Decimal | None  # 亏损面 a year earlier, over the firms with a prior figure
    amount: Decimal  # 亏损额 = Σ −profit of the losing firms, 万元
    previous_amount: Decimal  # Σ −prior profit of the firms losing a year earlier
    amount_growth: Decimal | None
    turned_to_loss: list[str]  # profit < 0 now, ≥ 0 a year earlier


def losses(firms: Iterable[Firm]) -> Losses:
    firms = [f for f in firms if f.profit is not None]
    losing = [f for f in firms if f.profit < 0]
    amount = sum((-f.profit for f in losing), Decimal(0))
    with_prior = [f for f in firms if f.prior_profit is not None]
    losing_before = [f for f in with_prior if f.prior_profit < 0]
    previous_amount = sum((-f.prior_profit for f in losing_before), Decimal(0))
    turned = [f.id for f in losing if f.prior_profit is not None and f.prior_profit >= 0]
    return Losses(
        firms=len(firms),
        losing=len(losing),
        share=share(len(losing), len(firms)),
        previous_share=share(len(losing_before), len(with_prior)),
        amount=amount,
        previous_amount=previous_amount,
        amount_growth=growth_pct(amount, previous_amount),
        turned_to_loss=turned,
    )


# --- comparable prices ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthValue:
    """One month of a part: its value, the same firms' 上年同期, and the part's division."""

    month: str
    value: Decimal
    base: Decimal
    division: str | None = None


def price_index_for(
    index: Mapping[tuple[str, str], Number], month: str, division: str | None
) -> Decimal | None:
    """The month's index for the division, else the general series (division "")."""
    if division:
        found = index.get((month, division))
        if found is not None:
            return _d(found)
    found = index.get((month, ""))
    return None if found is None else _d(found)


def deflated(rows: Iterable[MonthValue], index: Mapping[tuple[str, str], Number]):
    """(Σ value at last year's prices, Σ base), or None when a month has no index."""
    real, base = Decimal(0), Decimal(0)
    for row in rows:
        i = price_index_for(index, row.month, row.division)
        if i is None or i == 0:
            return None
        real += _d(row.value) * HUNDRED / i
        base += _d(row.base)
    return real, base


def comparable_growth(
    rows: Iterable[MonthValue], index: Mapping[tuple[str, str], Number]
) -> Decimal | None:
    """Growth at comparable prices (可比价), %; None when any month lacks an index (the caller
    then shows current-price growth, marked 现价)."""
    found = deflated(rows, index)
    if found is None:
        return None
    return growth_pct(*found)
