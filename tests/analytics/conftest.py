import pytest


@pytest.fixture
def store_settings(settings, tmp_path):
    """Point ANALYTICS_PATH at a fresh file for this test."""
    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    return settings


@pytest.fixture
def golden(db, store_settings):
    """The hand-made golden city, with its analytics store built."""
    from golden_dataset import build_golden

    from zhuanxing.analytics.build import build_store

    firms = build_golden()
    build_store()
    return firms


@pytest.fixture
def city_store(city, store_settings):
    """The small generated city (tests/conftest.py) with its analytics store built."""
    from zhuanxing.analytics.build import build_store

    build_store()
    return city
