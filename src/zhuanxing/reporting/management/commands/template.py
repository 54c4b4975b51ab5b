"""``zhuanxing template {annual,monthly,registry,region} -o FILE.xlsx|FILE.csv``: write a blank
import template, the same file the data-reporting page offers for download."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...importing.formats import TEMPLATES
from ...importing.workbooks import template_csv, template_xlsx


class Command(BaseCommand):
    help = "Write a blank import template (.xlsx, or .csv in UTF-8 or GB18030)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(TEMPLATES))
        parser.add_argument(
            "-o", "--output", type=Path, required=True, help="FILE.xlsx or FILE.csv"
        )
        parser.add_argument(
            "--encoding",
            choices=("utf-8", "gb18030"),
            default="utf-8",
            help="of a CSV file: UTF-8 with a byte-order mark (default), or GB18030 for old Excel",
        )

    def handle(self, *args, **options):
        path: Path = options["output"]
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            data = template_xlsx(options["kind"])
        elif suffix == ".csv":
            data = template_csv(options["kind"], options["encoding"])
        else:
            raise CommandError(f"{path}: the file name must end in .xlsx or .csv")
        path.write_bytes(data)
        self.stdout.write(f"{TEMPLATES[options['kind']].title_en} template written to {path}")
