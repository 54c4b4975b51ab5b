"""Issue 11, item 8: the audit log records sign-ins and failures, exports, published evaluations,
locks and unlocks, and token use; the city administrator reads it with filters and as Excel."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhuanxing.api.services import api_token_create
from zhuanxing.audit.models import AuditAction, AuditEvent
from zhuanxing.enterprises.models import Enterprise


def actions():
    return list(AuditEvent.objects.values_list("action", flat=True))


@pytest.mark.django_db
def test_sign_in_and_failures_are_recorded(client, django_user_model):
    django_user_model.objects.create_user("clerk", password="a-good-password-9")
    client.post(
        reverse("login"), {"username": "clerk", "password": "wrong"}, REMOTE_ADDR="10.1.1.1"
    )
    client.post(reverse("login"), {"username": "clerk", "password": "a-good-password-9"})
    failed = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert failed.username == "clerk" and failed.address == "10.1.1.1"
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN).user.username == "clerk"


def test_exports_are_recorded_with_their_filters(client, city_users):
    client.force_login(city_users["tongxiang"])
    client.get(reverse("analytics:export"), {"level": "town"})
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.user == city_users["tongxiang"] and "level=town" in event.path
    assert event.detail.endswith(".xlsx")


def test_publish_lock_unlock_and_token_use_are_recorded(client, city_users, shared_objects):
    from zhuanxing.evaluation.services import evaluation_run_publish
    from zhuanxing.reporting.services import annual_report_unlock, period_lock

    admin = city_users["admin"]
    evaluation_run_publish(run=shared_objects["run"], user=admin)
    period_lock(user=admin, kind="annual", period="2012")
    firm = Enterprise.objects.filter(annual_reports__year=2012).first()
    annual_report_unlock(user=admin, enterprise=firm, year=2012, reason="更正")
    _row, token = api_token_create(user=city_users["tongxiang"], name="bureau", days=5)
    client.get("/api/enterprises/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert {
        AuditAction.EVALUATION_PUBLISHED, AuditAction.PERIOD_LOCKED, AuditAction.REPORT_UNLOCKED,
        AuditAction.TOKEN_CREATED, AuditAction.TOKEN_USED,
    } <= set(actions())  # fmt: skip
    used = AuditEvent.objects.get(action=AuditAction.TOKEN_USED)
    assert used.user == city_users["tongxiang"] and used.path.startswith("/api/enterprises/")


def test_only_the_city_administrator_reads_the_log(client, city_users):
    for role in ("leader", "tongxiang", "firm"):
        client.force_login(city_users[role])
        assert client.get(reverse("audit:log")).status_code == 403


def test_log_filters_and_excel(client, city_users):
    AuditEvent.objects.create(action=AuditAction.SIGN_IN_FAILED, username="mallory")
    AuditEvent.objects.create(action=AuditAction.SIGN_IN, username="alice")
    client.force_login(city_users["admin"])
    page = client.get(reverse("audit:log"), {"action": "sign_in_failed"})
    assert [e.username for e in page.context["page"]] == ["mallory"]
    assert client.get(reverse("audit:log"), {"start": "2026-13-01"}).status_code == 400
    book = client.get(reverse("audit:log"), {"user": "alice", "export": "xlsx"})
    sheet = load_workbook(BytesIO(book.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["alice"]
