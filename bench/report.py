"""Benchmark: the monthly analysis report (Word) at the city tier (issue 19: ≤ 2 s).

    .venv/bin/python bench/report.py [--scratch DIR] [--month 2012-06] [--runs 5] [--out FILE]

Writes the demo city at the city tier (5,000 规上 + 15,000 规下 firms, 2007–2012) into a scratch
SQLite file (reused when ``--scratch`` already holds one), builds the analytics store, loads a
producer price index series for the report's year (``--prices``, a CSV as
``zhuanxing price_index import`` reads; without it the growth is at current prices), then times
what the report download does: the figures (``selectors.context_for`` with the analysis) and the
Word document (``report.build_docx``), the store's connection kept between runs as the server
keeps it. The last report is written to ``--out``.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scratch", default=None)
    parser.add_argument("--month", default="2012-06")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=None)
    parser.add_argument("--prices", default=None)
    args = parser.parse_args()
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="zx-report-city-", dir="/tmp"))
    scratch.mkdir(parents=True, exist_ok=True)
    fresh = not (scratch / "bench.sqlite3").exists()
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
    os.environ["ZHUANXING_ANALYTICS_PATH"] = f"{scratch}/store.duckdb"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from zhuanxing.analytics.build import build_store
    from zhuanxing.demo.generator import generate_city
    from zhuanxing.demo.management.commands.demo import tier
    from zhuanxing.demo.users import ensure_demo_users
    from zhuanxing.demo.writer import county_infos, write_city
    from zhuanxing.monitoring import report
    from zhuanxing.monitoring.selectors import context_for
    from zhuanxing.orgunits.loader import load_jiaxing_org_units
    from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
    from zhuanxing.policy import get_active_policy

    if fresh:
        call_command("migrate", verbosity=0)
        policy = get_active_policy(settings.ZHUANXING["POLICY_PATH"])
        load_jiaxing_org_units()
        t0 = time.perf_counter()
        data = generate_city(county_infos(), city_code=policy.info.city_code, seed=20090820,
                             scale_line=policy.above_scale, **tier({"scale": "city"}))  # fmt: skip
        write_city(data)
        ensure_demo_users()
        data = None
        build_store()
        print(f"city tier written and store built in {time.perf_counter() - t0:.1f} s")
    if args.prices:
        call_command("price_index", "import", args.prices)

    unit = OrgUnit.objects.get(kind=OrgUnitKind.CITY)
    figures, documents, cpu = [], [], []
    body = b""
    for _ in range(args.runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        ctx = context_for(unit, args.month)
        t1 = time.perf_counter()
        body = report.build_docx(
            ctx["op"], unit.name, ctx["county_names"], ctx["category_names"], ctx["warnings"],
            definitions=ctx["definitions"], analysis=ctx["analysis"],
        )  # fmt: skip
        t2 = time.perf_counter()
        cpu.append(time.process_time() - c0)
        figures.append(t1 - t0)
        documents.append(t2 - t1)
    totals = [a + b for a, b in zip(figures, documents, strict=True)]
    print(f"month {args.month}, {args.runs} runs (first run includes the store's first open)")
    print(f"figures   first {figures[0]:.2f} s, median {statistics.median(figures):.2f} s")
    print(f"document  first {documents[0]:.2f} s, median {statistics.median(documents):.2f} s")
    print(f"total     first {totals[0]:.2f} s, median {statistics.median(totals):.2f} s, "
          f"max {max(totals):.2f} s")  # fmt: skip
    # CPU time of the process (all its threads): what the machine spent, whatever else ran.
    print(f"cpu       first {cpu[0]:.2f} s, median {statistics.median(cpu):.2f} s")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.out:
        Path(args.out).write_bytes(body)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    sys.exit(main())
