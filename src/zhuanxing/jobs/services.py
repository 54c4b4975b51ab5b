"""Start, run and find background jobs.

A feature app registers the body of each kind of job with ``@runner("kind", title)``; the
body gets the job (``job.params``, ``job.created_by``) and a ``progress(stage, done, total)``
callback, and fills the ``result_*`` fields. It runs under the language of the page that
started it. A ``UserError`` it raises is shown to the user as it is; anything else is shown
as the failure's type and text (and logged with its traceback).

``job_start`` does not import the task module (tasks call services, never the reverse): the
caller passes ``enqueue``, the task ``run_job``'s enqueue method.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhuanxing.core.errors import UserError

from .models import Job, JobStatus

logger = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
Body = Callable[[Job, Progress], None]


@dataclass(frozen=True)
class Runner:
    kind: str
    title: object  # a lazy translation: the job page's heading
    body: Body


RUNNERS: dict[str, Runner] = {}


def runner(kind: str, title) -> Callable[[Body], Body]:
    """Register ``body`` as the job of ``kind`` (done by the owning app at import)."""

    def register(body: Body) -> Body:
        RUNNERS[kind] = Runner(kind, title, body)
        return body

    return register


def job_title(job: Job) -> str:
    found = RUNNERS.get(job.kind)
    return str(found.title) if found else job.kind


def job_start(*, kind: str, user, params: dict, enqueue) -> Job:
    """Record a job for ``user`` and queue it. (The job's row is written first: the database
    queue is the same database, so the worker never sees a task without its job.)"""
    if kind not in RUNNERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        created_by=user, kind=kind, params=params, language=translation.get_language() or "zh-hans"
    )
    result = enqueue(job.pk)
    task_id = str(getattr(result, "id", "") or "")
    if task_id:
        Job.objects.filter(pk=job.pk).update(task_id=task_id)
    return job


def job_run(job_id: int) -> Job:
    """The task's body: run the job's registered runner and record the outcome."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return job  # run already (a task delivered twice)
    job.status, job.stage = JobStatus.RUNNING, ""
    job.save(update_fields=["status", "stage", "updated_at"])

    def progress(stage: str, done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(
            stage=str(stage)[:200], progress_done=done, progress_total=total,
            updated_at=timezone.now(),
        )  # fmt: skip

    try:
        with translation.override(job.language):
            RUNNERS[job.kind].body(job, progress)
    except UserError as error:
        job.status, job.failure = JobStatus.FAILED, str(error)
    except Exception as error:
        logger.exception("background job %s (%s) failed", job.pk, job.kind)
        job.status, job.failure = JobStatus.FAILED, f"{type(error).__name__}: {error}"
    else:
        job.status = JobStatus.DONE
    job.refresh_from_db(fields=["stage", "progress_done", "progress_total"])
    if job.status == JobStatus.DONE:
        job.progress_done = job.progress_total = max(job.progress_total, 1)
    job.finished_at = timezone.now()
    job.save()
    return job


def job_get(*, user, pk: int) -> Job:
    """The job, for the user who started it only (anyone else: 404)."""
    job = Job.objects.filter(pk=pk, created_by=user).first()
    if job is None:
        raise Http404(_("No such job."))
    return job
