"""Shared fixtures: the policy, the generated demo city (built once per session), a clean-DB helper.

Most tests write the few rows they need with the builders in ``factories.py``. Tests that read a
whole city (pages whose figures depend on many firms, the analytics store, browser tests) use
``city``: a 200-enterprise city generated and written ONCE per session, committed, while each test
still runs in its own rolled-back transaction. So that tests expecting an empty database never
see it, ``pytest_collection_modifyitems`` runs the tests that use the city after all the others
that use the database (and flushes it when the session ends).
"""

import os

import pytest

from factories import flush_database, restart_empty_sequences

# Playwright's sync API runs an event loop in the test thread; the ORM calls our fixtures make
# from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SMALL_CITY = {"above_scale": 60, "below_scale": 140, "seed": 7}
SHARED_CITY_FIXTURE = "shared_city"


def pytest_configure(config):
    # Password hashing is deliberately slow (about 0.3 s a user with PBKDF2); tests create and
    # log in users by the hundred and test no property of the hash, so they use a fast one.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    flagged = bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    names = getattr(item, "fixturenames", ())
    return flagged or "transactional_db" in names or "live_server" in names


def _uses_db(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in getattr(
        item, "fixturenames", ()
    )


def pytest_collection_modifyitems(items):
    """Run order: tests without a database, database tests without the shared city,
    transactional tests without it, database tests on the shared (committed) city, transactional
    (browser) tests on it. Only tests that ask for the city ever see it; a stable sort keeps file
    order within each group. (A plugin that shuffles tests afterwards would break this.)

    The tests without a database come first because the slowest tests of the suite are among
    them (subprocesses, a killed worker, the console scripts): under pytest-xdist (``make
    test`` runs one worker per core, each taking tests in this order) they start while the
    other worker has short tests left to balance them, instead of keeping one worker busy at
    the end while the other waits."""

    def rank(item) -> int:
        city = SHARED_CITY_FIXTURE in getattr(item, "fixturenames", ())
        if _transactional(item):
            return 3 if city else 1
        if _uses_db(item):
            return 2 if city else 0
        return -1

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (cached analytics results, analytics.cache)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request in English (the one-language
    walk, an English page) leaves "en" active in the thread (LocaleMiddleware does not reset
    it), and a later test reading a message in Chinese would see English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


def _serves_live(item) -> bool:
    return "live_server" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, request, tmp_path_factory
):
    """With browser tests in the session, the SQLite test database is a file, not memory: the
    browser tests drive the production server (gunicorn, tests/browser/conftest.py), whose
    worker processes must read what the tests write."""
    if not any(_serves_live(item) for item in request.session.items):
        return
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("test-database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="session")
def session_policy():
    from django.conf import settings

    from zhuanxing.policy import get_active_policy

    return get_active_policy(settings.ZHUANXING["POLICY_PATH"])


@pytest.fixture
def policy(session_policy):
    return session_policy


def write_small_city(policy, data=None):
    """Write the small demo city (generated unless ``data`` is given) with the demo users."""
    from zhuanxing.demo.generator import generate_city
    from zhuanxing.demo.users import ensure_demo_users
    from zhuanxing.demo.writer import county_infos, write_city
    from zhuanxing.orgunits.loader import load_jiaxing_org_units

    load_jiaxing_org_units()
    if data is None:
        data = generate_city(
            county_infos(),
            city_code=policy.info.city_code,
            scale_line=policy.above_scale,
            **SMALL_CITY,
        )
    write_city(data)
    ensure_demo_users()
    return data


@pytest.fixture(scope="session")
def shared_city(django_db_setup, django_db_blocker, session_policy):
    """The small city (200 enterprises) and the demo users, written and committed once."""
    with django_db_blocker.unblock():
        data = write_small_city(session_policy)
    yield data
    with django_db_blocker.unblock():
        flush_database()


@pytest.fixture
def city(shared_city, db):
    """The shared small city, read (and changed, rolled back) inside this test's transaction."""
    return shared_city


@pytest.fixture(scope="session")
def shared_city_store(shared_city, django_db_blocker, tmp_path_factory):
    """The analytics store of the shared city, built once into a session file."""
    from django.conf import settings
    from django.test import override_settings

    from zhuanxing.analytics.build import build_store

    path = tmp_path_factory.mktemp("city-store") / "store.duckdb"
    with django_db_blocker.unblock():
        with override_settings(ZHUANXING={**settings.ZHUANXING, "ANALYTICS_PATH": str(path)}):
            build_store()
    return path


@pytest.fixture
def city_with_store(city, shared_city_store, settings):
    """The shared city with its store (read only: a test that rebuilds a store needs its own)."""
    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(shared_city_store)}
    return city


@pytest.fixture
def live_city(shared_city, transactional_db, session_policy):
    """The city, committed, for a live server driven by a browser. Written again for each test
    (a transactional test empties the database when it ends) into an emptied database whose id
    sequences start again, so every browser test sees the same rows with the same ids and can
    share one analytics store (``live_store`` in tests/browser/conftest.py)."""
    from zhuanxing.enterprises.models import Enterprise

    if Enterprise.objects.exists():  # the shared city, still there from the database tests
        flush_database()
    else:
        restart_empty_sequences()
    write_small_city(session_policy, shared_city)
    return shared_city


@pytest.fixture
def users(db):
    from zhuanxing.accounts.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def immediate_tasks(settings):
    """Background tasks run at once, in the request that queues them (as the import tests do)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
