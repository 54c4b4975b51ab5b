"""One import, start to end: parse → cell checks → database checks and rules → commit.

The commit is all or nothing: it runs in one transaction, re-checks the locks inside it, and
happens only when there is no error and every warning was accepted. Used by the background job
(web upload), the ``zhuanxing import`` command and the benchmark alike.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from zhuanxing.accounts import access
from zhuanxing.policy import Policy

from ..models import ReportStatus
from .checks import Batch, Problem, check_cells
from .commit import Counts, commit_batch
from .formats import TEMPLATES, column_letter
from .isolated import read_table_isolated
from .messages import file_problem_texts, problem_texts
from .parse import ExcelError, FileProblem, FileRejected, Limits, RawTable
from .validate import Resolved, locked_rows, validate_batch

Progress = Callable[[str, int, int], None]


@dataclass
class Line:
    """A problem as reported: where, what, which rule, how bad, and the message."""

    sheet: str
    row: int | None
    column: str
    field: str
    header: str
    value: str
    rule: str
    importance: str
    message: str
    message_en: str


@dataclass
class Outcome:
    kind: str = ""
    rows: int = 0
    lines: list[Line] = field(default_factory=list)
    counts: Counts | None = None
    committed: bool = False
    lost: bool = False  # the caller's ``still_ours`` said no: not committed, not reported
    table: RawTable | None = None

    @property
    def errors(self) -> int:
        return sum(1 for line in self.lines if line.importance == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.lines if line.importance == "warning")


def parse_limits() -> Limits:
    """The named settings that bound parsing (docs/settings.md)."""
    named = settings.ZHUANXING
    return Limits(
        max_rows=named["IMPORT_MAX_ROWS"],
        max_columns=named["IMPORT_MAX_COLUMNS"],
        max_cell_chars=named["IMPORT_MAX_CELL_CHARS"],
        max_expanded_bytes=named["IMPORT_MAX_EXPANDED_BYTES"],
        max_zip_ratio=named["IMPORT_MAX_ZIP_RATIO"],
    )


def read_grid(data: bytes, *, filename: str, header_rows: int) -> RawTable:
    """A workbook that is not a reporting template (e.g. the county-targets workbook), read as
    an import is: bounded (IMPORT_MAX_* settings) in a child process, hidden sheets, rows and
    columns and merged cells refused; then every data cell holding a formula Excel never
    computed, a formula that runs a program, or an Excel error value refused naming the cell.
    Raises FileRejected with every fault (``file_line`` gives its message)."""
    table = read_table_isolated(
        data,
        filename=filename,
        kind=None,
        max_bytes=settings.ZHUANXING["IMPORT_MAX_BYTES"],
        limits=parse_limits(),
        memory_bytes=settings.ZHUANXING["IMPORT_PARSE_MEMORY_BYTES"],
        timeout=settings.ZHUANXING["IMPORT_PARSE_TIMEOUT"],
        grid_header_rows=header_rows,
    )
    problems = []
    for (row, col), cached in sorted(table.formula_cells.items()):
        if row + 1 <= header_rows:
            continue
        where = {"sheet": table.sheet, "row": row + 1, "column": column_letter(col)}
        if (row, col) in table.dangerous_formulas:
            formula = table.dangerous_formulas[(row, col)]
            problems.append(FileProblem("cell_formula_dangerous", value=formula, **where))
        elif not cached:
            problems.append(FileProblem("cell_formula_uncached", **where))
    for number, cells in table.rows:
        for position, cell in enumerate(cells):
            if number > header_rows and isinstance(cell, ExcelError):
                where = {"sheet": table.sheet, "row": number, "column": column_letter(position)}
                problems.append(FileProblem("cell_excel_error", value=str(cell), **where))
    if problems:
        raise FileRejected(problems)
    return table


def importable_kinds(user) -> tuple[str, ...]:
    """Templates the user may import: enterprise users their own reports; officials all four;
    read-only leaders none."""
    if not access.may(user, access.Action.CHANGE):
        return ()
    if access.is_enterprise_user(user):
        return ("annual", "monthly") if user.enterprise_id else ()
    return tuple(TEMPLATES)


def status_for(user, kind: str) -> str | None:
    """The status rows written by ``user`` get: an enterprise's own filing is submitted for
    review; an official's import is their review, so its rows are approved."""
    if kind not in ("annual", "monthly"):
        return None
    return ReportStatus.SUBMITTED if access.is_enterprise_user(user) else ReportStatus.APPROVED


def run_import(
    data: bytes,
    *,
    filename: str,
    user,
    policy: Policy,
    kind: str | None = None,
    commit: bool = False,
    accept_warnings: bool = False,
    max_bytes: int | None = None,
    reason: str = "import",
    progress: Progress | None = None,
    still_ours: Callable[[], bool] | None = None,
) -> Outcome:
    """Check the file and, if asked and clean, commit it in one transaction. ``still_ours`` is
    asked inside that transaction before anything is written (a job failed as dead meanwhile
    must not commit)."""
    outcome = Outcome()
    step = progress or (lambda stage, done, total: None)
    step("parse", 0, 1)
    try:
        table = read_table_isolated(
            data,
            filename=filename,
            kind=kind,
            max_bytes=max_bytes,
            limits=parse_limits(),
            memory_bytes=settings.ZHUANXING["IMPORT_PARSE_MEMORY_BYTES"],
            timeout=settings.ZHUANXING["IMPORT_PARSE_TIMEOUT"],
        )
    except FileRejected as rejected:
        outcome.lines = [file_line(p) for p in rejected.problems]
        return outcome
    outcome.kind, outcome.rows, outcome.table = table.template.kind, len(table.rows), table
    if outcome.kind not in importable_kinds(user):
        problem = FileProblem("kind_not_allowed", table.sheet, params={"kind": outcome.kind})
        outcome.lines = [file_line(problem)]
        return outcome
    step("check", 0, outcome.rows)
    batch = check_cells(table, policy.reporting)
    step("validate", 0, outcome.rows)
    resolved = validate_batch(batch, user=user, policy=policy)
    step("validate", outcome.rows, outcome.rows)
    if commit and _may_commit(batch, accept_warnings):
        _commit(batch, resolved, user=user, policy=policy, reason=reason, outcome=outcome,
                progress=step, still_ours=still_ours)  # fmt: skip
    outcome.lines = [problem_line(p, batch, policy) for p in _sorted(batch.problems)]
    return outcome


def _may_commit(batch: Batch, accept_warnings: bool) -> bool:
    if batch.has_errors:
        return False
    return accept_warnings or not any(p.importance == "warning" for p in batch.problems)


def _commit(batch, resolved: Resolved, *, user, policy, reason, outcome, progress, still_ours):
    with transaction.atomic():
        if still_ours is not None and not still_ours():
            outcome.lost = True
            return
        if batch.kind in ("annual", "monthly") and locked_rows(batch, resolved, policy):
            # Locked since the check: nothing is written, and the report says why.
            transaction.set_rollback(True)
            return
        outcome.counts = commit_batch(
            batch,
            resolved,
            user=user,
            status=status_for(user, batch.kind),
            reason=reason,
            progress=progress,
        )
    outcome.committed = True


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.row or 0, p.column.rjust(3), p.rule))


def problem_line(problem: Problem, batch: Batch, policy: Policy) -> Line:
    message, message_en = problem_texts(problem, policy, batch.kind)
    header = ""
    if problem.field:
        header = next((c.header for c in batch.template.columns if c.key == problem.field), "")
    return Line(
        sheet=batch.sheet,
        row=problem.row,
        column=problem.column,
        field=problem.field,
        header=header,
        value=problem.value,
        rule=problem.rule,
        importance=problem.importance,
        message=message,
        message_en=message_en,
    )


def file_line(problem: FileProblem) -> Line:
    message, message_en = file_problem_texts(problem)
    return Line(
        sheet=problem.sheet,
        row=problem.row,
        column=problem.column,
        field="",
        header="",
        value=problem.value[:200],
        rule=f"file:{problem.code}",
        importance="error",
        message=message,
        message_en=message_en,
    )
