"""``zhuanxing assessment_demo_targets``: split the demo city's targets among its counties.

For the latest year in the analytics store, each county's target on each assessed indicator is
its own value a year earlier raised 5% (lowered 3% where lower is better), the way a city
typically hands out annual targets. Does nothing when that year already has targets.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand

from zhuanxing.accounts import access
from zhuanxing.analytics.records import indicator_records
from zhuanxing.analytics.selectors import years_available
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
from zhuanxing.policy.active import policy_in_force

from ...models import CountyTarget
from ...services import county_targets_set


class Command(BaseCommand):
    help = "Set demo county targets for the latest year from each county's previous year."

    def handle(self, *args, **options):
        policy = policy_in_force()
        span = years_available()
        if span is None or policy.assessment is None:
            self.stdout.write("no analytics store or no assessment scheme: nothing to do")
            return
        year = span[1]
        if CountyTarget.objects.filter(year=year).exists():
            self.stdout.write(f"county targets for {year} exist: reusing them")
            return
        city = OrgUnit.objects.get(kind=OrgUnitKind.CITY)
        lower_better = {i.indicator for i in policy.assessment.indicators if not i.higher_is_better}
        assessed = {i.indicator for i in policy.assessment.indicators}
        targets = {}
        for r in indicator_records(city, year - 1, level="county"):
            if r["region"] == city.code or r["indicator"] not in assessed or r["value"] is None:
                continue
            factor = Decimal("0.97") if r["indicator"] in lower_better else Decimal("1.05")
            targets[(r["region"], r["indicator"])] = (Decimal(str(r["value"])) * factor).quantize(
                Decimal("0.0001")
            )
        admin = access.city_admin_users().first()
        changed = county_targets_set(
            year=year, targets=targets, user=admin, scheme=policy.assessment
        )
        self.stdout.write(f"set {changed} county targets for {year}")
