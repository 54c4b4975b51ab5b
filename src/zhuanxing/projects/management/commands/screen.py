"""``zhuanxing screen FILE.json [--json]``: screen a new project against the city averages.

Input: ``{"name", "region", "value_added" (万元/yr), "energy_tce" (energy other than
electricity), "electricity_kwh", "cod_t", "nh3n_t", "so2_t", "nox_t"}``. Output (``--json``):
``{"approved", "review_tier", "key_energy_user", "checks": [{"measure", "project_per_va",
"city_average_per_va", "passed", …}], "reasons", …}``. A missing, non-numeric or negative figure,
or an unknown region, ends with exit status 2 naming the field.
"""

import json
import sys

from django.core.management.base import BaseCommand

from zhuanxing.core.errors import UserError
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.policy.active import policy_in_force

from ...screening import InputError, parse_figures
from ...services import screen_figures


def fail(message: str) -> None:
    print(f"zhuanxing screen: {message}", file=sys.stderr)
    sys.exit(2)


class Command(BaseCommand):
    help = "Screen a new project (JSON file) against the city's energy and emission averages."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the project's figures, JSON ('-' for standard input)")
        parser.add_argument("--json", action="store_true", help="print the verdict as JSON")

    def handle(self, *args, **options):
        try:
            if options["file"] == "-":
                data = json.load(sys.stdin)
            else:
                with open(options["file"], encoding="utf-8") as handle:
                    data = json.load(handle)
        except (OSError, ValueError) as exc:
            fail(f"cannot read {options['file']}: {exc}")
        if not isinstance(data, dict):
            fail("the file must hold one JSON object")
        for key in ("name", "region"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                fail(f"{key}: missing")
        if not OrgUnit.objects.filter(code=data["region"]).exists():
            fail(f"region: unknown org unit {data['region']!r}")
        try:
            figures = parse_figures(data)
        except InputError as exc:
            fail(f"{exc.field}: {exc.problem}")
        policy = policy_in_force()
        try:
            verdict = screen_figures(figures, policy)
        except UserError as exc:
            fail(str(exc))
        verdict = {"name": data["name"], "region": data["region"], **verdict}
        if options["json"]:
            self.stdout.write(json.dumps(verdict, ensure_ascii=False, indent=2))
            return
        outcome = "APPROVED" if verdict["approved"] else "NOT APPROVED"
        self.stdout.write(f"{data['name']} ({data['region']}): {outcome}, "
                          f"review tier {verdict['review_tier']}")  # fmt: skip
        for check in verdict["checks"]:
            self.stdout.write(
                f"  {check['measure']:<14} project {check['project_per_va']} vs city "
                f"{check['city_average_per_va']} {check['unit']}: "
                f"{'pass' if check['passed'] else 'fail'}"
            )
        for reason in verdict["reasons"]:
            self.stdout.write(f"  - {reason}")
