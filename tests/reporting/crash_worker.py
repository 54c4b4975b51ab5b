"""Steps of the crash test, each run in its own process against a scratch SQLite database.

    python crash_worker.py setup            → migrates the scratch database; a checked import
                                              queued for commit; prints its id
    python crash_worker.py worker JOB       → runs the commit; stops inside the transaction
                                              after the rows are written, says READY and waits
                                              (to be killed with SIGKILL)
    python crash_worker.py state JOB        → the job and the database, as JSON
    python crash_worker.py expire           → fails dead jobs as if the lease had passed
    python crash_worker.py after-kill JOB   → state, expire, state again (three lines)
    python crash_worker.py retry JOB        → retries the job, checks and commits it

Set ZHUANXING_VAR_DIR to the scratch directory. Each step starts Django once (about a second of
CPU), so the steps the test runs one after the other in the same state share a process.
"""

import json
import os
import sys
import threading
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from hostile_files import TONGXIANG_CODES, annual_row, firms_and_admin  # noqa: E402

from zhuanxing.reporting.importing import commit  # noqa: E402
from zhuanxing.reporting.importing.workbooks import template_xlsx  # noqa: E402
from zhuanxing.reporting.models import AnnualReport, ImportJob  # noqa: E402
from zhuanxing.reporting.services import (  # noqa: E402
    import_job_commit,
    import_job_create,
    import_job_retry,
    import_job_run,
    import_jobs_fail_dead,
)

queued = []


def enqueue(job_id: int, commit: bool) -> None:
    queued.append((job_id, commit))


def setup() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    admin = firms_and_admin()
    data = template_xlsx("annual", [annual_row(code) for code in TONGXIANG_CODES])
    job = import_job_create(user=admin, filename="年报.xlsx", data=data, enqueue=enqueue)
    import_job_run(job_id=job.pk, commit=False)
    job.refresh_from_db()
    import_job_commit(job=job, user=admin, accept_warnings=True, enqueue=enqueue)
    print(job.pk)


def worker(job_id: int) -> None:
    written = commit.write_history

    def stop_here(*args, **kwargs):
        written(*args, **kwargs)
        print("READY", flush=True)
        threading.Event().wait()  # killed here, inside the commit's transaction

    commit.write_history = stop_here
    import_job_run(job_id=job_id, commit=True)


def state(job_id: int) -> None:
    job = ImportJob.objects.get(pk=job_id)
    print(
        json.dumps(
            {
                "status": job.status,
                "percent": job.percent,
                "failure": job.failure,
                "reports": AnnualReport.objects.count(),
                "history": AnnualReport.history.count(),
            }
        )
    )


def expire() -> None:
    lease = settings.ZHUANXING["IMPORT_JOB_LEASE_SECONDS"]
    print(import_jobs_fail_dead(now=timezone.now() + timedelta(seconds=lease + 1)))


def after_kill(job_id: int) -> None:
    state(job_id)
    expire()
    state(job_id)


def retry(job_id: int) -> None:
    job = ImportJob.objects.get(pk=job_id)
    import_job_retry(job=job, user=job.created_by, enqueue=enqueue)
    import_job_run(job_id=job_id, commit=False)
    job.refresh_from_db()
    import_job_commit(job=job, user=job.created_by, accept_warnings=True, enqueue=enqueue)
    import_job_run(job_id=job_id, commit=True)
    state(job_id)


if __name__ == "__main__":
    step, *args = sys.argv[1:]
    steps = {"setup": setup, "worker": worker, "state": state, "expire": expire}
    steps |= {"after-kill": after_kill, "retry": retry}
    steps[step](*map(int, args))
