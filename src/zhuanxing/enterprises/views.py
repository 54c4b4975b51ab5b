from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.params import year_param
from zhuanxing.policy.active import policy_in_force
from zhuanxing.reference import size_class
from zhuanxing.reporting.selectors import filing_periods, report_changes, review_log

from .classification import describe_industry
from .forms import EnterpriseFilterForm
from .models import Enterprise
from .selectors import EnterpriseFilter, enterprise_get, enterprise_list, latest_report_year

SIZE_CLASS_LABELS = {
    "large": _("Large"),
    "medium": _("Medium"),
    "small": _("Small"),
    "micro": _("Micro"),
}


@login_required
def enterprise_list_view(request):
    policy = policy_in_force()
    counties = OrgUnit.objects.restrict(request.user).filter(
        kind__in=[OrgUnitKind.COUNTY, OrgUnitKind.ZONE]
    )
    form = EnterpriseFilterForm(request.GET or None, counties=counties, policy=policy)
    valid = not form.is_bound or form.is_valid()
    cleaned = form.cleaned_data if form.is_bound and valid else {}
    year = cleaned.get("year") or latest_report_year(request.user)
    filters = EnterpriseFilter(
        query=cleaned.get("q", ""),
        county=cleaned.get("county", ""),
        category=cleaned.get("category", ""),
        scale=cleaned.get("scale", ""),
        year=year,
    )
    # A filter that does not validate (e.g. a county outside the user's scope) shows its error
    # and no rows: silently dropping it would show a list the user did not ask for.
    enterprises = (
        enterprise_list(user=request.user, filters=filters) if valid else Enterprise.objects.none()
    )
    page = Paginator(enterprises, settings.ZHUANXING["PAGE_SIZE"]).get_page(request.GET.get("page"))
    categories = {key: cat.name for key, cat in policy.categories_1244.items()}
    for enterprise in page:
        enterprise.category_name = categories.get(policy.category_1244(enterprise.industry_code))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "enterprises/list.html",
        {"form": form, "page": page, "year": year, "query": query.urlencode()},
    )


@login_required
def enterprise_detail_view(request, pk: int):
    policy = policy_in_force()
    enterprise = enterprise_get(user=request.user, pk=pk)
    reports = list(enterprise.annual_reports.order_by("year"))
    for report in reports:
        threshold = policy.above_scale_threshold(report.year)
        report.above_scale = report.main_revenue >= threshold
        report.size_class_label = SIZE_CLASS_LABELS[
            size_class.size_class(
                report.year, report.employees, report.main_revenue, report.total_assets
            )
        ]
    years = [r.year for r in reports]
    month_year = year_param(request.GET, policy, years) or (years[-1] if years else 0)
    monthly = enterprise.monthly_reports.filter(year=month_year).order_by("month")
    info = describe_industry(enterprise.industry_code, policy)
    category = policy.categories_1244.get(info["category_1244"]) if info["category_1244"] else None
    return render(
        request,
        "enterprises/detail.html",
        {
            "enterprise": enterprise,
            "reports": reports,
            "monthly": monthly,
            "month_year": month_year,
            "years": years,
            "industry": info,
            "category": category,
            "ancestors": enterprise.org_unit.ancestors(),
            "history": enterprise.history.select_related("history_user").order_by("-history_date")[
                :20
            ],
            "report_changes": report_changes(user=request.user, enterprise=enterprise),
            "review_log": review_log(user=request.user, enterprise=enterprise),
            "filing": filing_periods(user=request.user, enterprise=enterprise),
        },
    )
