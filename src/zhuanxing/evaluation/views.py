from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhuanxing.accounts import access
from zhuanxing.accounts.access import require_official
from zhuanxing.core.errors import UserError
from zhuanxing.core.listing import (
    list_params,
    ordering,
    page_of,
    page_of_keys,
    plain_query,
    sort_links,
    workbook_response,
)
from zhuanxing.core.params import BadParameter
from zhuanxing.enterprises.selectors import enterprise_get
from zhuanxing.jobs.services import job_start
from zhuanxing.jobs.tasks import run_job
from zhuanxing.orgunits.selectors import county_units
from zhuanxing.policy.active import policy_in_force
from zhuanxing.reporting.selectors import default_year, report_years

from . import jobs, selectors, services
from .export import results_workbook
from .forms import (
    CLEAN_REASON_LABELS,
    BackwardFilterForm,
    BatchForm,
    CleanProductionForm,
    ResultFilterForm,
    RunCreateForm,
    SimulationForm,
    StatusForm,
)
from .hints import improvement
from .scoring import FirmResult, IndicatorScore
from .selectors import audit_candidates

REASON_LABELS = {
    "utility": gettext_lazy("utility (power, gas, water)"),
    "registered_recently": gettext_lazy("registered less than the minimum years"),
    "new_land_grant": gettext_lazy("within the years after a new land grant"),
    "no_land": gettext_lazy("no land data"),
    "below_scale_small_land": gettext_lazy("below scale with too little land"),
    "report_not_approved": gettext_lazy("annual report not approved"),
}


def _report_years() -> list[int]:
    return report_years()[::-1]


@login_required
def run_list(request):
    require_official(request.user)
    policy = policy_in_force()
    form = RunCreateForm(
        request.POST or None, years=_report_years(), initial={"year": default_year(request.user)}
    )
    if request.method == "POST":
        access.require_city_admin(request.user)
        if form.is_valid():
            # Seconds at the city tier: the worker computes it; the job's page shows progress.
            job = job_start(
                kind=jobs.RUN_CREATE, user=request.user,
                params={"year": form.cleaned_data["year"]}, enqueue=run_job.enqueue,
            )  # fmt: skip
            return redirect("jobs:job", pk=job.pk)
    runs = selectors.run_list(user=request.user)
    return render(
        request, "evaluation/runs.html", {"runs": runs, "form": form, "method": policy.evaluation}
    )


@login_required
def run_detail(request, pk: int):
    require_official(request.user)
    run = selectors.run_get(user=request.user, pk=pk)
    export = list_params(request.GET, ())["export"] == "xlsx"
    dist = selectors.run_distribution(user=request.user, run=run, policy=policy_in_force())
    if export:
        return distribution_workbook(run, dist)
    context = {
        "run": run,
        "dist": dist,
        "batch_form": BatchForm(initial={"name": _("Batch %(year)s") % {"year": run.year}}),
        "batches": run.backward_batches.all(),
    }
    return render(request, "evaluation/run.html", context)


def distribution_workbook(run, dist):
    """The run's class distribution in the user's scope: by county-level unit, the total, then
    by 1244 category."""
    classes = dist["classes"]
    headers = [_("Breakdown"), _("Name"), *classes, _("Total")]
    county, category = _("County / zone"), _("1244 category")
    rows = [(county, u.name, *counts, sum(counts)) for u, counts in dist["counties"]]
    rows.append((county, _("Total"), *dist["totals"], sum(dist["totals"])))
    rows += [(category, name or _("Other industries"), *counts, sum(counts))
             for name, counts in dist["categories"]]  # fmt: skip
    return workbook_response(
        f"evaluation-{run.year}-{run.pk}-classes.xlsx", _("Classes"), headers, rows,
        title=_("Evaluation %(year)s") % {"year": run.year},
    )  # fmt: skip


@login_required
@require_POST
def run_publish(request, pk: int):
    run = selectors.run_get(user=request.user, pk=pk)
    try:
        services.evaluation_run_publish(run=run, user=request.user)
        messages.success(request, _("The evaluation is published."))
    except UserError as exc:
        messages.error(request, str(exc))
    return redirect("evaluation:run", pk=pk)


@login_required
@require_POST
def run_delete(request, pk: int):
    run = selectors.run_get(user=request.user, pk=pk)
    try:
        services.evaluation_run_delete(run=run, user=request.user)
    except UserError as exc:
        messages.error(request, str(exc))
        return redirect("evaluation:run", pk=pk)
    messages.success(request, _("The draft is deleted."))
    return redirect("evaluation:runs")


@login_required
def result_list(request, pk: int):
    require_official(request.user)
    run = selectors.run_get(user=request.user, pk=pk)
    form = ResultFilterForm(request.GET or None, counties=county_units(request.user), run=run)
    filters = form.filters() if form.is_bound else selectors.ResultFilter()
    if request.GET.get("export") == "xlsx":
        rows = selectors.result_list(
            user=request.user, run=run, filters=filters, action=access.Action.EXPORT
        )
        return results_workbook(
            run, selectors.method_of(run), rows[: settings.ZHUANXING["EXPORT_ROW_CAP"]],
            REASON_LABELS,
        )  # fmt: skip
    rows = selectors.result_list(user=request.user, run=run, filters=filters)
    page = Paginator(rows, settings.ZHUANXING["PAGE_SIZE"]).get_page(request.GET.get("page"))
    for r in page:
        r.reason_label = REASON_LABELS.get(r.excluded_reason, r.excluded_reason)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "evaluation/results.html",
        {"run": run, "form": form, "page": page, "query": query.urlencode()},
    )


def _firm_result(result) -> FirmResult:
    def dec(value):
        if value is None:
            return None
        return Decimal("Infinity") if value == "inf" else Decimal(value)

    items = [
        IndicatorScore(i["key"], dec(i["value"]), dec(i["benchmark"]), Decimal(i["score"]),
                       Decimal(i["weight"]), i["imputed"])
        for i in result.indicators
    ]  # fmt: skip
    return FirmResult(
        enterprise_id=result.enterprise_id,
        population=result.population,
        indicators=items,
        total=result.total,
        rank=result.rank,
        rank_pct=result.rank_pct,
        klass=result.klass,
    )


@login_required
def enterprise_evaluation(request, pk: int):
    enterprise = enterprise_get(user=request.user, pk=pk)
    history = selectors.class_history(user=request.user, enterprise=enterprise)
    latest = next((r for r in history if not r.excluded_reason), None)
    context = {"enterprise": enterprise, "history": history, "latest": latest}
    for r in history:
        r.reason_label = REASON_LABELS.get(r.excluded_reason, r.excluded_reason)
    if latest:
        method = selectors.method_of(latest.run)
        context["rows"] = selectors.result_indicator_rows(latest, latest.run.method)
        context["any_imputed"] = any(r["imputed"] and r["value"] is None for r in context["rows"])
        plan = improvement(
            method, _firm_result(latest), selectors.class_minimums(latest.run, latest.population)
        )
        names = {row["key"]: row for row in context["rows"]}
        context["plan"] = plan
        context["plan_rows"] = [(names[h.key], h) for h in plan.hints]
        context["class_policy"] = method.class_policy(latest.klass)
        context["population_size"] = latest.run.results.filter(
            population=latest.population, excluded_reason=""
        ).count()
    return render(request, "evaluation/enterprise.html", context)


@login_required
def backward_list(request):
    require_official(request.user)
    policy = policy_in_force()
    if request.method == "POST":
        run_pk = request.POST.get("run", "")
        run = selectors.run_get(user=request.user, pk=int(run_pk) if run_pk.isdigit() else 0)
        form = BatchForm(request.POST)
        if form.is_valid():
            try:
                batch = services.backward_capacity_batch_create(
                    run=run, user=request.user, name=form.cleaned_data["name"], policy=policy
                )
                messages.success(
                    request, _("%(n)s enterprises listed.") % {"n": batch.entries.count()}
                )
                return redirect(f"{request.path}?batch={batch.pk}")
            except (UserError, PermissionDenied) as exc:
                messages.error(request, str(exc))
        return redirect("evaluation:run", pk=run.pk)
    lp = list_params(request.GET, BACKWARD_COLUMNS)
    form = BackwardFilterForm(request.GET, counties=county_units(request.user))
    if not form.is_valid():
        raise BadParameter(form.reason())
    data = form.cleaned_data
    batch = selectors.backward_batch_get(user=request.user, pk=data["batch"])
    batches = selectors.backward_batches(user=request.user)
    filters = selectors.BackwardFilter(data["county"], data["status"], data["q"])
    order = ordering(lp["sort"], selectors.BACKWARD_SORTS, "name")
    export = lp["export"] == "xlsx"
    entries = (
        selectors.backward_entries(
            user=request.user, batch=batch, filters=filters, order=order,
            action=access.Action.EXPORT if export else access.Action.VIEW,
        )
        if batch
        else []
    )  # fmt: skip
    if export and batch:
        return backward_workbook(batch, entries)
    page = page_of(entries, lp["page"])
    query, export_query = plain_query(request.GET)
    return render(
        request,
        "evaluation/backward.html",
        {"batches": batches, "batch": batch, "page": page, "status_form": StatusForm(),
         "form": form, "query": query, "export_query": export_query,
         "sorts": sort_links(request.GET, BACKWARD_COLUMNS, lp["sort"], "name")},
    )  # fmt: skip


BACKWARD_COLUMNS = ("name", "org", "status")


def backward_reason_text(reason: dict) -> str:
    if reason["code"] == "class":
        return _("class %(c)s") % {"c": reason["value"]}
    if reason["code"] == "energy_per_va":
        return _("energy per VA among the worst (%(v)s tce/10,000 yuan)") % {"v": reason["value"]}
    return _("emissions per VA among the worst (%(v)s t/10,000 yuan)") % {"v": reason["value"]}


def backward_workbook(batch, entries):
    headers = [_("Name"), _("Unified social credit code"), _("Org unit"), _("Reasons"),
               _("Status"), _("Note")]  # fmt: skip
    lines = (
        (e.enterprise.name, e.enterprise.uscc, e.enterprise.org_unit.name,
         "；".join(backward_reason_text(r) for r in e.reasons), e.get_status_display(), e.note)
        for e in entries.iterator(2000)
    )  # fmt: skip
    return workbook_response(
        f"backward-capacity-{batch.pk}.xlsx", _("Backward capacity"), headers, lines,
        title=f"{_('Backward-capacity list')} {batch.name} ({batch.run.year})",
    )  # fmt: skip


@login_required
@require_POST
def backward_status(request, pk: int):
    entry = selectors.backward_entry_get(user=request.user, pk=pk, action=access.Action.CHANGE)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.backward_capacity_entry_set_status(
            entry=entry, status=form.cleaned_data["status"], note=form.cleaned_data["note"],
            user=request.user,
        )  # fmt: skip
        messages.success(request, _("Status updated."))
    return redirect(f"{reverse('evaluation:backward')}?batch={entry.batch_id}")


CLEAN_COLUMNS = ("name", "org", "industry")


@login_required
def clean_production(request):
    """The mandatory clean-production audit list: one page of the filtered, sorted list from
    the database; ``export=xlsx`` writes the whole filtered list."""
    require_official(request.user)
    policy = policy_in_force()
    years = _report_years()
    lp = list_params(request.GET, CLEAN_COLUMNS)
    form = CleanProductionForm(request.GET, years=years, counties=county_units(request.user))
    if not form.is_valid():
        raise BadParameter(form.reason())
    data = form.cleaned_data
    year = data["year"] or default_year(request.user) or (years[0] if years else 0)
    filters = selectors.CleanProductionFilter(data["county"], data["reason"], data["q"])
    order = ordering(lp["sort"], selectors.CLEAN_PRODUCTION_SORTS, "org")
    export = lp["export"] == "xlsx"
    rows = selectors.clean_production_queryset(
        user=request.user, year=year, policy=policy, filters=filters, order=order,
        action=access.Action.EXPORT if export else access.Action.VIEW,
    )  # fmt: skip
    if export:
        return clean_production_workbook(year, rows, policy)
    page = page_of_keys(rows, lp["page"])
    page.object_list = audit_candidates(page.object_list, year=year, policy=policy)
    query, export_query = plain_query(request.GET)
    context = {
        "page": page, "year": year, "form": form, "query": query, "export_query": export_query,
        "sorts": sort_links(request.GET, CLEAN_COLUMNS, lp["sort"], "org"),
        "reason_labels": CLEAN_REASON_LABELS,
    }  # fmt: skip
    return render(request, "evaluation/clean_production.html", context)


def _candidates_in_chunks(rows, year, policy, size: int = 2000):
    chunk = []
    for enterprise in rows.iterator(size):
        chunk.append(enterprise)
        if len(chunk) == size:
            yield from audit_candidates(chunk, year=year, policy=policy)
            chunk = []
    yield from audit_candidates(chunk, year=year, policy=policy)


def clean_production_workbook(year: int, rows, policy):
    headers = [_("Name"), _("Unified social credit code"), _("Org unit"), _("Industry"),
               _("Reasons"), _("Audit cycle, years"), _("First audit due")]  # fmt: skip
    lines = (
        (c.enterprise.name, c.enterprise.uscc, c.enterprise.org_unit.name,
         c.enterprise.industry_code, "；".join(str(CLEAN_REASON_LABELS[r]) for r in c.reasons),
         c.cycle_years, c.due)
        for c in _candidates_in_chunks(rows, year, policy)
    )  # fmt: skip
    return workbook_response(
        f"clean-production-{year}.xlsx", _("Clean-production audits"), headers, lines,
        title=_("Mandatory clean-production audit list") + f" {year}",
    )  # fmt: skip


@login_required
def simulate_view(request):
    """The what-if form; a valid POST starts the simulation in the worker and goes to the job's
    page, which shows the result (and its Excel table) when done."""
    require_official(request.user)
    runs = selectors.run_list(user=request.user)
    form = SimulationForm(request.POST or request.GET or None, runs=runs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        run = selectors.run_get(user=request.user, pk=int(data["run"]))  # checked now, not later
        params = {
            "run": run.pk, "selection": data["selection"], "klass": data["klass"],
            "codes": data["codes"], "population": data["population"],
            "action": data["action"], "land": data["land"],
        }  # fmt: skip
        job = job_start(kind=jobs.SIMULATION, user=request.user, params=params,
                        enqueue=run_job.enqueue)  # fmt: skip
        return redirect("jobs:job", pk=job.pk)
    return render(request, "evaluation/simulate.html", {"form": form})
