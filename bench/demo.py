"""Benchmark: generating and writing the demo city (city tier: 5,000 规上 + 15,000 规下).

    .venv/bin/python bench/demo.py [--database-url URL] [--above 5000 --below 15000]

Prints the time to generate, the time to write with ``bulk_insert`` (executemany on SQLite, COPY
on PostgreSQL), and, as the baseline, the time Django's ``bulk_create`` takes for the same
annual and monthly rows. Uses a scratch database (a temporary SQLite file by default).
"""

import argparse
import os
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--above", type=int, default=5000)
    parser.add_argument("--below", type=int, default=15000)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="zx-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from zhuanxing.demo.generator import generate_city
    from zhuanxing.demo.writer import county_infos, write_city
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.orgunits.loader import load_jiaxing_org_units
    from zhuanxing.policy import get_active_policy
    from zhuanxing.reporting.models import AnnualReport, MonthlyReport

    call_command("flush", interactive=False, verbosity=0) if args.database_url else None
    call_command("migrate", verbosity=0)
    policy = get_active_policy(settings.ZHUANXING["POLICY_PATH"])
    load_jiaxing_org_units()

    t0 = time.perf_counter()
    data = generate_city(
        county_infos(),
        city_code=policy.info.city_code,
        seed=settings.ZHUANXING["DEMO_SEED"],
        above_scale=args.above,
        below_scale=args.below,
        scale_line=policy.above_scale,
    )
    t_generate = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_city(data)
    t_write = time.perf_counter() - t0

    # Baseline: the same report rows through the ORM's bulk_create.
    ids = dict(Enterprise.objects.values_list("uscc", "id"))
    from zhuanxing.demo.generator import ANNUAL_FIELDS, MONTHLY_FIELDS

    with transaction.atomic():
        AnnualReport.objects.all().delete()
        MonthlyReport.objects.all().delete()
        t0 = time.perf_counter()
        AnnualReport.objects.bulk_create(
            (
                AnnualReport(
                    enterprise_id=ids[r[0]],
                    year=r[1],
                    **dict(zip(ANNUAL_FIELDS, r[2:], strict=True)),
                )
                for r in data.annual
            ),
            batch_size=2000,
        )
        MonthlyReport.objects.bulk_create(
            (
                MonthlyReport(
                    enterprise_id=ids[r[0]], period=f"{r[1]}-{r[2]:02d}", year=r[1], month=r[2],
                    **dict(zip(MONTHLY_FIELDS, r[3:], strict=True)),
                )
                for r in data.monthly
            ),
            batch_size=2000,
        )  # fmt: skip
        t_orm = time.perf_counter() - t0

    rows = len(data.annual) + len(data.monthly)
    print(f"database            {connection.vendor}")
    print(f"enterprises         {len(data.enterprises):,}")
    print(f"annual reports      {len(data.annual):,}")
    print(f"monthly reports     {len(data.monthly):,}")
    print(f"generate            {t_generate:6.2f} s")
    print(
        f"write (bulk_insert) {t_write:6.2f} s  (enterprises with history + {rows:,} report rows)"
    )
    print(f"baseline bulk_create of the report rows only: {t_orm:6.2f} s")
    print(f"total generate+write {t_generate + t_write:6.2f} s")


if __name__ == "__main__":
    sys.exit(main())
