"""``zhuanxing tax estimate FILE.json [--json]``: one enterprise-year's income tax and incentives.

FILE (``-`` for standard input) holds ``{"year", "sector": "industrial"|"other",
"taxable_income", "employees", "total_assets", "high_tech", "rd_expense",
"special_equipment_investment", "resource_reuse_revenue"}`` (money in 万元, before the R&D
super deduction and the other incentives; absent numbers are 0). ``--json`` prints
``{"tax_due", "tax_without_incentives", "saving", "rate", "incentives": [{"name", "basis",
"amount"}]}`` with money as exact strings of two decimals. A bad document or a year outside the
policy's tax rules exits with status 2 and says why.
"""

import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from zhuanxing.policy.active import policy_in_force

from ...tax import InputError, estimate, input_from_json


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Enterprise income tax incentives (clause 十八) under the rules of a year."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        est = sub.add_parser("estimate", help="estimate one enterprise-year from a JSON file")
        est.add_argument("file", help="the input JSON file, or - for standard input")
        est.add_argument("--json", action="store_true", help="one JSON document on stdout")

    def handle(self, *args, action, file, **options):
        try:
            text = sys.stdin.read() if file == "-" else open(file, encoding="utf-8").read()
        except OSError as exc:
            raise _fail(f"cannot read {file}: {exc.strerror}") from None
        try:
            doc = json.loads(text, parse_float=Decimal, parse_int=Decimal)
        except ValueError as exc:
            raise _fail(f"{file} is not JSON: {exc}") from None
        try:
            data = input_from_json(doc)
        except InputError as exc:
            raise _fail(str(exc)) from None
        policy = policy_in_force()
        try:
            rules = policy.tax_rule_set(data.year)
        except ValueError:
            tax = policy.tax
            raise _fail(
                f"year {data.year} is outside the tax rules of the policy "
                f"({tax.first_year}–{tax.last_year})"
            ) from None
        result = estimate(data, rules)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"{data.year}  rate {result.rate}%")
        self.stdout.write(f"tax without incentives {result.tax_without_incentives:>12.2f} 万元")
        for item in result.incentives:
            self.stdout.write(f"  - {item.key:<22}{item.amount:>12.2f}  {item.basis}")
        self.stdout.write(f"tax due                {result.tax_due:>12.2f} 万元")
        self.stdout.write(f"saving                 {result.saving:>12.2f} 万元")
