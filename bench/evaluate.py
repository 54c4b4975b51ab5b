"""Benchmark: the 亩均效益 evaluation of 150,000 enterprises (province tier).

    .venv/bin/python bench/evaluate.py [--firms 150000] [--seed 1]

Builds two years of synthetic enterprise records in memory (50,000 规上 + 100,000 规下, measures
drawn like the demo city's), then times:
- the engine: eligibility + scoring + ranking + classes of both populations with the Jiaxing
  method (Decimal arithmetic, as the app stores it), then its peak memory in a second, traced
  run (tracemalloc slows Python, so that run is not timed);
- the floor: the same scores, totals and ranks as one DuckDB SQL query over an Arrow table
  (float arithmetic, no eligibility step), to show what a columnar engine costs.
"""

import argparse
import math
import os
import random
import sys
import time
import tracemalloc
from datetime import date
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuanxing.config.settings")


def synthetic(n: int, seed: int, year: int):
    from zhuanxing.evaluation.eligibility import Candidate
    from zhuanxing.evaluation.scoring import Firm

    rng = random.Random(seed * 10_000 + year)
    firms, candidates = [], []
    for i in range(n):
        above = i < n // 3
        revenue = 500 * (1 + math.exp(rng.gauss(1.4, 1.6))) if above else rng.uniform(20, 490)
        land = (
            round(max(1.0, revenue * 0.2 / rng.uniform(8, 40)), 2)
            if above or rng.random() < 0.65
            else None
        )
        va = revenue * rng.uniform(0.15, 0.35)
        energy = revenue * rng.uniform(0.02, 0.3)
        reported = rng.random() < 0.9
        m = {
            "tax_paid": Decimal(f"{revenue * rng.uniform(0.02, 0.06):.2f}"),
            "land_mu": None if land is None else Decimal(f"{land:.2f}"),
            "value_added": Decimal(f"{va:.2f}"),
            "energy_tce": Decimal(f"{energy:.2f}"),
            "employees": Decimal(max(5, round(revenue / rng.uniform(25, 80)))),
            "rd_spending": Decimal(f"{revenue * rng.uniform(0, 0.03):.2f}"),
            "main_revenue": Decimal(f"{revenue:.2f}"),
            "electricity_kwh": Decimal(round(energy * 0.5 * 1000 / 0.1229)),
        }
        for k in ("cod_t", "nh3n_t", "so2_t", "nox_t"):
            m[k] = Decimal(f"{revenue / 10_000 * rng.uniform(0.1, 5):.3f}") if reported else None
        pop = "above_scale" if above else "below_scale"
        firms.append(Firm(i, pop, m))
        candidates.append(Candidate(i, "2822", date(2000, 1, 1), None, m["land_mu"], above))
    return firms, candidates


def run_engine(method, year, current, previous):
    from zhuanxing.evaluation.eligibility import exclusion_reason
    from zhuanxing.evaluation.scoring import evaluate

    def graded(pairs, y):
        return [f for f, c in pairs if exclusion_reason(c, y, method) is None]

    cur = graded(zip(*current, strict=True), year)
    prev = graded(zip(*previous, strict=True), year - 1)
    return evaluate(method, cur, prev)


def run_duckdb(method, current):
    import duckdb
    import pyarrow as pa

    firms = current[0]
    cols = {"id": [], "pop": []}
    measures = sorted(
        {
            m
            for p in ("above_scale", "below_scale")
            for i in getattr(method, p).indicators
            for m in (*i.numerator, *i.denominator)
        }
    )
    for m in measures:
        cols[m] = []
    for f in firms:
        cols["id"].append(f.enterprise_id)
        cols["pop"].append(f.population)
        for m in measures:
            v = f.measures.get(m)
            cols[m].append(None if v is None else float(v))
    firms_table = pa.table(cols)  # noqa: F841 (read by DuckDB through its name)
    parts = []
    for pop in ("above_scale", "below_scale"):
        terms = []
        for ind in getattr(method, pop).indicators:
            num = " + ".join(ind.numerator)
            den = " + ".join(ind.denominator)
            bench = (f"(SELECT sum({num}) / sum({den}) * {ind.factor} FROM t WHERE pop = '{pop}' "
                     f"AND {den} > 0)")  # fmt: skip
            value = f"(({num}) / NULLIF({den}, 0) * {ind.factor})"
            terms.append(
                f"{ind.weight} * LEAST({method.score_cap}, "
                f"GREATEST(0, coalesce({value}, 0) / {bench}))"
            )
        parts.append(f"SELECT id, pop, {' + '.join(terms)} AS total FROM t WHERE pop = '{pop}'")
    sql = (f"WITH t AS (SELECT * FROM firms_table), s AS ({' UNION ALL '.join(parts)}) "
           "SELECT pop, count(*), max(total) FROM (SELECT *, "
           "rank() OVER (PARTITION BY pop ORDER BY "
           "total DESC) AS r FROM s) GROUP BY pop")  # fmt: skip
    started = time.perf_counter()
    rows = duckdb.sql(sql).fetchall()
    return time.perf_counter() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings

    from zhuanxing.policy import get_active_policy

    method = get_active_policy(settings.ZHUANXING["POLICY_PATH"]).evaluation
    current = synthetic(args.firms, args.seed, 2012)
    previous = synthetic(args.firms, args.seed, 2011)
    started = time.perf_counter()
    populations = run_engine(method, 2012, current, previous)
    elapsed = time.perf_counter() - started
    # Memory in a second, traced run: tracing slows Python down, so it is not timed.
    tracemalloc.start()
    run_engine(method, 2012, current, previous)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    graded = sum(len(p.results) for p in populations)
    floor, rows = run_duckdb(method, current)
    print(f"enterprises          {args.firms:,} (two years in memory)")
    print(f"graded               {graded:,}")
    print(f"engine               {elapsed:6.2f} s")
    print(f"engine peak memory   {peak / 2**20:6.0f} MiB above the input records (tracemalloc)")
    print(f"floor: DuckDB query  {floor:6.2f} s   ({rows})")


if __name__ == "__main__":
    sys.exit(main())
