from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zhuanxing.analytics import cache as analytics_cache
from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics.store import StoreMissing
from zhuanxing.core.figures import chart_number
from zhuanxing.core.listing import list_params, page_of, plain_query, sort_links
from zhuanxing.core.params import MonthForm
from zhuanxing.jobs.services import job_start
from zhuanxing.jobs.tasks import run_job
from zhuanxing.policy.active import policy_in_force

from . import jobs, report, selectors
from .operation import MEASURES, headline
from .warnings import RULES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(request) -> str | None:
    """The month asked for (refused with a 400 page outside the store's months), or the latest;
    None when the store has no monthly data."""
    span = analytics.years_available()
    if span is None or not span[2]:
        return None
    data = {"month": request.GET.get("month")}
    month = MonthForm.parse(data, first=f"{span[0]}-01", last=span[2])["month"]
    return month or span[2]


def _context(request, *, with_analysis: bool = False):
    if not analytics.may_use_analytics(request.user):
        raise PermissionDenied(_("This page is for officials."))
    month = _month(request)
    if month is None:
        return None
    # The region is checked against the user first (404 outside the scope); the figures are then
    # computed once per scope, region, month and store build (analytics.cache).
    unit = analytics.region_for(request.user, request.GET.get("region"))
    try:
        return analytics_cache.cached(
            "monitoring", request.user,
            (unit.code, month, with_analysis, selectors.price_indices_key(month)),
            lambda: selectors.context_for(unit, month, with_analysis=with_analysis),
        )  # fmt: skip
    except StoreMissing:
        return None  # the page says how to build the store


@login_required
def monitoring_view(request):
    ctx = _context(request, with_analysis=True)
    if ctx is None:
        return render(request, "monitoring/index.html", {"missing": True})
    op = ctx["op"]
    counts = {rule: sum(1 for w in ctx["warnings"] if w.rule == rule) for rule in RULES}
    region_name = ctx["unit"].name
    definitions = _definitions(op.month)
    return render(
        request,
        "monitoring/index.html",
        {
            **ctx,
            "headline": headline(op, region_name),
            "tables": report.tables(op, ctx["county_names"], ctx["category_names"]),
            "counts": [
                (rule, report.rule_names()[rule], n, definitions.get(rule, ""))
                for rule, n in counts.items()
            ],
            "texts": report.section_texts(
                op,
                region_name,
                ctx["county_names"],
                ctx["category_names"],
                ctx["warnings"],
                ctx["definitions"],
            ),
            "trend": [
                {
                    "period": p,
                    **{k: chart_number(v, 2) for k, v in g.items()},
                }
                for p, g in op.trend
            ],
            "month": op.month,
            "month_cards": _month_cards(op),
            **_analysis(ctx, region_name),
        },
    )


def _analysis(ctx, region_name: str) -> dict:
    """The bureau's analysis (总体情况, 主要特点, 需要关注的问题): the same tables and prose as the
    Word report."""
    a, op = ctx["analysis"], ctx["op"]
    counts = report.warning_counts(ctx["warnings"])
    return {
        "blocks": report.analysis_tables(a, op, counts),
        "prose": report.analysis_texts(a, op, region_name, counts, report.names_by_kind(a)),
    }


def _definitions(month: str) -> dict[str, str]:
    """Each warning's definition from the policy file, in the page's language."""
    rules = policy_in_force().monitoring
    language = get_language() or "zh-hans"
    return {rule: rules.definition(rule, month, language) for rule in rules.definitions}


def _month_cards(op) -> list[dict]:
    """The month's own figures (not cumulative), in the units the page shows."""
    cards = []
    for key, label, unit, divisor in MEASURES:
        figure = op.month_total.figures.get(key)
        if figure is None:
            continue
        value = None if figure.value is None else figure.value / divisor
        cards.append({"label": label, "unit": unit, "value": value, "growth": figure.growth})
    return cards


WARNING_SORTS = {
    "rule": lambda d: (str(d["rule"]), d["county"], d["name"]),
    "name": lambda d: d["name"],
    "county": lambda d: (d["county"], str(d["rule"]), d["name"]),
    "change": lambda d: d["w"].change,
}


@login_required
def warnings_view(request):
    ctx = _context(request)
    if ctx is None:
        return render(request, "monitoring/index.html", {"missing": True})
    lp = list_params(request.GET, WARNING_SORTS)
    rule = request.GET.get("rule", "")
    rows = [w for w in ctx["warnings"] if not rule or w.rule == rule]
    if request.GET.get("export") == "xlsx":
        body = report.build_xlsx(
            ctx["op"],
            ctx["unit"].name,
            ctx["county_names"],
            ctx["category_names"],
            rows,
            ctx["names"],
            warnings_first=True,
        )
        return _download(body, XLSX, f"warnings-{ctx['op'].month}.xlsx")
    display = [
        {
            "w": w,
            "rule": report.rule_names()[w.rule],
            "name": ctx["names"].get(w.subject, w.subject),
            "county": ctx["county_names"].get(w.county, w.county),
        }
        for w in rows
    ]
    # The warnings are computed for the month as a whole (and cached per store build); the
    # page shows one page of them, sorted as asked.
    sort = lp["sort"] or "rule"
    key = WARNING_SORTS[sort.removeprefix("-")]
    display.sort(key=lambda d: (key(d) is None, key(d) or 0), reverse=sort.startswith("-"))
    page = page_of(display, lp["page"])
    query, _export = plain_query(request.GET)
    return render(
        request,
        "monitoring/warnings.html",
        {
            **ctx,
            "rows": page.object_list,
            "page": page,
            "query": query,
            "sorts": sort_links(request.GET, WARNING_SORTS, lp["sort"], "rule"),
            "rule": rule,
            "rules": report.rule_names(),
            "definitions": [
                (report.rule_names()[key], text)
                for key, text in _definitions(ctx["op"].month).items()
                if not rule or key == rule
            ],
            "month": ctx["op"].month,
        },
    )


def _word_report_start(request):
    """POST: queue the Word report (seconds at the city tier) and go to the job's page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not analytics.may_use_analytics(request.user):
        raise PermissionDenied(_("This page is for officials."))
    month = _month(request)
    if month is None:
        return render(request, "monitoring/index.html", {"missing": True})
    unit = analytics.region_for(request.user, request.GET.get("region"))  # 404 outside the scope
    job = job_start(
        kind=jobs.WORD_REPORT, user=request.user, params={"month": month, "region": unit.code},
        enqueue=run_job.enqueue,
    )  # fmt: skip
    return redirect("jobs:job", pk=job.pk)


@login_required
def report_download(request, kind: str):
    """The month's tables (Excel) at once; the Word report (POST) as a background job."""
    if kind == "docx":
        return _word_report_start(request)
    ctx = _context(request, with_analysis=True)
    if ctx is None:
        return render(request, "monitoring/index.html", {"missing": True})
    args = (
        ctx["op"],
        ctx["unit"].name,
        ctx["county_names"],
        ctx["category_names"],
        ctx["warnings"],
    )
    return _download(
        report.build_xlsx(*args, ctx["names"], ctx["analysis"]),
        XLSX,
        f"monthly-report-{ctx['op'].month}.xlsx",
    )


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def summary_fragment(request):
    """The warning counts the cockpit loads after it has drawn (htmx), so the cockpit itself
    stays fast; an empty fragment when there is no monthly data."""
    ctx = _context(request)
    if ctx is None:
        return HttpResponse("")
    counts = [
        (rule, report.rule_names()[rule], sum(1 for w in ctx["warnings"] if w.rule == rule))
        for rule in RULES
    ]
    return render(
        request,
        "monitoring/_summary.html",
        {"counts": counts, "month": ctx["op"].month, "unit": ctx["unit"]},
    )
