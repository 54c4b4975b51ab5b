"""Files built from the reports in the test database, for the reporting tests."""

from decimal import Decimal

from zhuanxing.reporting.importing.formats import TEMPLATES
from zhuanxing.reporting.importing.workbooks import template_csv, template_xlsx
from zhuanxing.reporting.models import AnnualReport, MonthlyReport

TONGXIANG = "/330483/"


def annual_rows(reports) -> list[list]:
    """Template rows (column order of the annual template) for ``reports``."""
    columns = TEMPLATES["annual"].columns
    rows = []
    for report in reports:
        row = []
        for column in columns:
            if column.key == "uscc":
                row.append(report.enterprise.uscc)
            elif column.key == "name":
                row.append(report.enterprise.name)
            else:
                value = getattr(report, column.key)
                row.append(float(value) if isinstance(value, Decimal) else value)
        rows.append(row)
    return rows


def monthly_rows(reports) -> list[list]:
    columns = TEMPLATES["monthly"].columns
    return [
        [
            r.enterprise.uscc if c.key == "uscc" else r.enterprise.name if c.key == "name"
            else (float(v) if isinstance(v := getattr(r, c.key), Decimal) else v)
            for c in columns
        ]
        for r in reports
    ]  # fmt: skip


def xlsx(kind, rows) -> bytes:
    return template_xlsx(kind, rows)


def csv_bytes(kind, rows, encoding="utf-8") -> bytes:
    return template_csv(kind, encoding, rows)


def snapshot() -> tuple:
    """Everything an import could change, to assert that a refused file changed nothing."""
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.reporting.models import RegionStatistics

    return (
        list(
            AnnualReport.objects.order_by("pk").values_list(
                "pk", "status", "gross_output", "value_added", "land_mu"
            )
        ),
        list(MonthlyReport.objects.order_by("pk").values_list("pk", "status", "gross_output")),
        AnnualReport.history.count(),
        MonthlyReport.history.count(),
        Enterprise.objects.count(),
        Enterprise.history.count(),
        RegionStatistics.objects.count(),
    )


def run(data: bytes, user, *, filename="data.xlsx", **options):
    """Import ``data`` as ``user`` (commit unless told otherwise)."""
    from django.conf import settings

    from zhuanxing.policy import get_active_policy
    from zhuanxing.reporting.importing.pipeline import run_import

    options.setdefault("commit", True)
    return run_import(
        data,
        filename=filename,
        user=user,
        policy=get_active_policy(settings.ZHUANXING["POLICY_PATH"]),
        **options,
    )


def rules_of(outcome) -> set[str]:
    return {line.rule for line in outcome.lines}
