"""Issue 10 §7: a worker killed mid-import leaves no rows, its job is failed, a retry commits;
the command line makes a job too; tasks call services, never the reverse."""

import json
import os
import select
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from zhuanxing.reporting.models import ImportJob, ImportStatus

HERE = Path(__file__).parent


def _step(env, *args) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(HERE / "crash_worker.py"), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()


def test_a_worker_killed_mid_commit_fails_its_job_and_a_retry_commits(tmp_path):
    env = {**os.environ, "ZHUANXING_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    job = int(_step(env, "setup")[-1])
    worker = subprocess.Popen(
        [sys.executable, str(HERE / "crash_worker.py"), "worker", str(job)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([worker.stdout], [], [], 120)
        assert ready and worker.stdout.readline().strip() == "READY"  # rows and history written
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    stuck, expired, failed = _step(env, "after-kill", job)[-3:]
    stuck, failed = json.loads(stuck), json.loads(failed)
    assert stuck["status"] == "committing" and stuck["reports"] == 0 and stuck["history"] == 0
    assert expired == "1"
    assert failed["status"] == "failed" and failed["percent"] < 100
    assert "Retry" in failed["failure"] and "重试" in failed["failure"]
    retried = json.loads(_step(env, "retry", job)[-1])
    assert retried["status"] == "committed" and retried["reports"] == 5


@pytest.mark.django_db
def test_a_job_with_a_fresh_heartbeat_is_left_alone_and_a_dead_one_cannot_commit(few_firms):
    from hostile_files import annual_row

    from zhuanxing.reporting.importing.workbooks import template_xlsx
    from zhuanxing.reporting.models import AnnualReport
    from zhuanxing.reporting.services import (
        import_job_commit,
        import_job_create,
        import_job_run,
        import_jobs_fail_dead,
    )

    admin, codes = few_firms
    data = template_xlsx("annual", [annual_row(c) for c in codes])
    job = import_job_create(user=admin, filename="a.xlsx", data=data, enqueue=None)
    import_job_run(job_id=job.pk, commit=False)
    job.refresh_from_db()
    import_job_commit(job=job, user=admin, accept_warnings=True, enqueue=lambda *a: None)
    assert import_jobs_fail_dead() == 0  # queued: no worker yet, nothing to lose
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    assert import_jobs_fail_dead() == 0
    later = timezone.now() + timedelta(hours=1)
    assert import_jobs_fail_dead(now=later) == 1
    # A worker only slow, not dead: failed while it checks, it must not commit afterwards.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.COMMITTING)
    failed_meanwhile = []

    def lease_passes(stage, done, total):
        if stage == "validate" and not failed_meanwhile:
            failed_meanwhile.append(import_jobs_fail_dead(now=later))

    job = import_job_run(job_id=job.pk, commit=True, progress=lease_passes)
    assert failed_meanwhile == [1]
    assert job.status == ImportStatus.FAILED and AnnualReport.objects.count() == 0


def test_services_do_not_import_the_task_module():
    source = (HERE.parents[1] / "src/zhuanxing/reporting/services/imports.py").read_text()
    assert "tasks" not in {
        line.split()[1].rsplit(".", 1)[-1]
        for line in source.splitlines()
        if line.strip().startswith(("from ", "import "))
    }


@pytest.mark.django_db
def test_a_command_line_import_is_a_job_with_approval_log_lines(few_firms, tmp_path):
    from django.core.management import call_command
    from hostile_files import annual_row

    from zhuanxing.reporting.importing.workbooks import template_xlsx
    from zhuanxing.reporting.models import ReportReview, ReviewAction

    admin, codes = few_firms
    path = tmp_path / "年报.xlsx"
    path.write_bytes(template_xlsx("annual", [annual_row(c) for c in codes]))
    call_command("import", str(path), "--user", admin.username, "--accept-warnings")
    job = ImportJob.objects.get()
    assert (job.status, job.created, job.created_by) == (ImportStatus.COMMITTED, 5, admin)
    log = ReportReview.objects.filter(action=ReviewAction.IMPORT)
    assert sorted(log.values_list("enterprise__uscc", flat=True)) == sorted(codes)
    assert {line.comment for line in log} == {f"import #{job.pk} 年报.xlsx"}


@pytest.mark.django_db
def test_the_dead_jobs_task_in_the_database_queue_is_failed_too(few_firms, settings):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult
    from hostile_files import annual_row

    from zhuanxing.reporting.importing.workbooks import template_xlsx
    from zhuanxing.reporting.services import import_job_create, import_jobs_fail_dead
    from zhuanxing.reporting.tasks import run_import_job

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    admin, codes = few_firms
    data = template_xlsx("annual", [annual_row(codes[0])])
    job = import_job_create(
        user=admin, filename="a.xlsx", data=data, enqueue=run_import_job.enqueue
    )
    task = DBTaskResult.objects.get()
    assert job.task_id == str(task.id)
    task.claim("worker-1")  # the worker takes it, starts the job, and is killed
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING, heartbeat_at=timezone.now() - timedelta(days=1)
    )
    assert import_jobs_fail_dead() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and task.finished_at is not None
