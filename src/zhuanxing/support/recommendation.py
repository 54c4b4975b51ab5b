"""Which projects the city recommends to banks (clause 十七): the policy's rules applied to the
facts of one project in one year. Pure: no Django, tested against hand-checked cases.

The rules are ``policy.financing.recommendation`` (see ``policy.feature_settings.Recommendation``).
``decide`` checks every rule that applies and returns each check with whether it passed, so the
page can say why a project is in or out.
"""

from dataclasses import dataclass
from decimal import Decimal

# Check keys, in the order they are shown; their wording is in ``wording.CHECK_TEXT``.
IN_PLAN = "in_plan"
OWNER_CLASS = "owner_class"
NO_OWNER = "no_owner"
NOT_BACKWARD = "not_backward"
SCREENED = "screened"
INVESTMENT = "investment"


@dataclass(frozen=True)
class Facts:
    """What the rules look at for one project in the list's year."""

    in_plan: bool
    kind: str
    total_investment: Decimal
    has_owner: bool
    owner_class: str = ""  # the owner's class in the evaluation used ("" = not graded there)
    evaluation_year: int | None = None  # the published evaluation used (None: none yet)
    backward: bool = False  # the owner is listed or upgrading on the backward-capacity list
    screening_approved: bool | None = None  # the latest screening's verdict (None: none)


@dataclass(frozen=True)
class Check:
    key: str
    passed: bool
    value: str = ""  # what was found (a class, a year, an amount), shown with the check


def decide(facts: Facts, rule) -> tuple[bool, list[Check]]:
    """Whether the project qualifies, and every check made (the failed ones say why not)."""
    checks: list[Check] = []
    if rule.in_plan:
        checks.append(Check(IN_PLAN, facts.in_plan))
    if facts.has_owner:
        found = facts.owner_class
        year = "" if facts.evaluation_year is None else str(facts.evaluation_year)
        checks.append(
            Check(OWNER_CLASS, found in rule.owner_classes, f"{found or '-'}|{year or '-'}")
        )
        if rule.exclude_backward:
            checks.append(Check(NOT_BACKWARD, not facts.backward))
    else:
        checks.append(Check(NO_OWNER, bool(rule.without_owner)))
    if facts.kind in rule.screened_kinds:
        checks.append(Check(SCREENED, facts.screening_approved is True))
    if rule.min_total_investment:
        checks.append(
            Check(
                INVESTMENT,
                facts.total_investment >= rule.min_total_investment,
                f"{rule.min_total_investment}",
            )
        )
    return all(c.passed for c in checks), checks
