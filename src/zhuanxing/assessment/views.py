from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhuanxing.accounts.access import require_official
from zhuanxing.core.errors import UserError
from zhuanxing.core.params import year_param
from zhuanxing.orgunits.selectors import county_units
from zhuanxing.policy.active import policy_in_force
from zhuanxing.reporting.selectors import default_year, report_years

from .export import assessment_workbook, targets_workbook
from .forms import TargetUploadForm
from .selectors import assessment_table, targets_for
from .services import county_targets_set, parse_target
from .workbook import read_targets_workbook


def _year(request) -> int:
    years = report_years()
    data = {"year": request.GET.get("year") or request.POST.get("year")}
    year = year_param(data, policy_in_force(), years)
    return year or default_year(request.user) or 0


@login_required
def assessment_view(request):
    require_official(request.user)
    policy = policy_in_force()
    year = _year(request)
    table = assessment_table(user=request.user, year=year, policy=policy)
    if request.GET.get("export") == "xlsx":
        return assessment_workbook(table, year)
    years = report_years()[::-1]
    return render(request, "assessment/index.html", {**table, "year": year, "years": years})


@login_required
def targets_edit(request):
    require_official(request.user)
    policy = policy_in_force()
    scheme = policy.assessment
    year = _year(request)
    units = county_units(request.user)
    kept = None  # what the user typed, shown again when the form is refused
    if request.method == "POST":
        try:
            if request.FILES.get("file"):
                form = TargetUploadForm(request.POST, request.FILES)
                if not form.is_valid():
                    raise UserError(" ".join(form.errors.get("file", [])))
                values = read_targets_workbook(form.cleaned_data["file"].read(), units, scheme)
            else:
                values = {
                    (u.code, i.indicator): parse_target(
                        request.POST.get(f"t__{u.code}__{i.indicator}"), f"{u.name} · {i.indicator}"
                    )
                    for u in units
                    for i in scheme.indicators
                }
            changed = county_targets_set(
                year=year, targets=values, user=request.user, scheme=scheme
            )
        except UserError as exc:
            messages.error(request, str(exc))
            kept = request.POST
        else:
            messages.success(request, _("%(n)s targets changed.") % {"n": changed})
            return redirect(f"{request.path}?year={year}")
    current = targets_for(request.user, year)

    def shown(unit, item):
        if kept is not None:
            return kept.get(f"t__{unit.code}__{item.indicator}", "")
        return current.get(unit.code, {}).get(item.indicator)

    rows = [(u, [(i, shown(u, i)) for i in scheme.indicators]) for u in units]
    return render(
        request,
        "assessment/targets.html",
        {
            "year": year,
            "rows": rows,
            "indicators": [(i, policy.indicators[i.indicator]) for i in scheme.indicators],
            "upload": TargetUploadForm(),
        },
    )


@login_required
def targets_template(request):
    require_official(request.user)
    policy = policy_in_force()
    year = _year(request)
    return targets_workbook(
        year=year,
        scheme=policy.assessment,
        indicators=policy.indicators,
        units=county_units(request.user),
        current=targets_for(request.user, year),
    )
