"""Imports as jobs: create (upload), run (check, or commit), and ask to commit.

The check and the commit run in the background worker; the page polls the job row for its
progress. The commit is all or nothing (see ``importing.pipeline``); a crash leaves the data as
it was and the job marked failed with the reason.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from zhuanxing.policy.active import policy_in_force

from ..importing.parse import FileProblem
from ..importing.pipeline import Line, file_line, importable_kinds, run_import
from ..models import ImportJob, ImportProblem, ImportStatus
from .errors import ReportingError

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between progress writes: enough for a bar, light on the DB


def import_job_create(
    *, user, filename: str, data: bytes, kind: str | None = None, size: int | None = None
) -> ImportJob:
    """Record an upload and queue its check. ``size`` is the upload's size when ``data`` was
    cut at the limit (a file over the limit is refused without reading it all)."""
    from ..tasks import run_import_job

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
    run_import_job.enqueue(job.pk, False)
    return job


def import_job_commit(*, job: ImportJob, user, accept_warnings: bool) -> ImportJob:
    """Queue the commit of a checked import; warnings must be accepted, errors never can be."""
    from ..tasks import run_import_job

    if job.created_by_id != user.pk:
        raise ReportingError(_("Only the person who uploaded the file may commit it."))
    if job.status != ImportStatus.VALIDATED:
        raise ReportingError(_("Only a checked import without errors can be committed."))
    if job.warnings and not accept_warnings:
        raise ReportingError(_("Accept the warnings explicitly to commit this file."))
    job.warnings_accepted = bool(job.warnings) and accept_warnings
    job.status = ImportStatus.COMMITTING
    job.stage, job.progress_done, job.progress_total = "queued", 0, 0
    job.save()
    run_import_job.enqueue(job.pk, True)
    return job


def import_job_run(*, job_id: int, commit: bool) -> ImportJob:
    """The job's body: check (or commit) the stored file and record the outcome."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    job.status = ImportStatus.COMMITTING if commit else ImportStatus.VALIDATING
    job.save(update_fields=["status", "updated_at"])
    policy = policy_in_force()
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
            progress=_progress(job.pk),
        )
    except Exception as error:
        # The commit's transaction has rolled back: nothing of the file is in the database.
        logger.exception("import %s failed", job.pk)
        job.status, job.failure = ImportStatus.FAILED, f"{type(error).__name__}: {error}"
        job.save(update_fields=["status", "failure", "updated_at"])
        return job
    job.kind, job.rows = outcome.kind or job.kind, outcome.rows
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


def _progress(job_id: int):
    last = [0.0]

    def write(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY and 0 < done < total:
            return
        last[0] = now
        ImportJob.objects.filter(pk=job_id).update(
            stage=stage, progress_done=done, progress_total=total
        )

    return write
