from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhuanxing.accounts import access
from zhuanxing.policy.active import policy_in_force

from .. import services
from ..forms import BulkApproveForm, LockForm, ReviewForm, UnlockForm
from ..selectors import (
    enterprise_by_uscc,
    open_unlocks,
    period_locks,
    report_get,
    review_queue,
    review_rows,
)


@login_required
def queue(request):
    """Submitted reports waiting for the officer's approval."""
    cap = settings.ZHUANXING["REVIEW_QUEUE_CAP"]
    policy = policy_in_force()
    user = request.user
    rows = {
        kind: review_rows(
            user=user, kind=kind, reports=review_queue(user=user, kind=kind)[:cap], policy=policy
        )
        for kind in ("annual", "monthly")
    }
    english = (get_language() or "").startswith("en")
    return render(
        request,
        "reporting/review.html",
        {"annual": rows["annual"], "monthly": rows["monthly"], "form": ReviewForm(),
         "english": english},
    )  # fmt: skip


_SERVICES = {
    ("annual", True): services.annual_report_approve,
    ("annual", False): services.annual_report_reject,
    ("monthly", True): services.monthly_report_approve,
    ("monthly", False): services.monthly_report_reject,
}


def _decided_message(report, approve: bool) -> str:
    period = report.period if hasattr(report, "period") else str(report.year)
    values = {"firm": report.enterprise.name, "period": period}
    if approve:
        return _("Approved: %(firm)s, %(period)s.") % values
    return _("Rejected: %(firm)s, %(period)s. The enterprise sees your reason on its report.") % (
        values
    )


@login_required
@require_POST
def review_selected(request, kind: str):
    """Approve the reports ticked in the queue at once (each checked as if approved alone)."""
    form = BulkApproveForm(request.POST)
    if kind not in ("annual", "monthly") or not form.is_valid():
        raise Http404
    approved, refused = 0, []
    for pk in form.cleaned_data["selected"]:
        try:
            report = report_get(user=request.user, kind=kind, pk=pk, action=access.Action.APPROVE)
            _SERVICES[(kind, True)](report=report, user=request.user, comment="")
            approved += 1
        except (Http404, services.ReportingError) as error:
            refused.append(str(error) if isinstance(error, services.ReportingError) else "")
    if approved:
        messages.success(request, _("%(n)d reports approved.") % {"n": approved})
    if refused:
        messages.error(
            request, _("%(n)d reports could not be approved (no longer waiting, or not yours).")
            % {"n": len(refused)},
        )  # fmt: skip
    return redirect("reporting:review")


@login_required
@require_POST
def review(request, kind: str, pk: int):
    report = report_get(user=request.user, kind=kind, pk=pk, action=access.Action.APPROVE)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise Http404
    approve = form.cleaned_data["action"] == "approve"
    service = _SERVICES[(kind, approve)]
    try:
        service(report=report, user=request.user, comment=form.cleaned_data["comment"])
    except services.ReportingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _decided_message(report, approve))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""  # only back to a page of this site
    return redirect(target or "reporting:review")


@login_required
@require_POST
def submit(request, kind: str, pk: int):
    report = report_get(user=request.user, kind=kind, pk=pk, action=access.Action.CHANGE)
    service = services.annual_report_submit if kind == "annual" else services.monthly_report_submit
    try:
        service(report=report, user=request.user)
    except services.ReportingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Submitted for review."))
    period = str(report.year) if kind == "annual" else report.period
    return redirect("reporting:entry", enterprise=report.enterprise_id, period=period)


@login_required
def locks(request):
    """The city locks periods, and unlocks one enterprise-period with a reason."""
    lock_form = LockForm(request.POST if "lock" in request.POST else None)
    unlock_form = UnlockForm(request.POST if "unlock" in request.POST else None)
    if request.method == "POST":
        try:
            if lock_form.is_bound and lock_form.is_valid():
                count = services.period_lock(user=request.user, **lock_form.cleaned_data)
                messages.success(request, _locked_message(count))
                return redirect("reporting:locks")
            if unlock_form.is_bound and unlock_form.is_valid():
                _unlock(request, unlock_form.cleaned_data)
                return redirect("reporting:locks")
        except services.ReportingError as error:
            messages.error(request, str(error))
    return render(
        request,
        "reporting/locks.html",
        {
            "locks": period_locks(),
            "unlocks": open_unlocks(user=request.user),
            "lock_form": lock_form,
            "unlock_form": unlock_form,
            "may_lock": access.may(request.user, access.Action.PUBLISH),
        },
    )


def _unlock(request, data) -> None:
    firm = enterprise_by_uscc(user=request.user, uscc=data["uscc"])
    if firm is None:
        raise services.ReportingError(_no_enterprise())
    if data["kind"] == "annual":
        if not data["period"].isdigit():
            raise services.ReportingError(_no_enterprise())
        services.annual_report_unlock(
            user=request.user, enterprise=firm, year=int(data["period"]), reason=data["reason"]
        )
    else:
        services.monthly_report_unlock(
            user=request.user, enterprise=firm, period=data["period"], reason=data["reason"]
        )
    messages.success(request, _unlocked_message())


def _locked_message(count: int) -> str:
    return _("Period locked: %(count)s reports locked now.") % {"count": count}


def _unlocked_message() -> str:
    return _("Unlocked. The enterprise can correct the report and submit it again.")


def _no_enterprise() -> str:
    return _("No such enterprise-period.")
