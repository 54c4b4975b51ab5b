"""``zhuanxing price_index import FILE.csv``: load producer price indices (上年同月 = 100).

The file has a header ``month,division,value``: ``month`` YYYY-MM, ``division`` a GB/T 4754
division code (two digits) or empty for all industry, ``value`` the index. A row for a month and
division already held replaces it. ``zhuanxing price_index list`` prints what is held.
"""

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...models import PriceIndex


class Command(BaseCommand):
    help = "Import or list the producer price indices used for comparable-price growth."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="load a CSV file (month,division,value)")
        load.add_argument("file")
        sub.add_parser("list", help="print the indices held")

    def handle(self, *args, action, file=None, **options):
        if action == "list":
            for row in PriceIndex.objects.all():
                self.stdout.write(f"{row.month},{row.division},{row.value}")
            return
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        rows = []
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, record in enumerate(csv.DictReader(handle), start=2):
                try:
                    value = Decimal((record.get("value") or "").strip())
                except InvalidOperation:
                    raise CommandError(f"line {number}: value is not a number") from None
                row = PriceIndex(
                    month=(record.get("month") or "").strip(),
                    division=(record.get("division") or "").strip(),
                    value=value,
                )
                try:
                    row.full_clean(validate_unique=False, validate_constraints=False)
                except ValidationError as exc:
                    raise CommandError(f"line {number}: {exc.messages[0]}") from None
                rows.append(row)
        with transaction.atomic():
            for row in rows:
                PriceIndex.objects.update_or_create(
                    month=row.month, division=row.division, defaults={"value": row.value}
                )
        self.stdout.write(f"imported {len(rows)} price indices")
