"""Writes of the projects app: ``<entity>_<verb>``, keyword-only, one transaction, the user's
reach checked again (a county officer writes only inside their county)."""

from decimal import Decimal

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action
from zhuanxing.core.errors import UserError
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit

from . import screening as rules
from .benchmarks import city_averages
from .models import PlanEntry, Problem, Progress, Project, Screening
from .verdict import as_dict

PROJECT_FIELDS = (
    "name", "owner", "investor_name", "org_unit", "kind", "category_1244", "status",
    "total_investment", "land_mu", "new_land", "start_date", "finish_date", "investor_source",
    "fortune_500", "central_soe", "industry_leader", "expected_output", "expected_va",
    "expected_tax", "energy_tce", "electricity_kwh", "cod_t", "nh3n_t", "so2_t", "nox_t",
)  # fmt: skip


def _check_reach(user, *, org_unit: OrgUnit, owner: Enterprise | None) -> None:
    access.require_official(user)
    access.require(user, Action.CHANGE)
    if not OrgUnit.objects.restrict(user, Action.CHANGE).filter(pk=org_unit.pk).exists():
        raise UserError(_("You may not register projects in %(unit)s.") % {"unit": org_unit})
    if owner is not None:
        if not Enterprise.objects.restrict(user, Action.CHANGE).filter(pk=owner.pk).exists():
            raise UserError(_("You may not register projects of %(firm)s.") % {"firm": owner})


def _check_fields(data: dict) -> None:
    if not data.get("owner") and not (data.get("investor_name") or "").strip():
        raise UserError(_("Name the owner enterprise or the new investor."))
    if data["finish_date"] < data["start_date"]:
        raise UserError(_("The planned finish is before the start."))


@transaction.atomic
def project_create(*, user, data: dict) -> Project:
    _check_fields(data)
    _check_reach(user, org_unit=data["org_unit"], owner=data.get("owner"))
    project = Project(created_by=user, **{k: data[k] for k in PROJECT_FIELDS if k in data})
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_update(*, user, project: Project, data: dict) -> Project:
    if not Project.objects.restrict(user, Action.CHANGE).filter(pk=project.pk).exists():
        raise Http404
    _check_fields(data)
    _check_reach(user, org_unit=data["org_unit"], owner=data.get("owner"))
    for key in PROJECT_FIELDS:
        if key in data:
            setattr(project, key, data[key])
    project.full_clean()
    project.save()
    return project


def _changeable(user, project: Project) -> None:
    access.require_official(user)
    if not Project.objects.restrict(user, Action.CHANGE).filter(pk=project.pk).exists():
        raise Http404


@transaction.atomic
def plan_entry_set(*, user, project: Project, year: int, planned: Decimal, milestones=""):
    """The project's planned investment for ``year`` (kept in the plan if it was)."""
    _changeable(user, project)
    if planned < 0:
        raise UserError(_("The planned investment cannot be negative."))
    entry, _created = PlanEntry.objects.update_or_create(
        project=project, year=year,
        defaults={"planned_investment": planned, "milestones": milestones},
    )  # fmt: skip
    return entry


@transaction.atomic
def plan_build(*, user, year: int, project_ids: set[int]) -> int:
    """The city's annual plan: exactly the entries of ``year`` whose projects are chosen."""
    access.require_city_admin(user)
    entries = PlanEntry.objects.filter(year=year)
    unknown = set(project_ids) - set(entries.values_list("project_id", flat=True))
    if unknown:
        raise UserError(_("Some chosen projects have no planned investment for this year."))
    entries.exclude(project_id__in=project_ids).update(in_plan=False)
    return entries.filter(project_id__in=project_ids).update(in_plan=True)


@transaction.atomic
def progress_record(*, user, project: Project, year: int, month: int, investment, milestone=""):
    _changeable(user, project)
    if investment < 0:
        raise UserError(_("The investment completed cannot be negative."))
    row, _created = Progress.objects.update_or_create(
        project=project, year=year, month=month,
        defaults={"investment": investment, "milestone": milestone},
    )  # fmt: skip
    return row


@transaction.atomic
def problem_create(*, user, project: Project, description, department, raised_on, deadline):
    _changeable(user, project)
    if deadline < raised_on:
        raise UserError(_("The deadline is before the day the problem was raised."))
    return Problem.objects.create(
        project=project, description=description, department=department,
        raised_on=raised_on, deadline=deadline,
    )  # fmt: skip


@transaction.atomic
def problem_resolve(*, user, problem: Problem, resolution: str, resolved_on):
    _changeable(user, problem.project)
    if not resolution.strip():
        raise UserError(_("Say how the problem was resolved."))
    problem.resolution, problem.resolved_on = resolution, resolved_on
    problem.save(update_fields=["resolution", "resolved_on"])
    return problem


def screen_figures(figures: rules.Figures, policy, english: bool = False) -> dict:
    """Screen against the city averages of the latest complete year (the verdict as a dict)."""
    averages = city_averages()
    result = rules.screen(figures, averages.benchmarks, policy.screening)
    return as_dict(result, figures, averages.year, policy, english)


@transaction.atomic
def screening_run(*, user, name: str, org_unit: OrgUnit, figures, policy, project=None):
    """Screen a new project and keep the verdict to be printed and filed."""
    access.require_official(user)
    if not OrgUnit.objects.restrict(user, Action.CHANGE).filter(pk=org_unit.pk).exists():
        raise UserError(_("You may not screen projects in %(unit)s.") % {"unit": org_unit})
    if project is not None:
        _changeable(user, project)
    verdict = screen_figures(figures, policy)
    return Screening.objects.create(
        project=project, name=name, org_unit=org_unit, created_by=user,
        inputs=verdict["inputs"], result=verdict, approved=verdict["approved"],
        review_tier=verdict["review_tier"],
    )  # fmt: skip
