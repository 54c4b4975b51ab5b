"""The facts the bank recommendation rules read from two peer feature apps (clause 十七).

The layers contract keeps feature apps apart; this module is the one exception, and the
contract in ``pyproject.toml`` names it: it may import ``projects.selectors`` and
``evaluation.selectors`` (their read functions, scoped to the user), nothing else of them.
"""

from dataclasses import dataclass

from zhuanxing.evaluation.selectors import backward_listed_ids, latest_published_classes
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.projects.selectors import county_of, kind_names, plan_years, recommendation_projects

from .recommendation import Facts

__all__ = ["Candidate", "candidates", "kind_names", "plan_years"]


@dataclass(frozen=True)
class Candidate:
    project: object  # projects.Project
    planned_investment: object  # Decimal, 万元
    county: str
    owner: str
    facts: Facts


def candidates(*, user, year: int) -> tuple[int | None, list[Candidate]]:
    """Every project with a plan entry for ``year`` that the user reaches, with its facts; and
    the year of the published evaluation whose classes were used (None: none yet)."""
    evaluation_year, classes = latest_published_classes(user=user, year=year)
    backward = backward_listed_ids(user=user)
    counties = {u.code: u.name for u in OrgUnit.objects.county_level()}
    rows = []
    for project, entry, approved in recommendation_projects(user, year):
        owner_id = project.owner_id
        code = county_of(project.org_unit)
        rows.append(
            Candidate(
                project=project,
                planned_investment=entry.planned_investment,
                county=counties.get(code, project.org_unit.name),
                owner=project.investor,
                facts=Facts(
                    in_plan=entry.in_plan,
                    kind=project.kind,
                    total_investment=project.total_investment,
                    has_owner=owner_id is not None,
                    owner_class=classes.get(owner_id, "") if owner_id else "",
                    evaluation_year=evaluation_year,
                    backward=owner_id in backward,
                    screening_approved=approved,
                ),
            )
        )
    return evaluation_year, rows
