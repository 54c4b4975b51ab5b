"""Writes of the reporting app, one function per state change (``<entity>_<verb>``).

Everyone (views, the CLI, background jobs, tests) calls these; each checks the user's right to
do it, runs in one transaction and records who did what.
"""

from .entry import annual_report_save, monthly_report_save
from .errors import ReportingError
from .imports import (
    import_job_commit,
    import_job_create,
    import_job_retry,
    import_job_run,
    import_jobs_fail_dead,
)
from .workflow import (
    annual_report_approve,
    annual_report_reject,
    annual_report_submit,
    annual_report_unlock,
    monthly_report_approve,
    monthly_report_reject,
    monthly_report_submit,
    monthly_report_unlock,
    period_lock,
)

__all__ = [
    "ReportingError",
    "annual_report_approve",
    "annual_report_reject",
    "annual_report_save",
    "annual_report_submit",
    "annual_report_unlock",
    "import_job_commit",
    "import_job_create",
    "import_job_retry",
    "import_job_run",
    "import_jobs_fail_dead",
    "monthly_report_approve",
    "monthly_report_reject",
    "monthly_report_save",
    "monthly_report_submit",
    "monthly_report_unlock",
    "period_lock",
]
