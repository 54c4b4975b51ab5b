"""The cluster selectors on the small city's store: the tables they build agree with the store
read directly, and the measures come out whole-city."""

import pytest

from zhuanxing.clusters import selectors


@pytest.fixture
def span(city_with_store):
    return selectors.years()


def test_output_table_matches_the_store(span):
    from zhuanxing.analytics.selectors import cursor

    first, last = span
    found = selectors.identification(last, first)
    expected = dict(
        ((county, division), value)
        for county, division, value in cursor()
        .execute(
            "SELECT county_code, industry_division, sum(gross_output) FROM fact_annual "
            "WHERE industrial AND year = ? AND county_code IS NOT NULL "
            "AND industry_class IS NOT NULL GROUP BY ALL",
            [last],
        )
        .fetchall()
    )
    assert expected
    for (county, division), value in expected.items():
        assert found.output.value(county, division) == pytest.approx(max(value, 0))
    # A location quotient from the store's sums: (x(r,i)/x(r)) / (x(i)/x).
    county, division = max(expected, key=expected.get)
    x_r = sum(v for (c, _d), v in expected.items() if c == county)
    x_i = sum(v for (_c, d), v in expected.items() if d == division)
    x = sum(expected.values())
    lq = (expected[(county, division)] / x_r) / (x_i / x)
    assert found.lq_output[(county, division)] == pytest.approx(lq)
    for county in found.output.regions:
        part = found.shift[county]
        assert part.reference_share + part.industry_mix + part.local == pytest.approx(part.change)
        assert 0 < found.hhi[county] <= 1


def test_paths_candidates_are_the_emerging_classes(span, policy):
    found = selectors.paths(span[1])
    assert found.candidates
    for code in found.candidates:
        key = policy.category_1244(code)
        assert policy.categories_1244[key].group == "emerging"
    # The counties use the towns' proximity.
    p = found.counties.table.industries[0]
    assert found.counties.phi[(p, p)] == found.towns.phi[(p, p)]
