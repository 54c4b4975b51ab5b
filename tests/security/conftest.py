"""One small city with its analytics store, built once per test module (not per test).

The security tests only read, so each test runs in a savepoint inside the module's transaction,
which is rolled back at the end of the module.
"""

import pytest

# Smaller than tests/conftest.py's city: enough firms in two counties for every page to have data.
TINY_CITY = {"above_scale": 24, "below_scale": 36, "seed": 7}


def build_small_city(policy):
    from zhuanxing.demo.generator import generate_city
    from zhuanxing.demo.users import ensure_demo_users
    from zhuanxing.demo.writer import county_infos, write_city
    from zhuanxing.orgunits.loader import load_jiaxing_org_units

    load_jiaxing_org_units()
    data = generate_city(
        county_infos(),
        city_code=policy.info.city_code,
        threshold=lambda year: float(policy.above_scale_threshold(year)),
        **TINY_CITY,
    )
    write_city(data)
    ensure_demo_users()
    return data


@pytest.fixture(scope="module")
def shared_city(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import transaction
    from django.test import override_settings

    from zhuanxing.analytics.build import build_store
    from zhuanxing.policy import get_active_policy

    with django_db_blocker.unblock():
        from django.conf import settings

        store = tmp_path_factory.mktemp("store") / "store.duckdb"
        override = override_settings(ZHUANXING={**settings.ZHUANXING, "ANALYTICS_PATH": str(store)})
        override.enable()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            data = build_small_city(get_active_policy(settings.ZHUANXING["POLICY_PATH"]))
            build_store()
            yield data
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            override.disable()


@pytest.fixture
def city_users(shared_city, db):
    from zhuanxing.accounts.models import User

    return {u.username: u for u in User.objects.all()}
