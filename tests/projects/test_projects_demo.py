"""The demo city's 2009–2012 major-project plan: a few hundred projects, every year planned,
progress, problems (some overdue), 1亿元 projects, and projects either side of screening."""

from datetime import date
from decimal import Decimal as D

from django.db.models import Count

from zhuanxing.projects.demo_data import seed_projects
from zhuanxing.projects.models import PlanEntry, Problem, Progress, Project


def test_demo_plan_gives_every_page_data(city, session_policy):
    assert seed_projects(7) == 320
    assert seed_projects(7) == 0  # once
    years = dict(PlanEntry.objects.filter(in_plan=True).values_list("year").annotate(n=Count("pk")))
    assert set(years) == {2009, 2010, 2011, 2012} and min(years.values()) >= 50
    big = Project.objects.filter(
        total_investment__gte=session_policy.projects.priority_investment_min
    )
    assert 40 <= big.count() <= 160
    assert Progress.objects.filter(year=2012).count() > 1000
    open_overdue = Problem.objects.filter(resolved_on__isnull=True, deadline__lt=date(2012, 12, 31))
    assert Problem.objects.count() > 100 and open_overdue.exists()
    assert Project.objects.filter(owner__isnull=True).exists()
    assert Project.objects.filter(investor_source="foreign", fortune_500=True).exists()
    # Energy per VA scatters around 0.4 tce/万元: some projects above any plausible city average.
    per_va = [
        (p.energy_tce + D(p.electricity_kwh) * D("0.0001229")) / p.expected_va
        for p in Project.objects.all()
    ]
    assert min(per_va) < D("0.3") and max(per_va) > D("1")
