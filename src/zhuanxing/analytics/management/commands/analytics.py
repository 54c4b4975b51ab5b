"""``zhuanxing analytics build [--incremental]``: build or refresh the analytics store."""

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from ...build import build_store, store_path


class Command(BaseCommand):
    help = "Analytics store: `build` writes a new DuckDB file from the operational database."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["build"])
        parser.add_argument(
            "--incremental",
            action="store_true",
            help="re-read only the periods whose data changed (a no-op when the store is current)",
        )

    def handle(self, *args, **options):
        console = Console()
        if options["action"] != "build":
            raise CommandError("unknown action")
        report = build_store(
            incremental=options["incremental"],
            progress=lambda message: console.print(f"  {message}"),
        )
        if report.mode == "current":
            console.print(f"Analytics store is current: {store_path()}")
            return
        rows = ", ".join(f"{k} {v:,}" for k, v in report.rows.items())
        periods = f" periods {', '.join(report.periods)};" if report.periods else ""
        console.print(
            f"Analytics store {report.mode} build in {report.seconds:.2f} s:{periods} {rows} "
            f"→ {store_path()}"
        )
