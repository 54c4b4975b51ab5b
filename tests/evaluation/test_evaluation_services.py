import pytest
from django.core.exceptions import PermissionDenied

import factories
from zhuanxing.core.errors import UserError
from zhuanxing.evaluation.models import (
    BackwardCapacityEntry,
    BackwardStatus,
    EvaluationResult,
    EvaluationRun,
    RunStatus,
)
from zhuanxing.evaluation.services import (
    backward_capacity_batch_create,
    backward_capacity_entry_set_status,
    evaluation_run_create,
    evaluation_run_delete,
    evaluation_run_publish,
)
from zhuanxing.reporting.models import AnnualReport

pytestmark = pytest.mark.django_db


def _snapshot(run):
    return list(
        run.results.order_by("enterprise_id").values_list(
            "enterprise_id", "population", "total", "rank", "klass", "excluded_reason"
        )
    )


def test_every_reporting_enterprise_is_graded_or_excluded_with_a_reason(evaluated):
    assert evaluated.results.count() == AnnualReport.objects.filter(year=2012).count()
    assert evaluated.evaluated + evaluated.excluded == evaluated.results.count()
    graded = evaluated.results.filter(excluded_reason="")
    assert graded.exists() and not graded.filter(klass="").exists()
    assert set(evaluated.results.exclude(excluded_reason="").values_list("klass", flat=True)) <= {
        ""
    }
    # Classes follow the bands: roughly 20% A among the above-scale population.
    above = graded.filter(population="above_scale")
    share_a = above.filter(klass="A").count() / above.count()
    assert 0.15 <= share_a <= 0.25


def test_re_running_a_year_gives_the_same_result(evaluated, policy, users):
    again = evaluation_run_create(year=2012, user=users["admin"], policy=policy)
    assert _snapshot(again) == _snapshot(evaluated)


def test_published_runs_are_frozen_records(evaluated, policy, users):
    admin = users["admin"]
    evaluation_run_publish(run=evaluated, user=admin)
    with pytest.raises(UserError, match="不能删除"):
        evaluation_run_delete(run=evaluated, user=admin)
    with pytest.raises(UserError, match="只有草稿可以发布"):
        evaluation_run_publish(run=evaluated, user=admin)
    before = _snapshot(evaluated)
    newer = evaluation_run_create(year=2012, user=admin, policy=policy)
    evaluation_run_publish(run=newer, user=admin)
    evaluated.refresh_from_db()
    assert evaluated.status == RunStatus.SUPERSEDED
    assert _snapshot(evaluated) == before
    assert EvaluationRun.objects.filter(year=2012, status=RunStatus.PUBLISHED).get() == newer


@pytest.fixture
def few_firms_users(db):
    """Two firms in each of three counties with 2011-2012 reports, and one user per role."""
    return factories.world().users


def test_only_the_city_admin_evaluates(policy, few_firms_users):
    users = few_firms_users
    for name in ("leader", "tongxiang", "firm"):
        with pytest.raises(PermissionDenied, match="仅市管理员"):
            evaluation_run_create(year=2012, user=users[name], policy=policy)


def test_a_year_without_reports_is_refused(policy, few_firms_users):
    with pytest.raises(UserError, match="1999年没有年报数据"):
        evaluation_run_create(year=1999, user=few_firms_users["admin"], policy=policy)
    assert not EvaluationRun.objects.exists()


def test_backward_capacity_batch(evaluated, policy, users):
    admin = users["admin"]
    with pytest.raises(UserError, match="须依据已发布的评价"):
        backward_capacity_batch_create(run=evaluated, user=admin, name="x", policy=policy)
    evaluation_run_publish(run=evaluated, user=admin)
    batch = backward_capacity_batch_create(run=evaluated, user=admin, name="第一批", policy=policy)
    entries = list(batch.entries.all())
    assert entries, "the small city has D-class firms among the worst on energy or emissions"
    for entry in entries:
        result = EvaluationResult.objects.get(run=evaluated, enterprise=entry.enterprise)
        assert result.klass == "D"
        assert entry.reasons[0] == {"code": "class", "value": "D"}
        assert {r["code"] for r in entry.reasons[1:]} <= {"energy_per_va", "emission_per_va"}
    entry = entries[0]
    backward_capacity_entry_set_status(
        entry=entry, status=BackwardStatus.UPGRADING, note="技改中", user=admin
    )
    backward_capacity_entry_set_status(
        entry=entry, status=BackwardStatus.EXITED, note="已关停", user=admin
    )
    history = list(BackwardCapacityEntry.history.filter(id=entry.pk).order_by("history_date"))
    assert [h.status for h in history] == ["listed", "upgrading", "exited"]
    assert history[-1].history_user == admin
    with pytest.raises(PermissionDenied, match="无权修改名单企业的状态"):
        backward_capacity_entry_set_status(
            entry=entry, status="listed", note="", user=users["leader"]
        )
