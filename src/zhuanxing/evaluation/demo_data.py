"""Environmental attributes of the demo city (clean-production audits, land grants).

Deterministic from the seed: electroplating, tanning, dyeing and lead-battery firms use toxic
substances; about 3% of the rest too; a few firms break discharge standards or load limits in a
year; about 8% received new land in 2010–2012 (so their evaluation waits three years).
"""

import random
from datetime import date

from django.db import transaction

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.reporting.models import AnnualReport

from .models import EnvironmentalRecord

TOXIC_CLASSES = ("3360", "1910", "1713", "1752", "1762", "3843", "2614", "2720")


@transaction.atomic
def seed_environment(seed: int) -> int:
    """Set the attributes once (skips when records exist); returns records created."""
    if EnvironmentalRecord.objects.exists():
        return 0
    rng = random.Random(seed + 14)
    toxic, granted = [], []
    for enterprise in Enterprise.objects.order_by("pk").only("pk", "industry_code"):
        if enterprise.industry_code in TOXIC_CLASSES or rng.random() < 0.03:
            toxic.append(enterprise.pk)
        if rng.random() < 0.08:
            granted.append((enterprise.pk, date(rng.randint(2010, 2012), rng.randint(1, 12), 1)))
    Enterprise.objects.filter(pk__in=toxic).update(uses_toxic_substances=True)
    for pk, day in granted:
        Enterprise.objects.filter(pk=pk).update(land_granted_on=day)
    records = []
    reports = AnnualReport.objects.order_by("enterprise_id", "year").values_list(
        "enterprise_id", "year"
    )
    for enterprise_id, year in reports.iterator(5000):
        over_standard = rng.random() < 0.015
        over_load = rng.random() < 0.01
        product = rng.random() < 0.02
        if over_standard or over_load or product:
            records.append(
                EnvironmentalRecord(
                    enterprise_id=enterprise_id,
                    year=year,
                    over_discharge_standard=over_standard,
                    over_load_limit=over_load,
                    energy_per_product=round(rng.uniform(90, 130), 2) if product else None,
                    energy_per_product_limit=100 if product else None,
                )
            )
    EnvironmentalRecord.objects.bulk_create(records, batch_size=2000)
    return len(records)


def publish_demo_evaluations(*, policy, admin, years: list[int]) -> list:
    """Evaluate and publish ``years`` once (skipped when a published run exists), and list the
    last year's backward-capacity batch, so the demo shows classes, history and a batch."""
    from .models import EvaluationRun, RunStatus
    from .services import (
        backward_capacity_batch_create,
        evaluation_run_create,
        evaluation_run_publish,
    )

    runs = []
    for year in years:
        if EvaluationRun.objects.filter(year=year, status=RunStatus.PUBLISHED).exists():
            continue
        run = evaluation_run_create(year=year, user=admin, policy=policy)
        runs.append(evaluation_run_publish(run=run, user=admin))
    if runs:
        last = runs[-1]
        backward_capacity_batch_create(
            run=last, user=admin, name=f"{last.year}年第一批", policy=policy
        )
    return runs
