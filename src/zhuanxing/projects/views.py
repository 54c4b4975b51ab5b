"""Pages of the projects app: parse (forms) → selector/service → render."""

from datetime import date

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action
from zhuanxing.core.errors import UserError
from zhuanxing.core.figures import format_number
from zhuanxing.policy.active import policy_in_force

from . import export, selectors, services
from .forms import (
    ImportForm,
    ListForm,
    PlanEntryForm,
    PlanForm,
    ProblemForm,
    ProblemsForm,
    ProgressForm,
    ProjectForm,
    ResolveForm,
    ScreeningForm,
    YearForm,
)
from .models import Problem, ProjectKind, ProjectStatus
from .screening import parse_figures
from .verdict import tier_label
from .workbook import read_progress_workbook, read_projects_workbook


def _english(request) -> bool:
    return (getattr(request, "LANGUAGE_CODE", "") or "").startswith("en")


@login_required
def project_list(request):
    params = ListForm.parse(request.GET)
    rows = selectors.project_list(
        request.user,
        county=params["county"],
        kind=params["kind"],
        status=params["status"],
        q=params["q"],
    )
    if params["export"] == "xlsx":
        access.require(request.user, Action.EXPORT)
        return export.projects_workbook(rows)
    page = Paginator(rows, django_settings.ZHUANXING["PAGE_SIZE"]).get_page(request.GET.get("page"))
    counties = selectors.by_county(selectors.projects_visible(request.user))
    map_rows = [
        {"name": c["code"], "label": c["name"], "value": float(c["investment"]),
         "text": f"{c['projects']} · {format_number(c['investment'], 0)}"}
        for c in counties
    ]  # fmt: skip
    return render(
        request,
        "projects/list.html",
        {
            "page": page,
            "params": params,
            "counties": counties,
            "map_rows": map_rows,
            "kinds": ProjectKind.choices,
            "statuses": ProjectStatus.choices,
            "query": request.GET.urlencode(),
            "import_form": ImportForm(),
            "priority_min": policy_in_force().projects.priority_investment_min,
        },
    )


def _project_form_page(request, project=None):
    policy = policy_in_force()
    access.require_official(request.user)
    access.require(request.user, Action.CHANGE)
    form = ProjectForm(request.POST or None, instance=project, user=request.user, policy=policy)
    if request.method == "POST" and form.is_valid():
        try:
            if project is None:
                project = services.project_create(user=request.user, data=form.cleaned_data)
            else:
                services.project_update(user=request.user, project=project, data=form.cleaned_data)
        except UserError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Project saved."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/form.html", {"form": form, "project": project})


@login_required
def project_create(request):
    return _project_form_page(request)


@login_required
def project_edit(request, pk: int):
    project = selectors.project_get(request.user, pk, Action.CHANGE)
    return _project_form_page(request, project)


@login_required
def project_detail(request, pk: int):
    project = selectors.project_get(request.user, pk)
    policy = policy_in_force()
    settings = policy.projects
    category = policy.categories_1244.get(project.category_1244)
    entries = list(project.plan_entries.order_by("year"))
    done = {}
    for p in project.progress.all():
        done.setdefault(p.year, []).append(p)
    years = []
    for e in entries:
        rows = done.get(e.year, [])
        completed = sum((p.investment for p in rows), 0)
        years.append(
            {
                "entry": e,
                "progress": rows,
                "completed": completed,
                "pct": completed * 100 / e.planned_investment if e.planned_investment else None,
            }
        )
    may_change = (
        access.is_official(request.user)
        and selectors.projects_visible(request.user, Action.CHANGE).filter(pk=pk).exists()
    )
    today = date.today()
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "category": category.name if category else "",
            "years": years,
            "may_change": may_change,
            "problems": project.problems.all(),
            "today": today,
            "screenings": selectors.screenings(request.user).filter(project=project),
            "priority": project.total_investment >= settings.priority_investment_min,
            "plan_form": PlanEntryForm(),
            "progress_form": ProgressForm(),
            "problem_form": ProblemForm(initial={"raised_on": today}),
            "resolve_form": ResolveForm(initial={"resolved_on": today}),
        },
    )


def _post_form(request, form_class, pk, action):
    project = selectors.project_get(request.user, pk, Action.CHANGE)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "; ".join(
                f"{form.fields[k].label if k in form.fields else k}: {' '.join(v)}"
                for k, v in form.errors.items()
            ),
        )
    else:
        try:
            action(project, form.cleaned_data)
        except UserError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved."))
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def plan_entry_set(request, pk: int):
    return _post_form(
        request,
        PlanEntryForm,
        pk,
        lambda p, d: services.plan_entry_set(
            user=request.user,
            project=p,
            year=d["year"],
            planned=d["planned_investment"],
            milestones=d["milestones"],
        ),
    )


@login_required
@require_POST
def progress_add(request, pk: int):
    return _post_form(
        request,
        ProgressForm,
        pk,
        lambda p, d: services.progress_record(
            user=request.user,
            project=p,
            year=d["year"],
            month=d["month"],
            investment=d["investment"],
            milestone=d["milestone"],
        ),
    )


@login_required
@require_POST
def problem_add(request, pk: int):
    return _post_form(
        request,
        ProblemForm,
        pk,
        lambda p, d: services.problem_create(user=request.user, project=p, **d),
    )


@login_required
@require_POST
def problem_resolve(request, pk: int):
    problem = get_object_or_404(Problem.objects.restrict(request.user, Action.CHANGE), pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.problem_resolve(user=request.user, problem=problem, **form.cleaned_data)
        except UserError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Give the resolution and its date."))
    return redirect("projects:detail", pk=problem.project_id)


def _plan_year(params) -> int:
    years = selectors.plan_years()
    year = params.get("year") or (years[-1] if years else date.today().year)
    return year


@login_required
def plan(request):
    access.require_official(request.user)
    params = PlanForm.parse(request.GET)
    settings = policy_in_force().projects
    year = _plan_year(params)
    rows = selectors.plan_rows(request.user, year, settings, month=params["month"])
    if params["export"] == "xlsx":
        access.require(request.user, Action.EXPORT)
        return export.plan_workbook(rows, year)
    candidates = []
    if access.is_city_admin(request.user):
        candidates = selectors.plan_rows(request.user, year, settings, in_plan=False)
    return render(
        request,
        "projects/plan.html",
        {
            "rows": rows,
            "year": year,
            "years": selectors.plan_years(),
            "settings": settings,
            "summary": selectors.plan_summary(rows),
            "candidates": candidates,
            "month": rows[0].month if rows else None,
        },
    )


@login_required
@require_POST
def plan_build(request):
    access.require_city_admin(request.user)
    year = YearForm.parse(request.POST)["year"]
    if not year:
        raise UserError(_("Name the plan's year."))
    ids = set()
    for raw in request.POST.getlist("project"):
        if not raw.isdigit() or len(raw) > 12:
            raise UserError(_("A chosen project is not a project number."))
        ids.add(int(raw))
    try:
        n = services.plan_build(user=request.user, year=year, project_ids=ids)
    except UserError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(n)s projects are in the %(year)s plan.") % {"n": n, "year": year}
        )
    return redirect(f"{reverse('projects:plan')}?year={year}")


@login_required
def problems(request):
    access.require_official(request.user)
    params = ProblemsForm.parse(request.GET)
    today = date.today()
    rows = selectors.problems(request.user, overdue=params["overdue"], today=today)
    if params["export"] == "xlsx":
        access.require(request.user, Action.EXPORT)
        return export.problems_workbook(rows)
    page = Paginator(rows, django_settings.ZHUANXING["PAGE_SIZE"]).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/problems.html",
        {
            "page": page,
            "overdue": params["overdue"],
            "today": today,
            "open_overdue": selectors.problems(request.user, overdue=True, today=today).count(),
        },
    )


@login_required
def attraction(request):
    access.require_official(request.user)
    year = YearForm.parse(request.GET)["year"]
    return render(
        request,
        "projects/attraction.html",
        {
            "summary": selectors.attraction_summary(request.user, year),
            "year": year,
        },
    )


@login_required
def screen(request):
    access.require_official(request.user)
    access.require(request.user, Action.CHANGE)
    policy = policy_in_force()
    initial = {}
    project = None
    project_id = request.GET.get("project") or request.POST.get("project")
    if project_id:
        if not str(project_id).isdigit() or len(str(project_id)) > 12:
            raise UserError(_("The project is not a project number."))
        project = selectors.project_get(request.user, int(project_id), Action.CHANGE)
        initial = {
            "name": project.name,
            "project": project.pk,
            "value_added": project.expected_va,
            "energy_tce": project.energy_tce,
            "electricity_kwh": project.electricity_kwh,
            "cod_t": project.cod_t,
            "nh3n_t": project.nh3n_t,
            "so2_t": project.so2_t,
            "nox_t": project.nox_t,
            "region": project.org_unit.county_level.code if project.org_unit.county_level else None,
        }
    form = ScreeningForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            figures = parse_figures(data)
            row = services.screening_run(
                user=request.user,
                name=data["name"],
                org_unit=data["region"],
                figures=figures,
                policy=policy,
                project=project,
            )
        except UserError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("projects:screening", pk=row.pk)
    return render(
        request,
        "projects/screen.html",
        {
            "form": form,
            "project": project,
            "screening": policy.screening,
            "recent": selectors.screenings(request.user)[
                : django_settings.ZHUANXING["RECENT_LIST_CAP"]
            ],
        },
    )


INPUT_LABELS = [
    ("value_added", _lazy("value added (万元/yr)")),
    ("energy_tce", _lazy("energy other than electricity (tce/yr)")),
    ("electricity_kwh", _lazy("electricity (kWh/yr)")),
    ("cod_t", _lazy("COD (t/yr)")),
    ("nh3n_t", _lazy("NH3-N (t/yr)")),
    ("so2_t", _lazy("SO2 (t/yr)")),
    ("nox_t", _lazy("NOx (t/yr)")),
]


def _verdict_context(request, row):
    policy = policy_in_force()
    english = _english(request)
    result = row.result
    checks = []
    for c in result["checks"]:
        ind = policy.indicators.get(c["measure"])
        places = ind.decimals if ind and ind.decimals is not None else 4
        checks.append(
            {
                **c,
                "name": (ind.name_en if english else ind.name) if ind else c["measure"],
                "mine": format_number(c["project_per_va"], places),
                "city": format_number(c["city_average_per_va"], places),
            }
        )
    screening = policy.screening
    screened = {
        measure
        for key in (screening.energy_indicator, *screening.emission_indicators)
        for measure in policy.indicators[key].numerator.measures
    }
    labels = dict(INPUT_LABELS)
    return {
        "row": row,
        "result": result,
        "checks": checks,
        "inputs": [(labels.get(k, k), v) for k, v in row.inputs.items()],
        "unscreened": [
            str(labels[m]) for m in ("cod_t", "nh3n_t", "so2_t", "nox_t") if m not in screened
        ],
        "tier": tier_label(result["review_tier"]),
        "policy": policy,
    }


@login_required
def screening_detail(request, pk: int):
    row = selectors.screening_get(request.user, pk)
    return render(request, "projects/verdict.html", _verdict_context(request, row))


@login_required
def screening_docx(request, pk: int):
    row = selectors.screening_get(request.user, pk)
    ctx = _verdict_context(request, row)
    verdict = _("Approved") if row.approved else _("Not approved")
    lines = [
        (_("Project"), row.name),
        (_("Region"), row.org_unit.name),
        (_("Verdict"), verdict),
        (_("Review tier"), ctx["tier"]),
        (_("City averages of"), str(row.result["benchmark_year"])),
        (_("Screened on"), row.created_at.date().isoformat()),
    ]
    header = [
        _("Measure"),
        _("Project per unit VA"),
        _("City average per unit VA"),
        _("Unit"),
        _("Result"),
    ]
    body = [
        [c["name"], c["mine"], c["city"], c["unit"], _("passed") if c["passed"] else _("failed")]
        for c in ctx["checks"]
    ]
    return export.verdict_docx(
        row,
        lines,
        body,
        _("New project energy and emission screening"),
        row.result["reasons"],
        header,
    )


@login_required
def progress_template(request):
    access.require_official(request.user)
    year = _plan_year(PlanForm.parse(request.GET))
    rows = selectors.plan_rows(request.user, year, policy_in_force().projects)
    return export.progress_template(rows, year)


@login_required
@require_POST
def progress_import(request):
    access.require_official(request.user)
    access.require(request.user, Action.CHANGE)
    content = _upload(request)
    found, saved = read_progress_workbook(content, request.user)
    _report_import(request, found, _("%(n)s months of progress imported.") % {"n": saved})
    return redirect("projects:plan")


def _upload(request) -> bytes:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        raise UserError(_("Choose a workbook to import."))
    upload = form.cleaned_data["file"]
    if upload.size > django_settings.ZHUANXING["IMPORT_MAX_BYTES"]:
        raise UserError(_("The file is too large."))
    return upload.read()


def _report_import(request, found: list[str], success: str) -> None:
    if found:
        for problem in found[: django_settings.ZHUANXING["RECENT_LIST_CAP"]]:
            messages.error(request, problem)
        messages.error(request, _("Nothing was imported: %(n)s problems.") % {"n": len(found)})
    else:
        messages.success(request, success)


@login_required
@require_POST
def project_import(request):
    access.require_official(request.user)
    access.require(request.user, Action.CHANGE)
    content = _upload(request)
    found, created = read_projects_workbook(content, request.user, policy_in_force())
    _report_import(request, found, _("%(n)s projects imported.") % {"n": created})
    return redirect("projects:list")
