"""The evaluation's long actions as background jobs (``zhuanxing.jobs``): computing a run
(seconds at the city tier) and the what-if simulation. Registered when the app loads, so the
worker and the web process know them alike. What the jobs run is imported when they run, so
that loading the app (every process start, every command) does not import the engine, NumPy and
openpyxl."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhuanxing.jobs.services import runner
from zhuanxing.policy.active import policy_in_force

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUN_CREATE = "evaluation.run"
SIMULATION = "evaluation.simulation"


@runner(RUN_CREATE, gettext_lazy("Computing an evaluation"))
def run_create_job(job, progress) -> None:
    from . import services

    progress(_("evaluating the enterprises"), 0, 1)
    run = services.evaluation_run_create(
        year=int(job.params["year"]), user=job.created_by, policy=policy_in_force()
    )
    job.result_url = reverse("evaluation:run", args=[run.pk])
    job.stage = _("Evaluation of %(year)s computed as a draft.") % {"year": run.year}


@runner(SIMULATION, gettext_lazy("What-if simulation"))
def simulation_job(job, progress) -> None:
    """The what-if for the user who asked: the result section of the page, rendered here, and
    its Excel table."""
    from . import selectors
    from .export import simulation_workbook

    p, user = job.params, job.created_by
    progress(_("simulating"), 0, 2)
    run = selectors.run_get(user=user, pk=int(p["run"]))
    context = {"run": run, "land": p["land"], "action": p["action"], "job": job}
    context |= selectors.simulation(
        user=user, run=run, policy=policy_in_force(), selection=p["selection"],
        klass=p["klass"], codes=p["codes"], population=p["population"], action=p["action"],
        land=p["land"],
    )  # fmt: skip
    progress(_("writing the tables"), 1, 2)
    job.result_html = render_to_string("evaluation/_simulation_results.html", context)
    workbook = simulation_workbook(context)
    job.result_file = workbook.content
    job.result_filename = f"simulation-{run.year}.xlsx"
    job.result_content_type = XLSX
