"""The Word monthly report as a background job (``zhuanxing.jobs``): seconds at the city
tier, so the worker writes it and the job's page offers the file."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhuanxing.analytics import cache as analytics_cache
from zhuanxing.analytics import selectors as analytics
from zhuanxing.jobs.services import runner

from . import report, selectors

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WORD_REPORT = "monitoring.word_report"
REPORT_LANGUAGE = "zh-hans"


@runner(WORD_REPORT, gettext_lazy("Monthly report (Word)"))
def word_report_job(job, progress) -> None:
    user, month = job.created_by, job.params["month"]
    unit = analytics.region_for(user, job.params.get("region"))  # the user's scope, again
    progress(_("computing the figures"), 0, 2)
    # The report is Chinese, whatever the language of the page that asked for it.
    with translation.override(REPORT_LANGUAGE):
        ctx = analytics_cache.cached(
            "monitoring", user, (unit.code, month, True, selectors.price_indices_key(month)),
            lambda: selectors.context_for(unit, month, with_analysis=True),
        )  # fmt: skip
    progress(_("writing the report"), 1, 2)
    with translation.override(REPORT_LANGUAGE):
        job.result_file = report.build_docx(
            ctx["op"], ctx["unit"].name, ctx["county_names"], ctx["category_names"],
            ctx["warnings"], definitions=ctx["definitions"], analysis=ctx["analysis"],
        )  # fmt: skip
    job.result_filename = f"monthly-report-{month}.docx"
    job.result_content_type = DOCX
