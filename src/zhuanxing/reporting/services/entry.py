"""Data entry: one enterprise-period typed into the web form, checked by the same rules as an
import (the form is a one-row file), then saved with its history."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.policy.active import policy_in_force

from ..importing.pipeline import Line
from ..models import (
    REPORT_MODELS,
    AnnualReport,
    MonthlyReport,
    PeriodLock,
    ReportStatus,
    ReportUnlock,
    ReviewAction,
    editable_by,
)
from ..selectors import entry_check
from .errors import ReportingError
from .workflow import in_scope, log, save_with_history


@dataclass
class EntryResult:
    saved: bool
    lines: list[Line] = field(default_factory=list)
    report: AnnualReport | MonthlyReport | None = None

    @property
    def errors(self) -> list[Line]:
        return [line for line in self.lines if line.importance == "error"]

    @property
    def warnings(self) -> list[Line]:
        return [line for line in self.lines if line.importance == "warning"]


def _locked(kind: str, enterprise_id: int, period: str) -> bool:
    if not PeriodLock.objects.filter(kind=kind, period=str(period)).exists():
        return False
    return not ReportUnlock.objects.filter(
        kind=kind, enterprise_id=enterprise_id, period=str(period), closed_at=None
    ).exists()


def _save(
    kind: str,
    *,
    user,
    enterprise: Enterprise,
    period: str,
    data: dict,
    accept_warnings: bool,
    submit: bool,
) -> EntryResult:
    if not in_scope(user, enterprise.pk):
        raise ReportingError(_("You may not file for this enterprise."))
    model = REPORT_MODELS[kind]
    lookup = {"year": int(period)} if kind == "annual" else {"period": period}
    existing = model.objects.filter(enterprise=enterprise, **lookup).first()
    if existing and not editable_by(user, existing.status):
        raise ReportingError(
            _("This report is %(status)s: the enterprise can no longer change it.")
            % {"status": existing.get_status_display()}
        )
    policy = policy_in_force()
    batch, lines = entry_check(
        user=user, kind=kind, enterprise=enterprise, period=period, data=data, policy=policy
    )
    result = EntryResult(saved=False, lines=lines)
    if result.errors or (result.warnings and not accept_warnings):
        return result
    if access.is_enterprise_user(user):
        status = ReportStatus.SUBMITTED if submit else ReportStatus.DRAFT
    else:
        status = ReportStatus.APPROVED  # an official's entry is their review
    values = {
        key: batch.values[key][0]
        for key in batch.values
        if key not in ("uscc", "name", "year", "period")
    }
    if kind == "annual":
        values["business_mode"] = values.get("business_mode") or ""
    else:
        values["year"], values["month"] = (int(part) for part in period.split("-"))
    with transaction.atomic():
        # Checked again under a row lock: the period may have been locked, or the report
        # submitted elsewhere, since the checks above ran.
        current = model.objects.select_for_update().filter(enterprise=enterprise, **lookup).first()
        if _locked(kind, enterprise.pk, period):
            raise ReportingError(_("The period is locked; the city must unlock it before changes."))
        if current and not editable_by(user, current.status):
            raise ReportingError(
                _("This report is %(status)s: the enterprise can no longer change it.")
                % {"status": current.get_status_display()}
            )
        report = current or model(enterprise=enterprise, **lookup)
        reason = "web form" + (", submitted" if submit else "")
        save_with_history(report, user=user, reason=reason, status=status, **values)
        log(kind, enterprise.pk, period, ReviewAction.EDIT, user)
        if status == ReportStatus.SUBMITTED:
            log(kind, enterprise.pk, period, ReviewAction.SUBMIT, user)
    result.saved, result.report = True, report
    return result


def annual_report_save(
    *,
    user,
    enterprise: Enterprise,
    year: int,
    data: dict,
    accept_warnings: bool = False,
    submit: bool = False,
) -> EntryResult:
    """Save an annual report from the form; not saved while errors or unaccepted warnings."""
    return _save(
        "annual",
        user=user,
        enterprise=enterprise,
        period=str(year),
        data=data,
        accept_warnings=accept_warnings,
        submit=submit,
    )


def monthly_report_save(
    *,
    user,
    enterprise: Enterprise,
    period: str,
    data: dict,
    accept_warnings: bool = False,
    submit: bool = False,
) -> EntryResult:
    return _save(
        "monthly",
        user=user,
        enterprise=enterprise,
        period=period,
        data=data,
        accept_warnings=accept_warnings,
        submit=submit,
    )
