"""Issue 13 (6): figures read from the analytics store are computed once per store build."""

from zhuanxing.analytics import selectors
from zhuanxing.analytics.build import build_store


def test_computed_once_per_build_and_again_after_a_rebuild(golden_copy):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert selectors.store_memo("test", ("a",), compute) == 1
    assert selectors.store_memo("test", ("a",), compute) == 1  # served from the cache
    assert selectors.store_memo("test", ("b",), compute) == 2  # another key
    build_store()
    assert selectors.store_memo("test", ("a",), compute) == 3  # a new build: computed again


def test_engine_runs_are_cached_but_equal(golden_copy, policy):
    from zhuanxing.orgunits.models import OrgUnit

    city = OrgUnit.objects.get(code="330400")
    req = selectors.Request(city, "county", None, None, "year", 2009, 2010, ("va_per_mu",))
    first = selectors.run(req)
    again = selectors.run(req)
    assert first is not again  # a copy: a caller changing rows cannot spoil the cache
    assert [(r.period, r.org, r.cells["va_per_mu"].value) for r in first] == [
        (r.period, r.org, r.cells["va_per_mu"].value) for r in again
    ]
