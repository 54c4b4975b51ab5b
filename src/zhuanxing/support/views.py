from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action, require, require_official
from zhuanxing.core.errors import UserError
from zhuanxing.core.params import YearForm
from zhuanxing.policy.active import policy_in_force

from . import selectors, services, sources
from .export import funds_workbook, recommendation_workbook, tax_workbook
from .forms import (
    ApplicationForm,
    DisbursementForm,
    ProgrammeForm,
    RecommendationBuildForm,
    RecommendationItemForm,
    RecommendationPublishForm,
    ReviewForm,
    ScoreForm,
    form_errors,
)
from .models import ApplicationStatus, ListStatus, ProgrammeStatus
from .tax import INCENTIVES
from .wording import INCENTIVE_NAMES, check_text


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
    context = {"years": years, "year": year}
    if year is not None:
        rows, total, firms = selectors.tax_forgone(
            user=request.user, year=year, policy=policy, top=settings.ZHUANXING["TAX_TOP_FIRMS"]
        )
        # The incentives that apply in the year and area, in the calculator's order.
        keys = [k for k in INCENTIVES if total.by_incentive[k]]
        if request.GET.get("export") == "xlsx":
            require(request.user, Action.EXPORT)
            return tax_workbook(rows, total, year, keys)
        context |= {
            "names": [INCENTIVE_NAMES[k] for k in keys],
            "rows": [(row, row.amounts(keys)) for row in rows],
            "total": total,
            "total_amounts": total.amounts(keys),
            "firms": [
                (firm, result, [INCENTIVE_NAMES[i.key] for i in result.incentives])
                for firm, result in firms
            ],
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
        (data, result, [
            (INCENTIVE_NAMES[i.key], i.amount, policy.tax.rule_set(data.year).basis_text(i.basis))
            for i in result.incentives
        ])
        for data, result in years
    ]  # fmt: skip
    return render(request, "support/enterprise_tax.html", {"enterprise": enterprise, "rows": rows})


@login_required
def my_tax_view(request):
    """An enterprise user's own page; officials have the city page."""
    pk = selectors.own_enterprise_id(request.user)
    if pk is None:
        raise Http404
    return redirect("support:enterprise_tax", pk=pk)


# --- special funds ----------------------------------------------------------------------------


def _funds():
    funds = policy_in_force().funds
    if funds is None:
        raise Http404
    return funds


def _english(request) -> bool:
    return (get_language() or "").startswith("en")


def _category_names(funds, english: bool) -> dict:
    return {c.key: (c.name_en if english else c.name) for c in funds.categories}


@login_required
def funds_view(request):
    """Programmes, the city's form to open one, and totals by county and category."""
    funds = _funds()
    english = _english(request)
    form = ProgrammeForm(funds=funds, english=english)
    if request.method == "POST":
        form = ProgrammeForm(request.POST, funds=funds, english=english)
        try:
            if not form.is_valid():
                raise UserError(form_errors(form))
            programme = services.programme_create(
                user=request.user, funds=funds, **form.cleaned_data
            )
        except UserError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Programme opened."))
            return redirect("support:programme", pk=programme.pk)
    year = YearForm.parse({"year": request.GET.get("year")}, low=2000, high=2100)["year"]
    counties, categories, total = selectors.fund_totals(user=request.user, year=year, funds=funds)
    names = _category_names(funds, english)
    for row in categories:
        row.name = names.get(row.name, row.name)
    if request.GET.get("export") == "xlsx":
        require(request.user, Action.EXPORT)
        return funds_workbook(counties, categories, total, year)
    return render(
        request,
        "support/funds.html",
        {
            "programmes": selectors.programmes(year=year),
            "names": names,
            "form": form,
            "year": year,
            "counties": counties,
            "categories": categories,
            "total": total,
            "mine": selectors.applications(user=request.user)
            if access.is_enterprise_user(request.user)
            else None,
        },
    )


@login_required
def programme_view(request, pk: int):
    funds = _funds()
    programme = selectors.programme_get(pk)
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "apply":
                form = ApplicationForm(request.POST)
                if not form.is_valid():
                    raise UserError(form_errors(form))
                firm_id = selectors.own_enterprise_id(user)
                if firm_id is None:
                    raise UserError(_("Enterprises apply from their own account."))
                services.application_submit(
                    user=user,
                    programme=programme,
                    enterprise=selectors.enterprise_get(user=user, pk=firm_id),
                    project=form.cleaned_data["project"],
                    amount=form.cleaned_data["amount"],
                    documents=form.cleaned_data["documents"],
                )
                messages.success(request, _("Application submitted."))
            elif action == "allocate":
                services.programme_allocate(user=user, programme=programme, funds=funds)
                messages.success(request, _("Budget allocated."))
            elif action in ("close", "reopen"):
                status = ProgrammeStatus.REVIEW if action == "close" else ProgrammeStatus.OPEN
                services.programme_set_status(user=user, programme=programme, status=status)
            else:
                raise UserError(_("Unknown action."))
        except UserError as exc:
            messages.error(request, str(exc))
        return redirect("support:programme", pk=programme.pk)
    rows = list(selectors.applications(user=user, programme=programme))
    granted = sum((a.granted or 0 for a in rows), 0)
    return render(
        request,
        "support/programme.html",
        {
            "programme": programme,
            "category": _category_names(funds, _english(request)).get(programme.category),
            "applications": rows,
            "granted": granted,
            "form": ApplicationForm(),
            "may_apply": access.is_enterprise_user(user)
            and programme.status == ProgrammeStatus.OPEN,
            "funds": funds,
        },
    )


@login_required
def application_view(request, pk: int):
    funds = _funds()
    user = request.user
    application = selectors.application_get(user=user, pk=pk)
    english = _english(request)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "review":
                form = ReviewForm(request.POST)
                if not form.is_valid():
                    raise UserError(form_errors(form))
                services.application_county_review(
                    user=user,
                    application=application,
                    approve=form.cleaned_data["decision"] == "approve",
                    comment=form.cleaned_data["comment"],
                )
            elif action == "score":
                form = ScoreForm(request.POST, funds=funds, english=english)
                if not form.is_valid():
                    raise UserError(form_errors(form))
                services.application_score(
                    user=user, application=application, points=form.cleaned_data, funds=funds
                )
            elif action == "disburse":
                form = DisbursementForm(request.POST)
                if not form.is_valid():
                    raise UserError(form_errors(form))
                services.disbursement_record(
                    user=user, application=application, **form.cleaned_data
                )
            else:
                raise UserError(_("Unknown action."))
        except UserError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved."))
        return redirect("support:application", pk=application.pk)
    sheet = [
        (item.name_en if english else item.name, item.max_points, application.scores.get(item.key))
        for item in funds.scoring
    ]
    return render(
        request,
        "support/application.html",
        {
            "application": application,
            "category": _category_names(funds, english).get(application.programme.category),
            "sheet": sheet,
            "score_form": ScoreForm(funds=funds, english=english),
            "disbursement_form": DisbursementForm(),
            "may_review": access.may_review(user)
            and application.status
            in (
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.COUNTY_APPROVED,
                ApplicationStatus.COUNTY_REJECTED,
            )  # fmt: skip
            and application.programme.status != ProgrammeStatus.ALLOCATED,
            "may_score": access.is_city_admin(user)
            and application.status in (ApplicationStatus.COUNTY_APPROVED, ApplicationStatus.SCORED)
            and application.programme.status != ProgrammeStatus.ALLOCATED,
            "may_disburse": access.is_city_admin(user)
            and application.status == ApplicationStatus.GRANTED,
            "disbursed": sum((d.amount for d in application.disbursements.all()), 0),
        },
    )


# --- financing: guarantee agencies ------------------------------------------------------------


@login_required
def financing_view(request):
    """The guarantee agencies' SME financing figures of a year, ranked by the policy's score,
    and the year's award (recorded by the city)."""
    require_official(request.user)
    policy = policy_in_force()
    years = selectors.guarantee_years()
    data = {"year": request.GET.get("year") or request.POST.get("year")}
    year = YearForm.parse(data, low=2000, high=2100)["year"] or (years[0] if years else None)
    if request.method == "POST":
        try:
            if year is None:
                raise UserError(_("Choose a year."))
            awards = services.guarantee_award_record(user=request.user, year=year, policy=policy)
        except UserError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)s awards recorded.") % {"n": len(awards)})
        return redirect(f"{request.path}?year={year or ''}")
    rows, awards = selectors.guarantee_ranking(year=year, policy=policy) if year else ([], {})
    rule = policy.awards.guarantee_agencies
    return render(
        request,
        "support/financing.html",
        {
            "years": years,
            "year": year,
            "rows": rows,
            "awards": awards,
            "rule": rule,
            "award_total": sum((a.amount for a in awards.values()), 0),
        },
    )


# --- financing: projects recommended to banks -------------------------------------------------


def _require_recommendations(user) -> None:
    if not access.may_view_recommendations(user):
        raise PermissionDenied


def _check_rows(items, rule: dict):
    classes = rule.get("owner_classes", [])
    return [
        (item, [check_text(key, passed, value, classes) for key, passed, value in item.checks])
        for item in items
    ]


@login_required
def recommendations_view(request):
    """The lists of projects recommended to banks: every version for officials (the city builds
    a year's list here), the published ones for bank users (their home page)."""
    user = request.user
    _require_recommendations(user)
    policy = policy_in_force()
    form = RecommendationBuildForm()
    if request.method == "POST":
        form = RecommendationBuildForm(request.POST)
        try:
            if not form.is_valid():
                raise UserError(form_errors(form))
            built = services.recommendation_build(
                user=user, year=form.cleaned_data["year"], policy=policy
            )
        except UserError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Candidate list built from the rules."))
            return redirect("support:recommendation", pk=built.pk)
    rule = policy.financing.recommendation if policy.financing else None
    return render(
        request,
        "support/recommendations.html",
        {
            "lists": selectors.recommendation_lists(user=user),
            "form": form,
            "plan_years": sources.plan_years() if access.is_city_admin(user) else [],
            "rule": rule,
            "kinds": sources.kind_names(),
        },
    )


@login_required
def recommendation_view(request, pk: int):
    """One list: the candidates with the reasons each is in or out (officials), the city's
    edits and publication; for a bank user the recommended projects only. ``?export=xlsx``."""
    user = request.user
    _require_recommendations(user)
    recommendation = selectors.recommendation_get(user=user, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "set":
                form = RecommendationItemForm(request.POST)
                if not form.is_valid():
                    raise UserError(form_errors(form))
                item = selectors.recommendation_item_get(
                    recommendation=recommendation, pk=form.cleaned_data["item"]
                )
                services.recommendation_item_set(
                    user=user,
                    item=item,
                    included=form.cleaned_data["included"],
                    note=form.cleaned_data["note"],
                )
            elif action == "publish":
                form = RecommendationPublishForm(request.POST)
                if not form.is_valid():
                    raise UserError(_("Tick the box to confirm the publication."))
                services.recommendation_publish(
                    user=user, recommendation=recommendation, request=request
                )
                messages.success(request, _("The list is published to the banks."))
            else:
                raise UserError(_("Unknown action."))
        except UserError as exc:
            messages.error(request, str(exc))
        return redirect("support:recommendation", pk=recommendation.pk)
    kinds = sources.kind_names()
    rows = _check_rows(
        selectors.recommendation_items(user=user, recommendation=recommendation),
        recommendation.rule,
    )
    official = access.is_official(user)
    if request.GET.get("export") == "xlsx":
        if not access.may_export_recommendations(user):
            raise PermissionDenied
        return recommendation_workbook(recommendation, rows, kinds=kinds, checks=official)
    return render(
        request,
        "support/recommendation.html",
        {
            "recommendation": recommendation,
            "rows": rows,
            "kinds": kinds,
            "official": official,
            "may_edit": access.is_city_admin(user) and recommendation.status == ListStatus.DRAFT,
            "may_export": access.may_export_recommendations(user),
            "publish_form": RecommendationPublishForm(),
            "recommended": sum(1 for item, _texts in rows if item.included),
        },
    )
