"""``zhuanxing report monthly --month 2012-06 -o FILE.docx [--xlsx FILE.xlsx] [--region CODE]``:
the monthly industrial operation analysis for the city (or one unit), as the page builds it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhuanxing.analytics.store import StoreMissing
from zhuanxing.core.periods import MONTH
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind

from ...report import build_docx, build_xlsx
from ...selectors import context_for


class Command(BaseCommand):
    help = "Write the monthly operation analysis report (Word, and optionally Excel)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        monthly = sub.add_parser("monthly", help="the monthly analysis report")
        monthly.add_argument("--month", required=True, help="YYYY-MM")
        monthly.add_argument("-o", "--output", required=True, help="the .docx file to write")
        monthly.add_argument("--xlsx", help="also write the tables to this .xlsx file")
        monthly.add_argument("--region", help="org-unit code (default: the city)")

    def handle(self, *args, month, output, xlsx=None, region=None, **options):
        if not MONTH.match(month):
            raise CommandError(f"--month must be YYYY-MM, got {month!r}")
        units = (
            OrgUnit.objects.filter(code=region)
            if region
            else OrgUnit.objects.filter(kind=OrgUnitKind.CITY)
        )
        unit = units.first()
        if unit is None:
            raise CommandError(f"unknown org unit {region!r}")
        try:
            ctx = context_for(unit, month)
        except StoreMissing as exc:
            raise CommandError(f"{exc} (run: zhuanxing analytics build)") from None
        args = (ctx["op"], unit.name, ctx["county_names"], ctx["category_names"], ctx["warnings"])
        Path(output).write_bytes(
            build_docx(*args, definitions=ctx["definitions"], analysis=ctx["analysis"])
        )
        self.stdout.write(f"wrote {output}")
        if xlsx:
            Path(xlsx).write_bytes(build_xlsx(*args, ctx["names"], ctx["analysis"]))
            self.stdout.write(f"wrote {xlsx}")
