"""``zhuanxing import FILE [--dry-run] [--accept-warnings]``: check a file and commit it.

The same pipeline as a web upload, run in the foreground with a progress bar, and recorded the
same way: an import job (with its problems and report rows) and, for the rows written, their
history and a line in the approval log. Exit status 0 when committed (or, with --dry-run, when
the file would commit), 1 when it was refused.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zhuanxing.accounts import access
from zhuanxing.accounts.models import User

from ...importing.formats import TEMPLATES
from ...importing.pipeline import Line
from ...importing.workbooks import report_xlsx, table_from_report_rows
from ...models import ImportStatus
from ...services import ReportingError, import_job_create, import_job_run

STAGES = {
    "parse": _("reading the file"),
    "check": _("checking cells"),
    "validate": _("checking rules"),
    "commit": _("saving"),
}
SHOWN = 40


class Command(BaseCommand):
    help = "Import an Excel or CSV file (annual, monthly, registry or region template)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only; change nothing")
        parser.add_argument(
            "--accept-warnings", action="store_true", help="commit although there are warnings"
        )
        parser.add_argument("--kind", choices=sorted(TEMPLATES), help="the template expected")
        parser.add_argument(
            "--user", help="act as this user (scope and history); default: the city admin"
        )
        parser.add_argument("--report", type=Path, help="write the import report (.xlsx) here")

    def handle(self, *args, **options):
        console = Console()
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        user = _user(options["user"])
        try:
            job = import_job_create(
                user=user,
                filename=path.name,
                data=path.read_bytes(),
                kind=options["kind"],
                enqueue=None,  # run here, in the foreground
            )
        except ReportingError as error:
            raise CommandError(str(error)) from None
        if job.status == ImportStatus.PENDING:
            job.warnings_accepted = options["accept_warnings"]
            job.save(update_fields=["warnings_accepted"])
            job = _run(console, job, commit=not options["dry_run"])
        lines = [
            Line(p.sheet, p.row, p.column, p.field, p.header, p.value, p.rule, p.importance,
                 p.message, p.message_en)
            for p in job.problems.all()
        ]  # fmt: skip
        _print_problems(console, lines)
        if options["report"]:
            table = table_from_report_rows(job.report_rows)
            options["report"].write_bytes(report_xlsx(table, lines))
            console.print(f"Report written to {options['report']}")
        kind = TEMPLATES[job.kind].title if job.kind else "?"
        console.print(
            f"{path.name} (import #{job.pk}): {kind}, {job.rows:,} rows, "
            f"[red]{job.errors} errors[/], [yellow]{job.warnings} warnings[/]"
        )
        if job.status == ImportStatus.COMMITTED:
            console.print(
                f"[green]Committed[/]: {job.created:,} new, {job.updated:,} changed, "
                f"{job.unchanged:,} unchanged (as user {user.username})."
            )
            return
        if job.status == ImportStatus.FAILED:
            raise CommandError(f"not committed: the import failed ({job.failure}); nothing changed")
        if job.errors:
            raise CommandError("not committed: the file has errors; nothing was changed")
        if job.warnings and not options["accept_warnings"]:
            raise CommandError(
                "not committed: the file has warnings; rerun with --accept-warnings to commit"
            )
        if options["dry_run"]:
            console.print("Dry run: the file would commit; nothing was changed.")


def _run(console: Console, job, *, commit: bool):
    columns = (
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        tasks = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(str(STAGES.get(stage, stage)), total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        # With commit, the job is checked and, if clean (warnings accepted when asked),
        # committed in the same run: the command line has no separate check step.
        return import_job_run(job_id=job.pk, commit=commit, progress=progress)


def _user(username: str | None) -> User:
    if username:
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"no active user {username!r}") from None
    admins = list(access.city_admin_users()[:2])
    if len(admins) != 1:
        raise CommandError("pass --user: there is not exactly one city administrator")
    return admins[0]


def _print_problems(console: Console, lines) -> None:
    if not lines:
        return
    table = Table("sheet", "row", "col", "header", "value", "rule", "", "message")
    for line in lines[:SHOWN]:
        colour = "red" if line.importance == "error" else "yellow"
        table.add_row(
            line.sheet,
            str(line.row or ""),
            line.column,
            line.header,
            line.value[:30],
            line.rule,
            f"[{colour}]{line.importance}[/]",
            line.message,
        )
    console.print(table)
    if len(lines) > SHOWN:
        console.print(f"… and {len(lines) - SHOWN:,} more (use --report FILE.xlsx for all)")
