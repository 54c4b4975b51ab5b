from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from zhuanxing.accounts.access import Action, require, require_official
from zhuanxing.core.params import YearForm
from zhuanxing.policy.active import policy_in_force

from . import selectors
from .export import tax_workbook
from .tax import INCENTIVES
from .wording import INCENTIVE_NAMES


def _incentive_names():
    return [INCENTIVE_NAMES[k] for k in INCENTIVES]


@login_required
def tax_view(request):
    """Revenue forgone by incentive and county in a year (officials; scoped to their area)."""
    require_official(request.user)
    policy = policy_in_force()
    years = selectors.tax_years(policy)
    tax = policy.tax
    year = YearForm.parse(
        {"year": request.GET.get("year")}, low=tax.first_year, high=tax.last_year
    )["year"] or (years[0] if years else None)
    context = {"years": years, "year": year, "names": _incentive_names()}
    if year is not None:
        rows, total, firms = selectors.tax_forgone(
            user=request.user, year=year, policy=policy, top=settings.ZHUANXING["TAX_TOP_FIRMS"]
        )
        if request.GET.get("export") == "xlsx":
            require(request.user, Action.EXPORT)
            return tax_workbook(rows, total, year)
        context |= {
            "rows": rows,
            "total": total,
            "firms": firms,
            "rules": policy.tax_rule_set(year),
        }
    return render(request, "support/tax.html", context)


@login_required
def enterprise_tax_view(request, pk: int):
    """One enterprise's incentives year by year (officials in scope, or the firm itself)."""
    policy = policy_in_force()
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    years = selectors.enterprise_tax(user=request.user, enterprise=enterprise, policy=policy)
    rows = [
        (data, result, [(INCENTIVE_NAMES[i.key], i) for i in result.incentives])
        for data, result in years
    ]
    return render(request, "support/enterprise_tax.html", {"enterprise": enterprise, "rows": rows})


@login_required
def my_tax_view(request):
    """An enterprise user's own page; officials have the city page."""
    pk = selectors.own_enterprise_id(request.user)
    if pk is None:
        raise Http404
    return redirect("support:enterprise_tax", pk=pk)
