"""``zhuanxing evaluate --year Y [--json] [--save]``: the 亩均效益 evaluation of a year.

Prints every evaluated enterprise's indicators, total, rank and class, and the excluded ones
with the reason. ``--save`` keeps the result as a draft run (as the page does).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from zhuanxing.accounts import access
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.policy.active import policy_in_force

from ...services import _json_number, evaluate_year_in_force, evaluation_run_create


class Command(BaseCommand):
    help = "Evaluate every enterprise's per-mu efficiency (亩均效益) for a year."
    # A batch job reading the database: the URL and template checks (a quarter of its time at
    # the city tier) belong to starting the server, not to it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
        parser.add_argument("--save", action="store_true", help="keep the result as a draft run")

    def handle(self, *args, year, **options):
        policy = policy_in_force()
        method = policy.evaluation
        if not method.enabled:
            raise CommandError("the policy in force has no evaluation enabled")
        result = evaluate_year_in_force(year, policy)
        if result is None:
            raise CommandError(f"no annual reports for {year}")
        if options["save"]:
            admin = access.city_admin_users().first()
            if admin is None:
                raise CommandError("--save needs a city administrator account to record the run")
            run = evaluation_run_create(year=year, user=admin, policy=policy)
            self.stderr.write(f"saved as draft run #{run.pk}")
        if options["json"]:
            payload = {
                "year": year,
                "policy": policy.info.id,
                "evaluated": [
                    {
                        "enterprise_id": r.enterprise_id,
                        "population": r.population,
                        "indicators": {
                            i.key: {
                                "value": _json_number(i.value),
                                "benchmark": _json_number(i.benchmark),
                                "score": str(i.score),
                                "imputed": i.imputed,
                            }
                            for i in r.indicators
                        },
                        "total": str(r.total),
                        "rank": r.rank,
                        "class": r.klass,
                    }
                    for r in result.results
                ],
                "excluded": [
                    {"enterprise_id": eid, "population": pop, "reason": reason}
                    for eid, (pop, reason) in sorted(result.excluded.items())
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        paths = dict(
            Enterprise.objects.filter(pk__in=[r.enterprise_id for r in result.results])
            .values_list("pk", "org_unit__path")
            .iterator(2000)
        )
        for r in result.results:
            path = paths.get(r.enterprise_id, "")
            self.stdout.write(
                f"{r.population:<12}{r.rank:>6}  {r.klass}  {r.total:>8}  "
                f"{r.enterprise_id:>8}  {path}"
            )
        self.stdout.write(f"{len(result.results)} evaluated, {len(result.excluded)} excluded")
