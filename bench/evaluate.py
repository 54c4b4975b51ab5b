"""Benchmark: the 亩均效益 evaluation of 150,000 enterprises (province tier).

    .venv/bin/python bench/evaluate.py [--firms 150000] [--seed 1] [--runs 3]

Builds two years of synthetic enterprise records in memory (50,000 规上 + 100,000 规下, measures
drawn like the demo city's), then times:
- the reference engine (the Decimal engine of issue 5): eligibility + scoring + ranking +
  classes of both populations with the Jiaxing method, one firm at a time;
- the columnar engine (issue 14 item 5) on the same records turned into columns: vectorised
  eligibility, scores, ranks and classes of both populations (median of ``--runs``), then its
  ``FirmResult`` records (built only when a caller reads them), checked equal to the
  reference's for every firm; wall and CPU time (the machine is shared);
- the floor: the same scores, totals and ranks as one DuckDB SQL query over an Arrow table
  (float arithmetic, no eligibility step), to show what a columnar engine costs.

With ``--command VAR_DIR`` it times ``zhuanxing evaluate --year 2012 --json`` end to end in
fresh processes against the database in VAR_DIR (the city-tier demo), alternating with
``--baseline-src`` (another tree's ``src``, e.g. a ``git archive`` of main) when given, and
checks both print the same document.
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


def run_reference(method, year, current, previous):
    """The Decimal reference engine, as the app ran it before: eligibility per firm, then
    ``evaluate_reference``."""
    from zhuanxing.evaluation.eligibility import exclusion_reason
    from zhuanxing.evaluation.scoring import evaluate_reference

    def graded(pairs, y):
        return [f for f, c in pairs if exclusion_reason(c, y, method) is None]

    cur = graded(zip(*current, strict=True), year)
    prev = graded(zip(*previous, strict=True), year - 1)
    return evaluate_reference(method, cur, prev)


def table(records):
    """The columns the engine reads (``FirmTable``) from the synthetic records, as
    ``data.read_year_table`` gives them from the database."""
    import numpy as np

    from zhuanxing.evaluation.columnar import FirmTable

    firms, candidates = records
    scales = {"employees": 0, "electricity_kwh": 0, "cod_t": 3, "nh3n_t": 3, "so2_t": 3, "nox_t": 3}
    scales |= {m: 2 for m in firms[0].measures if m not in scales}
    out = FirmTable.from_firms(firms, scales)
    out.industry_codes = [c.industry_code for c in candidates]
    out.founded_on = np.array([c.founded_on for c in candidates], dtype="datetime64[D]")
    out.land_granted_on = np.array([c.land_granted_on for c in candidates], dtype="datetime64[D]")
    return out


def run_columnar(method, year, current, previous):
    """The engine: vectorised eligibility, then both populations on columns."""
    from zhuanxing.evaluation.columnar import evaluate_table
    from zhuanxing.evaluation.engine import graded

    cur, _ = graded(current, year, method)
    prev, _ = graded(previous, year - 1, method)
    return evaluate_table(method, cur, prev)


def timed(fn, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, time.perf_counter() - wall, time.process_time() - cpu


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
    started, cpu = time.perf_counter(), time.process_time()
    rows = duckdb.sql(sql).fetchall()
    return time.perf_counter() - started, time.process_time() - cpu, rows


def run_command(var_dir: str, year: int, src: str | None) -> tuple[bytes, float, float]:
    """``zhuanxing evaluate --year Y --json`` in a fresh process against ``var_dir``'s
    database: its output, wall time and CPU time (user + system, from rusage)."""
    import resource
    import subprocess

    env = {**os.environ, "ZHUANXING_VAR_DIR": var_dir}
    if src:
        env["PYTHONPATH"] = src
    cmd = [sys.executable, "-m", "zhuanxing.config.cli", "evaluate", "--year", str(year), "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True).stdout
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return out, wall, cpu


def command_bench(var_dir: str, year: int, runs: int, baseline: str | None) -> int:
    """End to end at the city tier, this tree and (``--baseline-src``) another, alternately."""
    rows = {"this tree": []} | ({"baseline": []} if baseline else {})
    outputs = {}
    load = os.getloadavg()
    for _ in range(runs):
        for name in rows:
            out, wall, cpu = run_command(var_dir, year, baseline if name == "baseline" else None)
            rows[name].append((wall, cpu))
            outputs[name] = out
    print(f"zhuanxing evaluate --year {year} --json on {var_dir} ({runs} runs each, alternating)")
    print(f"load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after")
    for name, times in rows.items():
        walls, cpus = sorted(t[0] for t in times), sorted(t[1] for t in times)
        print(
            f"{name:10} wall median {walls[len(walls) // 2]:5.2f} s (min {walls[0]:5.2f})   "
            f"CPU median {cpus[len(cpus) // 2]:5.2f} s (min {cpus[0]:5.2f})"
        )
    same = len(set(outputs.values())) == 1
    print(f"same output: {same} ({len(outputs['this tree']):,} bytes)")
    return 0 if same else 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="runs of the columnar engine")
    parser.add_argument("--command", metavar="VAR_DIR", help="time `zhuanxing evaluate` instead")
    parser.add_argument("--year", type=int, default=2012)
    parser.add_argument("--baseline-src", help="with --command: another tree's src to compare")
    args = parser.parse_args()
    if args.command:
        return command_bench(args.command, args.year, args.runs, args.baseline_src)
    import django

    django.setup()
    from django.conf import settings

    from zhuanxing.policy import get_active_policy

    method = get_active_policy(settings.ZHUANXING["POLICY_PATH"]).evaluation
    load = os.getloadavg()
    current = synthetic(args.firms, args.seed, 2012)
    previous = synthetic(args.firms, args.seed, 2011)
    (cur_table, prev_table), t_wall, t_cpu = timed(lambda: (table(current), table(previous)))
    reference, ref_wall, ref_cpu = timed(run_reference, method, 2012, current, previous)
    runs = [timed(run_columnar, method, 2012, cur_table, prev_table) for _ in range(args.runs)]
    populations = runs[0][0]
    new_wall = sorted(r[1] for r in runs)[len(runs) // 2]
    new_cpu = sorted(r[2] for r in runs)[len(runs) // 2]
    records, rec_wall, rec_cpu = timed(lambda: [p.results() for p in populations])
    identical = all(
        got == want.results and p.benchmarks == want.benchmarks
        for p, got, want in zip(populations, records, reference, strict=True)
    )
    # Memory of the columnar engine (NumPy reports its buffers to tracemalloc); not timed.
    tracemalloc.start()
    run_columnar(method, 2012, cur_table, prev_table)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    floor, floor_cpu, rows = run_duckdb(method, current)
    graded = sum(len(p) for p in populations)
    load_after = os.getloadavg()
    print(f"enterprises          {args.firms:,} (two years in memory), {graded:,} graded")
    print(f"load average         {load[0]:.1f} before, {load_after[0]:.1f} after")
    print("                        wall      CPU")
    print(f"reference (Decimal)  {ref_wall:6.2f} s {ref_cpu:6.2f} s")
    print(f"columnar engine      {new_wall:6.2f} s {new_cpu:6.2f} s   (median of {args.runs})")
    print(f"  its FirmResult records, built when read  {rec_wall:6.2f} s {rec_cpu:6.2f} s")
    print(f"  columns from the records (input)         {t_wall:6.2f} s {t_cpu:6.2f} s")
    print(f"  peak memory        {peak / 2**20:6.0f} MiB (tracemalloc)")
    print(f"floor: DuckDB query  {floor:6.2f} s {floor_cpu:6.2f} s   ({rows})")
    print(f"columnar = reference, every firm and benchmark: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
