"""Reads of the support-policy pages, scoped to the user.

Tax incentives from the annual reports (clause 十八). A report gives what the calculator needs
only in part, so the page states the mapping [assumed]: taxable income = total profit (利润总额);
R&D expense = R&D spending; staff and total assets as reported; sector "industrial" for sections
B–D of GB/T 4754; high-tech = an industry within the policy's high-tech scope (the registry does
not record the certificate); no special-equipment investment and no resource-reuse revenue
(the reports do not carry them). Only reports counted in published figures are used.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.policy.classification import classify
from zhuanxing.reporting.models import AnnualReport, counted_statuses
from zhuanxing.reporting.selectors import report_years

from .tax import INCENTIVES, TaxEstimate, TaxInput, estimate, estimate_years

ZERO = Decimal(0)


def tax_input_from_report(report, policy, classes: dict) -> TaxInput:
    code = report.enterprise.industry_code
    if code not in classes:
        found = classify(code, policy)
        classes[code] = (found.industrial, found.high_tech)
    industrial, high_tech = classes[code]
    return TaxInput(
        year=report.year,
        sector="industrial" if industrial else "other",
        taxable_income=report.profit or ZERO,
        employees=report.employees or 0,
        total_assets=report.total_assets or ZERO,
        high_tech=high_tech,
        rd_expense=report.rd_spending or ZERO,
    )


def tax_years(policy) -> list[int]:
    """Years with counted annual reports that the policy's tax rules cover, newest first."""
    tax = policy.tax
    return report_years(counted=True, first=tax.first_year, last=tax.last_year)[::-1]


@dataclass
class CountyTax:
    name: str
    code: str
    enterprises: int = 0
    benefiting: int = 0
    tax_without: Decimal = ZERO
    tax_due: Decimal = ZERO
    by_incentive: dict = field(default_factory=lambda: dict.fromkeys(INCENTIVES, ZERO))

    @property
    def forgone(self) -> Decimal:
        return self.tax_without - self.tax_due

    def add(self, result: TaxEstimate) -> None:
        self.enterprises += 1
        self.benefiting += bool(result.incentives)
        self.tax_without += result.tax_without_incentives
        self.tax_due += result.tax_due
        for item in result.incentives:
            self.by_incentive[item.key] += item.amount

    def amounts(self, keys=INCENTIVES) -> list[Decimal]:
        return [self.by_incentive[k] for k in keys]


def _counties() -> list[OrgUnit]:
    return list(OrgUnit.objects.county_level())


def _county_of(path: str, counties: list[OrgUnit]) -> OrgUnit | None:
    for unit in counties:
        if path.startswith(unit.path):
            return unit
    return None


def tax_forgone(*, user, year: int, policy, top: int = 0):
    """Revenue forgone in ``year`` by incentive and county, over the reports the user sees:
    the rows, the total of exactly those rows, and the ``top`` enterprises by forgone revenue
    as (enterprise, estimate)."""
    rules = policy.tax_rule_set(year)
    reports = (
        AnnualReport.objects.restrict(user, Action.VIEW)
        .filter(year=year, status__in=counted_statuses())
        .select_related("enterprise__org_unit")
        .order_by("enterprise_id")
    )
    counties = _counties()
    rows: dict[str, CountyTax] = {}
    classes: dict = {}
    firms = []
    for report in reports:
        unit = _county_of(report.enterprise.org_unit.path, counties)
        key = unit.code if unit else ""
        if key not in rows:
            rows[key] = CountyTax(name=unit.name if unit else "—", code=key)
        result = estimate(tax_input_from_report(report, policy, classes), rules)
        rows[key].add(result)
        if result.saving > 0:
            firms.append((report.enterprise, result))
    ordered = [rows[u.code] for u in counties if u.code in rows]
    if "" in rows:
        ordered.append(rows[""])
    total = CountyTax(name="", code="")
    for row in ordered:
        total.enterprises += row.enterprises
        total.benefiting += row.benefiting
        total.tax_without += row.tax_without
        total.tax_due += row.tax_due
        for key in INCENTIVES:
            total.by_incentive[key] += row.by_incentive[key]
    firms.sort(key=lambda f: (-f[1].saving, f[0].pk))
    return ordered, total, firms[:top]


def own_enterprise_id(user) -> int | None:
    """An enterprise user's firm (None for officials)."""
    return getattr(user, "enterprise_id", None) if access.is_enterprise_user(user) else None


def enterprise_get(*, user, pk: int) -> Enterprise:
    """The enterprise if the user may see it; 404 otherwise."""
    found = Enterprise.objects.restrict(user, Action.VIEW).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def enterprise_tax(*, user, enterprise: Enterprise, policy) -> list[tuple[TaxInput, TaxEstimate]]:
    """The enterprise's counted annual reports within the tax rules, each year estimated
    (equipment credit carried between years)."""
    tax = policy.tax
    reports = (
        AnnualReport.objects.restrict(user, Action.VIEW)
        .filter(
            enterprise=enterprise,
            status__in=counted_statuses(),
            year__gte=tax.first_year,
            year__lte=tax.last_year,
        )
        .select_related("enterprise")
        .order_by("year")
    )
    classes: dict = {}
    inputs = [tax_input_from_report(r, policy, classes) for r in reports]
    results = estimate_years(inputs, policy.tax_rule_set)
    return list(zip(inputs, results, strict=True))


# --- special funds ----------------------------------------------------------------------------


def programmes(*, year: int | None = None):
    """Every programme (their names and budgets are public to signed-in users)."""
    from .models import FundProgramme

    found = FundProgramme.objects.all()
    return found.filter(year=year) if year else found


def programme_get(pk: int):
    from .models import FundProgramme

    found = FundProgramme.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def applications(*, user, programme=None):
    """The applications the user sees (their area, or their own firm's), oldest first."""
    from .models import FundApplication

    found = (
        FundApplication.objects.restrict(user, Action.VIEW)
        .select_related("enterprise__org_unit", "programme")
        .prefetch_related("disbursements")
        .order_by("submitted_at", "pk")
    )
    return found.filter(programme=programme) if programme is not None else found


def application_get(*, user, pk: int):
    found = applications(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass
class FundTotal:
    name: str
    applications: int = 0
    requested: Decimal = ZERO
    granted: Decimal = ZERO
    disbursed: Decimal = ZERO


def fund_totals(*, user, year: int | None, funds) -> tuple[list, list, FundTotal]:
    """Requested, granted and paid, by county and by category, over the applications the user
    sees (in ``year`` when given); the total of exactly those applications."""
    counties = _counties()
    by_county: dict[str, FundTotal] = {}
    by_category = {c.key: FundTotal(name=c.name) for c in funds.categories}
    total = FundTotal(name="")
    found = applications(user=user)
    if year:
        found = found.filter(programme__year=year)
    for app in found:
        unit = _county_of(app.enterprise.org_unit.path, counties)
        key = unit.code if unit else ""
        county = by_county.setdefault(key, FundTotal(name=unit.name if unit else "—"))
        category = by_category.setdefault(
            app.programme.category, FundTotal(name=app.programme.category)
        )
        paid = sum((d.amount for d in app.disbursements.all()), ZERO)
        for row in (county, category, total):
            row.applications += 1
            row.requested += app.amount_requested
            row.granted += app.granted or ZERO
            row.disbursed += paid
    ordered = [by_county[u.code] for u in counties if u.code in by_county]
    if "" in by_county:
        ordered.append(by_county[""])
    return ordered, [r for r in by_category.values() if r.applications], total


# --- guarantee agencies -----------------------------------------------------------------------


def guarantee_years() -> list[int]:
    from .models import GuaranteeFigures

    return sorted(
        set(GuaranteeFigures.objects.values_list("year", flat=True).distinct()), reverse=True
    )


def guarantee_ranking(*, year: int, policy):
    """The year's agencies scored and ranked by the policy's method, best first, with the
    award recorded for the year (if any) by agency id."""
    from .award import Entry, rank_agencies
    from .models import GuaranteeAward, GuaranteeFigures

    rule = policy.awards.guarantee_agencies
    figures = {
        f.agency_id: f for f in GuaranteeFigures.objects.filter(year=year).select_related("agency")
    }
    entries = rank_agencies(
        [
            Entry(
                f.agency_id,
                f.agency.name,
                {"sme_guarantee_amount": f.sme_guarantee_amount, "sme_count": f.sme_count},
            )
            for f in figures.values()
        ],
        weights=rule.score_weights,
        count=rule.count,
    )
    awards = {a.agency_id: a for a in GuaranteeAward.objects.filter(year=year)}
    return [(e, figures[e.id], awards.get(e.id)) for e in entries], awards


# --- projects recommended to banks ------------------------------------------------------------


def recommendation_lists(*, user):
    """The lists the user reaches: officials every version, bank users the published ones."""
    from .models import RecommendationList

    return (
        RecommendationList.objects.restrict(user)
        .select_related("published_by", "created_by")
        .annotate(recommended=Count("items", filter=Q(items__included=True)))
    )


def recommendation_get(*, user, pk: int):
    """The list if the user reaches it; 404 otherwise (a draft does not exist for a bank)."""
    found = recommendation_lists(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def recommendation_items(*, user, recommendation):
    """The rows shown: to officials every candidate of their area (a county officer: their
    county's projects) with its checks; to a bank user the recommended projects."""
    items = recommendation.items.all()
    if access.is_bank_user(user):
        items = items.filter(included=True)
    else:
        items = items.filter(access.scope_q(user, path_field="path"))
    return list(items.order_by("-included", "county", "name", "pk"))


def recommendation_item_get(*, recommendation, pk: int):
    found = recommendation.items.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
