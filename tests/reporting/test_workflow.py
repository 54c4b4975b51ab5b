"""Approval and locking: submit → approve/reject → lock → unlock one enterprise-period."""

import pytest
from reporting_files import run, snapshot, xlsx

import factories
from zhuanxing.reporting import services
from zhuanxing.reporting.models import (
    AnnualReport,
    MonthlyReport,
    ReportReview,
    ReportStatus,
    ReportUnlock,
)
from zhuanxing.reporting.services import ReportingError

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(db):
    """Two firms in each of three counties with 2011-2012 reports, and one user per role."""
    return factories.world().users


@pytest.fixture
def own_report(users):
    """The enterprise user's latest annual report, as a draft."""
    firm = users["firm"].enterprise
    report = firm.annual_reports.order_by("-year").first()
    report.status = ReportStatus.DRAFT
    report.save()
    return report


def _values(report) -> dict:
    from zhuanxing.reporting.selectors import entry_fields

    return {c.key: getattr(report, c.key) for c in entry_fields("annual")}


def test_submit_approve_lock_unlock(own_report, users):
    firm, officer, admin = users["firm"], users["tongxiang"], users["admin"]
    services.annual_report_submit(report=own_report, user=firm)
    with pytest.raises(ReportingError, match="负责此企业的经办人员"):
        services.annual_report_approve(report=own_report, user=users["haining"])  # other county
    with pytest.raises(ReportingError, match="负责此企业的经办人员"):
        services.annual_report_approve(report=own_report, user=firm)  # not their own
    with pytest.raises(ReportingError, match="comment|意见"):
        services.annual_report_reject(report=own_report, user=officer, comment=" ")
    services.annual_report_reject(report=own_report, user=officer, comment="利润总额有误，请核实")
    own_report.refresh_from_db()
    assert own_report.status == ReportStatus.REJECTED
    services.annual_report_submit(report=own_report, user=firm)
    services.annual_report_approve(report=own_report, user=officer)
    with pytest.raises(ReportingError, match="只有市级管理员可以锁定"):
        services.period_lock(user=officer, kind="annual", period=str(own_report.year))
    locked = services.period_lock(user=admin, kind="annual", period=str(own_report.year))
    assert locked == AnnualReport.objects.filter(year=own_report.year).count()
    own_report.refresh_from_db()
    assert own_report.status == ReportStatus.LOCKED
    actions = list(
        ReportReview.objects.filter(enterprise=own_report.enterprise).values_list(
            "action", flat=True
        )
    )
    assert actions[::-1] == ["submit", "reject", "submit", "approve", "lock"]
    assert ReportReview.objects.get(action="reject").comment == "利润总额有误，请核实"

    # Locked: neither the form nor an import can change it.
    data = _values(own_report) | {"profit": own_report.profit + 1}
    result = services.annual_report_save(user=officer, enterprise=own_report.enterprise,
                                         year=own_report.year, data=data)  # fmt: skip
    assert not result.saved and {x.rule for x in result.errors} == {"period_locked"}
    before = snapshot()
    from reporting_files import annual_rows

    outcome = run(xlsx("annual", annual_rows([own_report])), officer, accept_warnings=True)
    assert not outcome.committed and snapshot() == before

    # One enterprise-period is unlocked with a reason; corrected, approved, locked again.
    with pytest.raises(ReportingError, match="reason|原因"):
        services.annual_report_unlock(user=admin, enterprise=own_report.enterprise,
                                      year=own_report.year, reason="")  # fmt: skip
    services.annual_report_unlock(user=admin, enterprise=own_report.enterprise,
                                  year=own_report.year, reason="统计局反馈利润需更正")  # fmt: skip
    own_report.refresh_from_db()
    assert own_report.status == ReportStatus.DRAFT
    result = services.annual_report_save(user=firm, enterprise=own_report.enterprise,
                                         year=own_report.year, data=data, submit=True)  # fmt: skip
    assert result.saved, result.lines
    services.annual_report_approve(report=own_report, user=officer)
    services.period_lock(user=admin, kind="annual", period=str(own_report.year))
    assert ReportUnlock.objects.get().closed_at is not None
    own_report.refresh_from_db()
    assert own_report.status == ReportStatus.LOCKED and own_report.profit == data["profit"]

    # Every change is in the history: who, and before/after of the profit.
    records = list(own_report.history.order_by("history_date", "history_id"))
    assert {r.history_user.username for r in records if r.history_user} == {
        "firm",
        "tongxiang",
        "admin",
    }
    edit = next(r for r in records if (r.history_change_reason or "").startswith("web form"))
    change = {c.field: c for c in edit.diff_against(edit.prev_record).changes}["profit"]
    assert change.new == change.old + 1


def test_enterprise_user_cannot_change_a_submitted_report(own_report, users):
    services.annual_report_submit(report=own_report, user=users["firm"])
    with pytest.raises(ReportingError, match="企业不能再修改"):
        services.annual_report_save(user=users["firm"], enterprise=own_report.enterprise,
                                    year=own_report.year, data=_values(own_report))  # fmt: skip


def test_form_runs_the_same_rules(own_report, users):
    data = _values(own_report) | {
        "value_added": own_report.gross_output + 1,
        "profit": "１，２３４．５",
    }
    result = services.annual_report_save(user=users["firm"], enterprise=own_report.enterprise,
                                         year=own_report.year, data=data)  # fmt: skip
    assert not result.saved
    assert [(x.field, x.rule) for x in result.errors] == [
        ("value_added", "value_added_within_gross_output")
    ]


def test_leader_and_other_enterprises_are_refused(own_report, users):
    other = MonthlyReport.objects.exclude(enterprise=own_report.enterprise).first()
    with pytest.raises(ReportingError, match="不能为此企业填报"):
        services.monthly_report_submit(report=other, user=users["firm"])
    with pytest.raises(ReportingError, match="不能为此企业填报"):
        services.annual_report_save(user=users["leader"], enterprise=own_report.enterprise,
                                    year=own_report.year, data=_values(own_report))  # fmt: skip
