"""Builds the analytics store from the operational database.

DuckDB 2.x here has no SQLite/PostgreSQL scanner, so rows travel through Python: a Django cursor
reads them in chunks, pyarrow turns each chunk into columns, and DuckDB joins the chunk with the
enterprise dimensions and appends it (see docs/dependencies.md).

Tables (one row per enterprise-period, wide, DHIS2 style):

- ``fact_annual``: per enterprise and year: org-unit levels (city, county, town/park) and path,
  GB/T 4754 section/division/group/class, 1244 category, heavy/light (approximate), high-tech
  category, 规上 flag and size class for that year, and every annual measure;
- ``fact_monthly``: per enterprise and month, the same dimensions, the monthly measures and their
  上年同期 (``prior_*``): as the enterprise reported them, else its counted report of the same
  month a year earlier, else null;
- ``region_stats``: region-level statistics per org unit and year;
- ``org_unit``, ``enterprise_dim``, ``build_info``.

A full build writes a new file; an incremental refresh copies the live file, replaces only the
periods whose data changed, and swaps the copy in. Either way readers see old or new, never half.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from django.conf import settings
from django.db import connection

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.policy import Policy
from zhuanxing.policy.active import policy_in_force
from zhuanxing.policy.vocabulary import (
    ENTERPRISE_MEASURES,
    MONTHLY_MEASURES,
    MONTHLY_PRIOR,
    MONTHLY_PRIOR_MEASURES,
    REGION_MEASURES,
)
from zhuanxing.reference import size_class
from zhuanxing.reporting.models import (
    AnnualReport,
    MonthlyReport,
    RegionStatistics,
    counted_statuses,
)

from . import store
from .changes import Fingerprint, changed_periods, fingerprint
from .dimensions import describe_class
from .store import store_path  # noqa: F401 (callers import it from here too)

ANNUAL_MEASURES = ENTERPRISE_MEASURES
MONTHLY_FACT_COLUMNS = (*MONTHLY_MEASURES, *MONTHLY_PRIOR_MEASURES)
CHUNK = 200_000

DIM_COLUMNS = {
    "enterprise_id": pa.int64(),
    "org_code": pa.string(),
    "path": pa.string(),
    "city_code": pa.string(),
    "county_code": pa.string(),
    "town_code": pa.string(),
    "industry_class": pa.string(),
    "industry_group": pa.string(),
    "industry_division": pa.string(),
    "industry_section": pa.string(),
    "category_1244": pa.string(),
    "category_group": pa.string(),
    "heavy_industry": pa.bool_(),
    "high_tech": pa.bool_(),
    "high_tech_category": pa.string(),
    "industrial": pa.bool_(),
    "manufacturing": pa.bool_(),
}


@dataclass
class BuildReport:
    mode: str  # "full", "incremental" or "current"
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    periods: list[str] = field(default_factory=list)


def build_store(
    *,
    incremental: bool = False,
    path: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build (or refresh) the store at ``path`` (default ``ZHUANXING["ANALYTICS_PATH"]``)."""
    path = Path(path or store_path())
    policy = policy_in_force()
    started = time.perf_counter()
    began = datetime.now(UTC)
    note = progress or (lambda message: None)
    now_print = fingerprint()
    if incremental and path.exists():
        info = store.build_info(path)
        if _compatible(info, policy, now_print):
            watermark = datetime.fromisoformat(info["watermark"])
            periods = changed_periods(watermark, int(info.get("monthly_max_id") or 0))
            if periods.empty:
                return BuildReport("current", time.perf_counter() - started)
            report = _refresh(path, policy, periods, began, now_print, note)
            report.seconds = time.perf_counter() - started
            return report
        note("store missing, from another policy or the registry changed: full build")
    report = _full(path, policy, began, now_print, note)
    report.seconds = time.perf_counter() - started
    return report


def _compatible(info: dict[str, str], policy: Policy, now: Fingerprint) -> bool:
    return (
        info.get("schema_version") == str(store.SCHEMA_VERSION)
        and info.get("policy_id") == policy.info.id
        and info.get("fingerprint") == now.registry_key
        and "watermark" in info
    )


# --- full build --------------------------------------------------------------------------------


def _full(path, policy, began, now_print, note) -> BuildReport:
    tmp = store.new_file(path)
    report = BuildReport("full")
    try:
        con = duckdb.connect(str(tmp))
        _create_tables(con)
        note("org units and enterprises")
        con.register("org_batch", _org_units())
        con.execute("INSERT INTO org_unit BY NAME SELECT * FROM org_batch")
        con.register("dim_batch", _enterprise_dims(policy))
        con.execute("INSERT INTO enterprise_dim BY NAME SELECT * FROM dim_batch")
        note("annual reports")
        report.rows["fact_annual"] = _load_annual(con, policy, years=None)
        note("monthly reports")
        report.rows["fact_monthly"] = _load_monthly(con, periods=None)
        _resolve_prior(con, periods=None)
        report.rows["region_stats"] = _load_regions(con, years=None)
        _seal(con, tmp, path, policy, began, now_print)
    except BaseException:
        store.discard(tmp)
        raise
    return report


def _seal(con, tmp: Path, path: Path, policy: Policy, began: datetime, now_print) -> None:
    """Record the build, flush it to disk and swap the new file in for readers."""
    _write_info(con, policy, began, now_print)
    con.execute("CHECKPOINT")
    con.close()
    store.swap_in(tmp, path)


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    dims = ", ".join(f"{name} {_sql_type(kind)}" for name, kind in DIM_COLUMNS.items())
    annual = ", ".join(f"{m} DOUBLE" for m in ANNUAL_MEASURES)
    monthly = ", ".join(f"{m} DOUBLE" for m in (*MONTHLY_MEASURES, *MONTHLY_PRIOR_MEASURES))
    regional = ", ".join(f"{m} DOUBLE" for m in REGION_MEASURES)
    con.execute(
        "CREATE TABLE org_unit (code VARCHAR PRIMARY KEY, name VARCHAR, name_en VARCHAR, "
        "kind VARCHAR, parent_code VARCHAR, path VARCHAR, depth INTEGER)"
    )
    con.execute(f"CREATE TABLE enterprise_dim ({dims})")
    common = "year INTEGER, period VARCHAR, above_scale BOOLEAN, size_class VARCHAR"
    con.execute(f"CREATE TABLE fact_annual ({dims}, {common}, {annual}, business_mode VARCHAR)")
    con.execute(f"CREATE TABLE fact_monthly ({dims}, {common}, month INTEGER, {monthly})")
    con.execute(
        "CREATE TABLE region_stats (org_code VARCHAR, path VARCHAR, depth INTEGER, "
        f"year INTEGER, period VARCHAR, {regional})"
    )
    con.execute("CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR)")


def _sql_type(kind: pa.DataType) -> str:
    return {pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN"}.get(kind, "VARCHAR")


def _write_info(con, policy, began: datetime, now_print: Fingerprint) -> None:
    years = con.execute("SELECT min(year), max(year) FROM fact_annual").fetchone()
    months = con.execute("SELECT max(period) FROM fact_monthly").fetchone()
    info = {
        "schema_version": str(store.SCHEMA_VERSION),
        "build_id": uuid.uuid4().hex,
        "policy_id": policy.info.id,
        "watermark": began.isoformat(),
        "built_at": datetime.now(UTC).isoformat(),
        "fingerprint": now_print.registry_key,
        "monthly_max_id": str(now_print.monthly_max_id),
        "first_year": str(years[0] or ""),
        "last_year": str(years[1] or ""),
        "last_month": months[0] or "",
    }
    con.execute("DELETE FROM build_info")
    con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))


# --- dimensions --------------------------------------------------------------------------------


def _org_units() -> pa.Table:
    rows = list(
        OrgUnit.objects.values_list(
            "code", "name", "name_en", "kind", "parent__code", "path", "depth"
        )
    )
    cols = list(zip(*rows, strict=True)) if rows else [[]] * 7
    names = ("code", "name", "name_en", "kind", "parent_code", "path")
    table = {name: pa.array(col, pa.string()) for name, col in zip(names, cols[:6], strict=True)}
    table["depth"] = pa.array(cols[6], pa.int32())
    return pa.table(table)


def _enterprise_dims(policy: Policy) -> pa.Table:
    classes: dict[str, dict] = {}
    columns: dict[str, list] = {name: [] for name in DIM_COLUMNS}
    rows = Enterprise.objects.values_list(
        "pk", "org_unit__code", "org_unit__path", "industry_code"
    ).order_by("pk")
    for pk, org_code, path, code in rows.iterator(chunk_size=20_000):
        if code not in classes:
            classes[code] = describe_class(code, policy)
        parts = path.strip("/").split("/")
        levels = (parts + [None, None, None])[:3]
        values = {
            "enterprise_id": pk,
            "org_code": org_code,
            "path": path,
            "city_code": levels[0],
            "county_code": levels[1],
            "town_code": levels[2],
            **classes[code],
        }
        for name in DIM_COLUMNS:
            columns[name].append(values[name])
    return pa.table({name: pa.array(columns[name], kind) for name, kind in DIM_COLUMNS.items()})


# --- facts -------------------------------------------------------------------------------------


def _fetch(sql: str, params: list, names: tuple[str, ...], types: tuple[pa.DataType, ...]):
    """Yield the query's rows as pyarrow tables of up to CHUNK rows."""
    # Rows → one struct array → a table: pyarrow's C++ loop, five times faster than
    # transposing the tuples in Python.
    struct = pa.struct(list(zip(names, types, strict=True)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            yield pa.Table.from_struct_array(pa.array(rows, type=struct))


def _in_clause(column: str, values: list | None, params: list) -> str:
    if values is None:
        return ""
    params.extend(values)
    return f" AND {column} IN ({', '.join(['%s'] * len(values))})"


def _measure_sql(fields: tuple[str, ...], model) -> str:
    meta = model._meta
    return ", ".join(f"CAST({meta.get_field(f).column} AS DOUBLE PRECISION)" for f in fields)


def _size_sql() -> str:
    """size_class.size_class() in SQL, generated from the module's own rule tables."""

    def rules(bounds, default: str) -> str:
        whens = []
        for b in bounds:
            cond = f"a.employees >= {b.employees} AND a.main_revenue >= {float(b.revenue_10k)}"
            if b.assets_10k is not None:
                cond += f" AND a.total_assets >= {float(b.assets_10k)}"
            whens.append(f"WHEN {cond} THEN '{b.size}'")
        return f"CASE {' '.join(whens)} ELSE '{default}' END"

    return (
        f"CASE WHEN a.employees IS NULL OR a.main_revenue IS NULL THEN NULL "
        f"WHEN a.year >= {size_class.FIRST_YEAR_2011_RULES} "
        f"THEN {rules(size_class._RULES_2011, size_class.MICRO)} "
        f"WHEN a.year >= {size_class.FIRST_YEAR_2003_RULES} "
        f"THEN {rules(size_class._RULES_2003, size_class.SMALL)} END"
    )


def _load_annual(
    con, policy: Policy, years: list[int] | None, enterprises: list[int] | None = None
) -> int:
    params: list = list(counted_statuses())
    table = AnnualReport._meta.db_table
    sql = (
        f"SELECT enterprise_id, year, {_measure_sql(ANNUAL_MEASURES, AnnualReport)}, "
        f"business_mode FROM {table} WHERE status IN ({', '.join(['%s'] * len(params))})"
        + _in_clause("year", years, params)
        + _in_clause("enterprise_id", enterprises, params)
    )
    names = ("enterprise_id", "year", *ANNUAL_MEASURES, "business_mode")
    types = (pa.int64(), pa.int32(), *[pa.float64()] * len(ANNUAL_MEASURES), pa.string())
    dims = ", ".join(f"d.{c}" for c in DIM_COLUMNS)
    measures = ", ".join(f"a.{m}" for m in ANNUAL_MEASURES)
    count = 0
    above_scale = policy.above_scale.sql("a.year", "a.main_revenue")
    for batch in _fetch(sql, params, names, types):
        con.register("annual_batch", batch)
        con.execute(
            f"INSERT INTO fact_annual BY NAME SELECT {dims}, a.year, "
            f"CAST(a.year AS VARCHAR) AS period, {above_scale} AS above_scale, "
            f"{_size_sql()} AS size_class, {measures}, "
            "nullif(a.business_mode, '') AS business_mode "
            "FROM annual_batch a JOIN enterprise_dim d USING (enterprise_id)"
        )
        con.unregister("annual_batch")
        count += batch.num_rows
    return count


def _load_monthly(con, periods: list[str] | None, enterprises: list[int] | None = None) -> int:
    params: list = list(counted_statuses())
    table = MonthlyReport._meta.db_table
    sql = (
        f"SELECT enterprise_id, year, month, {_measure_sql(MONTHLY_FACT_COLUMNS, MonthlyReport)} "
        f"FROM {table} WHERE status IN ({', '.join(['%s'] * len(params))})"
        + _in_clause("period", periods, params)
        + _in_clause("enterprise_id", enterprises, params)
    )
    names = ("enterprise_id", "year", "month", *MONTHLY_FACT_COLUMNS)
    types = (pa.int64(), pa.int32(), pa.int32(), *[pa.float64()] * len(MONTHLY_FACT_COLUMNS))
    dims = ", ".join(f"d.{c}" for c in DIM_COLUMNS)
    measures = ", ".join(f"m.{c}" for c in MONTHLY_FACT_COLUMNS)
    count = 0
    for batch in _fetch(sql, params, names, types):
        con.register("monthly_batch", batch)
        # Monthly reports are filed by 规上 firms; the flag and size class come from the
        # year's annual report when there is one.
        con.execute(
            f"INSERT INTO fact_monthly BY NAME SELECT {dims}, m.year, m.month, "
            "printf('%04d-%02d', m.year, m.month) AS period, "
            "coalesce(a.above_scale, TRUE) AS above_scale, a.size_class, "
            f"{measures} FROM monthly_batch m JOIN enterprise_dim d USING (enterprise_id) "
            "LEFT JOIN fact_annual a ON a.enterprise_id = m.enterprise_id AND a.year = m.year"
        )
        con.unregister("monthly_batch")
        count += batch.num_rows
    return count


def _next_year(period: str) -> str:
    return f"{int(period[:4]) + 1:04d}{period[4:]}"


def _resolve_prior(con, periods: list[str] | None, enterprises: list[int] | None = None) -> None:
    """上年同期 the enterprise left empty: its counted report of the same month a year earlier
    (the entry form pre-fills the same), so the comparable base needs no join at query time."""
    sets = ", ".join(
        f"{prior} = coalesce(fact_monthly.{prior}, p.{measure})"
        for measure, prior in MONTHLY_PRIOR.items()
    )
    empty = " OR ".join(f"fact_monthly.{prior} IS NULL" for prior in MONTHLY_PRIOR.values())
    params: list = []
    only = ""
    if periods is not None:
        if not periods:
            return
        only = f" AND fact_monthly.period IN ({', '.join('?' * len(periods))})"
        params = list(periods)
    if enterprises is not None:
        only += " AND fact_monthly.enterprise_id IN (SELECT enterprise_id FROM refresh_ids)"
    con.execute(
        f"UPDATE fact_monthly SET {sets} FROM (SELECT enterprise_id, year, month, "
        f"{', '.join(MONTHLY_PRIOR)} FROM fact_monthly) p "
        "WHERE p.enterprise_id = fact_monthly.enterprise_id AND p.year = fact_monthly.year - 1 "
        f"AND p.month = fact_monthly.month AND ({empty}){only}",
        params,
    )


def _load_regions(con, years: list[int] | None) -> int:
    params: list = []
    table = RegionStatistics._meta.db_table
    org_table = OrgUnit._meta.db_table
    sql = (
        f"SELECT o.code, r.year, {_measure_sql(REGION_MEASURES, RegionStatistics)} "
        f"FROM {table} r JOIN {org_table} o ON o.id = r.org_unit_id WHERE 1 = 1"
        + _in_clause("r.year", years, params)
    )
    names = ("org_code", "year", *REGION_MEASURES)
    types = (pa.string(), pa.int32(), *[pa.float64()] * len(REGION_MEASURES))
    measures = ", ".join(f"r.{m}" for m in REGION_MEASURES)
    count = 0
    for batch in _fetch(sql, params, names, types):
        con.register("region_batch", batch)
        con.execute(
            "INSERT INTO region_stats BY NAME SELECT r.org_code, o.path, o.depth, r.year, "
            f"CAST(r.year AS VARCHAR) AS period, {measures} "
            "FROM region_batch r JOIN org_unit o ON o.code = r.org_code"
        )
        con.unregister("region_batch")
        count += batch.num_rows
    return count


# --- incremental refresh -----------------------------------------------------------------------


def _refresh(path, policy, periods, began, now_print, note) -> BuildReport:
    """Copy the live store, replace the changed enterprise-periods (or whole periods when too
    many enterprises changed), swap the copy in."""
    tmp = store.new_file(path, copy_current=True)
    report = BuildReport("incremental", periods=periods.labels())
    limit = settings.ZHUANXING["ANALYTICS_REFRESH_MAX_ENTERPRISES"]
    try:
        con = duckdb.connect(str(tmp))
        if periods.annual_years:
            years = sorted(periods.annual_years)
            ids = _only(con, periods.annual_enterprises, limit)
            note(f"annual reports {years}" + (f", {len(ids)} enterprises" if ids else ""))
            marks = ", ".join("?" * len(years))
            which = _enterprise_filter("fact_annual", ids)
            con.execute(f"DELETE FROM fact_annual WHERE year IN ({marks}){which}", years)
            report.rows["fact_annual"] = _load_annual(con, policy, years, ids)
            # Only rows whose flag really changed: rewriting millions of unchanged monthly
            # rows would double the refresh's checkpoint.
            con.execute(
                "UPDATE fact_monthly SET above_scale = coalesce(a.above_scale, TRUE), "
                "size_class = a.size_class FROM fact_annual a "
                "WHERE a.enterprise_id = fact_monthly.enterprise_id "
                f"AND a.year = fact_monthly.year AND fact_monthly.year IN ({marks}) "
                f"{_enterprise_filter('fact_monthly', ids)} "
                "AND (fact_monthly.above_scale IS DISTINCT FROM coalesce(a.above_scale, TRUE) "
                "OR fact_monthly.size_class IS DISTINCT FROM a.size_class)",
                years,
            )
        if periods.monthly_periods:
            # The same months a year later too: their 上年同期 may fall back on these reports.
            months = sorted(
                set(periods.monthly_periods) | {_next_year(p) for p in periods.monthly_periods}
            )
            ids = _only(con, periods.monthly_enterprises, limit)
            note(f"monthly reports {months}" + (f", {len(ids)} enterprises" if ids else ""))
            marks = ", ".join("?" * len(months))
            which = _enterprise_filter("fact_monthly", ids)
            con.execute(f"DELETE FROM fact_monthly WHERE period IN ({marks}){which}", months)
            report.rows["fact_monthly"] = _load_monthly(con, months, ids)
            _resolve_prior(con, months, ids)
        if periods.region_years:
            years = sorted(periods.region_years)
            marks = ", ".join("?" * len(years))
            con.execute(f"DELETE FROM region_stats WHERE year IN ({marks})", years)
            report.rows["region_stats"] = _load_regions(con, years)
        _seal(con, tmp, path, policy, began, now_print)
    except BaseException:
        store.discard(tmp)
        raise
    return report


def _only(con, enterprises: set[int], limit: int) -> list[int] | None:
    """The enterprises to re-read, registered as ``refresh_ids`` for the statements that follow;
    None (re-read the whole periods) when there are more than ``limit``."""
    if not enterprises or len(enterprises) > limit:
        return None
    ids = sorted(enterprises)
    con.register("refresh_ids", pa.table({"enterprise_id": pa.array(ids, pa.int64())}))
    return ids


def _enterprise_filter(table: str, ids: list[int] | None) -> str:
    if ids is None:
        return ""
    return f" AND {table}.enterprise_id IN (SELECT enterprise_id FROM refresh_ids)"
