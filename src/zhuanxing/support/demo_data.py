"""Demo special funds and guarantee agencies for 2009–2012 (``zhuanxing demo``).

Deterministic for a seed; written once (skipped when programmes exist). Allocation and the award
go through the same pure rules as the pages (``allocation.allocate``, ``award.rank_agencies``).
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from zhuanxing.core.errors import UserError
from zhuanxing.enterprises.models import Enterprise

from .allocation import Candidate, allocate
from .award import Entry, rank_agencies
from .models import (
    ApplicationStatus,
    Disbursement,
    FundApplication,
    FundProgramme,
    GuaranteeAgency,
    GuaranteeAward,
    GuaranteeFigures,
    ProgrammeStatus,
)

YEARS = range(2009, 2013)
AGENCY_NAMES = [
    "嘉兴市中小企业信用担保有限公司", "嘉兴市融资担保有限公司", "南湖区创业担保有限公司",
    "秀洲区信用担保有限公司", "嘉善县中小企业担保有限公司", "平湖市信用担保有限公司",
    "海盐县融资担保有限公司", "海宁市中小企业担保有限公司", "桐乡市信用担保有限公司",
    "嘉兴经济开发区担保有限公司", "海宁市科技担保有限公司", "桐乡市中小企业担保有限公司",
]  # fmt: skip
PROJECTS = ["生产线技术改造", "节能降耗改造", "研发中心建设", "品牌与市场开拓", "信息化改造"]


def _money(rng, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


@transaction.atomic
def seed_support(*, seed: int, policy, admin) -> tuple[int, int]:
    """Programmes with applications, reviews, scores, allocations and payments; agencies with
    yearly figures and the recorded award. Returns (programmes, agencies) written."""
    if FundProgramme.objects.exists() or policy.funds is None:
        return 0, 0
    rng = random.Random(seed + 16)
    funds = policy.funds
    firms = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True))
    if not firms:
        return 0, 0
    programmes = 0
    for year in YEARS:
        for category in funds.categories:
            budget = Decimal(rng.choice([200, 300, 500, 800]))
            programme = FundProgramme.objects.create(
                year=year,
                category=category.key,
                name=f"{year}年{category.name}专项资金",
                budget=budget,
                status=ProgrammeStatus.ALLOCATED,
                created_by=admin,
            )
            programmes += 1
            scored = []
            for i, firm in enumerate(rng.sample(firms, min(len(firms), rng.randint(5, 10)))):
                approved = rng.random() < 0.85
                points = {
                    item.key: str(
                        (item.max_points * Decimal(rng.randint(45, 100)) / 100).quantize(
                            Decimal("0.01")
                        )
                    )
                    for item in funds.scoring
                }
                app = FundApplication.objects.create(
                    programme=programme,
                    enterprise_id=firm,
                    project=f"{rng.choice(PROJECTS)}（{i + 1}）",
                    amount_requested=_money(rng, 20, 150),
                    documents="项目申报书\n可行性研究报告\n财务审计报告",
                    status=ApplicationStatus.SCORED
                    if approved
                    else ApplicationStatus.COUNTY_REJECTED,
                    county_comment="材料齐全，同意上报" if approved else "不符合申报条件",
                    scores=points if approved else {},
                    score=sum(Decimal(v) for v in points.values()) if approved else None,
                    submitted_by=admin,
                )
                if approved:
                    scored.append(app)
            grants = allocate(
                budget,
                [Candidate(a.pk, a.score, a.amount_requested, n) for n, a in enumerate(scored)],
                pass_score=funds.pass_score,
                partial=funds.partial_grants,
            )
            for app in scored:
                app.granted = grants[app.pk]
                app.status = (
                    ApplicationStatus.GRANTED if app.granted > 0 else ApplicationStatus.NOT_GRANTED
                )
                app.save(update_fields=["granted", "status"])
                if app.granted > 0:
                    paid = (
                        app.granted if year < 2012 else (app.granted / 2).quantize(Decimal("0.01"))
                    )
                    Disbursement.objects.create(
                        application=app,
                        amount=paid,
                        paid_on=datetime.date(year, 12, 20),
                        note="首期拨付" if paid < app.granted else "全额拨付",
                        recorded_by=admin,
                    )
    # One programme of 2012 still open, for the demo's enterprise to apply to.
    FundProgramme.objects.create(
        year=2012,
        category=funds.categories[0].key,
        name=f"2012年第二批{funds.categories[0].name}专项资金",
        budget=Decimal(300),
        created_by=admin,
    )
    rule = policy.awards.guarantee_agencies
    agencies = [GuaranteeAgency.objects.create(name=n) for n in AGENCY_NAMES]
    for year in YEARS:
        growth = Decimal(1) + Decimal(year - 2009) / 10
        entries = []
        for agency in agencies:
            figures = GuaranteeFigures.objects.create(
                agency=agency,
                year=year,
                sme_guarantee_amount=(_money(rng, 3000, 30000) * growth).quantize(Decimal("0.01")),
                sme_count=int(rng.randint(40, 400) * growth),
            )
            entries.append(
                Entry(
                    agency.pk,
                    agency.name,
                    {
                        "sme_guarantee_amount": figures.sme_guarantee_amount,
                        "sme_count": figures.sme_count,
                    },
                )
            )
        if year == YEARS[-1]:
            continue  # the last year's award is for the city to record
        for e in rank_agencies(entries, weights=rule.score_weights, count=rule.count):
            if e.awarded:
                GuaranteeAward.objects.create(
                    year=year,
                    agency_id=e.id,
                    rank=e.rank,
                    score=e.score,
                    amount=rule.amount,
                    awarded_by=admin,
                )
    return programmes + 1, len(agencies)


def seed_recommendations(*, policy, admin, years=(2010, 2011, 2012)) -> list:
    """The lists of projects recommended to banks, built from the rules and published by the
    demo's city administrator, once per year (skipped when the year has a list)."""
    from .models import RecommendationList
    from .services import recommendation_build, recommendation_publish

    published = []
    for year in years:
        if policy.financing is None or RecommendationList.objects.filter(year=year).exists():
            continue
        try:
            built = recommendation_build(user=admin, year=year, policy=policy)
            published.append(recommendation_publish(user=admin, recommendation=built))
        except UserError:
            continue  # no project planned that year, or none qualifies
    return published
