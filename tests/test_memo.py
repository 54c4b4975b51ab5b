"""core.memo: a result kept per name and parameters, computed again when a data version moves;
table_version moves on an insert, an update and a delete."""

import pytest

import factories
from zhuanxing.core.memo import memo
from zhuanxing.reporting.selectors import counted_annual_version


def test_memo_keeps_one_entry_per_slot_and_recomputes_on_a_new_version():
    calls = []

    def compute(value):
        def run():
            calls.append(value)
            return value

        return run

    assert memo("t", (2012,), ("v1",), compute("a")) == "a"
    assert memo("t", (2012,), ("v1",), compute("b")) == "a"  # cached
    assert memo("t", (2011,), ("v1",), compute("c")) == "c"  # another slot
    assert memo("t", (2012,), ("v2",), compute("d")) == "d"  # new version: computed again
    assert memo("t", (2012,), ("v1",), compute("e")) == "e"  # the old version was replaced
    assert calls == ["a", "c", "d", "e"]


@pytest.mark.django_db
def test_the_counted_reports_version_moves_with_every_write():
    firm = factories.enterprise()
    before = counted_annual_version([2012])
    report = factories.annual_report(firm, 2012)
    created = counted_annual_version([2012])
    assert created != before
    report.profit = 1
    report.save()
    updated = counted_annual_version([2012])
    assert updated != created
    factories.annual_report(firm, 2011)  # another year: not counted in 2012's version
    assert counted_annual_version([2012]) == updated
    report.status = "draft"  # no longer counted
    report.save()
    assert counted_annual_version([2012])[0] == 0
    assert counted_annual_version([2011, 2012])[0] == 1
