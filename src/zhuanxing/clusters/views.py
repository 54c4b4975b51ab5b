"""Pages of the clusters app: parse (forms) → selectors/pages → render."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from . import export as workbook
from . import pages, selectors
from .forms import ClusterParams

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _common(request) -> tuple[dict, object]:
    params = ClusterParams.parse(request.GET)
    unit = selectors.region(request.user, params["region"] or None)
    return params, unit


@login_required
def identification(request):
    params, unit = _common(request)
    context = pages.identification_page(request.user, unit, params)
    context.update(unit=unit, unit_label=selectors.unit_label(unit),
                   regions=selectors.choices(request.user), page="identification")  # fmt: skip
    return render(request, "clusters/identification.html", context)


@login_required
def paths(request):
    params, unit = _common(request)
    context = pages.paths_page(request.user, unit, params)
    context.update(unit=unit, unit_label=selectors.unit_label(unit),
                   regions=selectors.choices(request.user), page="paths")  # fmt: skip
    return render(request, "clusters/paths.html", context)


@login_required
def export(request):
    params, unit = _common(request)
    body = workbook.workbook(
        selectors.unit_label(unit),
        pages.identification_page(request.user, unit, params),
        pages.paths_page(request.user, unit, params),
    )
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="clusters-{unit.code}.xlsx"'
    return response
