"""Reads of the projects app. Every function takes the user and scopes with ``restrict``: a
county officer reaches their county's projects, an enterprise user their enterprise's."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.shortcuts import get_object_or_404

from zhuanxing.accounts.access import Action
from zhuanxing.orgunits.models import OrgUnit

from . import plan
from .models import PlanEntry, Problem, Progress, Project, Screening


def projects_visible(user, action=Action.VIEW):
    return Project.objects.restrict(user, action).select_related("org_unit", "owner")


def project_get(user, pk: int, action=Action.VIEW) -> Project:
    """The project if the user may reach it for ``action`` (404 otherwise, never 403: its
    existence is not leaked)."""
    return get_object_or_404(projects_visible(user, action), pk=pk)


def projects_of(user, enterprise):
    """The enterprise's projects the user may see (its page lists them)."""
    return projects_visible(user).filter(owner=enterprise).order_by("-start_date")


def project_list(user, *, county: str = "", kind: str = "", status: str = "", q: str = ""):
    rows = projects_visible(user)
    if county:
        rows = rows.filter(org_unit__path__contains=f"/{county}/")
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if q:
        rows = rows.filter(
            Q(name__icontains=q) | Q(investor_name__icontains=q) | Q(owner__name__icontains=q)
        )
    return rows


def county_of(unit: OrgUnit) -> str:
    """The county-level code of a unit's path (``/330400/330483/…`` → 330483)."""
    parts = [p for p in unit.path.strip("/").split("/") if p]
    return parts[1] if len(parts) > 1 else parts[0]


def by_county(rows) -> list[dict]:
    """Projects, total investment (万元) and land (mu) per county-level unit."""
    totals: dict[str, dict] = defaultdict(
        lambda: {"projects": 0, "investment": Decimal(0), "land": Decimal(0), "priority": 0}
    )
    for path, investment, land, count in (
        rows.values("org_unit__path")
        .annotate(i=Sum("total_investment"), m=Sum("land_mu"), n=Count("pk"))
        .values_list("org_unit__path", "i", "m", "n")
    ):
        parts = [p for p in path.strip("/").split("/") if p]
        code = parts[1] if len(parts) > 1 else parts[0]
        totals[code]["projects"] += count
        totals[code]["investment"] += investment or 0
        totals[code]["land"] += land or 0
    names = dict(OrgUnit.objects.filter(code__in=totals).values_list("code", "name"))
    return [{"code": c, "name": names.get(c, c), **totals[c]} for c in sorted(totals)]


@dataclass
class PlanRow:
    entry: PlanEntry
    project: Project
    priority: bool
    score: Decimal
    schedule: plan.Schedule | None
    month: int | None


def completed_by_project(year: int, project_ids, up_to_month: int | None = None) -> dict:
    rows = Progress.objects.filter(year=year, project_id__in=project_ids)
    if up_to_month:
        rows = rows.filter(month__lte=up_to_month)
    return dict(
        rows.values("project_id").annotate(s=Sum("investment")).values_list("project_id", "s")
    )


def latest_progress_month(year: int) -> int | None:
    return Progress.objects.filter(year=year).aggregate(m=Max("month"))["m"]


def plan_rows(user, year: int, settings, *, in_plan: bool = True, month: int | None = None):
    """The year's plan entries the user may see, in the plan's order (``plan.order_key``), with
    score, priority and where each stands at ``month`` (default: the latest month reported)."""
    entries = list(
        PlanEntry.objects.restrict(user)
        .filter(year=year, in_plan=in_plan)
        .select_related("project", "project__org_unit", "project__owner")
    )
    month = month or latest_progress_month(year)
    done = completed_by_project(year, [e.project_id for e in entries], month)
    rows = []
    for e in entries:
        p = e.project
        score = plan.score(
            total_investment=p.total_investment,
            new_land=p.new_land,
            notable_investor=p.notable_investor,
            settings=settings,
        )
        sched = None
        if month:
            sched = plan.schedule(
                planned=e.planned_investment,
                completed=done.get(p.pk, 0),
                month=month,
                margin_pct=settings.behind_schedule_margin_pct,
            )
        rows.append(
            PlanRow(e, p, plan.is_priority(p.total_investment, settings), score, sched, month)
        )
    rows.sort(
        key=lambda r: plan.order_key(
            total_investment=r.project.total_investment,
            plan_score=r.score,
            name=r.project.name,
            settings=settings,
        )
    )
    return rows


def plan_summary(rows) -> dict:
    planned = sum((r.entry.planned_investment for r in rows), Decimal(0))
    completed = sum((r.schedule.completed for r in rows if r.schedule), Decimal(0))
    return {
        "projects": len(rows),
        "priority": sum(1 for r in rows if r.priority),
        "planned": planned,
        "completed": completed,
        "completed_pct": (completed * 100 / planned) if planned else None,
        "behind": sum(1 for r in rows if r.schedule and r.schedule.behind),
    }


def plan_progress(user, settings) -> dict | None:
    """The latest plan year's progress in the user's scope, for the cockpit; None without a
    plan."""
    years = plan_years()
    if not years:
        return None
    rows = plan_rows(user, years[-1], settings)
    if not rows:
        return None
    return {"year": years[-1], "month": rows[0].month, **plan_summary(rows),
            "overdue": problems(user, overdue=True).count()}  # fmt: skip


def problems(user, *, overdue: bool = False, today: date | None = None):
    today = today or date.today()
    rows = Problem.objects.restrict(user).select_related("project", "project__org_unit")
    if overdue:
        rows = rows.filter(resolved_on__isnull=True, deadline__lt=today)
    return rows


def attraction_summary(user, year: int | None = None) -> dict:
    """Projects and investment by investor source and by the investors clause 十三 seeks."""
    rows = projects_visible(user)
    if year:
        rows = rows.filter(start_date__year=year)

    def total(qs):
        agg = qs.aggregate(n=Count("pk"), i=Sum("total_investment"))
        return {"projects": agg["n"], "investment": agg["i"] or Decimal(0)}

    return {
        "all": total(rows),
        "by_source": [(s, total(rows.filter(investor_source=s))) for s in ("domestic", "foreign")],
        "fortune_500": total(rows.filter(fortune_500=True)),
        "central_soe": total(rows.filter(central_soe=True)),
        "industry_leader": total(rows.filter(industry_leader=True)),
        "new_investors": total(rows.filter(owner__isnull=True)),
    }


def screening_get(user, pk: int) -> Screening:
    return get_object_or_404(Screening.objects.restrict(user).select_related("org_unit"), pk=pk)


def screenings(user):
    return Screening.objects.restrict(user).select_related("org_unit", "project")


def plan_years() -> list[int]:
    return sorted(set(PlanEntry.objects.values_list("year", flat=True)))


def recommendation_projects(user, year: int) -> list[tuple[Project, PlanEntry, bool | None]]:
    """The projects with a plan entry for ``year`` that the user reaches, each with its entry
    and its latest screening's verdict (None: never screened): what the support app's
    recommendation rules read (clause 十七; read through ``support.sources``)."""
    entries = (
        PlanEntry.objects.restrict(user, Action.VIEW)
        .filter(year=year)
        .select_related("project__org_unit", "project__owner")
        .order_by("project__name", "project_id")
    )
    rows = list(entries)
    verdicts: dict[int, bool] = {}
    for project_id, approved in (
        Screening.objects.filter(project_id__in=[e.project_id for e in rows])
        .order_by("project_id", "-created_at", "-pk")
        .values_list("project_id", "approved")
    ):
        verdicts.setdefault(project_id, approved)  # the first row of a project is its latest
    return [(e.project, e, verdicts.get(e.project_id)) for e in rows]


def kind_names() -> dict[str, str]:
    """Project kinds and their names (the support app's lists show them)."""
    from .models import ProjectKind

    return dict(ProjectKind.choices)
