"""Benchmark: a nation-tier analytics store, generated directly as Parquet (not through the ORM).

    .venv/bin/python bench/nation.py --fraction 0.1      # a tenth: 50,000 + 450,000 firms
    .venv/bin/python bench/nation.py --fraction 1        # 500,000 + 4,500,000 firms, ~60 M months

The nation tier: 500,000 规上 and 4,500,000 规下 enterprises over ten years (2003-2012), an
annual report per enterprise-year (50 M rows) and a monthly report per 规上 enterprise-month
(60 M rows), in 31 provinces and 2,800 counties (the store's county and town levels), industry
classes drawn from the real GB/T 4754 manufacturing classes with the policy's classification.
``--fraction`` scales the firm counts (the years and months stay), for a machine or a time budget
that the whole tier does not fit; the figures are then extrapolated in docs/scale.md, not here.

Steps, each timed, with the process's peak memory (DuckDB's ``memory_limit`` bounds it):

1. **generate**: the operational export as Parquet files (enterprises, annual and monthly
   reports), from DuckDB's ``range()`` and hash-based pseudo-random measures: deterministic,
   no Python per row;
2. **full build from Parquet**: a new store file with the schema ``analytics.build`` creates,
   enterprises joined to their dimensions, the annual facts with the policy's 规上 rule and the
   monthly facts with the year's 规上 flag, exactly the statements of a real build, with
   Parquet in place of the Django cursor; then ``CHECKPOINT``;
3. **engine query**: ``analytics.engine`` on the new store, every enterprise-side policy
   indicator by year × province × 1244 category over ten years (GROUPING SETS, one statement),
   cold and warm; and the same over the county level of one province.

The scratch directory is under /tmp (or ``--dir``) and is removed at the end unless ``--keep``.
Check ``df -h`` first: the whole tier needs about 15 GB of scratch space.
"""

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

ABOVE, BELOW = 500_000, 4_500_000
YEARS = range(2003, 2013)
PROVINCES, COUNTIES = 31, 2800


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step(label: str, fn):
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    print(f"{label}: {seconds:.1f} s (peak RSS {peak_mib():,.0f} MiB)", flush=True)
    return result, seconds


def u(expr: str, salt: int) -> str:
    """A pseudo-random number in [0, 1) from ``expr`` (deterministic)."""
    return f"((hash({expr}, {salt}) % 1000003) / 1000003.0)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--memory", default="6GB", help="DuckDB memory_limit")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dir", default="/tmp")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not 0 < args.fraction <= 1:
        raise SystemExit("--fraction: more than 0, at most 1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")
    import django

    django.setup()
    import duckdb
    import pyarrow as pa
    from django.conf import settings

    from zhuanxing.analytics import engine, store
    from zhuanxing.analytics.build import (
        ANNUAL_MEASURES,
        DIM_COLUMNS,
        MONTHLY_FACT_COLUMNS,
        _create_tables,
        _size_sql,
    )
    from zhuanxing.analytics.dimensions import describe_class
    from zhuanxing.policy import get_active_policy
    from zhuanxing.reference import industry

    policy = get_active_policy(settings.ZHUANXING["POLICY_PATH"])
    above, below = round(ABOVE * args.fraction), round(BELOW * args.fraction)
    firms = above + below
    scratch = Path(tempfile.mkdtemp(prefix="zx-nation-", dir=args.dir))
    print(f"nation tier × {args.fraction:g}: {above:,} 规上 + {below:,} 规下 firms, "
          f"{len(YEARS)} years ({firms * len(YEARS):,} annual rows, "
          f"{above * 12 * len(YEARS):,} monthly rows); scratch {scratch}")  # fmt: skip
    free = shutil.disk_usage(scratch).free / 2**30
    print(f"free disk {free:,.0f} GiB; DuckDB memory_limit {args.memory}, {args.threads} threads")
    try:
        con = duckdb.connect()
        con.execute(f"SET memory_limit = '{args.memory}'")
        con.execute(f"SET threads = {args.threads}")
        con.execute(f"SET temp_directory = '{scratch / 'spill'}'")
        classes = [c.code for c in industry.all_classes() if c.code.startswith(tuple("1234"))]
        dims = {name: [] for name in ("industry_class_code", *describe_class(classes[0], policy))}
        for code in classes:
            dims["industry_class_code"].append(code)
            for key, value in describe_class(code, policy).items():
                dims[key].append(value)
        con.register("classes", pa.table(dims))
        con.execute(
            "CREATE TABLE class_dim AS SELECT row_number() OVER () - 1 AS n, * FROM classes"
        )
        n_classes = con.execute("SELECT count(*) FROM class_dim").fetchone()[0]

        def generate():
            # Enterprises: 规上 first (ids below ``above``), each in a county of a province.
            con.execute(f"""
                COPY (
                  SELECT e.i AS enterprise_id, printf('%06d', 110000 + e.county) AS org_code,
                    '/100000/' || printf('%02d', 11 + e.county % {PROVINCES}) || '0000/'
                      || printf('%06d', 110000 + e.county) || '/' AS path,
                    '100000' AS city_code, printf('%02d', 11 + e.county % {PROVINCES}) || '0000'
                      AS county_code, printf('%06d', 110000 + e.county) AS town_code,
                    c.* EXCLUDE (n, industry_class_code), e.i < {above} AS big
                  FROM (SELECT i, hash(i, 1) % {COUNTIES} AS county,
                               hash(i, 2) % {n_classes} AS klass FROM range({firms}) r(i)) e
                  JOIN class_dim c ON c.n = e.klass
                ) TO '{scratch / "enterprises.parquet"}' (FORMAT parquet)""")
            # Annual reports: a firm's size (lognormal-ish from two uniforms) grows a few % a
            # year; the other measures are shares of it. 万元, to the cent.
            size = (f"CASE WHEN i < {above} THEN 2000 + 60000 * {u('i', 3)} ^ 3 "
                    f"ELSE 50 + 1900 * {u('i', 4)} END")  # fmt: skip
            growth = f"(1 + 0.02 + 0.12 * ({u('i * 100 + y', 5)} - 0.3))"
            con.execute(f"""
                COPY (
                  SELECT i AS enterprise_id, y AS year,
                    round(g, 2) AS gross_output, round(g * 0.97, 2) AS sales_output,
                    round(g * 0.99, 2) AS main_revenue, round(g * (0.18 + 0.1 * {u("i", 6)}), 2)
                      AS value_added, round(g * 0.02 * {u("i * 7 + y", 7)}, 2) AS rd_spending,
                    round(g * 0.2 * {u("i", 8)}, 2) AS new_product_output,
                    round(g * 0.3 * {u("i", 9)}, 2) AS export_delivery,
                    round(g * 0.06 * ({u("i * 11 + y", 10)} - 0.1), 2) AS profit,
                    round(g * 0.04, 2) AS tax_paid,
                    CAST(8 + g / 60 AS DOUBLE) AS employees, round(g * 1.1, 2) AS total_assets,
                    round(5 + g / 400, 2) AS land_mu,
                    round(g * 0.05 * {u("i", 12)}, 2) AS energy_tce,
                    round(g * 90 * {u("i", 13)}, 0) AS electricity_kwh,
                    round(g * 0.0004 * {u("i", 14)}, 3) AS cod_t, round(g * 0.00004, 3) AS nh3n_t,
                    round(g * 0.0006 * {u("i", 15)}, 3) AS so2_t, round(g * 0.0005, 3) AS nox_t,
                    CASE WHEN {u("i", 16)} < 0.2 THEN 'OEM' END AS business_mode
                  FROM (SELECT i, y, ({size}) * {growth} ^ (y - 2003) AS g
                        FROM range({firms}) r(i), range({YEARS.start}, {YEARS.stop}) t(y))
                ) TO '{scratch / "annual.parquet"}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)""")
            # Monthly reports of the 规上 firms: the year's output spread over twelve months.
            monthly = ", ".join(
                f"round(a.{m} / 12 * (0.85 + 0.3 * {u('a.enterprise_id * 13 + m.m', 17)}), 2) "
                f"AS {m}" for m in ("gross_output", "sales_output", "value_added",
                                    "electricity_kwh", "profit", "export_delivery")
            )  # fmt: skip
            con.execute(f"""
                COPY (
                  SELECT a.enterprise_id, a.year, m.m AS month, {monthly},
                    NULL::DOUBLE AS prior_gross_output, NULL::DOUBLE AS prior_sales_output,
                    NULL::DOUBLE AS prior_value_added, NULL::DOUBLE AS prior_electricity_kwh,
                    NULL::DOUBLE AS prior_profit, NULL::DOUBLE AS prior_export_delivery
                  FROM read_parquet('{scratch / "annual.parquet"}') a, range(1, 13) m(m)
                  WHERE a.enterprise_id < {above}
                ) TO '{scratch / "monthly.parquet"}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)""")

        _, t_generate = step("generate Parquet", generate)
        parquet_mib = sum(p.stat().st_size for p in scratch.glob("*.parquet")) / 2**20
        print(f"Parquet files: {parquet_mib:,.0f} MiB")
        con.close()

        path = scratch / "store.duckdb"

        def build():
            out = duckdb.connect(str(path))
            out.execute(f"SET memory_limit = '{args.memory}'")
            out.execute(f"SET threads = {args.threads}")
            out.execute(f"SET temp_directory = '{scratch / 'spill'}'")
            _create_tables(out)
            cols = ", ".join(DIM_COLUMNS)
            out.execute(
                f"INSERT INTO enterprise_dim BY NAME SELECT {cols} "
                f"FROM read_parquet('{scratch / 'enterprises.parquet'}')"
            )
            dims = ", ".join(f"d.{c}" for c in DIM_COLUMNS)
            measures = ", ".join(f"a.{m}" for m in ANNUAL_MEASURES)
            above_scale = policy.above_scale.sql("a.year", "a.main_revenue")
            out.execute(
                f"INSERT INTO fact_annual BY NAME SELECT {dims}, a.year, "
                f"CAST(a.year AS VARCHAR) AS period, {above_scale} AS above_scale, "
                f"{_size_sql()} AS size_class, {measures}, a.business_mode "
                f"FROM read_parquet('{scratch / 'annual.parquet'}') a "
                "JOIN enterprise_dim d USING (enterprise_id)"
            )
            mcols = ", ".join(f"m.{c}" for c in MONTHLY_FACT_COLUMNS)
            out.execute(
                f"INSERT INTO fact_monthly BY NAME SELECT {dims}, m.year, m.month, "
                "printf('%04d-%02d', m.year, m.month) AS period, "
                "coalesce(a.above_scale, TRUE) AS above_scale, a.size_class, "
                f"{mcols} FROM read_parquet('{scratch / 'monthly.parquet'}') m "
                "JOIN enterprise_dim d USING (enterprise_id) "
                "LEFT JOIN fact_annual a ON a.enterprise_id = m.enterprise_id AND a.year = m.year"
            )
            out.execute(
                "INSERT INTO build_info VALUES ('schema_version', ?), ('first_year', ?), "
                "('last_year', ?), ('build_id', 'nation-bench')",
                [str(store.SCHEMA_VERSION), str(YEARS.start), str(YEARS.stop - 1)],
            )
            out.execute("CHECKPOINT")
            out.close()

        _, t_build = step("full build from Parquet (new store file, CHECKPOINT)", build)
        store_mib = path.stat().st_size / 2**20
        print(f"store file: {store_mib:,.0f} MiB")

        keys = [k for k, i in policy.indicators.items() if i.numerator.source == "enterprise"
                and (i.denominator is None or i.denominator.source == "enterprise")]  # fmt: skip
        cursor = store.read_cursor(path)
        cursor.execute(f"SET threads = {args.threads}")
        queries = {
            "nation × provinces × 1244": engine.Query(
                indicators={k: policy.indicators[k] for k in keys}, region_code="100000",
                region_path="/100000/", start=YEARS.start + 1, end=YEARS.stop - 1,
                level="county", breakdown="category_1244", cross=False,
            ),
            "one province × its counties × 1244": engine.Query(
                indicators={k: policy.indicators[k] for k in keys}, region_code="330000",
                region_path="/100000/330000/", start=YEARS.start + 1, end=YEARS.stop - 1,
                level="town", breakdown="category_1244", cross=False,
            ),
        }  # fmt: skip
        timings = {}
        for label, q in queries.items():
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                rows = engine.evaluate(cursor, q)
                times.append(time.perf_counter() - t0)
            timings[label] = times
            print(f"engine query, {label} ({len(keys)} indicators, {len(rows):,} result rows): "
                  f"cold {times[0]:.2f} s, warm median {statistics.median(times[1:]):.2f} s "
                  f"(peak RSS {peak_mib():,.0f} MiB)")  # fmt: skip
        print(
            f"\nsummary × {args.fraction:g}: generate {t_generate:.0f} s, Parquet "
            f"{parquet_mib:,.0f} MiB, build {t_build:.0f} s, store {store_mib:,.0f} MiB, "
            f"peak RSS {peak_mib():,.0f} MiB"
        )
    finally:
        store.forget_readers()
        if args.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
