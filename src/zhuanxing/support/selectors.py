"""Reads of the support-policy pages, scoped to the user.

Tax incentives from the annual reports (clause 十八). A report gives what the calculator needs
only in part, so the page states the mapping [assumed]: taxable income = total profit (利润总额);
R&D expense = R&D spending; staff and total assets as reported; sector "industrial" for sections
B–D of GB/T 4754; high-tech = an industry within the policy's high-tech scope (the registry does
not record the certificate); no special-equipment investment and no resource-reuse revenue
(the reports do not carry them). Only reports counted in published figures are used.
"""

import heapq
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action
from zhuanxing.core.memo import memo
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.enterprises.selectors import registry_version
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.orgunits.selectors import county_containing, county_level_units
from zhuanxing.policy.active import policy_digest
from zhuanxing.policy.classification import classify
from zhuanxing.reporting.models import AnnualReport, counted_statuses
from zhuanxing.reporting.selectors import counted_annual_version, report_years

from .tax import CENT, INCENTIVES, Incentive, TaxEstimate, TaxInput, estimate, estimate_years

ZERO = Decimal(0)


def tax_input(
    *,
    year: int,
    industry_code: str,
    profit,
    employees,
    total_assets,
    rd_spending,
    policy,
    classes: dict,
) -> TaxInput:
    """The calculator's input from a report's figures and the firm's industry (the mapping of
    the module docstring); ``classes``: industry code → (industrial, high-tech), filled here."""
    if industry_code not in classes:
        found = classify(industry_code, policy)
        classes[industry_code] = (found.industrial, found.high_tech)
    industrial, high_tech = classes[industry_code]
    return TaxInput(
        year=year,
        sector="industrial" if industrial else "other",
        taxable_income=profit or ZERO,
        employees=employees or 0,
        total_assets=total_assets or ZERO,
        high_tech=high_tech,
        rd_expense=rd_spending or ZERO,
    )  # fmt: skip


def tax_input_from_report(report, policy, classes: dict) -> TaxInput:
    return tax_input(
        year=report.year,
        industry_code=report.enterprise.industry_code,
        profit=report.profit,
        employees=report.employees,
        total_assets=report.total_assets,
        rd_spending=report.rd_spending,
        policy=policy,
        classes=classes,
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

    def amounts(self, keys=INCENTIVES) -> list[Decimal]:
        return [self.by_incentive[k] for k in keys]


def _cents(amount: Decimal) -> int:
    """A tax amount (rounded to 0.01 万元 by ``support.tax``) as whole cents, exactly."""
    cents = amount.scaleb(CENT)
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(cents)


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-CENT)


def city_estimates(*, year: int, policy, counties: list[OrgUnit]) -> list[tuple]:
    """Every counted annual report of ``year`` in the city estimated under the year's rules, in
    enterprise order: (report id, enterprise id, county code or "", tax without incentives,
    tax due, rate, ((incentive key, amount, basis), …)), money in whole cents.

    Not scoped: callers narrow the rows to the user's reports. Kept in the cache (``core.memo``)
    under the year, the policy's digest (the tax rules and the high-tech scope), the data
    versions of the year's counted reports and of the registry (industries, org units) and the
    county list, so a changed report, firm or rule is estimated afresh; cents keep the entry
    small and quick to read (20,000 reports: ~0.5 MB)."""

    def compute() -> list[tuple]:
        rules = policy.tax_rule_set(year)
        rows = (
            AnnualReport.objects.filter(year=year, status__in=counted_statuses())
            .values_list("pk", "enterprise_id", "enterprise__industry_code",
                         "enterprise__org_unit__path", "profit", "employees", "total_assets",
                         "rd_spending")
            .order_by("enterprise_id")
        )  # fmt: skip
        classes: dict = {}
        found = []
        for pk, firm, code, path, profit, employees, assets, rd in rows:
            data = tax_input(
                year=year,
                industry_code=code,
                profit=profit,
                employees=employees,
                total_assets=assets,
                rd_spending=rd,
                policy=policy,
                classes=classes,
            )
            result = estimate(data, rules)
            unit = county_containing(path, counties)
            found.append((
                pk, firm, unit.code if unit else "",
                _cents(result.tax_without_incentives), _cents(result.tax_due), result.rate,
                tuple((i.key, _cents(i.amount), i.basis) for i in result.incentives),
            ))  # fmt: skip
        return found

    version = (
        policy_digest(policy),
        counted_annual_version([year]),
        registry_version(),
        tuple((u.code, u.path) for u in counties),
    )
    return memo("support-tax-estimates", (year,), version, compute)


def tax_forgone(*, user, year: int, policy, top: int = 0):
    """Revenue forgone in ``year`` by incentive and county, over the reports the user sees:
    the rows, the total of exactly those rows, and the ``top`` enterprises by forgone revenue
    as (enterprise, estimate). The city's estimates come from :func:`city_estimates` (cached);
    the user's scope is read on every request (``restrict``) and only its reports are added."""
    counties = county_level_units()
    estimates = city_estimates(year=year, policy=policy, counties=counties)
    visible = set(
        AnnualReport.objects.restrict(user, Action.VIEW)
        .filter(year=year, status__in=counted_statuses())
        .values_list("pk", flat=True)
        .order_by()
    )
    # county code → [enterprises, benefiting, tax without, tax due, {incentive: amount}]
    sums: dict[str, list] = {}
    firms = []
    for row in estimates:
        if row[0] not in visible:
            continue
        _, firm, county, without, due, _, incentives = row
        found = sums.get(county)
        if found is None:
            found = sums[county] = [0, 0, 0, 0, dict.fromkeys(INCENTIVES, 0)]
        found[0] += 1
        found[1] += bool(incentives)
        found[2] += without
        found[3] += due
        for key, amount, _ in incentives:
            found[4][key] += amount
        if without > due:
            firms.append((due - without, firm, row))
    names = {u.code: u.name for u in counties}
    rows: dict[str, CountyTax] = {}
    for code, (n, benefiting, without, due, amounts) in sums.items():
        rows[code] = CountyTax(
            name=names.get(code, "—"),
            code=code,
            enterprises=n,
            benefiting=benefiting,
            tax_without=_money(without),
            tax_due=_money(due),
            by_incentive={k: _money(v) for k, v in amounts.items()},
        )
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
    chosen = heapq.nsmallest(top, firms, key=lambda f: (f[0], f[1])) if top > 0 else []
    named = Enterprise.objects.in_bulk([firm for _, firm, _ in chosen])
    return ordered, total, [(named[firm], _estimate_of(year, row)) for _, firm, row in chosen]


def _estimate_of(year: int, row: tuple) -> TaxEstimate:
    """A cached row as the calculator's answer (no equipment credit: the reports carry none)."""
    _, _, _, without, due, rate, incentives = row
    return TaxEstimate(
        year=year,
        tax_due=_money(due),
        tax_without_incentives=_money(without),
        rate=rate,
        incentives=tuple(Incentive(key, _money(c), basis) for key, c, basis in incentives),
    )


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
    counties = county_level_units()
    by_county: dict[str, FundTotal] = {}
    by_category = {c.key: FundTotal(name=c.name) for c in funds.categories}
    total = FundTotal(name="")
    found = applications(user=user)
    if year:
        found = found.filter(programme__year=year)
    for app in found:
        unit = county_containing(app.enterprise.org_unit.path, counties)
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
