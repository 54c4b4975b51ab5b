"""Allocating a special-fund programme's budget by score (clause 十六). Pure: no Django.

The method (the policy's ``[funds]``): applications in order of score, highest first (ties: the
earlier application first); an application below the pass mark gets nothing; one that fits in
what is left of the budget gets what it asked for; one that does not fit gets what is left when
partial grants are allowed, otherwise nothing (and the next, possibly smaller, one is tried).
The grants never add up to more than the budget. Money in 万元, two decimals.
"""

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Candidate:
    id: int
    score: Decimal
    requested: Decimal
    order: int  # submission order: the tie-break


def allocate(
    budget: Decimal, candidates, *, pass_score: Decimal, partial: bool
) -> dict[int, Decimal]:
    """Each candidate's grant (0 for none), by id."""
    left = max(Decimal(budget), ZERO)
    grants: dict[int, Decimal] = {}
    for c in sorted(candidates, key=lambda c: (-c.score, c.order, c.id)):
        grant = ZERO
        if c.score >= pass_score and c.requested > 0 and left > 0:
            if c.requested <= left:
                grant = c.requested
            elif partial:
                grant = left
        grants[c.id] = grant
        left -= grant
    return grants
