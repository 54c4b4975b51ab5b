"""Writes of the special fund (clause 十六): each in one transaction, the permission re-checked,
a refused change raised as ``UserError``."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action
from zhuanxing.core.errors import UserError
from zhuanxing.enterprises.models import Enterprise

from .allocation import Candidate, allocate
from .models import (
    ApplicationStatus,
    Disbursement,
    FundApplication,
    FundProgramme,
    ProgrammeStatus,
)

CENT = Decimal("0.01")


def _money(value, what: str) -> Decimal:
    try:
        amount = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        raise UserError(_("%(what)s: a number is required.") % {"what": what}) from None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
        raise UserError(
            _("%(what)s: a positive amount with at most two decimals (万元).") % {"what": what}
        )
    return amount


def programme_create(*, user, year: int, category: str, name: str, budget, funds):
    access.require_city_admin(user)
    try:
        funds.category(category)
    except KeyError:
        raise UserError(_("Unknown category %(c)s.") % {"c": category}) from None
    budget = _money(budget, _("budget"))
    if FundProgramme.objects.filter(year=year, name=name).exists():
        raise UserError(_("A programme of that name exists for %(y)s.") % {"y": year})
    return FundProgramme.objects.create(
        year=year, category=category, name=name, budget=budget, created_by=user
    )


def programme_set_status(*, user, programme: FundProgramme, status: str) -> None:
    access.require_city_admin(user)
    if programme.status == ProgrammeStatus.ALLOCATED:
        raise UserError(_("The programme is allocated already."))
    programme.status = status
    programme.save(update_fields=["status"])


@transaction.atomic
def application_submit(*, user, programme, enterprise, project, amount, documents=""):
    """An enterprise applies to an open programme (its own clerk, or an official in scope)."""
    access.require(user, Action.CHANGE)
    if not Enterprise.objects.restrict(user, Action.CHANGE).filter(pk=enterprise.pk).exists():
        raise UserError(_("You may not apply for this enterprise."))
    programme = FundProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.status != ProgrammeStatus.OPEN:
        raise UserError(_("The programme is not open for applications."))
    amount = _money(amount, _("amount requested"))
    if amount > programme.budget:
        raise UserError(_("The amount requested exceeds the programme's budget."))
    project = (project or "").strip()
    if not project:
        raise UserError(_("Name the project."))
    if FundApplication.objects.filter(
        programme=programme, enterprise=enterprise, project=project
    ).exists():
        raise UserError(_("This project has been submitted to the programme already."))
    return FundApplication.objects.create(
        programme=programme,
        enterprise=enterprise,
        project=project,
        amount_requested=amount,
        documents=(documents or "").strip(),
        submitted_by=user,
    )


def _in_scope(user, application, action) -> FundApplication:
    found = (
        FundApplication.objects.restrict(user, action)
        .select_for_update()
        .filter(pk=application.pk)
        .first()
    )
    if found is None:
        raise UserError(_("You may not act on this application."))
    return found


@transaction.atomic
def application_county_review(*, user, application, approve: bool, comment: str = ""):
    """The county's pre-review: officials who approve reports, within their area."""
    if not access.may_review(user):
        raise UserError(_("You may not review applications."))
    application = _in_scope(user, application, Action.APPROVE)
    if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.COUNTY_REJECTED,
                                  ApplicationStatus.COUNTY_APPROVED):  # fmt: skip
        raise UserError(_("The application is past the county's review."))
    if application.programme.status == ProgrammeStatus.ALLOCATED:
        raise UserError(_("The programme is allocated already."))
    application.status = (
        ApplicationStatus.COUNTY_APPROVED if approve else ApplicationStatus.COUNTY_REJECTED
    )
    application.county_comment = (comment or "").strip()
    application.county_reviewed_by = user
    application.save(update_fields=["status", "county_comment", "county_reviewed_by"])
    return application


@transaction.atomic
def application_score(*, user, application, points: dict, funds):
    """The city's scoring sheet: each line between 0 and its maximum; the score is the sum."""
    access.require_city_admin(user)
    application = _in_scope(user, application, Action.PUBLISH)
    if application.status not in (ApplicationStatus.COUNTY_APPROVED, ApplicationStatus.SCORED):
        raise UserError(_("Only applications pre-approved by the county are scored."))
    if application.programme.status == ProgrammeStatus.ALLOCATED:
        raise UserError(_("The programme is allocated already."))
    scores = {}
    for item in funds.scoring:
        raw = points.get(item.key)
        try:
            value = Decimal(str(raw))
        except (ArithmeticError, ValueError):
            value = None
        if value is None or not value.is_finite() or not 0 <= value <= item.max_points:
            raise UserError(
                _("%(name)s: between 0 and %(max)s points.")
                % {"name": item.name, "max": item.max_points}
            )
        scores[item.key] = str(value.quantize(CENT))
    application.scores = scores
    application.score = sum((Decimal(v) for v in scores.values()), Decimal(0))
    application.status = ApplicationStatus.SCORED
    application.save(update_fields=["scores", "score", "status"])
    return application


@transaction.atomic
def programme_allocate(*, user, programme, funds) -> dict[int, Decimal]:
    """Grant the scored applications by the policy's method, within the budget."""
    access.require_city_admin(user)
    programme = FundProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.status == ProgrammeStatus.ALLOCATED:
        raise UserError(_("The programme is allocated already."))
    applications = list(programme.applications.order_by("submitted_at", "pk"))
    waiting = [a for a in applications if a.status == ApplicationStatus.SUBMITTED]
    unscored = [a for a in applications if a.status == ApplicationStatus.COUNTY_APPROVED]
    if waiting or unscored:
        raise UserError(
            _("%(w)s applications await the county and %(u)s the city's score.")
            % {"w": len(waiting), "u": len(unscored)}
        )
    scored = [a for a in applications if a.status == ApplicationStatus.SCORED]
    grants = allocate(
        programme.budget,
        [Candidate(a.pk, a.score, a.amount_requested, i) for i, a in enumerate(scored)],
        pass_score=funds.pass_score,
        partial=funds.partial_grants,
    )
    if sum(grants.values(), Decimal(0)) > programme.budget:  # the method's promise, kept
        raise AssertionError("allocation over budget")
    for a in scored:
        a.granted = grants[a.pk]
        a.status = ApplicationStatus.GRANTED if a.granted > 0 else ApplicationStatus.NOT_GRANTED
        a.save(update_fields=["granted", "status"])
    programme.status = ProgrammeStatus.ALLOCATED
    programme.save(update_fields=["status"])
    return grants


@transaction.atomic
def disbursement_record(*, user, application, amount, paid_on: datetime.date, note: str = ""):
    """A payment of a grant; all payments together at most the grant."""
    access.require_city_admin(user)
    application = _in_scope(user, application, Action.PUBLISH)
    if application.status != ApplicationStatus.GRANTED:
        raise UserError(_("Only a granted application is paid."))
    amount = _money(amount, _("amount"))
    paid = application.disbursements.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if paid + amount > application.granted:
        raise UserError(
            _("Payments would exceed the grant (%(g)s 万元, %(p)s paid).")
            % {"g": application.granted, "p": paid}
        )
    return Disbursement.objects.create(
        application=application, amount=amount, paid_on=paid_on, note=note, recorded_by=user
    )


@transaction.atomic
def guarantee_award_record(*, user, year: int, policy) -> list:
    """Rank the year's agencies by the policy's score and record the award to the best."""
    from .award import Entry, rank_agencies
    from .models import GuaranteeAward, GuaranteeFigures

    access.require_city_admin(user)
    rule = policy.awards.guarantee_agencies
    if GuaranteeAward.objects.filter(year=year).exists():
        raise UserError(_("The award for %(y)s is recorded already.") % {"y": year})
    figures = list(GuaranteeFigures.objects.filter(year=year).select_related("agency"))
    if not figures:
        raise UserError(_("No guarantee agency reported figures for %(y)s.") % {"y": year})
    entries = rank_agencies(
        [
            Entry(
                f.agency_id,
                f.agency.name,
                {"sme_guarantee_amount": f.sme_guarantee_amount, "sme_count": f.sme_count},
            )
            for f in figures
        ],
        weights=rule.score_weights,
        count=rule.count,
    )
    return [
        GuaranteeAward.objects.create(
            year=year,
            agency_id=e.id,
            rank=e.rank,
            score=e.score,
            amount=rule.amount,
            awarded_by=user,
        )
        for e in entries
        if e.awarded
    ]


# --- projects recommended to banks (clause 十七) ----------------------------------------------


@transaction.atomic
def recommendation_build(*, user, year: int, policy):
    """Build the year's candidate list from the policy's rules, as a new draft version (a draft
    of the year already there is replaced: its edits are dropped)."""
    from .models import ListStatus, RecommendationItem, RecommendationList
    from .recommendation import decide
    from .sources import candidates

    access.require_city_admin(user)
    if policy.financing is None:
        raise UserError(_("The policy in force has no rules for recommending projects."))
    rule = policy.financing.recommendation
    RecommendationList.objects.filter(year=year, status=ListStatus.DRAFT).delete()
    last = (
        RecommendationList.objects.filter(year=year).order_by("-version").values_list(
            "version", flat=True
        ).first()
    )  # fmt: skip
    evaluation_year, found = candidates(user=user, year=year)
    if not found:
        raise UserError(_("No project has a plan entry for %(y)s.") % {"y": year})
    recommendation = RecommendationList.objects.create(
        year=year,
        version=(last or 0) + 1,
        rule=rule.model_dump(mode="json"),
        evaluation_year=evaluation_year,
        created_by=user,
    )
    items = []
    for candidate in found:
        included, checks = decide(candidate.facts, rule)
        project = candidate.project
        items.append(
            RecommendationItem(
                recommendation=recommendation,
                project=project,
                name=project.name,
                owner=candidate.owner,
                county=candidate.county,
                path=project.org_unit.path,
                kind=project.kind,
                total_investment=project.total_investment,
                planned_investment=candidate.planned_investment,
                owner_class=candidate.facts.owner_class,
                checks=[[c.key, c.passed, c.value] for c in checks],
                rule_included=included,
                included=included,
            )
        )
    RecommendationItem.objects.bulk_create(items)
    return recommendation


@transaction.atomic
def recommendation_item_set(*, user, item, included: bool, note: str = ""):
    """Put a project on the draft list or take it off; going against the rules needs a note."""
    from .models import ListStatus, RecommendationItem

    access.require_city_admin(user)
    item = RecommendationItem.objects.select_for_update().get(pk=item.pk)
    if item.recommendation.status != ListStatus.DRAFT:
        raise UserError(_("A published list is frozen; build a new version to change it."))
    note = note.strip()
    if included != item.rule_included and not note:
        raise UserError(_("Say why the project goes against the rules (a note is required)."))
    item.included = included
    item.note = note if included != item.rule_included else ""
    item.edited_by = user
    item.save(update_fields=["included", "note", "edited_by"])
    return item


@transaction.atomic
def recommendation_publish(*, user, recommendation, request=None):
    """Publish a draft to the banks: it is frozen from now on, and the year's previously
    published version is superseded. Who and when are recorded (and in the audit log)."""
    from django.utils import timezone

    from zhuanxing.audit.models import AuditAction
    from zhuanxing.audit.services import audit_record

    from .models import ListStatus, RecommendationList

    access.require_city_admin(user)
    recommendation = RecommendationList.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status != ListStatus.DRAFT:
        raise UserError(_("Only a draft can be published."))
    if not recommendation.items.filter(included=True).exists():
        raise UserError(_("The list recommends no project."))
    RecommendationList.objects.filter(year=recommendation.year, status=ListStatus.PUBLISHED).update(
        status=ListStatus.SUPERSEDED
    )
    recommendation.status = ListStatus.PUBLISHED
    recommendation.published_by = user
    recommendation.published_at = timezone.now()
    recommendation.save(update_fields=["status", "published_by", "published_at"])
    audit_record(
        action=AuditAction.RECOMMENDATIONS_PUBLISHED,
        user=user,
        request=request,
        detail=str(recommendation),
    )
    return recommendation
