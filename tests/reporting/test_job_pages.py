"""Issue 10 §1, §7 on the pages: the import report is written without parsing the upload in
the web process; a dead job shows as failed (never 100 %) and can be retried from its page."""

import io
from datetime import timedelta
from unittest import mock

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from hostile_files import annual_row

from zhuanxing.reporting.importing.workbooks import template_xlsx
from zhuanxing.reporting.models import ImportJob, ImportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(client, data: bytes) -> ImportJob:
    client.post(reverse("reporting:upload"), {"file": io.BytesIO(data), "kind": ""})
    return ImportJob.objects.latest("pk")


def test_the_import_report_is_written_without_parsing_in_the_web_process(
    client, few_firms, immediate
):
    admin, codes = few_firms
    client.force_login(admin)
    rows = [annual_row(codes[0]), annual_row(codes[1], value_added=99999.0)]  # VA > output
    job = _upload(client, template_xlsx("annual", rows))
    assert job.status == ImportStatus.INVALID
    with mock.patch("python_calamine.CalamineWorkbook.from_filelike", side_effect=AssertionError):
        response = client.get(reverse("reporting:job_report", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data = list(book["数据"].iter_rows(values_only=True))
    assert len(data) == 2 and data[1][-1] == "#4"  # only the row with the problem
    assert book["数据"]["G2"].comment is not None


def test_a_dead_job_shows_failed_below_100_percent_and_can_be_retried(client, few_firms, immediate):
    admin, codes = few_firms
    client.force_login(admin)
    job = _upload(client, template_xlsx("annual", [annual_row(c) for c in codes]))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING,
        progress_done=3,
        progress_total=5,
        heartbeat_at=timezone.now() - timedelta(days=1),
    )
    page = client.get(reverse("reporting:job", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert 'value="60"' in page and 'id="retry-form"' in page and "后台进程" in page
    client.post(reverse("reporting:job_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATED and job.failure == ""
