"""``zhuanxing indicators --year Y --region CODE [--level county] [--json]``.

Prints one record per indicator and region: {"indicator", "region", "year", "value", "unit",
"target", "status"}. An operator's command: it reads the whole store (no user scoping); the web
API (/analytics/api/indicators/) returns the same records scoped to the user.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from zhuanxing.orgunits.models import OrgUnit

from ...records import indicator_records
from ...selectors import LEVEL_DEPTH, years_available


class Command(BaseCommand):
    help = "Indicator values, targets and statuses for a region and year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--region", required=True, help="org-unit code, e.g. 330400")
        parser.add_argument("--level", choices=sorted(LEVEL_DEPTH), help="also units below")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        unit = OrgUnit.objects.filter(code=options["region"]).first()
        if unit is None:
            raise CommandError(f"unknown region {options['region']!r}")
        if years_available() is None:
            raise CommandError("no analytics store: run `zhuanxing analytics build`")
        level = options["level"]
        if level and LEVEL_DEPTH[level] <= unit.depth:
            raise CommandError(f"--level {level} is not below {unit.code}")
        rows = indicator_records(unit, options["year"], level)
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for r in rows:
            value = "无数据" if r["value"] is None else f"{r['value']:.3f}"
            target = "" if r["target"] is None else f" target {r['target']:.3f} {r['status']}"
            firms = "" if r["firms"] is None else f" ({r['firms']} firms)"
            notes = "".join(
                f" [{note}]"
                for note in (
                    "approximate" if r["approximate"] else "",
                    r["scope"] or "",
                    r["reason"],
                )
                if note
            )
            self.stdout.write(
                f"{r['region']:<10} {r['indicator']:<28} {value} {r['unit']}{firms}{target}{notes}"
            )
