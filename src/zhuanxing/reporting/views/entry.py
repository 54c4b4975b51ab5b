import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhuanxing.enterprises.selectors import enterprise_get
from zhuanxing.policy.active import policy_in_force

from ..forms import EntryForm
from ..models import ReportStatus
from ..selectors import entry_check, entry_report, prior_period_defaults, rejection_reason
from ..services import ReportingError, annual_report_save, monthly_report_save

_PERIOD = re.compile(r"^(\d{4})(-(0[1-9]|1[0-2]))?$")


def _kind(period: str) -> str:
    found = _PERIOD.match(period)
    if not found:
        raise Http404
    return "monthly" if found.group(2) else "annual"


def _messages_by_field(lines) -> tuple[dict, list]:
    """Rule messages keyed by the field they point at; the rest (whole-row) in a list."""
    language = get_language() or "zh-hans"
    by_field: dict[str, list] = {}
    general = []
    for line in lines:
        item = {
            "importance": line.importance,
            "text": line.message_en if language.startswith("en") else line.message,
            "rule": line.rule,
        }
        if line.field and line.field not in ("uscc", "year", "period"):
            by_field.setdefault(line.field, []).append(item)
        else:
            general.append(item)
    return by_field, general


def _initial(report, form_columns, defaults: dict | None = None) -> dict:
    """The form's values: the report's, and the pre-filled ``defaults`` where it has none."""
    initial = dict(defaults or {})
    if report is None:
        return initial
    for c in form_columns:
        value = getattr(report, c.key)
        if value is not None or c.key not in initial:
            initial[c.key] = "" if value is None else value
    return initial


@login_required
def entry(request, enterprise: int, period: str):
    """The data-entry form for one enterprise-period (enterprise users: their own)."""
    kind = _kind(period)
    firm = enterprise_get(user=request.user, pk=enterprise)
    report = entry_report(user=request.user, kind=kind, enterprise=firm, period=period)
    lines = []
    if request.method == "POST":
        form = EntryForm(request.POST, kind=kind)
        form.is_valid()
        save = annual_report_save if kind == "annual" else monthly_report_save
        period_arg = {"year": int(period)} if kind == "annual" else {"period": period}
        try:
            result = save(
                user=request.user,
                enterprise=firm,
                data=form.values(),
                accept_warnings=form.cleaned_data.get("accept_warnings", False),
                submit="submit" in request.POST,
                **period_arg,
            )
        except ReportingError as error:
            messages.error(request, str(error))
            return redirect("reporting:entry", enterprise=firm.pk, period=period)
        if result.saved:
            messages.success(request, _saved_message(result.report))
            return redirect("reporting:entry", enterprise=firm.pk, period=period)
        lines = result.lines
    else:
        defaults = (
            prior_period_defaults(enterprise=firm, period=period) if kind == "monthly" else {}
        )
        form = EntryForm(
            kind=kind, initial=_initial(report, EntryForm(kind=kind).columns, defaults)
        )
    by_field, general = _messages_by_field(lines)
    rows = [(form[c.key], c, by_field.get(c.key, [])) for c in form.columns]
    return render(
        request,
        "reporting/entry.html",
        {
            "enterprise": firm,
            "period": period,
            "kind": kind,
            "report": report,
            "form": form,
            "rows": rows,
            "general": general,
            "has_warnings": any(line.importance == "warning" for line in lines),
            "rejection": rejection_reason(kind=kind, enterprise=firm, period=period)
            if report is not None and report.status == ReportStatus.REJECTED
            else "",
        },
    )


def _saved_message(report) -> str:
    return _("Saved. Status: %(status)s.") % {"status": report.get_status_display()}


@login_required
@require_POST
def entry_check_view(request, enterprise: int, period: str):
    """htmx: run the rules on the form as it stands and return the messages beside the fields."""
    kind = _kind(period)
    firm = enterprise_get(user=request.user, pk=enterprise)
    form = EntryForm(request.POST, kind=kind)
    form.is_valid()
    policy = policy_in_force()
    _, lines = entry_check(
        user=request.user, kind=kind, enterprise=firm, period=period, data=form.values(),
        policy=policy,
    )  # fmt: skip
    by_field, general = _messages_by_field(lines)
    return render(
        request,
        "reporting/_entry_messages.html",
        {
            "fields": [(c.key, by_field.get(c.key, [])) for c in form.columns],
            "general": general,
            "count": len(lines),
        },
    )
