"""The enterprise pages: the registry's list and one enterprise's page. They compose the
registry with its reports, history and review log, so they live above both apps."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts.access import Action
from zhuanxing.core.language import english
from zhuanxing.core.listing import (
    list_params,
    ordering,
    page_of,
    plain_query,
    sort_links,
    workbook_response,
)
from zhuanxing.core.params import year_param
from zhuanxing.enterprises.classification import describe_industry
from zhuanxing.enterprises.forms import EnterpriseFilterForm
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.enterprises.selectors import EnterpriseFilter, enterprise_get, enterprise_list
from zhuanxing.innovation.selectors import may_record_for, qualifications_of
from zhuanxing.orgunits.selectors import county_units
from zhuanxing.policy.active import policy_in_force
from zhuanxing.projects.selectors import projects_of
from zhuanxing.reference import high_tech, industry, size_class
from zhuanxing.reporting import selectors as reports
from zhuanxing.reporting.wording import change_reason_text

SIZE_CLASS_LABELS = {
    "large": _("Large"),
    "medium": _("Medium"),
    "small": _("Small"),
    "micro": _("Micro"),
}


ENTERPRISE_SORTS = {
    "name": ("name", "pk"),
    "org": ("org_unit__path", "name", "pk"),
    "industry": ("industry_code", "name", "pk"),
    "output": ("gross_output", "name", "pk"),
}


@login_required
def enterprise_list_view(request):
    policy = policy_in_force()
    lp = list_params(request.GET, ENTERPRISE_SORTS)
    form = EnterpriseFilterForm(
        request.GET or None, counties=county_units(request.user), policy=policy
    )
    valid = not form.is_bound or form.is_valid()
    cleaned = form.cleaned_data if form.is_bound and valid else {}
    year = cleaned.get("year") or reports.default_year(request.user)
    filters = EnterpriseFilter(
        query=cleaned.get("q", ""),
        county=cleaned.get("county", ""),
        category=cleaned.get("category", ""),
    )
    export = lp["export"] == "xlsx"
    action = Action.EXPORT if export else Action.VIEW
    # A filter that does not validate (e.g. a county outside the user's scope) shows its error
    # and no rows: silently dropping it would show a list the user did not ask for.
    enterprises = (
        enterprise_list(user=request.user, filters=filters, action=action)
        if valid
        else Enterprise.objects.none()
    )
    sort = lp["sort"] if year or lp["sort"].removeprefix("-") != "output" else ""
    if year:
        enterprises = reports.with_annual_figures(
            enterprises, year=year, scale=cleaned.get("scale", ""), policy=policy
        )
    enterprises = enterprises.order_by(*ordering(sort, ENTERPRISE_SORTS, "name"))
    categories = {key: cat.label for key, cat in policy.categories_1244.items()}
    if export:
        return _enterprise_workbook(enterprises, year, policy, categories)
    page = page_of(enterprises, lp["page"])
    for enterprise in page:
        enterprise.category_name = categories.get(policy.category_1244(enterprise.industry_code))
    query, export_query = plain_query(request.GET)
    return render(
        request,
        "enterprises/list.html",
        {"form": form, "page": page, "year": year, "query": query, "export_query": export_query,
         "sorts": sort_links(request.GET, ENTERPRISE_SORTS, lp["sort"], "name")},
    )  # fmt: skip


def _enterprise_workbook(enterprises, year, policy, categories):
    headers = [_("Name"), _("Unified social credit code"), _("Org unit"), _("Industry"),
               _("1244 category"), _("Gross output, 10,000 yuan")]  # fmt: skip
    rows = (
        (e.name, e.uscc, e.org_unit.name, e.industry_code,
         categories.get(policy.category_1244(e.industry_code)) or "",
         None if getattr(e, "gross_output", None) is None else float(e.gross_output))
        for e in enterprises.iterator(2000)
    )  # fmt: skip
    title = f"{_('Enterprises')} {year or ''}".strip()
    return workbook_response("enterprises.xlsx", _("Enterprises"), headers, rows, title=title)


def _industry_in_language(info: dict) -> dict:
    """English pages name the class by its code and division (the reference tables carry
    English names of sections and divisions only) and the NBS high-tech category in English."""
    if not english():
        return info
    found = high_tech.high_tech_category(info["code"]) if info["level"] == "小类" else None
    return {
        **info,
        "name": "",
        "division_name": industry.english_name(info["division"]) if info["division"] else None,
        "high_tech_category": found.name_en if found else None,
    }


@login_required
def enterprise_detail_view(request, pk: int):
    policy = policy_in_force()
    enterprise = enterprise_get(user=request.user, pk=pk)
    annual = reports.annual_reports_of(user=request.user, enterprise=enterprise)
    for report in annual:
        report.above_scale = policy.is_above_scale(report.year, report.main_revenue)
        report.size_class_label = SIZE_CLASS_LABELS[
            size_class.size_class(
                report.year, report.employees, report.main_revenue, report.total_assets
            )
        ]
    years = [r.year for r in annual]
    month_year = year_param(request.GET, policy, years) or (years[-1] if years else 0)
    monthly = reports.monthly_reports_of(user=request.user, enterprise=enterprise, year=month_year)
    info = _industry_in_language(describe_industry(enterprise.industry_code, policy))
    category = policy.categories_1244.get(info["category_1244"]) if info["category_1244"] else None
    return render(
        request,
        "enterprises/detail.html",
        {
            "enterprise": enterprise,
            "reports": annual,
            "monthly": monthly,
            "month_year": month_year,
            "years": years,
            "industry": info,
            "category": category,
            "ancestors": enterprise.org_unit.ancestors(),
            "history": _registry_history(enterprise),
            "report_changes": reports.report_changes(user=request.user, enterprise=enterprise),
            "review_log": reports.review_log(user=request.user, enterprise=enterprise),
            "filing": reports.filing_periods(user=request.user, enterprise=enterprise),
            "projects": projects_of(request.user, enterprise),
            "qualifications": qualifications_of(user=request.user, enterprise=enterprise),
            "may_record_qualification": policy.innovation is not None
            and may_record_for(user=request.user, enterprise=enterprise),
            "today": timezone.localdate(),
        },
    )


def _registry_history(enterprise) -> list:
    """The registry's changes of the firm, newest first, each reason in the reader's language."""
    records = list(
        enterprise.history.select_related("history_user").order_by("-history_date")[
            : settings.ZHUANXING["RECENT_LIST_CAP"]
        ]
    )
    for record in records:
        record.reason_text = change_reason_text(record.history_change_reason or "")
    return records
