"""Demo qualifications and demonstration-enterprise lists for 2009–2012 (``zhuanxing demo``).

Deterministic for a seed; written once (skipped when qualifications exist). The lists of
2009–2011 are selected through the same ranking and service as the page (the best candidates,
published); the 2012 list is left for the city to select.
"""

import datetime
import random

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from zhuanxing.enterprises.models import Enterprise

from . import services
from .models import KIND_VARIANTS, Kind, Level, Qualification
from .selectors import ranking

YEARS = range(2009, 2013)
SELECTED_YEARS = range(2009, 2012)
# kind → (share of firms holding one, levels to draw from, validity in years or None, title)
PLAN = {
    Kind.HIGH_TECH_ENTERPRISE: (0.12, [Level.NATIONAL], 3, "高新技术企业证书"),
    Kind.TECHNOLOGY_CENTRE: (0.10, [Level.PROVINCIAL, Level.MUNICIPAL, Level.MUNICIPAL], None,
                             "企业技术中心"),
    Kind.SPECIALISED_SME: (0.08, [Level.PROVINCIAL, Level.MUNICIPAL], 3, "专精特新中小企业"),
    Kind.FAMOUS_BRAND: (0.06, [Level.PROVINCIAL, Level.MUNICIPAL], 3, "著名商标"),
    Kind.STANDARD: (0.05, [Level.NATIONAL, Level.INDUSTRY], None, "标准"),
    Kind.INCUBATOR: (0.02, [Level.MUNICIPAL], None, "科技企业孵化器"),
    Kind.SERVICE_SPINOFF: (0.02, [Level.MUNICIPAL, Level.COUNTY], None, "主辅分离"),
}  # fmt: skip


def _years_later(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year + years) - datetime.timedelta(days=1)


@transaction.atomic
def seed_innovation(*, seed: int, policy, admin) -> tuple[int, int]:
    """Qualifications of a share of the firms, and the published lists of 2009–2011. Returns
    (qualifications, lists) written."""
    if Qualification.objects.exists() or policy.innovation is None:
        return 0, 0
    rng = random.Random(seed + 17)
    firms = list(Enterprise.objects.order_by("pk").values_list("pk", "name"))
    made = []
    for kind, (share, levels, validity, title) in PLAN.items():
        for firm, name in rng.sample(firms, int(len(firms) * share)):
            issued = datetime.date(rng.randint(2006, 2012), rng.randint(1, 12), rng.randint(1, 28))
            variant = rng.choice(KIND_VARIANTS[kind]) if kind in KIND_VARIANTS else ""
            label = title
            if kind == Kind.STANDARD:
                label = f"{rng.choice(['GB/T', 'QB/T', 'FZ/T', 'JB/T'])} {rng.randint(1000, 39999)}"
                label += f"-{issued.year} 标准"
            made.append(
                Qualification(
                    enterprise_id=firm,
                    kind=kind,
                    level=rng.choice(levels),
                    variant=variant,
                    title=label,
                    reference=f"{issued.year}{rng.randint(10000, 99999)}",
                    issued_on=issued,
                    expires_on=_years_later(issued, validity) if validity else None,
                    evidence_note=f"{name}：{label}，认定文件存档",
                    recorded_by=admin,
                )
            )
    bulk_create_with_history(made, Qualification, default_user=admin)
    lists = 0
    if policy.demonstration is not None:
        for year in SELECTED_YEARS:
            best = ranking(year=year, policy=policy).candidates[: min(10, len(firms))]
            if not best:
                continue
            services.demonstration_select(
                user=admin, year=year, enterprise_ids=[c.id for c in best], policy=policy
            )
            services.demonstration_publish(user=admin, year=year)
            lists += 1
    return len(made), lists
