"""Imports as jobs: create (upload), run (check, or commit), ask to commit, retry, and fail
the jobs whose worker died.

The check and the commit run in the background worker (web uploads) or in the foreground
(``zhuanxing import``): both are jobs, so the audit trail is the same. The page polls the job
row for its progress. The commit is all or nothing (see ``importing.pipeline``); a crash leaves
the data as it was and the job marked failed with the reason. A worker killed outright cannot
say so: a running job writes a heartbeat, and one silent for longer than the lease is failed
by ``import_jobs_fail_dead``.

These services do not import the task module (tasks call services, never the reverse): the
caller passes ``enqueue``, the task's ``enqueue`` method.
"""

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from zhuanxing.policy.active import policy_in_force

from ..importing.parse import FileProblem
from ..importing.pipeline import Line, Progress, file_line, importable_kinds, run_import
from ..importing.workbooks import report_rows
from ..models import ImportJob, ImportProblem, ImportStatus
from .errors import ReportingError

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between progress writes: enough for a bar, light on the DB
WORKING = (ImportStatus.VALIDATING, ImportStatus.COMMITTING)
# enqueue(job id, commit): queues the job's run (the task ``run_import_job``'s enqueue).
Enqueue = Callable[[int, bool], object]


def import_job_create(
    *,
    user,
    filename: str,
    data: bytes,
    enqueue: Enqueue | None,
    kind: str | None = None,
    size: int | None = None,
) -> ImportJob:
    """Record an upload and queue its check (``enqueue`` None: the caller runs it now, as the
    command line does). ``size`` is the upload's size when ``data`` was cut at the limit (a
    file over the limit is refused without reading it all)."""
    kinds = importable_kinds(user)
    if not kinds:
        raise ReportingError(_("Your role may not import data."))
    if kind and kind not in kinds:
        raise ReportingError(_("Your role may not import this template."))
    limit = settings.ZHUANXING["IMPORT_MAX_BYTES"]
    size = max(size or 0, len(data))
    too_large = size > limit
    job = ImportJob.objects.create(
        created_by=user,
        kind=kind or "",
        filename=filename[-255:],
        size=size,
        sha256=hashlib.sha256(data).hexdigest(),
        content=b"" if too_large else data,  # a file over the limit is not kept
    )
    if too_large:
        line = file_line(FileProblem("too_large", params={"size": size, "max": limit}))
        _store(job, [line], status=ImportStatus.INVALID)
        return job
    if enqueue is not None:
        _queue(job, enqueue, commit=False)
    return job


def _queued_in_database(task_id: str) -> bool:
    """The database queue's ids are UUIDs (other backends, the immediate one, use others)."""
    try:
        uuid.UUID(task_id)
    except ValueError:
        return False
    return True


def _queue(job: ImportJob, enqueue: Enqueue, *, commit: bool) -> None:
    result = enqueue(job.pk, commit)
    job.task_id = str(getattr(result, "id", "") or "")
    job.save(update_fields=["task_id"])


def import_job_commit(
    *, job: ImportJob, user, accept_warnings: bool, enqueue: Enqueue
) -> ImportJob:
    """Queue the commit of a checked import; warnings must be accepted, errors never can be."""
    if job.created_by_id != user.pk:
        raise ReportingError(_("Only the person who uploaded the file may commit it."))
    if job.status != ImportStatus.VALIDATED:
        raise ReportingError(_("Only a checked import without errors can be committed."))
    if job.warnings and not accept_warnings:
        raise ReportingError(_("Accept the warnings explicitly to commit this file."))
    job.warnings_accepted = bool(job.warnings) and accept_warnings
    job.status = ImportStatus.COMMITTING
    job.stage, job.progress_done, job.progress_total = "queued", 0, 0
    job.heartbeat_at = None  # queued, not yet running: no lease to lose
    job.save()
    _queue(job, enqueue, commit=True)
    return job


def import_job_retry(*, job: ImportJob, user, enqueue: Enqueue) -> ImportJob:
    """Check a failed import's file again (after its worker died, say); commit follows as usual."""
    if job.created_by_id != user.pk:
        raise ReportingError(_("Only the person who uploaded the file may retry it."))
    if job.status != ImportStatus.FAILED or not job.content:
        raise ReportingError(_("Only a failed import can be retried."))
    job.problems.all().delete()
    job.status, job.failure, job.heartbeat_at = ImportStatus.PENDING, "", None
    job.stage, job.progress_done, job.progress_total = "queued", 0, 0
    job.errors = job.warnings = 0
    job.save()
    _queue(job, enqueue, commit=False)
    return job


def import_jobs_fail_dead(*, now: datetime | None = None) -> int:
    """Fail the running jobs whose heartbeat is older than the lease: their worker was killed
    (nothing of theirs is in the database: a commit is one transaction). Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.ZHUANXING["IMPORT_JOB_LEASE_SECONDS"])
    dead = ImportJob.objects.filter(heartbeat_at__lt=cutoff, status__in=WORKING)
    texts = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            texts.append(
                _(
                    "The worker running this import stopped without finishing (no sign of life "
                    "for %(seconds)s seconds). Nothing was saved. Retry to check the file again."
                )
                % {"seconds": settings.ZHUANXING["IMPORT_JOB_LEASE_SECONDS"]}
            )
    # Their tasks in the database queue stay "running" too, the worker that claimed them gone.
    tasks = [t for t in dead.values_list("task_id", flat=True) if _queued_in_database(t)]
    count = dead.update(status=ImportStatus.FAILED, failure="\n".join(texts), updated_at=now)
    DBTaskResult.objects.filter(id__in=tasks, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=now, traceback=texts[1]
    )
    return count


def import_job_run(*, job_id: int, commit: bool, progress: Progress | None = None) -> ImportJob:
    """The job's body: check (or commit) the stored file and record the outcome. ``progress``
    also hears the stages (the command line's bar)."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    job.status = ImportStatus.COMMITTING if commit else ImportStatus.VALIDATING
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["status", "heartbeat_at", "updated_at"])
    policy = policy_in_force()

    def still_ours() -> bool:
        # Inside the commit's transaction: a job failed as dead meanwhile must not commit, and
        # the fresh heartbeat keeps it from being failed while this transaction runs.
        return (
            ImportJob.objects.filter(pk=job.pk, status=ImportStatus.COMMITTING).update(
                heartbeat_at=timezone.now()
            )
            == 1
        )

    try:
        outcome = run_import(
            bytes(job.content),
            filename=job.filename,
            user=job.created_by,
            policy=policy,
            kind=job.kind or None,
            commit=commit,
            accept_warnings=job.warnings_accepted,
            max_bytes=settings.ZHUANXING["IMPORT_MAX_BYTES"],
            reason=f"import #{job.pk} {job.filename}",
            progress=_progress(job.pk, progress),
            still_ours=still_ours,
        )
    except Exception as error:
        # The commit's transaction has rolled back: nothing of the file is in the database.
        logger.exception("import %s failed", job.pk)
        job.status, job.failure = ImportStatus.FAILED, f"{type(error).__name__}: {error}"
        job.save(update_fields=["status", "failure", "updated_at"])
        return job
    if outcome.lost:
        job.refresh_from_db()  # failed as dead while it ran: nothing was written
        return job
    job.kind, job.rows = outcome.kind or job.kind, outcome.rows
    job.report_rows = report_rows(
        outcome.table, outcome.lines[: settings.ZHUANXING["IMPORT_MAX_PROBLEMS"]]
    )
    if outcome.committed:
        job.created, job.updated = outcome.counts.created, outcome.counts.updated
        job.unchanged, job.committed_at = outcome.counts.unchanged, timezone.now()
        status = ImportStatus.COMMITTED
    else:
        status = ImportStatus.INVALID if outcome.errors else ImportStatus.VALIDATED
    _store(job, outcome.lines, status=status)
    return job


def _store(job: ImportJob, lines: list[Line], *, status: str) -> None:
    limit = settings.ZHUANXING["IMPORT_MAX_PROBLEMS"]
    job.problems.all().delete()
    ImportProblem.objects.bulk_create(
        [
            ImportProblem(
                job=job,
                sheet=line.sheet[:100],
                row=line.row,
                column=line.column,
                field=line.field,
                header=line.header[:100],
                value=line.value[:200],
                rule=line.rule[:60],
                importance=line.importance,
                message=line.message[:300],
                message_en=line.message_en[:300],
            )
            for line in lines[:limit]
        ],
        batch_size=2000,
    )
    job.errors = sum(1 for line in lines if line.importance == "error")
    job.warnings = sum(1 for line in lines if line.importance == "warning")
    job.status, job.stage = status, "done"
    job.progress_done = job.progress_total = max(job.rows, 1)
    job.save()


def _progress(job_id: int, also: Progress | None):
    last = [0.0]

    def write(stage: str, done: int, total: int) -> None:
        if also is not None:
            also(stage, done, total)
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY and 0 < done < total:
            return
        last[0] = now
        ImportJob.objects.filter(pk=job_id).update(
            stage=stage, progress_done=done, progress_total=total, heartbeat_at=timezone.now()
        )

    return write
