"""Shared fixtures: the Jiaxing region tree, a small generated city, one user per role."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls our fixtures make
# from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SMALL_CITY = {"above_scale": 60, "below_scale": 140, "seed": 7}


def pytest_configure(config):
    # Password hashing is deliberately slow (about 0.3 s a user with PBKDF2); tests create and
    # log in users by the hundred and test no property of the hash, so they use a fast one.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def policy():
    from django.conf import settings

    from zhuanxing.policy import get_active_policy

    return get_active_policy(settings.ZHUANXING["POLICY_PATH"])


def _build_city(policy):
    from zhuanxing.demo.generator import generate_city
    from zhuanxing.demo.users import ensure_demo_users
    from zhuanxing.demo.writer import county_infos, write_city
    from zhuanxing.orgunits.loader import load_jiaxing_org_units

    load_jiaxing_org_units()
    data = generate_city(
        county_infos(),
        city_code=policy.info.city_code,
        scale_line=policy.above_scale,
        **SMALL_CITY,
    )
    write_city(data)
    ensure_demo_users()
    return data


@pytest.fixture
def city(db, policy):
    """A small generated city (200 enterprises) with the demo users, in a rolled-back test."""
    return _build_city(policy)


@pytest.fixture
def live_city(transactional_db, policy):
    """The same small city, committed, for a live server driven by a browser."""
    return _build_city(policy)


@pytest.fixture
def users(db):
    from zhuanxing.accounts.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def city_with_store(city, settings, tmp_path):
    """The small city with its analytics store built into a fresh file for this test."""
    from zhuanxing.analytics.build import build_store

    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    build_store()
    return city
