"""The guarantee-agency award (clause 十七): score, rank, pick the best. Pure: no Django.

score = Σ weight × value / the year's best value, over the policy's measures (a measure whose
best is 0 adds nothing); rank by score ("1224" on equal scores); the award goes to the first
``count`` in order of score, then the larger guarantee amount, then the name.
"""

from dataclasses import dataclass
from decimal import Decimal

from zhuanxing.core.figures import competition_rank, round_half_up

ZERO = Decimal(0)


@dataclass
class Entry:
    id: int
    name: str
    values: dict  # measure → Decimal
    score: Decimal = ZERO
    rank: int = 0
    awarded: bool = False


def rank_agencies(entries: list[Entry], *, weights: dict, count: int) -> list[Entry]:
    """The entries scored (to 0.01), ranked and the first ``count`` marked awarded, best first."""
    best = {m: max((Decimal(e.values.get(m) or 0) for e in entries), default=ZERO) for m in weights}
    for e in entries:
        total = ZERO
        for measure, weight in weights.items():
            if best[measure] > 0:
                total += Decimal(weight) * Decimal(e.values.get(measure) or 0) / best[measure]
        e.score = round_half_up(total, 2)
    ordered = sorted(
        entries,
        key=lambda e: (-e.score, -Decimal(e.values.get("sme_guarantee_amount") or 0), e.name),
    )
    competition_rank(ordered, key=lambda e: e.score, assign=lambda e, r: setattr(e, "rank", r))
    for position, e in enumerate(ordered):
        e.awarded = position < count and e.score > 0
    return ordered
