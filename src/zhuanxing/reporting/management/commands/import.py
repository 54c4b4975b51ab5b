"""``zhuanxing import FILE [--dry-run] [--accept-warnings]``: check a file and commit it.

The same pipeline as a web upload, run in the foreground with a progress bar. Exit status 0
when committed (or, with --dry-run, when the file would commit), 1 when it was refused.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zhuanxing.accounts import access
from zhuanxing.accounts.models import User
from zhuanxing.policy.active import policy_in_force

from ...importing.formats import TEMPLATES
from ...importing.pipeline import run_import
from ...importing.workbooks import report_xlsx

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
        policy = policy_in_force()
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

            outcome = run_import(
                path.read_bytes(),
                filename=path.name,
                user=user,
                policy=policy,
                kind=options["kind"],
                commit=not options["dry_run"],
                accept_warnings=options["accept_warnings"],
                max_bytes=settings.ZHUANXING["IMPORT_MAX_BYTES"],
                reason=f"CLI import {path.name}",
                progress=progress,
            )
        _print_problems(console, outcome.lines)
        if options["report"]:
            options["report"].write_bytes(report_xlsx(outcome.table, outcome.lines))
            console.print(f"Report written to {options['report']}")
        kind = TEMPLATES[outcome.kind].title if outcome.kind else "?"
        console.print(
            f"{path.name}: {kind}, {outcome.rows:,} rows, "
            f"[red]{outcome.errors} errors[/], [yellow]{outcome.warnings} warnings[/]"
        )
        if outcome.committed:
            c = outcome.counts
            console.print(
                f"[green]Committed[/]: {c.created:,} new, {c.updated:,} changed, "
                f"{c.unchanged:,} unchanged (as user {user.username})."
            )
            return
        if outcome.errors:
            raise CommandError("not committed: the file has errors; nothing was changed")
        if outcome.warnings and not options["accept_warnings"]:
            raise CommandError(
                "not committed: the file has warnings; rerun with --accept-warnings to commit"
            )
        if options["dry_run"]:
            console.print("Dry run: the file would commit; nothing was changed.")


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
