"""All or nothing, idempotent, interrupted, and fuzzed: the import pipeline's guarantees."""

import io
from unittest import mock

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reporting_files import csv_bytes, run, snapshot, xlsx

from zhuanxing.reporting.importing import commit
from zhuanxing.reporting.importing.workbooks import report_xlsx, safe, template_csv
from zhuanxing.reporting.models import AnnualReport, ImportStatus, ReportStatus

pytestmark = pytest.mark.django_db


def test_a_clean_county_file_commits_with_history(tongxiang_annual, users):
    officer = users["tongxiang"]
    outcome = run(xlsx("annual", tongxiang_annual), officer, reason="import #1 年报.xlsx")
    assert outcome.lines == [] and outcome.committed
    assert outcome.counts.created == len(tongxiang_annual)
    report = AnnualReport.objects.get(enterprise__uscc=tongxiang_annual[0][0], year=2012)
    assert report.status == ReportStatus.APPROVED  # an officer's import is their review
    record = report.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+", officer, "import #1 年报.xlsx")  # fmt: skip
    assert record.gross_output == report.gross_output


def test_reimporting_the_same_file_changes_nothing(tongxiang_annual, users):
    data = xlsx("annual", tongxiang_annual)
    run(data, users["tongxiang"])
    before = snapshot()
    again = run(data, users["tongxiang"])
    assert again.committed and again.counts.created == again.counts.updated == 0
    assert again.counts.unchanged == len(tongxiang_annual)
    assert snapshot() == before  # not even a history record


def test_changed_rows_are_updated_with_before_and_after(tongxiang_annual, users):
    run(xlsx("annual", tongxiang_annual), users["tongxiang"])
    rows = [list(r) for r in tongxiang_annual]
    rows[0][3] = round(rows[0][3] * 1.01, 2)  # gross output up 1%
    rows[0][6] = round(rows[0][6] * 0.99, 2)
    outcome = run(xlsx("annual", rows), users["tongxiang"], accept_warnings=True)
    assert (outcome.counts.updated, outcome.counts.unchanged) == (1, len(rows) - 1)
    report = AnnualReport.objects.get(enterprise__uscc=rows[0][0], year=2012)
    latest = report.history.first()
    delta = latest.diff_against(latest.prev_record)
    assert {c.field for c in delta.changes} == {"gross_output", "value_added"}


def test_a_file_with_one_bad_row_commits_nothing(tongxiang_annual, users):
    rows = [list(r) for r in tongxiang_annual]
    rows[-1][3] = "n/a"
    before = snapshot()
    outcome = run(xlsx("annual", rows), users["tongxiang"], accept_warnings=True)
    assert not outcome.committed and snapshot() == before


def test_an_import_interrupted_half_way_leaves_no_partial_data(tongxiang_annual, users):
    before = snapshot()
    calls = []
    real = commit._insert

    def fail_on_second(model, columns, rows):
        calls.append(model)
        if len(calls) == 2:  # the report rows are in; the history is not
            raise KeyboardInterrupt("killed")
        return real(model, columns, rows)

    with mock.patch.object(commit, "_insert", side_effect=fail_on_second):
        with pytest.raises(KeyboardInterrupt, match="killed"):
            run(xlsx("annual", tongxiang_annual), users["tongxiang"])
    assert len(calls) == 2
    assert snapshot() == before


def test_a_failing_background_job_is_marked_and_leaves_no_data(tongxiang_annual, users, settings):
    from zhuanxing.reporting.services import import_job_commit, import_job_create
    from zhuanxing.reporting.tasks import run_import_job

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    job = import_job_create(user=users["tongxiang"], filename="年报.xlsx",
                            data=xlsx("annual", tongxiang_annual),
                            enqueue=run_import_job.enqueue)  # fmt: skip
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATED and job.rows == len(tongxiang_annual)
    before = snapshot()
    with mock.patch.object(commit, "write_history", side_effect=RuntimeError("disk full")):
        import_job_commit(job=job, user=users["tongxiang"], accept_warnings=False,
                          enqueue=run_import_job.enqueue)  # fmt: skip
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "disk full" in job.failure
    assert snapshot() == before


cell = st.one_of(
    st.none(),
    st.integers(-10**9, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["１２，３４５", "2012-05-01", "=1+1", "-", "1,2,3", "２０１２年", "OEM"]),
    st.dates(),
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_cells_never_crash_and_never_commit_part_of_a_file(tongxiang_annual, users, data):
    rows = [list(r) for r in tongxiang_annual[:6]]
    for row in rows:
        for index in data.draw(st.lists(st.integers(0, len(row) - 1), max_size=4)):
            row[index] = data.draw(cell)
    fmt = data.draw(st.sampled_from(["xlsx", "csv"]))
    payload = xlsx("annual", rows) if fmt == "xlsx" else csv_bytes("annual", rows)
    if data.draw(st.booleans()):
        cut = data.draw(st.integers(0, len(payload)))
        payload = payload[:cut]  # a truncated upload
    before = AnnualReport.objects.count()
    outcome = run(payload, users["tongxiang"], filename=f"f.{fmt}", accept_warnings=True)
    after = AnnualReport.objects.count()
    if outcome.committed:
        assert after - before == outcome.counts.created
        assert outcome.counts.created + outcome.counts.updated + outcome.counts.unchanged == len(
            rows
        )
        AnnualReport.objects.filter(year=2012, enterprise__uscc__in=[r[0] for r in rows]).delete()
    else:
        assert after == before


def test_exports_neutralise_formula_injection():
    assert safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert safe("@SUM(1)") == "'@SUM(1)" and safe("-1588.63") == "-1588.63"
    assert safe(12.5) == 12.5
    csv_text = template_csv("annual", rows=[["=1+1", "@x", "-2+3"]]).decode("utf-8-sig")
    assert "'=1+1" in csv_text and "'@x" in csv_text and "'-2+3" in csv_text
    from zhuanxing.reporting.importing.pipeline import Line

    line = Line("s", 3, "A", "uscc", "h", "=2+5", "r", "error", "=evil()", "=evil()")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(None, [line])))
    values = [c.value for row in book["问题清单"].iter_rows() for c in row]
    assert "'=2+5" in values and "'=evil()" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_the_report_workbook_highlights_bad_cells(tongxiang_annual, users):
    rows = [list(r) for r in tongxiang_annual[:3]]
    rows[1][3] = "2012-05-01"
    outcome = run(xlsx("annual", rows), users["tongxiang"])
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(outcome.table, outcome.lines)))
    assert book.sheetnames == ["问题清单", "数据"]
    data = book["数据"]
    bad = data.cell(3, 4)  # header row 1, then the file's rows 3, 4 → 2, 3
    assert bad.value == "2012-05-01" and bad.fill.fgColor.rgb.endswith("F4B6B0")
    assert "日期" in bad.comment.text
    assert data.cell(2, 4).fill.fgColor.rgb in (None, "00000000")


def test_cli_import(tongxiang_annual, users, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "年报.xlsx"
    path.write_bytes(xlsx("annual", tongxiang_annual))
    before = snapshot()
    call_command("import", str(path), "--dry-run", "--user", "tongxiang")
    assert snapshot() == before
    call_command("import", str(path), "--user", "tongxiang")
    assert AnnualReport.objects.filter(year=2012).count() >= len(tongxiang_annual)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("annual", [[*tongxiang_annual[0][:3], "x"]]))
    report = tmp_path / "report.xlsx"
    with pytest.raises(CommandError, match="errors"):
        call_command("import", str(bad), "--user", "tongxiang", "--report", str(report))
    assert report.exists()
