"""The store build: atomic swap, incremental refresh of changed periods, readers during a
rebuild."""

import threading
from decimal import Decimal
from pathlib import Path

import pytest

from zhuanxing.analytics import store
from zhuanxing.analytics.build import build_store, store_path
from zhuanxing.reporting.models import AnnualReport


@pytest.fixture
def golden(golden_copy):
    """These tests rebuild the store: each gets its own copy."""
    return golden_copy


def _count(sql: str):
    return store.read_cursor(store_path()).execute(sql).fetchone()[0]


def test_full_build_writes_one_row_per_enterprise_period(golden):
    assert _count("SELECT count(*) FROM fact_annual") == AnnualReport.objects.count() == 18
    assert _count("SELECT count(*) FROM fact_monthly") == 10
    row = (
        store.read_cursor(store_path())
        .execute(
            "SELECT city_code, county_code, town_code, industry_section, industry_division, "
            "industry_group, industry_class, category_1244, heavy_industry, high_tech_category, "
            "above_scale, size_class FROM fact_annual WHERE year = 2010 AND industry_class = '3972'"
        )
        .fetchone()
    )
    assert row == (
        *("330400", "330483", "330483003", "C", "39", "397", "3972"),
        *("electronics_information", True, "电子及通信设备制造业", True, "small"),
    )
    assert not list(Path(store_path()).parent.glob(".*.building"))  # no temporary file left


def test_incremental_refresh_rereads_only_changed_enterprise_periods(golden):
    assert build_store(incremental=True).mode == "current"
    report = AnnualReport.objects.get(enterprise=golden["B"], year=2009)
    report.value_added = Decimal("850")
    report.save()
    result = build_store(incremental=True)
    assert result.mode == "incremental" and result.periods == ["2009"]
    assert result.rows == {"fact_annual": 1}  # B's 2009 only, not the year's six firms
    assert (
        _count("SELECT sum(value_added) FROM fact_annual WHERE year = 2009") == 1815 + 100
    )  # all six firms' 2009 VA, B up by 100
    # Deleting through the ORM is seen through the report's history.
    AnnualReport.objects.filter(enterprise=golden["F"], year=2010).delete()
    result = build_store(incremental=True)
    assert result.periods == ["2010"]
    assert _count("SELECT count(*) FROM fact_annual WHERE year = 2010") == 5


def test_more_changed_enterprises_than_the_limit_reread_the_whole_period(golden, settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_REFRESH_MAX_ENTERPRISES": 1}
    for name in ("A", "B"):
        report = AnnualReport.objects.get(enterprise=golden[name], year=2009)
        report.value_added += 1
        report.save()
    result = build_store(incremental=True)
    assert result.periods == ["2009"] and result.rows == {"fact_annual": 6}
    assert _count("SELECT sum(value_added) FROM fact_annual WHERE year = 2009") == 1815 + 2


def test_drafts_are_left_out(golden):
    AnnualReport.objects.filter(enterprise=golden["A"], year=2010).update(status="draft")
    build_store()
    assert _count("SELECT count(*) FROM fact_annual WHERE year = 2010") == 5


def test_readers_during_a_rebuild_see_old_or_new_never_an_error(golden):
    before = _count("SELECT count(*) FROM fact_annual")
    AnnualReport.objects.filter(enterprise=golden["F"]).delete()
    errors, seen = [], set()
    stop = threading.Event()

    def read():
        while not stop.is_set():
            try:
                seen.add(_count("SELECT count(*) FROM fact_annual"))
            except Exception as exc:  # noqa: BLE001 - any error fails the test
                errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    for _ in range(3):
        build_store()
    stop.set()
    for t in readers:
        t.join()
    assert errors == []
    assert seen <= {before, before - 3}
    assert _count("SELECT count(*) FROM fact_annual") == before - 3


def test_missing_store_is_reported(store_settings):
    with pytest.raises(store.StoreMissing, match=r"store\.duckdb"):
        store.read_cursor(store_path())


def test_monthly_changes_refresh_their_month(golden):
    from zhuanxing.reporting.models import MonthlyReport

    row = MonthlyReport.objects.get(enterprise=golden["A"], period="2010-02")
    row.gross_output = Decimal("95")
    row.save()
    MonthlyReport.objects.bulk_create(  # no history: found as a new row
        [
            MonthlyReport(
                enterprise=golden["A"],
                year=2010,
                month=4,
                period="2010-04",
                status="approved",
                gross_output=10,
                sales_output=10,
            )
        ]  # fmt: skip
    )
    result = build_store(incremental=True)
    assert result.periods == ["2010-02", "2010-04"]
    assert _count("SELECT sum(gross_output) FROM fact_monthly WHERE year = 2010") == 1075 + 10
