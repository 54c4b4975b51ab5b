"""The JSON API: ``/api/openapi.json`` (schema), ``/api/docs`` (Swagger UI from local files).

Every endpoint reads through the same scoped querysets as the pages (``.restrict(user)``), so a
token sees exactly what its user sees; another scope's object is 404, never 403. Reports are
written through the same service (and so the same validation rules) as the web entry form.
Lists are paginated with a bounded page size (``API_MAX_PAGE_SIZE``).
"""

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Router, Schema, Status
from ninja.pagination import PaginationBase, paginate
from ninja.security import HttpBearer
from ninja.security import SessionAuth as SessionAuthBase

from zhuanxing.accounts import access
from zhuanxing.accounts.access import require_official
from zhuanxing.analytics import records
from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics.forms import YearParams
from zhuanxing.analytics.store import StoreMissing
from zhuanxing.audit.models import AuditAction
from zhuanxing.audit.services import audit_record
from zhuanxing.core.params import MonthForm
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.enterprises.selectors import enterprise_get
from zhuanxing.evaluation.models import EvaluationResult, EvaluationRun
from zhuanxing.monitoring import selectors as monitoring
from zhuanxing.reporting.models import AnnualReport, MonthlyReport
from zhuanxing.reporting.selectors import entry_fields
from zhuanxing.reporting.services import (
    ReportingError,
    annual_report_save,
    monthly_report_save,
)

from .services import api_token_user

MAX_PAGE = 100_000  # pages beyond this are refused (422), not turned into a huge OFFSET


class TokenAuth(HttpBearer):
    """``Authorization: Bearer zx_…``: the token's user, with that user's scope."""

    def authenticate(self, request, token: str):
        user, row = api_token_user(token)
        if user is None or not access.may_use_api(user):
            return None
        request.user = user
        request.api_token = row
        audit_record(action=AuditAction.TOKEN_USED, user=user, request=request, detail=str(row))
        return user


class SessionAuth(SessionAuthBase):
    """The signed-in session's user, if that user may use the API (a bank user may not)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and access.may_use_api(user) else None


class Pages(PaginationBase):
    """``?page=`` and ``?page_size=`` (at most ``API_MAX_PAGE_SIZE``)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int = Field(
            settings.ZHUANXING["PAGE_SIZE"], ge=1, le=settings.ZHUANXING["API_MAX_PAGE_SIZE"]
        )

    class Output(Schema):
        items: list
        count: int
        page: int
        page_size: int

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        start = (pagination.page - 1) * pagination.page_size
        return {
            "items": list(queryset[start : start + pagination.page_size]),
            "count": queryset.count(),
            "page": pagination.page,
            "page_size": pagination.page_size,
        }


api = NinjaAPI(
    title="Zhuanxing API",
    version="1",
    description="Enterprises, reports, indicators, evaluations and warnings, scoped to the user.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ReportingError)
def _refused(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=403)


# --- enterprises -------------------------------------------------------------------------------

enterprises = Router(tags=["enterprises"])


class EnterpriseOut(Schema):
    id: int
    uscc: str
    name: str
    org_unit: str = Field(..., alias="org_unit.code")
    industry_code: str
    land_mu: float | None


class EnterpriseFilter(Schema):
    q: str = Field("", max_length=100, description="part of the name, or the credit code")
    org_unit: str = Field("", max_length=12, description="a region code: it and everything below")


@enterprises.get("/", response=list[EnterpriseOut])
@paginate(Pages)
def enterprise_list(request, filters: Query[EnterpriseFilter]):
    rows = Enterprise.objects.restrict(request.user).select_related("org_unit").order_by("pk")
    if filters.q:
        rows = rows.filter(name__icontains=filters.q) | rows.filter(uscc=filters.q.upper())
    if filters.org_unit:
        rows = rows.filter(org_unit__path__contains=f"/{filters.org_unit}/")
    return rows


@enterprises.get("/{int:pk}", response=EnterpriseOut)
def enterprise_detail(request, pk: int):
    return enterprise_get(user=request.user, pk=pk)


# --- reports -----------------------------------------------------------------------------------

reports = Router(tags=["reports"])
FIELDS = {kind: [c.key for c in entry_fields(kind)] for kind in ("annual", "monthly")}


def _values(obj, kind: str) -> dict:
    return {k: None if getattr(obj, k) is None else str(getattr(obj, k)) for k in FIELDS[kind]}


class AnnualReportOut(Schema):
    id: int
    enterprise: int = Field(..., alias="enterprise_id")
    year: int
    status: str
    values: dict[str, str | None]

    @staticmethod
    def resolve_values(obj) -> dict:
        return _values(obj, "annual")


class MonthlyReportOut(Schema):
    id: int
    enterprise: int = Field(..., alias="enterprise_id")
    period: str
    status: str
    values: dict[str, str | None]

    @staticmethod
    def resolve_values(obj) -> dict:
        return _values(obj, "monthly")


class ReportFilter(Schema):
    enterprise: int | None = Field(None, ge=1, le=2**53)
    year: int | None = Field(None, ge=1900, le=2200)


class ReportIn(Schema):
    enterprise: int = Field(..., ge=1, le=2**53)
    values: dict[str, str | None] = Field(..., description="figures as typed in the entry form")
    accept_warnings: bool = False
    submit: bool = False


class AnnualReportIn(ReportIn):
    year: int = Field(..., ge=1900, le=2200)


class MonthlyReportIn(ReportIn):
    period: str = Field(..., pattern=r"^(19|20|21)\d\d-(0[1-9]|1[0-2])$", description="YYYY-MM")


class Problem(Schema):
    field: str | None
    rule: str
    importance: str
    message: str


class AnnualSaveOut(Schema):
    saved: bool
    report: AnnualReportOut | None
    problems: list[Problem]


class MonthlySaveOut(Schema):
    saved: bool
    report: MonthlyReportOut | None
    problems: list[Problem]


def _save(request, kind: str, body: ReportIn, save, **period):
    """Through the entry form's service, so through the same rules as the form and imports."""
    firm = enterprise_get(user=request.user, pk=body.enterprise)
    unknown = sorted(set(body.values) - set(FIELDS[kind]))
    if unknown:
        raise BadRequest(f"unknown fields: {', '.join(unknown)}")
    data = {key: body.values.get(key) or None for key in FIELDS[kind]}
    result = save(
        user=request.user, enterprise=firm, data=data, accept_warnings=body.accept_warnings,
        submit=body.submit, **period,
    )  # fmt: skip
    problems = [
        {"field": line.field, "rule": line.rule, "importance": line.importance,
         "message": line.message}
        for line in result.lines
    ]  # fmt: skip
    body = {"saved": result.saved, "report": result.report, "problems": problems}
    return Status(200 if result.saved else 422, body)


@reports.get("/annual/", response=list[AnnualReportOut])
@paginate(Pages)
def annual_report_list(request, filters: Query[ReportFilter]):
    rows = AnnualReport.objects.restrict(request.user).order_by("enterprise_id", "year")
    if filters.enterprise:
        rows = rows.filter(enterprise_id=filters.enterprise)
    if filters.year:
        rows = rows.filter(year=filters.year)
    return rows


@reports.get("/annual/{int:pk}", response=AnnualReportOut)
def annual_report_detail(request, pk: int):
    return get_object_or_404(AnnualReport.objects.restrict(request.user), pk=pk)


@reports.post("/annual/", response={200: AnnualSaveOut, 422: AnnualSaveOut})
def annual_report_submit(request, body: AnnualReportIn):
    """Save (and with ``submit`` submit) an annual report. Refused with the rule problems (422)
    while there are errors or unaccepted warnings."""
    return _save(request, "annual", body, annual_report_save, year=body.year)


@reports.get("/monthly/", response=list[MonthlyReportOut])
@paginate(Pages)
def monthly_report_list(request, filters: Query[ReportFilter]):
    rows = MonthlyReport.objects.restrict(request.user).order_by("enterprise_id", "period")
    if filters.enterprise:
        rows = rows.filter(enterprise_id=filters.enterprise)
    if filters.year:
        rows = rows.filter(year=filters.year)
    return rows


@reports.get("/monthly/{int:pk}", response=MonthlyReportOut)
def monthly_report_detail(request, pk: int):
    return get_object_or_404(MonthlyReport.objects.restrict(request.user), pk=pk)


@reports.post("/monthly/", response={200: MonthlySaveOut, 422: MonthlySaveOut})
def monthly_report_submit(request, body: MonthlyReportIn):
    """Save (and with ``submit`` submit) a monthly report, as :func:`annual_report_submit`."""
    return _save(request, "monthly", body, monthly_report_save, period=body.period)


# --- indicators --------------------------------------------------------------------------------

indicators = Router(tags=["indicators"])


class IndicatorOut(Schema):
    indicator: str
    region: str
    year: int
    value: float | None
    unit: str
    target: float | None
    status: str | None


class IndicatorFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2200)
    region: str = Field("", max_length=12)
    level: str = Field("", pattern="^(|county|town)$")


@indicators.get("/", response=list[IndicatorOut])
def indicator_list(request, filters: Query[IndicatorFilter]):
    """The records of ``zhuanxing indicators --json`` (officials; the year within the data)."""
    require_official(request.user)
    params = YearParams.parse({k: v for k, v in filters.dict().items() if v not in ("", None)})
    unit = analytics.region_for(request.user, params["region"] or None)
    span = analytics.years_available()
    year = params["year"] or (span[1] if span else None)
    level = params["level"] or None
    depth = unit.path.strip("/").count("/")
    if level not in analytics.LEVEL_DEPTH or analytics.LEVEL_DEPTH[level] <= depth:
        level = None
    return records.cached_records(request.user, unit, year, level) if year else []


# --- evaluations -------------------------------------------------------------------------------

evaluations = Router(tags=["evaluations"])


class RunOut(Schema):
    id: int
    year: int
    status: str
    policy_id: str


class ResultOut(Schema):
    enterprise: int = Field(..., alias="enterprise_id")
    population: str
    excluded_reason: str
    total: float | None
    rank: int | None
    klass: str = Field(..., description="A, B, C or D; empty when not graded")


@evaluations.get("/", response=list[RunOut])
@paginate(Pages)
def evaluation_list(request):
    return EvaluationRun.objects.restrict(request.user).order_by("-year", "-pk")


@evaluations.get("/{int:pk}/results/", response=list[ResultOut])
@paginate(Pages)
def evaluation_results(request, pk: int):
    run = get_object_or_404(EvaluationRun.objects.restrict(request.user), pk=pk)
    return (
        EvaluationResult.objects.restrict(request.user)
        .filter(run=run)
        .order_by("population", "excluded_reason", "rank", "enterprise_id")
    )


# --- warnings ----------------------------------------------------------------------------------

warnings = Router(tags=["warnings"])


class WarningOut(Schema):
    rule: str
    subject: str
    county: str
    value: float | None
    previous: float | None
    change: float | None


class WarningFilter(Schema):
    month: str = Field("", max_length=7, description="YYYY-MM; the latest month when empty")
    region: str = Field("", max_length=12)


@warnings.get("/", response=list[WarningOut])
@paginate(Pages)
def warning_list(request, filters: Query[WarningFilter]):
    """The month's early warnings for the user's region (officials)."""
    if not analytics.may_use_analytics(request.user):
        raise PermissionDenied("This page is for officials.")
    span = analytics.years_available()
    if span is None or not span[2]:
        return _ListQuery([])
    month = MonthForm.parse({"month": filters.month}, first=f"{span[0]}-01", last=span[2])
    try:
        ctx = monitoring.context(
            user=request.user, month=month["month"] or span[2], region_code=filters.region or None
        )
    except StoreMissing:
        return _ListQuery([])
    return _ListQuery(ctx["warnings"])


class _ListQuery(list):
    """A list that paginates like a queryset."""

    def count(self) -> int:  # type: ignore[override]
        return len(self)


api.add_router("/enterprises", enterprises)
api.add_router("/reports", reports)
api.add_router("/indicators", indicators)
api.add_router("/evaluations", evaluations)
api.add_router("/warnings", warnings)
