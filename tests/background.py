"""Start a page's background job over HTTP and read its outcome (with ``immediate_tasks``)."""

from types import SimpleNamespace

from django.urls import resolve, reverse

from zhuanxing.evaluation import selectors
from zhuanxing.jobs.models import Job
from zhuanxing.policy.active import policy_in_force


def job_of(response) -> Job:
    """The job a start view redirected to."""
    assert response.status_code == 302, response.status_code
    match = resolve(response.url)
    assert match.view_name == "jobs:job", response.url
    return Job.objects.get(pk=match.kwargs["pk"])


def simulate(client, params: dict) -> SimpleNamespace:
    """POST the what-if form; the job's page (HTML) and the figures it was rendered from."""
    full = {"selection": "class", "klass": "D", "population": "above_scale", "codes": "",
            "action": "exit", "land": "released", **params}  # fmt: skip
    job = job_of(client.post(reverse("evaluation:simulate"), full))
    assert job.status == "done", job.failure
    page = client.get(reverse("jobs:job", args=[job.pk]))
    user = job.created_by
    p = job.params
    context = selectors.simulation(
        user=user, run=selectors.run_get(user=user, pk=p["run"]), policy=policy_in_force(),
        selection=p["selection"], klass=p["klass"], codes=p["codes"],
        population=p["population"], action=p["action"], land=p["land"],
    )  # fmt: skip
    return SimpleNamespace(job=job, page=page, html=page.content.decode(), context=context)
