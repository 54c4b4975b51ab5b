from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from zhuanxing.accounts import access
from zhuanxing.policy.active import policy_in_force

from ..forms import CommitForm, UploadForm
from ..importing.formats import TEMPLATES
from ..importing.pipeline import Line, importable_kinds
from ..importing.workbooks import report_xlsx, table_from_report_rows, template_csv, template_xlsx
from ..models import ENTERPRISE_REPORT_KINDS
from ..selectors import filing_periods, import_job_get, import_job_list, review_queue
from ..services import (
    ReportingError,
    import_job_commit,
    import_job_create,
    import_job_retry,
    import_jobs_fail_dead,
)
from ..tasks import run_import_job
from ..wording import rule_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def index(request):
    kinds = importable_kinds(request.user)
    form = UploadForm(kinds=kinds)
    import_jobs_fail_dead()
    jobs = import_job_list(user=request.user)[: settings.ZHUANXING["RECENT_LIST_CAP"]]
    waiting = sum(
        review_queue(user=request.user, kind=kind).count() for kind in ENTERPRISE_REPORT_KINDS
    )
    # An enterprise clerk files here too: the forms of their own firm's periods, above the
    # import (the menu's 数据报送 leads here).
    firm = request.user.enterprise if access.is_enterprise_user(request.user) else None
    filing = filing_periods(user=request.user, enterprise=firm) if firm is not None else {}
    return render(
        request,
        "reporting/index.html",
        {
            "form": form,
            "kinds": kinds,
            "templates": [TEMPLATES[k] for k in TEMPLATES],
            "jobs": jobs,
            "waiting": waiting,
            "enterprise": firm,
            "filing": filing,
        },
    )


@login_required
def template_download(request, kind: str, fmt: str):
    if kind not in TEMPLATES:
        raise Http404
    template = TEMPLATES[kind]
    if fmt == "xlsx":
        data, content_type, suffix = template_xlsx(kind), XLSX, "xlsx"
    elif fmt in ("csv", "gbk.csv"):
        encoding = "gb18030" if fmt == "gbk.csv" else "utf-8"
        data, content_type = template_csv(kind, encoding), f"text/csv; charset={encoding}"
        suffix = fmt
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    name = quote(f"{template.title}.{suffix}")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
@require_POST
def upload(request):
    form = UploadForm(request.POST, request.FILES, kinds=importable_kinds(request.user))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("reporting:index")
    upload = form.cleaned_data["file"]
    # Read at most one byte over the limit: a larger file is refused, never loaded whole.
    data = upload.read(settings.ZHUANXING["IMPORT_MAX_BYTES"] + 1)
    try:
        job = import_job_create(
            user=request.user,
            filename=upload.name,
            data=data,
            size=upload.size,
            kind=form.cleaned_data["kind"] or None,
            enqueue=run_import_job.enqueue,
        )
    except ReportingError as error:
        messages.error(request, str(error))
        return redirect("reporting:index")
    return redirect("reporting:job", pk=job.pk)


def _job_context(request, job):
    problems = job.problems.all()
    importance = request.GET.get("importance", "")
    if importance in ("error", "warning"):
        problems = problems.filter(importance=importance)
    page = Paginator(problems, 100).get_page(request.GET.get("page"))
    language = get_language() or "zh-hans"
    policy = policy_in_force()
    english = language.startswith("en")
    for problem in page:
        problem.display = problem.text(language)
        problem.rule_name = rule_name(problem.rule, job.kind, policy, english)
    return {
        "job": job,
        "page": page,
        "importance": importance,
        "commit_form": CommitForm(),
        "may_commit": job.status == "validated" and job.created_by_id == request.user.pk,
        "may_retry": job.status == "failed" and job.created_by_id == request.user.pk,
    }


@login_required
def job_detail(request, pk: int):
    import_jobs_fail_dead()
    job = import_job_get(user=request.user, pk=pk)
    return render(request, "reporting/job.html", _job_context(request, job))


@login_required
def job_progress(request, pk: int):
    import_jobs_fail_dead()
    job = import_job_get(user=request.user, pk=pk)
    response = render(request, "reporting/_progress.html", {"job": job})
    if not job.running:
        response["HX-Refresh"] = "true"  # done: reload the page to show the report
    return response


@login_required
@require_POST
def job_commit(request, pk: int):
    job = import_job_get(user=request.user, pk=pk)
    form = CommitForm(request.POST)
    form.is_valid()
    try:
        import_job_commit(
            job=job,
            user=request.user,
            accept_warnings=form.cleaned_data.get("accept_warnings", False),
            enqueue=run_import_job.enqueue,
        )
    except ReportingError as error:
        messages.error(request, str(error))
    return redirect("reporting:job", pk=job.pk)


@login_required
@require_POST
def job_retry(request, pk: int):
    job = import_job_get(user=request.user, pk=pk)
    try:
        import_job_retry(job=job, user=request.user, enqueue=run_import_job.enqueue)
    except ReportingError as error:
        messages.error(request, str(error))
    return redirect("reporting:job", pk=job.pk)


@login_required
def job_report(request, pk: int):
    """The import report as a workbook: every problem, and the rows with bad cells filled —
    as kept at check time: the web process never parses an upload."""
    job = import_job_get(user=request.user, pk=pk)
    lines = [
        Line(p.sheet, p.row, p.column, p.field, p.header, p.value, p.rule, p.importance,
             p.message, p.message_en)
        for p in job.problems.all()
    ]  # fmt: skip
    table = table_from_report_rows(job.report_rows)
    language = get_language() or "zh-hans"
    policy, english = policy_in_force(), language.startswith("en")
    names = {line.rule: rule_name(line.rule, job.kind, policy, english) for line in lines}
    data = report_xlsx(table, lines, language=language, rule_names=names)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-report.xlsx"'
    return response
