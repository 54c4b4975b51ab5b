import shutil

import pytest


@pytest.fixture
def store_settings(settings, tmp_path):
    """Point ANALYTICS_PATH at a fresh file for this test."""
    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    return settings


@pytest.fixture(scope="module")
def golden_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The hand-made golden city, committed once per module, and its store built once; the
    database is emptied again when the module is done."""
    from django.conf import settings
    from django.test import override_settings
    from golden_dataset import build_golden

    from factories import flush_database
    from zhuanxing.analytics.build import build_store

    path = tmp_path_factory.mktemp("golden-store") / "store.duckdb"
    with django_db_blocker.unblock():
        firms = build_golden()
        with override_settings(ZHUANXING={**settings.ZHUANXING, "ANALYTICS_PATH": str(path)}):
            build_store()
    yield firms, path
    with django_db_blocker.unblock():
        flush_database()


@pytest.fixture
def golden(golden_module, db, settings):
    """The golden city and its store, read only (a test that rebuilds uses ``golden_copy``)."""
    firms, path = golden_module
    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(path)}
    return firms


@pytest.fixture
def golden_copy(golden_module, db, store_settings):
    """The golden city, with a copy of its store that this test may rebuild."""
    firms, path = golden_module
    shutil.copyfile(path, store_settings.ZHUANXING["ANALYTICS_PATH"])
    return firms


@pytest.fixture
def city_store(city_with_store):
    """The shared small city (tests/conftest.py) with its analytics store (read only)."""
    return city_with_store
