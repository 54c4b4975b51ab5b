"""The demo city's 2009–2012 major-project plan (clause 十五): a few hundred projects with yearly
plans, monthly progress and coordination problems, deterministic from the seed.

Plausible, not calibrated: investments are log-normal around 6,000 万元 (about a quarter of
1亿元 and more), owners are registry firms (three in four) or new investors, energy and emissions
per unit of value added scatter around typical figures so that some projects fail screening,
and one project in five lags its schedule.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind

from .models import (
    InvestorSource,
    PlanEntry,
    Problem,
    Progress,
    Project,
    ProjectKind,
    ProjectStatus,
)

FIRST_YEAR, LAST_YEAR = 2009, 2012
KINDS = [
    (ProjectKind.ZERO_LAND, 25),
    (ProjectKind.STOCK, 20),
    (ProjectKind.RESTRUCTURING, 15),
    (ProjectKind.INNOVATION, 12),
    (ProjectKind.SERVICES, 8),
    (ProjectKind.NEW, 20),
]
PRODUCTS = [
    "新型纺织面料",
    "高档经编",
    "光伏组件",
    "汽车零部件",
    "智能电表",
    "精密模具",
    "特种纤维",
    "皮革制品",
    "紧固件",
    "电子元器件",
    "物流中心",
    "研发中心",
    "新型建材",
    "食品加工",
]
WORDS = ["技改", "扩建", "提升", "产业化", "新建"]
INVESTORS = ["香港", "台湾", "日本", "德国", "美国", "新加坡", "上海", "杭州", "宁波", "苏州"]
PROBLEMS = [
    ("用地指标尚未落实", "国土资源局"),
    ("环评审批进度偏慢", "环保局"),
    ("电力增容未完成", "电力局"),
    ("配套资金到位慢", "发改委"),
    ("拆迁安置未完成", "住建局"),
    ("规划调整待审批", "规划局"),
    ("施工许可待办理", "住建局"),
    ("银行贷款未到位", "金融办"),
]


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@transaction.atomic
def seed_projects(seed: int, count: int = 320, today: date = date(2012, 12, 31)) -> int:
    """Write the demo plan once (skips when projects exist); returns projects created."""
    if Project.objects.exists():
        return 0
    rng = random.Random(seed + 15)
    firms = list(Enterprise.objects.order_by("pk").values_list("pk", "org_unit_id", "name"))
    towns = list(
        OrgUnit.objects.filter(kind__in=[OrgUnitKind.TOWN, OrgUnitKind.PARK]).values_list(
            "pk", flat=True
        )
    )
    if not towns:
        return 0
    kinds, weights = zip(*KINDS, strict=True)
    projects = []
    for _i in range(count):
        kind = rng.choices(kinds, weights)[0]
        owned = firms and kind != ProjectKind.NEW and rng.random() < 0.9
        owner = rng.choice(firms) if owned else None
        investment = min(max(rng.lognormvariate(8.7, 0.8), 500), 120000)
        va = investment * rng.uniform(0.2, 0.45)
        energy_per_va = rng.lognormvariate(-0.9, 0.5)  # tce/万元, around 0.4
        electricity_share = rng.uniform(0.3, 0.7)
        total_tce = va * energy_per_va
        kwh = total_tce * electricity_share * 1000 / 0.1229
        start = date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), 1)
        finish = _add_months(start, rng.randint(10, 36)) - timedelta(days=1)
        new_land = kind in (ProjectKind.NEW, ProjectKind.INNOVATION) and rng.random() < 0.7
        source = InvestorSource.FOREIGN if rng.random() < 0.22 else InvestorSource.DOMESTIC
        product = rng.choice(PRODUCTS)
        investor = (
            ""
            if owner
            else f"{rng.choice(INVESTORS)}{rng.choice(['投资', '实业', '控股'])}有限公司"
        )
        name = f"{owner[2][:6] if owner else investor[:4]}年产{product}{rng.choice(WORDS)}项目"
        status = (
            ProjectStatus.FINISHED if finish <= today
            else ProjectStatus.BUILDING if start <= today else ProjectStatus.PLANNED
        )  # fmt: skip
        projects.append(Project(
            name=name, owner_id=owner[0] if owner else None,
            investor_name=investor, org_unit_id=owner[1] if owner else rng.choice(towns),
            kind=kind, status=status, total_investment=_money(investment),
            land_mu=_money(rng.uniform(20, 200) if new_land else rng.uniform(0, 60)),
            new_land=new_land, start_date=start, finish_date=finish, investor_source=source,
            fortune_500=source == InvestorSource.FOREIGN and rng.random() < 0.2,
            central_soe=source == InvestorSource.DOMESTIC and rng.random() < 0.04,
            industry_leader=rng.random() < 0.1,
            expected_output=_money(va * 4), expected_va=_money(va), expected_tax=_money(va * 0.15),
            energy_tce=_money(total_tce * (1 - electricity_share)), electricity_kwh=int(kwh),
            cod_t=Decimal(f"{va * rng.lognormvariate(-6.2, 0.6):.3f}"),
            nh3n_t=Decimal(f"{va * rng.lognormvariate(-8.5, 0.6):.3f}"),
            so2_t=Decimal(f"{va * rng.lognormvariate(-5.8, 0.7):.3f}"),
            nox_t=Decimal(f"{va * rng.lognormvariate(-6.0, 0.7):.3f}"),
        ))  # fmt: skip
    Project.objects.bulk_create(projects)
    entries, progress, problems = [], [], []
    for project in Project.objects.order_by("pk"):
        months = (project.finish_date.year - project.start_date.year) * 12 + (
            project.finish_date.month - project.start_date.month) + 1  # fmt: skip
        lag = rng.random() < 0.2
        started = (project.start_date.year, project.start_date.month)
        for year in range(
            max(project.start_date.year, FIRST_YEAR), min(project.finish_date.year, LAST_YEAR) + 1
        ):
            first = project.start_date.month if year == project.start_date.year else 1
            last = project.finish_date.month if year == project.finish_date.year else 12
            planned = project.total_investment * (last - first + 1) / months
            entries.append(PlanEntry(
                project=project, year=year, planned_investment=_money(float(planned)),
                milestones="竣工投产" if year == project.finish_date.year else "主体工程建设",
                in_plan=project.total_investment >= 3000 or rng.random() < 0.5,
            ))  # fmt: skip
            last_done = min(last, today.month if year == today.year else 12)
            for month in range(first, last_done + 1):
                pace = rng.uniform(0.3, 0.7) if lag else rng.uniform(0.85, 1.2)
                progress.append(Progress(
                    project=project, year=year, month=month,
                    investment=_money(float(planned) / (last - first + 1) * pace),
                    milestone="开工" if (year, month) == started else "",
                ))  # fmt: skip
        for _n in range(rng.choice([0, 0, 0, 1, 1, 2])):
            text, department = rng.choice(PROBLEMS)
            raised = project.start_date + timedelta(days=rng.randint(0, 200))
            deadline = raised + timedelta(days=rng.choice([30, 45, 60, 90]))
            solved = rng.random() < 0.75 and deadline < today
            problems.append(Problem(
                project=project, description=text, department=department, raised_on=raised,
                deadline=deadline, resolution="已协调解决" if solved else "",
                resolved_on=deadline - timedelta(days=rng.randint(0, 20)) if solved else None,
            ))  # fmt: skip
    PlanEntry.objects.bulk_create(entries)
    Progress.objects.bulk_create(progress, batch_size=2000)
    Problem.objects.bulk_create(problems)
    return len(projects)
