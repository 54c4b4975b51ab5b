"""The background-job pages (not in the menu, so not in the page walk) in one language at a
time: the progress page, the run's link, and the what-if's result rendered in the worker."""

import pytest
from django.urls import reverse
from test_one_language import _data_values, chinese_text, english_words, page_text

from background import job_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]
SIMULATION = {"selection": "class", "klass": "D", "population": "", "codes": "",
              "action": "exit", "land": "released"}  # fmt: skip


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_job_pages_in_one_language(client, city_with_store, users, language):
    from zhuanxing.evaluation.models import EvaluationRun

    client.force_login(users["admin"])
    client.cookies["django_language"] = language
    run_job = job_of(client.post(reverse("evaluation:runs"), {"year": 2012}))
    run = EvaluationRun.objects.get()
    sim_job = job_of(client.post(reverse("evaluation:simulate"), {**SIMULATION, "run": run.pk}))
    names = _data_values()
    for job in (run_job, sim_job):
        html = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
        chunks, _ = page_text(html)
        if language == "en":
            assert not chinese_text(chunks, names), (job.kind, chinese_text(chunks, names))
        else:
            assert not english_words(chunks, names), (job.kind, english_words(chunks, names))
