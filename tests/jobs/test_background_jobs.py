"""Issue 13: long actions (an evaluation run, the what-if simulation, the Word monthly report)
are background jobs: the request only queues them; the job's page shows progress, then the
result or the failure; only the user who started a job sees it."""

import time
from io import BytesIO

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from background import job_of
from zhuanxing.evaluation.models import EvaluationRun
from zhuanxing.jobs.models import Job
from zhuanxing.jobs.tasks import run_job
from zhuanxing.reporting.models import AnnualReport

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SIMULATION = {"selection": "class", "klass": "D", "population": "", "codes": "",
              "action": "exit", "land": "released"}  # fmt: skip


@pytest.fixture
def evaluated(city, policy, users):
    from zhuanxing.evaluation.demo_data import seed_environment
    from zhuanxing.evaluation.services import evaluation_run_create

    seed_environment(7)
    return evaluation_run_create(year=2012, user=users["admin"], policy=policy)


@pytest.fixture
def queued(settings):
    """The production queue: a POST only records the task; the test runs it (run_job.call)."""
    settings.TASKS = DATABASE_QUEUE


def test_starting_an_evaluation_returns_at_once_and_the_task_makes_the_run(
    client, city, users, queued
):
    client.force_login(users["admin"])
    started = time.monotonic()
    response = client.post(reverse("evaluation:runs"), {"year": 2012})
    assert time.monotonic() - started < 2  # the evaluation itself is not in the request
    job = job_of(response)
    assert (job.kind, job.status, job.params) == ("evaluation.run", "queued", {"year": 2012})
    assert job.created_by == users["admin"] and not EvaluationRun.objects.exists()
    page = client.get(reverse("jobs:job", args=[job.pk]))
    html = page.content.decode()
    assert 'hx-trigger="every 1s"' in html and "等待后台处理" in html  # polls while queued
    run_job.call(job.pk)  # what the worker does
    job.refresh_from_db()
    run = EvaluationRun.objects.get()
    assert job.status == "done" and job.percent == 100
    assert job.result_url == reverse("evaluation:run", args=[run.pk])
    progress = client.get(reverse("jobs:progress", args=[job.pk]))
    assert progress["HX-Refresh"] == "true"  # the bar reloads the page when the job ends
    html = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert f'href="{job.result_url}"' in html and "every 1s" not in html


def test_a_failed_job_says_why(client, city, users, queued):
    client.force_login(users["admin"])
    job = job_of(client.post(reverse("evaluation:runs"), {"year": 2012}))
    AnnualReport.objects.filter(year=2012).delete()  # gone before the worker gets to it
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "2012" in job.failure and "年报" in job.failure
    html = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert 'id="job-failure"' in html and job.failure in html
    assert not EvaluationRun.objects.exists()


def test_only_the_user_who_started_a_job_sees_it(client, evaluated, users, queued):
    client.force_login(users["tongxiang"])
    job = job_of(client.post(reverse("evaluation:simulate"), {**SIMULATION, "run": evaluated.pk}))
    run_job.call(job.pk)
    for name in ("admin", "leader", "firm"):
        client.force_login(users[name])
        for view in ("jobs:job", "jobs:progress", "jobs:download"):
            assert client.get(reverse(view, args=[job.pk])).status_code == 404, (name, view)
    client.force_login(users["tongxiang"])
    assert client.get(reverse("jobs:job", args=[job.pk])).status_code == 200
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200


def test_simulation_job_shows_the_table_and_offers_it_in_excel(client, evaluated, users, queued):
    client.force_login(users["tongxiang"])
    url, form = reverse("evaluation:simulate"), {**SIMULATION, "run": evaluated.pk}
    assert client.get(url, form).status_code == 200
    assert not Job.objects.exists()  # a GET only fills the form
    job = job_of(client.post(url, form))
    assert job.status == "queued" and job.language == "zh-hans"
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.failure
    html = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert 'id="simulation"' in html and 'data-region="330483"' in html
    assert 'data-region="city"' not in html  # the county officer: their county only
    download = client.get(reverse("jobs:download", args=[job.pk]))
    sheet = load_workbook(BytesIO(download.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=3, values_only=True)] == ["桐乡市"]


def test_simulation_job_in_english_renders_in_english(client, evaluated, users, queued):
    client.force_login(users["admin"])
    client.cookies["django_language"] = "en"
    job = job_of(client.post(reverse("evaluation:simulate"), {**SIMULATION, "run": evaluated.pk}))
    assert job.language == "en"
    run_job.call(job.pk)
    job.refresh_from_db()
    assert "Whole city" in job.result_html and "全市" not in job.result_html


def test_simulation_of_another_countys_run_is_refused_before_queueing(client, evaluated, users):
    client.force_login(users["tongxiang"])
    response = client.post(reverse("evaluation:simulate"), {**SIMULATION, "run": 99999})
    assert response.status_code == 200 and not Job.objects.exists()  # not a choice: form error


def test_word_report_is_a_job_with_the_file(client, city_with_store, users, queued):
    client.force_login(users["leader"])
    url = reverse("monitoring:report", args=["docx"])
    assert client.get(url, {"month": "2012-06"}).status_code == 405
    job = job_of(client.post(f"{url}?month=2012-06"))
    assert job.params == {"month": "2012-06", "region": "330400"} and job.status == "queued"
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.failure
    assert job.result_filename == "monthly-report-2012-06.docx"
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="monthly-report-2012-06.docx"'
    assert docx.Document(BytesIO(response.content)).paragraphs[0].text.startswith("嘉兴市")


def test_word_report_of_a_region_outside_the_scope_is_not_queued(client, city_with_store, users):
    client.force_login(users["tongxiang"])
    url = reverse("monitoring:report", args=["docx"])
    assert client.post(f"{url}?month=2012-06&region=330481").status_code == 404
    assert not Job.objects.exists()
    client.force_login(users["firm"])
    assert client.post(f"{url}?month=2012-06").status_code == 403


def test_word_report_refuses_a_month_outside_the_data(client, city_with_store, users):
    client.force_login(users["leader"])
    url = reverse("monitoring:report", args=["docx"])
    for month in ("1900-01", "2010-13", "abc"):
        response = client.post(f"{url}?month={month}")
        assert response.status_code == 400, month
    assert not Job.objects.exists()
