"""The annual major-project plan's order and schedule (clause 十二), pure arithmetic.

Order: projects with total investment ≥ ``[projects] priority_investment_min`` (1亿元 = 10000
万元 in Jiaxing) first ("优先保障亿元以上重大投资项目"), then by score (highest first), then by
total investment, then by name. The score, out of 100, with points from ``[projects.score]``:

    score = investment × min(total investment ÷ priority_investment_min, 1)
          + no_new_land       if the project uses no new land (零增地)
          + notable_investor  if the investor is a Fortune 500 firm, a central SOE or an
                              industry leader (clause 十三)

Schedule: by the end of month m the project should have completed m/12 of the year's planned
investment (an even schedule); it is behind schedule when the completed share is more than
``behind_schedule_margin_pct`` points below that.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
MONTHS = 12


def score(*, total_investment, new_land: bool, notable_investor: bool, settings) -> Decimal:
    """The plan score (two decimals, rounded half up)."""
    points = settings.score
    minimum = Decimal(settings.priority_investment_min)
    share = Decimal(1) if minimum == 0 else min(Decimal(total_investment) / minimum, Decimal(1))
    total = points.investment * share
    if not new_land:
        total += points.no_new_land
    if notable_investor:
        total += points.notable_investor
    return total.quantize(Decimal("0.01"), ROUND_HALF_UP)


def is_priority(total_investment, settings) -> bool:
    return Decimal(total_investment) >= settings.priority_investment_min


def order_key(*, total_investment, plan_score, name: str, settings):
    """Sort key: priority group, score, investment (descending), name."""
    return (
        0 if is_priority(total_investment, settings) else 1,
        -plan_score,
        -Decimal(total_investment),
        name,
    )


@dataclass(frozen=True)
class Schedule:
    completed: Decimal  # 万元 completed in the year up to the month
    completed_pct: Decimal | None  # of the planned investment; None when nothing is planned
    expected_pct: Decimal  # month / 12
    behind: bool


def schedule(*, planned, completed, month: int, margin_pct) -> Schedule:
    """Where a project stands at the end of ``month`` (1–12) against an even schedule."""
    expected = (HUNDRED * month / MONTHS).quantize(Decimal("0.01"), ROUND_HALF_UP)
    planned, completed = Decimal(planned), Decimal(completed)
    if planned <= 0:
        return Schedule(completed, None, expected, False)
    pct = HUNDRED * completed / planned
    return Schedule(completed, pct, expected, pct < HUNDRED * month / MONTHS - margin_pct)
