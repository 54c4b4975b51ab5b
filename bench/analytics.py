"""Benchmark: the analytics store and the indicator engine.

    .venv/bin/python bench/analytics.py --tier province   # 150,000 firms, 2003-2012 monthly
    .venv/bin/python bench/analytics.py --tier city       # 20,000 firms, 2007-2012
    .venv/bin/python bench/analytics.py --var-dir /tmp/prov   # a tier `zhuanxing demo` made

With ``--var-dir``, the database and store of a demo already generated there (``ZHUANXING_VAR_DIR``
of ``zhuanxing demo --scale province``) are used instead of generating the tier again (at the
province tier generating takes 5-20 minutes, depending on the machine's load); the benchmark
changes one annual report per refresh run there (value added + 1).

Generates the tier into a scratch SQLite file under /tmp (never var/), then measures:
- the full store build (operational DB → Arrow → DuckDB file, swapped in);
- an incremental refresh after one enterprise-year changes (one annual report saved): only the
  changed enterprise-year re-read, against the whole year re-read, interleaved;
- the engine's query (every enterprise-side policy indicator, by year × county × 1244 category,
  GROUPING SETS, one statement) against the same aggregation hand-written as one DuckDB query
  over a Parquet file of the fact table (the floor);
- the cockpit page's server time (Django test client, as the leader): the cockpit itself
  (/analytics/cockpit/) and the home page, which adds the registry summary (ORM queries).
Medians of repeated runs; the first (cold) run is shown separately.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time


def timed(fn, runs: int = 1):
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tier", choices=["city", "province"], default="province")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--refresh-runs", type=int, default=5)
    parser.add_argument("--var-dir", default=None, help="an already generated demo's VAR_DIR")
    parser.add_argument(
        "--no-full-build", action="store_true", help="with --var-dir: keep the store there"
    )
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix=f"zx-analytics-{args.tier}-", dir="/tmp")
    if args.var_dir:
        os.environ["ZHUANXING_VAR_DIR"] = args.var_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("ZHUANXING_ANALYTICS_PATH", None)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
        os.environ["ZHUANXING_ANALYTICS_PATH"] = f"{scratch}/store.duckdb"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")
    import django

    django.setup()
    import duckdb
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from zhuanxing.accounts.models import User
    from zhuanxing.analytics import engine, selectors, store
    from zhuanxing.analytics.build import build_store, store_path
    from zhuanxing.policy import get_active_policy
    from zhuanxing.reporting.models import AnnualReport

    call_command("migrate", verbosity=0)
    policy = get_active_policy(settings.ZHUANXING["POLICY_PATH"])
    if args.var_dir:
        from zhuanxing.enterprises.models import Enterprise

        print(f"reusing {args.var_dir}: {Enterprise.objects.count():,} firms, "
              f"{AnnualReport.objects.count():,} annual reports")  # fmt: skip
    else:
        generate(args, policy)

    if args.var_dir and args.no_full_build and os.path.exists(store_path()):
        build_store(incremental=True)  # up to date with the database before timing
    else:
        report, (t_full,) = timed(build_store)
        print(f"full build {t_full:.2f} s ({report.rows})")
    print(f"store {os.path.getsize(store_path()) / 2**20:.0f} MiB")

    # Incremental refresh after one enterprise-year changes: only that enterprise's year re-read
    # (the default), against the whole year re-read (the limit of changed enterprises at 0, the
    # behaviour before), interleaved so machine load hits both alike.
    refresh: dict[str, list[float]] = {"enterprise-year": [], "whole year": []}
    for run in range(args.refresh_runs):
        for label, limit in (("enterprise-year", 5000), ("whole year", 0)):
            settings.ZHUANXING["ANALYTICS_REFRESH_MAX_ENTERPRISES"] = limit
            one = AnnualReport.objects.filter(year=2010).order_by("pk")[run]
            one.value_added = one.value_added + 1
            one.save()
            report, (t_inc,) = timed(lambda: build_store(incremental=True))
            refresh[label].append(t_inc)
            print(f"incremental refresh ({label}) {t_inc:.2f} s (mode {report.mode}, "
                  f"periods {report.periods}, rows {report.rows})")  # fmt: skip
    settings.ZHUANXING["ANALYTICS_REFRESH_MAX_ENTERPRISES"] = 5000
    for label, times in refresh.items():
        print(
            f"incremental refresh ({label}): median {statistics.median(times):.2f} s, "
            f"min {min(times):.2f} s, max {max(times):.2f} s over {len(times)} runs"
        )

    # Engine against the hand-written floor: the enterprise-side policy indicators.
    keys = [k for k, i in policy.indicators.items() if i.numerator.source == "enterprise"
            and (i.denominator is None or i.denominator.source == "enterprise")]  # fmt: skip
    first, last, _m = selectors.years_available()
    q = engine.Query(
        indicators={k: policy.indicators[k] for k in keys}, region_code="330400",
        region_path="/330400/", start=first + 1, end=last, level="county",
        breakdown="category_1244", cross=False,
    )  # fmt: skip
    cursor = store.read_cursor(store_path())
    parquet = f"{scratch}/fact_annual.parquet"
    cursor.execute(f"COPY fact_annual TO '{parquet}' (FORMAT parquet)")
    floor = duckdb.connect()
    # Interleaved, so load from other processes on the machine hits both sides alike.
    engine_times, floor_times = [], []
    for _ in range(args.runs):
        engine_times += timed(lambda: engine.evaluate(cursor, q))[1]
        floor_times += timed(lambda: floor.execute(HAND_WRITTEN.format(parquet)).fetchall())[1]
    e_med, f_med = statistics.median(engine_times[1:]), statistics.median(floor_times[1:])
    print(f"engine query ({len(keys)} indicators): cold {engine_times[0] * 1000:.1f} ms, median "
          f"{e_med * 1000:.1f} ms; hand-written over Parquet: cold {floor_times[0] * 1000:.1f} "
          f"ms, median {f_med * 1000:.1f} ms; ratio {e_med / f_med:.2f}")  # fmt: skip

    client = Client()
    client.force_login(User.objects.get(username="leader"))
    for label, url in (("cockpit page", "/analytics/cockpit/"), ("home page", "/")):
        _, page_times = timed(lambda url=url: client.get(url), args.runs)
        print(f"{label} {url} (leader, server time): cold {page_times[0] * 1000:.0f} ms, "
              f"median {statistics.median(page_times[1:]) * 1000:.0f} ms")  # fmt: skip
    print(f"scratch files: {scratch}")


def generate(args, policy) -> None:
    """The tier, generated and written into the scratch database."""
    from zhuanxing.demo import calibration as cal
    from zhuanxing.demo.generator import generate_city
    from zhuanxing.demo.management.commands.demo import tier
    from zhuanxing.demo.users import ensure_demo_users
    from zhuanxing.demo.writer import county_infos, write_city
    from zhuanxing.orgunits.loader import load_jiaxing_org_units

    load_jiaxing_org_units()
    size = tier({"scale": args.tier})
    years = size.get("years", cal.YEARS)
    print(f"tier {args.tier}: {size['above_scale']:,} + {size['below_scale']:,} firms, "
          f"years {min(years)}-{max(years)}")  # fmt: skip
    data, (t_gen,) = timed(
        lambda: generate_city(
            county_infos(),
            city_code=policy.info.city_code,
            seed=20090820,
            scale_line=policy.above_scale,
            **size,
        )  # fmt: skip
    )
    _, (t_write,) = timed(lambda: write_city(data))
    ensure_demo_users()
    print(f"generate {t_gen:.1f} s, write {t_write:.1f} s: {len(data.enterprises):,} firms, "
          f"{len(data.annual):,} annual, {len(data.monthly):,} monthly rows")  # fmt: skip
    data = None  # free the rows before building


# The same aggregation written by hand: by year × county × 1244 category (grouping sets), each
# enterprise-side indicator as SUM(CASE …) / SUM(CASE …), NULL for an empty denominator.
HAND_WRITTEN = """
WITH a AS (
  SELECT year, county_code, category_1244,
    SUM(CASE WHEN industrial AND above_scale AND heavy_industry THEN gross_output END) AS heavy,
    SUM(CASE WHEN industrial AND above_scale THEN gross_output END) AS gross,
    SUM(CASE WHEN industrial AND above_scale THEN rd_spending END) AS rd,
    SUM(CASE WHEN industrial AND above_scale THEN main_revenue END) AS revenue,
    SUM(CASE WHEN industrial AND above_scale AND high_tech THEN value_added END) AS ht_va,
    SUM(CASE WHEN industrial AND above_scale THEN value_added END) AS va,
    SUM(CASE WHEN industrial AND above_scale THEN new_product_output END) AS np,
    SUM(CASE WHEN industrial AND above_scale THEN land_mu END) AS land,
    SUM(CASE WHEN industrial THEN cod_t END) AS cod_all,
    SUM(CASE WHEN industrial THEN so2_t END) AS so2_all,
    SUM(CASE WHEN industrial AND above_scale THEN employees END) AS staff,
    SUM(CASE WHEN industrial AND above_scale THEN tax_paid END) AS tax,
    SUM(CASE WHEN industrial AND above_scale THEN energy_tce END) AS energy,
    SUM(CASE WHEN industrial AND above_scale THEN cod_t END) AS cod,
    SUM(CASE WHEN industrial AND above_scale THEN so2_t END) AS so2
  FROM read_parquet('{0}')
  WHERE starts_with(path, '/330400/') AND year BETWEEN 2003 AND 2012
  GROUP BY GROUPING SETS ((year), (year, county_code), (year, category_1244))
)
SELECT year, county_code, category_1244,
  100 * heavy / nullif(gross, 0), 100 * rd / nullif(revenue, 0), 100 * ht_va / nullif(va, 0),
  100 * np / nullif(gross, 0), va / nullif(land, 0), cod_all, so2_all, va / nullif(staff, 0),
  tax / nullif(land, 0), energy / nullif(va, 0), 1000 * cod / nullif(va, 0),
  1000 * so2 / nullif(va, 0)
FROM a
"""

if __name__ == "__main__":
    sys.exit(main())
