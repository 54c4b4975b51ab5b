"""Approval and locking: enterprise submits → county officer approves or rejects with a comment
→ the city locks the period; one enterprise-period can be unlocked again, with a reason.

Every step changes the report through django-simple-history (who, when, before/after) and adds
a line to the approval log (``ReportReview``) carrying the full comment or reason.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.audit.models import AuditAction
from zhuanxing.audit.services import audit_record
from zhuanxing.core import periods
from zhuanxing.enterprises.models import Enterprise

from ..importing.commit import TARGETS, write_history
from ..models import (
    ENTERPRISE_REPORT_KINDS,
    PERIOD_FIELD,
    REPORT_MODELS,
    AnnualReport,
    MonthlyReport,
    PeriodLock,
    ReportReview,
    ReportStatus,
    ReportUnlock,
    ReviewAction,
)
from .errors import ReportingError

_PERIOD = {"annual": periods.YEAR, "monthly": periods.MONTH}


def report_period(report) -> str:
    return str(report.year) if isinstance(report, AnnualReport) else report.period


def in_scope(user, enterprise_id: int, action: access.Action = access.Action.CHANGE) -> bool:
    """Whether ``user`` may take ``action`` on the enterprise's data."""
    return Enterprise.objects.restrict(user, action).filter(pk=enterprise_id).exists()


def save_with_history(report, *, user, reason: str, **changes) -> None:
    for name, value in changes.items():
        setattr(report, name, value)
    report._history_user = user  # read by django-simple-history for the history record
    report._change_reason = reason[:100]
    report.save()


def log(kind: str, enterprise_id: int, period: str, action: str, user, comment: str = "") -> None:
    ReportReview.objects.create(
        kind=kind,
        enterprise_id=enterprise_id,
        period=period,
        action=action,
        user=user,
        comment=comment,
    )


def _fresh(kind: str, report):
    # Lock the row for the rest of the transaction: two officers clicking at once must not
    # both act on the same "submitted" state.
    return REPORT_MODELS[kind].objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def _submit(kind: str, *, report, user):
    report = _fresh(kind, report)
    if not in_scope(user, report.enterprise_id):
        raise ReportingError(_("You may not file for this enterprise."))
    if report.status not in (ReportStatus.DRAFT, ReportStatus.REJECTED):
        raise ReportingError(_("Only a draft or a rejected report can be submitted."))
    save_with_history(report, user=user, reason="submitted", status=ReportStatus.SUBMITTED)
    log(kind, report.enterprise_id, report_period(report), ReviewAction.SUBMIT, user)
    return report


@transaction.atomic
def _review(kind: str, *, report, user, approve: bool, comment: str):
    report = _fresh(kind, report)
    comment = comment.strip()
    if not in_scope(user, report.enterprise_id, access.Action.APPROVE):
        raise ReportingError(_("Only an officer responsible for this enterprise may review it."))
    if report.status != ReportStatus.SUBMITTED:
        raise ReportingError(_("Only a submitted report can be approved or rejected."))
    if not approve and not comment:
        raise ReportingError(_("Say why the report is rejected: a comment is required."))
    status = ReportStatus.APPROVED if approve else ReportStatus.REJECTED
    action = ReviewAction.APPROVE if approve else ReviewAction.REJECT
    save_with_history(
        report, user=user, reason=f"{action}: {comment}" if comment else action, status=status
    )
    log(kind, report.enterprise_id, report_period(report), action, user, comment)
    return report


def annual_report_submit(*, report: AnnualReport, user) -> AnnualReport:
    return _submit("annual", report=report, user=user)


def monthly_report_submit(*, report: MonthlyReport, user) -> MonthlyReport:
    return _submit("monthly", report=report, user=user)


def annual_report_approve(*, report: AnnualReport, user, comment: str = "") -> AnnualReport:
    return _review("annual", report=report, user=user, approve=True, comment=comment)


def monthly_report_approve(*, report: MonthlyReport, user, comment: str = "") -> MonthlyReport:
    return _review("monthly", report=report, user=user, approve=True, comment=comment)


def annual_report_reject(*, report: AnnualReport, user, comment: str) -> AnnualReport:
    return _review("annual", report=report, user=user, approve=False, comment=comment)


def monthly_report_reject(*, report: MonthlyReport, user, comment: str) -> MonthlyReport:
    return _review("monthly", report=report, user=user, approve=False, comment=comment)


def _require_city(user) -> None:
    if not access.may(user, access.Action.PUBLISH):
        raise ReportingError(_("Only the city administrator may lock or unlock periods."))


@transaction.atomic
def period_lock(*, user, kind: str, period: str) -> int:
    """Lock every report of ``period``; closes the period's open unlocks. Returns the number of
    reports locked now (those already locked are left alone)."""
    _require_city(user)
    period = str(period).strip()
    if kind not in ENTERPRISE_REPORT_KINDS or not _PERIOD[kind].match(period):
        raise ReportingError(_("Not a period: write a year as 2012 or a month as 2012-06."))
    PeriodLock.objects.get_or_create(kind=kind, period=period, defaults={"locked_by": user})
    model, target = REPORT_MODELS[kind], TARGETS[kind]
    value = int(period) if kind == "annual" else period
    reports = model.objects.filter(**{PERIOD_FIELD[kind]: value}).exclude(
        status=ReportStatus.LOCKED
    )
    rows = list(reports.values_list("id", *target.keys))
    now = timezone.now()
    reports.update(status=ReportStatus.LOCKED, updated_at=now)
    history = [("~", row[0], row[1:], ()) for row in rows]
    write_history(model, history, user=user, reason=f"period {period} locked", when=now)
    ReportUnlock.objects.filter(kind=kind, period=period, closed_at=None).update(closed_at=now)
    ReportReview.objects.bulk_create(
        [
            ReportReview(
                kind=kind, enterprise_id=row[1], period=period, action=ReviewAction.LOCK, user=user
            )
            for row in rows
        ],
        batch_size=2000,
    )
    audit_record(action=AuditAction.PERIOD_LOCKED, user=user, detail=f"{kind} {period}")
    return len(rows)


@transaction.atomic
def _unlock(kind: str, *, user, enterprise: Enterprise, period: str, reason: str):
    _require_city(user)
    reason = reason.strip()
    if not reason:
        raise ReportingError(_("An unlock needs a reason."))
    value = int(period) if kind == "annual" else period
    report = (
        REPORT_MODELS[kind]
        .objects.select_for_update()
        .filter(enterprise=enterprise, **{PERIOD_FIELD[kind]: value})
        .first()
    )
    period_locked = PeriodLock.objects.filter(kind=kind, period=str(period)).exists()
    if not period_locked and (report is None or report.status != ReportStatus.LOCKED):
        raise ReportingError(_("This enterprise-period is not locked."))
    if ReportUnlock.objects.filter(
        kind=kind, enterprise=enterprise, period=str(period), closed_at=None
    ).exists():
        raise ReportingError(_("This enterprise-period is already unlocked."))
    ReportUnlock.objects.create(
        kind=kind, enterprise=enterprise, period=str(period), reason=reason, unlocked_by=user
    )
    if report is not None:
        # Back to draft: the enterprise corrects it and it goes through approval again.
        save_with_history(
            report, user=user, reason=f"unlocked: {reason}", status=ReportStatus.DRAFT
        )
    log(kind, enterprise.pk, str(period), ReviewAction.UNLOCK, user, reason)
    audit_record(
        action=AuditAction.REPORT_UNLOCKED, user=user,
        detail=f"{kind} {enterprise.uscc} {period}: {reason}",
    )  # fmt: skip
    return report


def annual_report_unlock(*, user, enterprise: Enterprise, year: int, reason: str):
    return _unlock("annual", user=user, enterprise=enterprise, period=str(year), reason=reason)


def monthly_report_unlock(*, user, enterprise: Enterprise, period: str, reason: str):
    return _unlock("monthly", user=user, enterprise=enterprise, period=period, reason=reason)
