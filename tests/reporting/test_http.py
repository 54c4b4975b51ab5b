"""The reporting pages over HTTP, scoping first: it is security."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reporting_files import annual_rows, snapshot, xlsx

from zhuanxing.reporting.importing.parse import read_table
from zhuanxing.reporting.models import AnnualReport, ImportJob, ImportStatus, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_jobs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(client, data, name="年报.xlsx", kind=""):
    response = client.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile(name, data), "kind": kind}
    )
    assert response.status_code == 302
    return ImportJob.objects.order_by("pk").last(), response


def _haining_rows():
    reports = AnnualReport.objects.filter(
        year=2011, enterprise__org_unit__path__contains="/330481/"
    ).select_related("enterprise")[:3]
    return annual_rows(reports)


def test_officer_import_of_another_countys_rows_is_refused(client, users):
    client.force_login(users["tongxiang"])
    before = snapshot()
    job, response = _upload(client, xlsx("annual", _haining_rows()))
    assert response["Location"] == reverse("reporting:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID and job.errors == 3
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "不在您的填报范围内" in text and "in_scope" in text
    assert "有错误" in text  # the status, in Chinese
    assert client.post(reverse("reporting:job_commit", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID and snapshot() == before


def test_imports_are_private_to_their_uploader(client, users):
    client.force_login(users["tongxiang"])
    job, _ = _upload(client, xlsx("annual", _haining_rows()))
    client.force_login(users["haining"])
    assert client.get(reverse("reporting:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reporting:job_report", args=[job.pk])).status_code == 404
    assert client.post(reverse("reporting:job_commit", args=[job.pk])).status_code == 404
    client.force_login(users["admin"])
    assert client.get(reverse("reporting:job", args=[job.pk])).status_code == 200


def test_enterprise_user_may_import_only_their_own_rows(client, users):
    firm = users["firm"]
    client.force_login(firm)
    job, _ = _upload(client, xlsx("annual", _haining_rows()))
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert set(job.problems.values_list("rule", flat=True)) == {"in_scope"}
    registry = xlsx("registry", [[firm.enterprise.uscc, "x", "330483", "1713", "", "", ""]])
    job, _ = _upload(client, registry)
    job.refresh_from_db()
    assert list(job.problems.values_list("rule", flat=True)) == ["file:kind_not_allowed"]
    count = ImportJob.objects.count()
    _, response = _upload(client, registry, kind="registry")
    assert ImportJob.objects.count() == count  # refused before a job is made


def test_leader_cannot_import(client, users):
    client.force_login(users["leader"])
    before = ImportJob.objects.count()
    _upload(client, xlsx("annual", _haining_rows()))
    assert ImportJob.objects.count() == before


def test_commit_with_warnings_needs_acceptance(client, users):
    officer = users["tongxiang"]
    client.force_login(officer)
    report = AnnualReport.objects.filter(
        year=2012, enterprise__org_unit__path__contains="/330483/"
    ).first()
    rows = annual_rows([report])
    rows[0][3] *= 20  # gross output 20× last year's: a warning
    job, response = _upload(client, xlsx("annual", rows))
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATED and job.warnings >= 1 and job.errors == 0
    client.post(reverse("reporting:job_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATED  # refused: warnings not accepted
    client.post(reverse("reporting:job_commit", args=[job.pk]), {"accept_warnings": "on"})
    job.refresh_from_db()
    assert job.status == ImportStatus.COMMITTED and job.updated == 1 and job.warnings_accepted
    report.refresh_from_db()
    assert float(report.gross_output) == pytest.approx(rows[0][3])
    page = client.get(reverse("reporting:job", args=[job.pk])).content.decode()
    assert "已入库" in page
    download = client.get(reverse("reporting:job_report", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    assert book.sheetnames == ["问题清单", "数据"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "gbk.csv"])
def test_template_downloads_read_back(client, users, fmt):
    client.force_login(users["tongxiang"])
    response = client.get(reverse("reporting:template", args=["annual", fmt]))
    assert response.status_code == 200
    if fmt == "gbk.csv":
        assert "工业总产值（万元）".encode("gb18030") in response.content
    table_or_error = None
    try:
        read_table(response.content, filename=f"t.{fmt}")
    except Exception as error:  # an empty template: no rows, but the header is recognised
        table_or_error = error
    assert [p.code for p in table_or_error.problems] == ["no_rows"]
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book["企业年报"]
        assert sheet.row_dimensions[1].hidden and sheet["D2"].value.startswith("工业总产值（万元）")


def test_entry_form_and_live_check(client, users):
    firm = users["firm"]
    client.force_login(firm)
    report = firm.enterprise.annual_reports.order_by("-year").first()
    report.status = ReportStatus.DRAFT
    report.save()
    url = reverse("reporting:entry", args=[firm.enterprise_id, report.year])
    page = client.get(url)
    assert page.status_code == 200 and "工业总产值" in page.content.decode()
    data = {c: "" if v is None else str(v) for c, v in page.context["form"].initial.items()}
    data["value_added"] = str(report.gross_output + 5)
    check = client.post(reverse("reporting:entry_check", args=[firm.enterprise_id, report.year]),
                        data)  # fmt: skip
    text = check.content.decode()
    assert (
        'id="msg-value_added" hx-swap-oob="true"' in text and "工业增加值不能大于工业总产值" in text
    )
    response = client.post(url, data)
    assert response.status_code == 200  # not saved: shown again with the message
    data["value_added"] = str(report.value_added)
    data["profit"] = "１，２３４．５"
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and str(report.profit) == "1234.50"
    other = AnnualReport.objects.exclude(enterprise=firm.enterprise).first()
    assert (
        client.get(reverse("reporting:entry", args=[other.enterprise_id, other.year])).status_code
        == 404
    )
    detail = client.get(reverse("enterprises:detail", args=[firm.enterprise_id])).content.decode()
    assert "报表修改记录" in detail and "firm" in detail and "1234.50" in detail


def test_review_and_locks_pages(client, users):
    report = AnnualReport.objects.filter(
        year=2012, enterprise__org_unit__path__contains="/330483/"
    ).first()
    report.status = ReportStatus.SUBMITTED
    report.save()
    client.force_login(users["haining"])
    assert report.enterprise.name not in client.get(reverse("reporting:review")).content.decode()
    assert client.post(reverse("reporting:review_action", args=["annual", report.pk]),
                       {"action": "approve"}).status_code == 404  # fmt: skip
    client.force_login(users["tongxiang"])
    assert report.enterprise.name in client.get(reverse("reporting:review")).content.decode()
    client.post(reverse("reporting:review_action", args=["annual", report.pk]),
                {"action": "approve"})  # fmt: skip
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    client.post(reverse("reporting:locks"), {"lock": "1", "kind": "annual", "period": "2012"})
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED  # an officer cannot lock
    client.force_login(users["admin"])
    client.post(reverse("reporting:locks"), {"lock": "1", "kind": "annual", "period": "2012"})
    report.refresh_from_db()
    assert report.status == ReportStatus.LOCKED
    unlock = {"unlock": "1", "kind": "annual", "period": "2012", "reason": "更正"}
    client.post(reverse("reporting:locks"), {**unlock, "uscc": report.enterprise.uscc})
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert "更正" in client.get(reverse("reporting:locks")).content.decode()
