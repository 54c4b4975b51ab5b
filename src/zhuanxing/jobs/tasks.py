"""The worker's side of background jobs (`zhuanxing db_worker`): the argument is the job's id,
so the job row carries the parameters and the outcome."""

from django_tasks import task

from .services import job_run


@task()
def run_job(job_id: int) -> None:
    job_run(job_id)
