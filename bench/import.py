"""Benchmark: a 50,000-row annual-report workbook, checked and committed (issue 3).

    .venv/bin/python bench/import.py [--database-url URL] [--rows 50000] [--baseline-rows 5000]
                                     [--profile FILE]

Sets up a scratch database with the demo city at the city tier (20,000 enterprises), takes the
latest 50,000 annual reports out of it, writes them as a template workbook, and times
``zhuanxing import`` 's pipeline on it: parse (calamine), cell checks, database checks and rules
(pyarrow), commit (bulk upsert + history) — then the same file again (idempotent: nothing
written). Baselines: reading the workbook with openpyxl instead of calamine, and one ORM save
per row (with its django-simple-history record) on ``--baseline-rows`` rows.

A PostgreSQL URL names a database this script creates and drops (e.g.
postgres://postgres@127.0.0.1:5432/zx_bench_import).
"""

import argparse
import io
import os
import tempfile
import time
from urllib.parse import urlparse


def _postgres(url: str, action: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if action == "create":
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--baseline-rows", type=int, default=5_000)
    parser.add_argument(
        "--profile", default="", help="write cProfile stats of the first import to this file"
    )
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='zx-bench-')}/bench.sqlite3"
    if url.startswith("postgres"):
        _postgres(url, "create")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")
    try:
        _run(args)
    finally:
        if url.startswith("postgres"):
            from django.db import connections

            connections.close_all()
            _postgres(url, "drop")


def _run(args) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from zhuanxing.demo.generator import generate_city
    from zhuanxing.demo.users import ensure_demo_users
    from zhuanxing.demo.writer import county_infos, write_city
    from zhuanxing.orgunits.loader import load_jiaxing_org_units
    from zhuanxing.policy import get_active_policy
    from zhuanxing.reporting.importing.formats import ANNUAL
    from zhuanxing.reporting.importing.pipeline import run_import
    from zhuanxing.reporting.importing.workbooks import template_xlsx
    from zhuanxing.reporting.models import AnnualReport

    call_command("migrate", verbosity=0)
    policy = get_active_policy(settings.ZHUANXING["POLICY_PATH"])
    load_jiaxing_org_units()
    data = generate_city(
        county_infos(),
        city_code=policy.info.city_code,
        seed=settings.ZHUANXING["DEMO_SEED"],
        above_scale=5000,
        below_scale=15000,
        scale_line=policy.above_scale,
    )
    write_city(data)
    ensure_demo_users()
    from zhuanxing.accounts.models import User

    admin = User.objects.get(username="admin")

    # The latest 50,000 reports leave the database and come back through the import.
    reports = list(
        AnnualReport.objects.select_related("enterprise").order_by("-year", "enterprise__uscc")[
            : args.rows
        ]
    )
    years = sorted({r.year for r in reports})
    rows = [
        [
            getattr(r.enterprise, c.key) if c.key in ("uscc", "name") else getattr(r, c.key)
            for c in ANNUAL.columns
        ]
        for r in reports
    ]
    AnnualReport.objects.filter(pk__in=[r.pk for r in reports]).delete()
    t0 = time.perf_counter()
    workbook = template_xlsx("annual", rows)
    t_write = time.perf_counter() - t0
    print(f"database: {connection.vendor}; {len(rows):,} rows, years {years[0]}-{years[-1]}")
    print(f"workbook: {len(workbook) / 1e6:.1f} MB, written in {t_write:.1f} s (not timed)")

    stages: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        stages.setdefault(stage, time.perf_counter())

    def timed_import(label: str):
        stages.clear()
        t0 = time.perf_counter()
        outcome = run_import(workbook, filename="bench.xlsx", user=admin, policy=policy,
                             commit=True, accept_warnings=True, progress=progress)  # fmt: skip
        total = time.perf_counter() - t0
        marks = sorted(stages.items(), key=lambda item: item[1]) + [("end", t0 + total)]
        split = ", ".join(
            f"{name} {marks[i + 1][1] - at:.2f} s" for i, (name, at) in enumerate(marks[:-1])
        )
        assert outcome.committed and not outcome.errors, outcome.lines[:5]
        c = outcome.counts
        print(f"{label}: {total:.2f} s = {len(rows) / total:,.0f} rows/s ({split}); "
              f"{c.created:,} new, {c.updated:,} changed, {c.unchanged:,} unchanged, "
              f"{outcome.warnings} warnings")  # fmt: skip
        return total

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        first = profiler.runcall(timed_import, "import (check + commit), profiled")
        profiler.dump_stats(args.profile)
        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(40)
    else:
        first = timed_import("import (check + commit)")
    again = timed_import("same file again")

    # Baseline 1: reading the workbook with openpyxl (read-only mode) instead of calamine.
    import openpyxl
    import python_calamine

    t0 = time.perf_counter()
    book = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True, data_only=True)
    cells = sum(1 for _ in book.active.iter_rows(values_only=True))
    t_openpyxl = time.perf_counter() - t0
    t0 = time.perf_counter()
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(workbook)).get_sheet_by_index(
        0
    )
    assert len(sheet.to_python()) == cells
    t_calamine = time.perf_counter() - t0
    print(f"read only: openpyxl {t_openpyxl:.2f} s, calamine {t_calamine:.2f} s")

    # Baseline 2: one ORM save per row (with its history record), on a sample.
    sample = reports[: args.baseline_rows]
    with transaction.atomic():
        for year in {r.year for r in sample}:
            ids = [r.enterprise_id for r in sample if r.year == year]
            AnnualReport.objects.filter(year=year, enterprise_id__in=ids).delete()
        t0 = time.perf_counter()
        for report in sample:
            report.pk = None
            report.save()
        t_orm = time.perf_counter() - t0
        transaction.set_rollback(True)
    rate = len(sample) / t_orm
    print(f"baseline per-row ORM save: {len(sample):,} rows in {t_orm:.2f} s = {rate:,.0f} rows/s "
          f"(≈ {len(rows) / rate:.0f} s for {len(rows):,} rows, commit only)")  # fmt: skip
    print(f"summary: import {first:.2f} s, re-import {again:.2f} s")


if __name__ == "__main__":
    main()
