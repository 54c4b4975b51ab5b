"""Background jobs: long imports run in the worker (`zhuanxing db_worker`), not in the request.

Arguments are JSON (the job's id), so the job table carries the file and the state.
"""

from django_tasks import task

from .services.imports import import_job_run


@task()
def run_import_job(job_id: int, commit: bool = False) -> None:
    import_job_run(job_id=job_id, commit=commit)
