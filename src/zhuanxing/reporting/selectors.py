"""Reads of the reporting app. Every function takes the user and scopes by role."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from zhuanxing.accounts import access
from zhuanxing.core.memo import table_version
from zhuanxing.core.periods import months_of_year, shift_month
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.policy import Policy
from zhuanxing.policy.vocabulary import MONTHLY_PRIOR

from .importing.checks import Batch, batch_from_rows, batch_from_values
from .importing.formats import TEMPLATES
from .importing.pipeline import Line, problem_line
from .importing.validate import validate_batch
from .models import (
    ENTERPRISE_REPORT_KINDS,
    REPORT_MODELS,
    AnnualReport,
    ImportJob,
    MonthlyReport,
    PeriodLock,
    ReportReview,
    ReportStatus,
    ReportUnlock,
    ReviewAction,
    counted_statuses,
)
from .wording import change_reason_text

ENTRY_EXCLUDED = ("uscc", "name", "year", "period")


def entry_fields(kind: str):
    """The template columns a data-entry form shows (identity columns come from the URL)."""
    return [c for c in TEMPLATES[kind].columns if c.key not in ENTRY_EXCLUDED]


def entry_check(
    *, user, kind: str, enterprise: Enterprise, period: str, data: dict, policy: Policy
) -> tuple[Batch, list[Line]]:
    """Run the import rules on one form's values: the form is a one-row file."""
    values = {key: data.get(key) for key in (c.key for c in entry_fields(kind))}
    values["uscc"] = enterprise.uscc
    values["year" if kind == "annual" else "period"] = period
    batch = batch_from_values(TEMPLATES[kind], policy.reporting, values)
    validate_batch(batch, user=user, policy=policy)
    return batch, [problem_line(p, batch, policy) for p in batch.problems]


def prior_period_defaults(*, enterprise: Enterprise, period: str) -> dict:
    """上年同期 pre-filled from the report the enterprise filed for the same month a year
    earlier (the clerk may change them; a rule warns when they differ from what was filed)."""
    year, month = period.split("-")
    last = MonthlyReport.objects.filter(
        enterprise=enterprise, period=f"{int(year) - 1:04d}-{month}"
    ).first()
    if last is None:
        return {}
    return {
        prior: getattr(last, measure)
        for measure, prior in MONTHLY_PRIOR.items()
        if getattr(last, measure) is not None
    }


def entry_report(*, user, kind: str, enterprise: Enterprise, period: str):
    model = REPORT_MODELS[kind]
    lookup = {"year": int(period)} if kind == "annual" else {"period": period}
    return model.objects.restrict(user).filter(enterprise=enterprise, **lookup).first()


def report_get(*, user, kind: str, pk: int, action: access.Action = access.Action.VIEW):
    """An enterprise's annual or monthly report if ``user`` may take ``action`` on it; 404
    otherwise (also for an unknown kind)."""
    if kind not in ENTERPRISE_REPORT_KINDS:
        raise Http404
    return get_object_or_404(REPORT_MODELS[kind].objects.restrict(user, action), pk=pk)


def enterprise_by_uscc(*, user, uscc: str, action: access.Action = access.Action.VIEW):
    """The enterprise with this credit code if the user may take ``action`` on it, else None
    (an unknown code and one outside the scope look the same)."""
    code = uscc.strip().upper()
    return Enterprise.objects.restrict(user, action).filter(uscc=code).first()


def import_job_list(*, user) -> QuerySet[ImportJob]:
    """A user's own imports; the city administrator sees everyone's."""
    jobs = ImportJob.objects.defer("content").select_related("created_by")
    if access.is_city_admin(user):
        return jobs
    return jobs.filter(created_by=user)


def import_job_get(*, user, pk: int) -> ImportJob:
    """The import if ``user`` may see it; 404 otherwise."""
    return get_object_or_404(import_job_list(user=user), pk=pk)


def default_year(user) -> int | None:
    """The year every page opens on (the one place it is chosen): the latest year with counted
    (approved or locked) annual reports in the user's scope — one rejected or draft report of a
    later year does not turn the pages to an empty year. Without any counted report, the latest
    year the user has a report for; None without reports."""
    reports = AnnualReport.objects.restrict(user)
    counted = reports.filter(status__in=counted_statuses())
    # The years with reports, newest first, each asked whether the scope has a counted report
    # (an indexed EXISTS): one query, and the newest year usually answers. (A MAX over all the
    # scope's reports joined to the org-unit tree took 40-60 ms for a county at the city tier,
    # on every page that opens on the default year.)
    years = AnnualReport.objects.order_by().values("year").distinct()
    found = (
        years.filter(Exists(counted.filter(year=OuterRef("year"))))
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if found is not None:
        return found
    return reports.aggregate(year=Max("year"))["year"]


def with_annual_figures(enterprises: QuerySet, *, year: int, scale: str, policy: Policy):
    """``enterprises`` with their ``year`` report's gross output and main revenue, limited to
    规上 (``scale="above"``) or 规下 (``"below"``) firms by the policy's line of that year."""
    reports = AnnualReport.objects.filter(enterprise=OuterRef("pk"), year=year)
    enterprises = enterprises.annotate(
        gross_output=Subquery(reports.values("gross_output")[:1]),
        main_revenue=Subquery(reports.values("main_revenue")[:1]),
    )
    if scale:
        above = policy.above_scale_filter(year)
        enterprises = (
            enterprises.filter(**above) if scale == "above" else enterprises.exclude(**above)
        )
    return enterprises


def annual_reports_of(*, user, enterprise: Enterprise) -> list[AnnualReport]:
    return list(AnnualReport.objects.restrict(user).filter(enterprise=enterprise).order_by("year"))


def monthly_reports_of(*, user, enterprise: Enterprise, year: int) -> QuerySet[MonthlyReport]:
    return (
        MonthlyReport.objects.restrict(user)
        .filter(enterprise=enterprise, year=year)
        .order_by("month")
    )


def report_years(
    *, counted: bool = False, first: int | None = None, last: int | None = None
) -> list[int]:
    """The years with annual reports (``counted``: approved or locked ones), within ``first`` …
    ``last`` when given, ascending, each once. The one place that lists report years: the
    model's default ordering enters a DISTINCT unless it is replaced, and then repeats a year
    per report (88,000 options in the tax page's year menu at the city tier)."""
    reports = AnnualReport.objects.all()
    if counted:
        reports = reports.filter(status__in=counted_statuses())
    if first is not None:
        reports = reports.filter(year__gte=first)
    if last is not None:
        reports = reports.filter(year__lte=last)
    return list(reports.order_by("year").values_list("year", flat=True).distinct())


def counted_annual_version(years) -> tuple:
    """A cheap data version of the counted annual reports of ``years`` (count, latest change,
    largest id; one aggregate over the (year, status, updated_at) index): every save, import,
    approval or lock of one of them, and every report leaving or entering the counted statuses,
    changes it. The key of results computed from those reports (``core.memo``)."""
    return table_version(
        AnnualReport.objects.filter(year__in=list(years), status__in=counted_statuses())
    )


def review_queue(*, user, kind: str) -> QuerySet:
    """Submitted reports the user may approve or reject (officials, in their scope)."""
    model = REPORT_MODELS[kind]
    return (
        model.objects.restrict(user, access.Action.APPROVE)
        .filter(status=ReportStatus.SUBMITTED)
        .select_related("enterprise", "enterprise__org_unit")
        .order_by("enterprise__name")
    )


# The figures a reviewer compares, per report kind (the measures' verbose names label them).
REVIEW_FIGURES = {
    "annual": ("gross_output", "value_added", "main_revenue", "profit"),
    "monthly": ("gross_output", "sales_output", "value_added"),
}


@dataclass
class ReviewFigure:
    label: str
    value: object
    last_period: object  # the month before (monthly); None for an annual report
    last_year: object  # the same period a year earlier


@dataclass
class ReviewRow:
    """A submitted report on the review page: its key figures beside last period's and last
    year's, and what the policy's rules say about it now."""

    report: object
    figures: list[ReviewFigure]
    warnings: list[Line]


def _previous_month(period: str) -> str:
    year, month = (int(part) for part in period.split("-"))
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def review_rows(*, user, kind: str, reports, policy: Policy) -> list[ReviewRow]:
    """The review queue's rows, with the figures to compare and the rules' warnings (all rows
    checked as one batch, the way an import is)."""
    reports = list(reports)
    if not reports:
        return []
    model = REPORT_MODELS[kind]
    names = REVIEW_FIGURES[kind]
    firms = [r.enterprise_id for r in reports]
    if kind == "annual":
        years = {r.year - 1 for r in reports}
        earlier = model.objects.filter(enterprise_id__in=firms, year__in=years)
        last_year = {(r.enterprise_id, r.year): r for r in earlier}
        previous = {}
    else:
        wanted = {_previous_month(r.period) for r in reports}
        wanted |= {f"{r.year - 1:04d}-{r.month:02d}" for r in reports}
        earlier = model.objects.filter(enterprise_id__in=firms, period__in=wanted)
        previous = {(r.enterprise_id, r.period): r for r in earlier}
        last_year = previous
    columns = [c.key for c in entry_fields(kind)]
    rows = []
    for r in reports:
        values = {key: getattr(r, key) for key in columns}
        values["uscc"] = r.enterprise.uscc
        values["year" if kind == "annual" else "period"] = (
            str(r.year) if kind == "annual" else r.period
        )
        rows.append(values)
    batch = batch_from_rows(TEMPLATES[kind], policy.reporting, rows)
    validate_batch(batch, user=user, policy=policy)
    warnings: dict[int, list[Line]] = {}
    for problem in batch.problems:
        if problem.row is not None:
            warnings.setdefault(problem.row, []).append(problem_line(problem, batch, policy))
    found = []
    for index, r in enumerate(reports, start=1):
        if kind == "annual":
            year_before = last_year.get((r.enterprise_id, r.year - 1))
            month_before = None
        else:
            month_before = previous.get((r.enterprise_id, _previous_month(r.period)))
            year_before = last_year.get((r.enterprise_id, f"{r.year - 1:04d}-{r.month:02d}"))
        figures = []
        for name in names:
            prior = getattr(r, f"prior_{name}", None) if kind == "monthly" else None
            if prior is None and year_before is not None:
                prior = getattr(year_before, name)
            figures.append(
                ReviewFigure(
                    label=str(model._meta.get_field(name).verbose_name),
                    value=getattr(r, name),
                    last_period=getattr(month_before, name) if month_before else None,
                    last_year=prior,
                )
            )
        found.append(ReviewRow(report=r, figures=figures, warnings=warnings.get(index, [])))
    return found


def rejection_of(report, kind: str) -> ReportReview | None:
    """Why a rejected report was sent back: the latest rejection in the approval log."""
    if report is None or report.status != ReportStatus.REJECTED:
        return None
    period = str(report.year) if kind == "annual" else report.period
    return latest_rejection(kind=kind, enterprise_id=report.enterprise_id, period=period)


def latest_rejection(*, kind: str, enterprise_id: int, period: str) -> ReportReview | None:
    """The latest rejection of this enterprise-period in the approval log (callers have
    already scoped the enterprise to the user)."""
    return (
        ReportReview.objects.filter(
            kind=kind, enterprise_id=enterprise_id, period=period, action=ReviewAction.REJECT
        )
        .select_related("user")
        .order_by("-at", "-pk")
        .first()
    )


def period_locks() -> QuerySet[PeriodLock]:
    return PeriodLock.objects.select_related("locked_by")


def open_unlocks(*, user) -> QuerySet[ReportUnlock]:
    """Open unlocks of enterprises the user may see (the reason names the firm's business)."""
    return ReportUnlock.objects.filter(
        closed_at=None, enterprise__in=Enterprise.objects.restrict(user)
    ).select_related("enterprise", "unlocked_by")


@dataclass
class Change:
    """One recorded change of an enterprise's report, for the enterprise page."""

    when: object
    who: str
    report: str  # "2012" or "2012-06", with the kind's name
    kind: str
    action: str
    reason: str
    changes: list[tuple[str, object, object]]  # (field label, before, after)


def report_changes(*, user, enterprise: Enterprise) -> list[Change]:
    """The latest changes to the enterprise's annual and monthly reports: who, when, what
    changed from what to what (django-simple-history), newest first."""
    if not Enterprise.objects.restrict(user).filter(pk=enterprise.pk).exists():
        return []
    found = []
    previous = {}  # history record → the one before it of the same report (one query a model)
    for model, kind in ((AnnualReport, "annual"), (MonthlyReport, "monthly")):
        records = list(
            model.history.filter(enterprise_id=enterprise.pk)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        for before, record in zip([None, *records], records, strict=False):
            previous[(kind, record.history_id)] = (
                before if before and before.id == record.id else None
            )
            found.append((kind, record))
    found.sort(key=lambda item: (item[1].history_date, item[1].history_id), reverse=True)
    changes = []
    for kind, record in found[: settings.ZHUANXING["HISTORY_LIST_CAP"]]:
        before = previous[(kind, record.history_id)]
        diffs = []
        if before is not None:
            delta = record.diff_against(before)
            for change in delta.changes:
                model_field = record._meta.get_field(change.field)
                label = str(model_field.verbose_name)
                old, new = change.old, change.new
                if model_field.choices:  # "已报送 → 已退回", never the stored codes
                    names = dict(model_field.flatchoices)
                    old, new = names.get(old, old), names.get(new, new)
                diffs.append((label, old, new))
        period = str(record.year) if kind == "annual" else record.period
        changes.append(
            Change(
                when=record.history_date,
                who=record.history_user.username if record.history_user else "—",
                report=period,
                kind=kind,
                action=record.get_history_type_display(),
                reason=change_reason_text(record.history_change_reason or ""),
                changes=diffs,
            )
        )
    return changes


def review_log(*, user, enterprise: Enterprise) -> QuerySet[ReportReview]:
    if not Enterprise.objects.restrict(user).filter(pk=enterprise.pk).exists():
        return ReportReview.objects.none()
    return ReportReview.objects.filter(enterprise=enterprise).select_related("user")[
        : settings.ZHUANXING["HISTORY_LIST_CAP"]
    ]


def filing_periods(*, user, enterprise: Enterprise) -> dict:
    """Periods the enterprise page links to the data-entry form: every annual report's year
    and the next, and the twelve months of the latest year with reports (or the next)."""
    if (
        not Enterprise.objects.restrict(user, access.Action.CHANGE)
        .filter(pk=enterprise.pk)
        .exists()
    ):
        return {}
    statuses = dict(enterprise.annual_reports.values_list("year", "status"))
    latest = max(statuses, default=None)
    years = sorted(statuses) + ([latest + 1] if latest else [])
    months = dict(enterprise.monthly_reports.values_list("period", "status"))  # 12 a year
    month_year = int(max(months)[:4]) if months else latest
    labels = dict(ReportStatus.choices)
    return {
        "annual": [(str(y), labels.get(statuses.get(y), "")) for y in years],
        "monthly": [(p, labels.get(months.get(p), "")) for p in months_of_year(month_year)]
        if month_year
        else [],
        "current": current_monthly(enterprise=enterprise, months=months, labels=labels),
    }


def current_monthly(*, enterprise: Enterprise, months: dict, labels: dict) -> dict | None:
    """The monthly report the clerk has to act on now (the status box on a phone), from the
    enterprise's ``months`` (period → status): the earliest rejected one (with the reviewer's
    reason), else the earliest draft, else the month after the latest report. None for an
    enterprise that files no monthly reports."""
    if not months:
        return None
    for status in (ReportStatus.REJECTED, ReportStatus.DRAFT):
        periods = sorted(p for p, s in months.items() if s == status)
        if periods:
            period = periods[0]
            break
    else:
        period, status = shift_month(max(months), 1), ""
    return {
        "period": period,
        "status": status,
        "label": labels.get(status, ""),
        "reason": rejection_reason(kind="monthly", enterprise=enterprise, period=period)
        if status == ReportStatus.REJECTED
        else "",
    }


def rejection_reason(*, kind: str, enterprise: Enterprise, period: str) -> str:
    """The comment of the latest rejection of this enterprise-period."""
    review = latest_rejection(kind=kind, enterprise_id=enterprise.pk, period=period)
    return review.comment if review else ""
