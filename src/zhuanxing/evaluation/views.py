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
from zhuanxing.core.params import year_param
from zhuanxing.enterprises.selectors import enterprise_get
from zhuanxing.orgunits.selectors import county_units
from zhuanxing.policy.active import policy_in_force
from zhuanxing.reporting.selectors import default_year, report_years

from . import selectors, services
from .export import results_workbook
from .forms import (
    BatchForm,
    BatchParams,
    ResultFilterForm,
    RunCreateForm,
    SimulationForm,
    StatusForm,
)
from .hints import improvement
from .scoring import FirmResult, IndicatorScore

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
        if form.is_valid():
            try:
                run = services.evaluation_run_create(
                    year=form.cleaned_data["year"], user=request.user, policy=policy
                )
            except UserError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, _("Evaluation of %(year)s computed as a draft.") % {"year": run.year}
                )
                return redirect("evaluation:run", pk=run.pk)
    runs = selectors.run_list(user=request.user)
    return render(
        request, "evaluation/runs.html", {"runs": runs, "form": form, "method": policy.evaluation}
    )


@login_required
def run_detail(request, pk: int):
    require_official(request.user)
    run = selectors.run_get(user=request.user, pk=pk)
    context = {
        "run": run,
        "dist": selectors.distribution(user=request.user, run=run, policy=policy_in_force()),
        "batch_form": BatchForm(initial={"name": _("Batch %(year)s") % {"year": run.year}}),
        "batches": run.backward_batches.all(),
    }
    return render(request, "evaluation/run.html", context)


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
    chosen = BatchParams.parse(request.GET)["batch"]
    batch = selectors.backward_batch_get(user=request.user, pk=chosen)
    entries = selectors.backward_entries(user=request.user, batch=batch) if batch else []
    batches = selectors.backward_batches(user=request.user)
    return render(
        request,
        "evaluation/backward.html",
        {"batches": batches, "batch": batch, "entries": entries, "status_form": StatusForm()},
    )


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


@login_required
def clean_production(request):
    require_official(request.user)
    years = _report_years()
    year = year_param(request.GET, policy_in_force(), years) or default_year(request.user) or 0
    rows = (
        selectors.clean_production_list(user=request.user, year=year, policy=policy_in_force())
        if year
        else []
    )
    return render(
        request, "evaluation/clean_production.html", {"rows": rows, "year": year, "years": years}
    )


@login_required
def simulate_view(request):
    require_official(request.user)
    policy = policy_in_force()
    runs = selectors.run_list(user=request.user)
    form = SimulationForm(request.GET or None, runs=runs)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        run = selectors.run_get(user=request.user, pk=int(data["run"]))
        context |= {"run": run, "land": data["land"], "action": data["action"]}
        context |= selectors.simulation(
            user=request.user, run=run, policy=policy, selection=data["selection"],
            klass=data["klass"], codes=data["codes"], population=data["population"],
            action=data["action"], land=data["land"],
        )  # fmt: skip
    return render(request, "evaluation/simulate.html", context)
