"""The clerk's status box (the monthly report to act on now) and the rejection reason on the
report itself, over HTTP."""

import pytest
from django.urls import reverse

from zhuanxing.reporting import services
from zhuanxing.reporting.models import MonthlyReport, ReportStatus

pytestmark = pytest.mark.django_db


def _firm(users):
    return users["firm"].enterprise


def test_status_box_names_the_month_after_the_latest_report(client, users):
    firm = _firm(users)
    client.force_login(users["firm"])
    text = client.get(reverse("enterprises:detail", args=[firm.pk])).content.decode()
    assert 'id="filing-status"' in text
    assert "2013-01" in text and "尚未填报" in text  # 2012-12 is the latest, all approved
    assert reverse("reporting:entry", args=[firm.pk, "2013-01"]) in text


def test_a_draft_comes_before_the_next_month(client, users):
    firm = _firm(users)
    MonthlyReport.objects.filter(enterprise=firm, period="2012-04").update(
        status=ReportStatus.DRAFT
    )
    client.force_login(users["firm"])
    text = client.get(reverse("enterprises:detail", args=[firm.pk])).content.decode()
    box = text[text.index('id="filing-status"') :][:800]
    assert "2012-04" in box and "草稿" in box and "filing-rejection" not in box


def test_rejection_reason_on_the_status_box_and_on_the_report(client, users):
    firm = _firm(users)
    report = MonthlyReport.objects.get(enterprise=firm, period="2012-09")
    report.status = ReportStatus.SUBMITTED
    report.save()
    services.monthly_report_reject(
        report=report, user=users["tongxiang"], comment="销售产值高于总产值，请核对后重报"
    )
    client.force_login(users["firm"])
    text = client.get(reverse("enterprises:detail", args=[firm.pk])).content.decode()
    box = text[text.index('id="filing-status"') :][:1200]
    assert "2012-09" in box and "已退回" in box
    assert "退回原因" in box and "销售产值高于总产值，请核对后重报" in box
    page = client.get(reverse("reporting:entry", args=[firm.pk, "2012-09"])).content.decode()
    assert 'id="rejection"' in page and "销售产值高于总产值，请核对后重报" in page
    # An approved report shows no reason, and another county's officer sees no box at all.
    page = client.get(reverse("reporting:entry", args=[firm.pk, "2012-08"])).content.decode()
    assert 'id="rejection"' not in page
    client.force_login(users["haining"])
    assert client.get(reverse("enterprises:detail", args=[firm.pk])).status_code == 404


def test_inputs_of_numbers_open_the_numeric_keyboard(client, users):
    firm = _firm(users)
    client.force_login(users["firm"])
    text = client.get(reverse("reporting:entry", args=[firm.pk, "2013-01"])).content.decode()
    assert 'name="gross_output"' in text
    assert text.count('inputmode="decimal"') >= 10
