"""Every indicator against hand-computed values (golden.csv), and the nine targets."""

import csv
from pathlib import Path

import pytest

from zhuanxing.analytics import engine, selectors, targets
from zhuanxing.analytics.cockpit import evaluate_targets
from zhuanxing.orgunits.models import OrgUnit

GOLDEN = Path(__file__).with_name("golden.csv")
ROWS = list(csv.DictReader(GOLDEN.open(encoding="utf-8")))


def _evaluate(policy, row) -> float | None:
    unit = OrgUnit.objects.get(code=row["region"])
    target = row["unit_or_category"]
    level = breakdown = None
    if target.startswith("category_1244:"):
        breakdown = "category_1244"
    elif target:
        level = "town" if len(target) > 6 else "county"
    q = engine.Query(
        indicators={row["indicator"]: policy.indicators[row["indicator"]]},
        region_code=unit.code, region_path=unit.path, start=row["period"], end=row["period"],
        level=level, breakdown=breakdown, kind=row["kind"],
    )  # fmt: skip
    for r in engine.evaluate(selectors.cursor(), q):
        if breakdown and not r.category_total and r.org_total:
            if r.category == target.removeprefix("category_1244:"):
                return r.cells[row["indicator"]].value
        elif level and not r.org_total and r.org == target and r.category_total:
            return r.cells[row["indicator"]].value
        elif not target and r.org_total and r.category_total:
            return r.cells[row["indicator"]].value
    return None


def test_every_policy_indicator_has_a_golden_value(policy):
    assert set(policy.indicators) <= {row["indicator"] for row in ROWS}


@pytest.mark.parametrize(
    "row",
    ROWS,
    ids=[f"{r['indicator']}-{r['region']}-{r['unit_or_category']}-{r['period']}" for r in ROWS],
)
def test_golden_value(golden, policy, row):
    value = _evaluate(policy, row)
    if row["expected"] == "":
        assert value is None, row["arithmetic"]
    else:
        assert value == pytest.approx(float(row["expected"]), abs=1e-5), row["arithmetic"]


def test_year_on_year_change(golden, policy):
    unit = OrgUnit.objects.get(code="330400")
    q = engine.Query(
        indicators={"heavy_industry_share": policy.indicators["heavy_industry_share"],
                    "industrial_cod_emissions": policy.indicators["industrial_cod_emissions"]},
        region_code=unit.code, region_path=unit.path, start=2010, end=2010,
    )  # fmt: skip
    (total,) = [r for r in engine.evaluate(selectors.cursor(), q) if r.org_total]
    heavy = total.cells["heavy_industry_share"]
    assert heavy.yoy_change == pytest.approx(71.428571 - 70, abs=1e-5)  # points
    cod = total.cells["industrial_cod_emissions"]
    assert cod.yoy_pct == pytest.approx((6.7 / 7.75 - 1) * 100)


def test_nine_targets_as_of_2010(golden, policy):
    unit = OrgUnit.objects.get(code="330400")
    keys = tuple({k for t in policy.targets for k in t.indicators})
    req = selectors.Request(unit, None, None, None, "year", 2008, 2010, keys)
    rows = selectors.run(req)
    cards = {c["target"].key: c for c in evaluate_targets(policy, rows, 2010)}
    expected = {
        "heavy_industry_share": targets.MET,
        "industrial_value_added": targets.OFF_TRACK,
        "rd_intensity": targets.MET,
        "high_tech_va_share": targets.MET,
        "new_product_rate": targets.MET,
        "va_per_mu": targets.MET,
        "energy_per_gdp": targets.ON_TRACK,
        "industrial_emissions": targets.ON_TRACK,
        "producer_services_share": targets.ON_TRACK,
    }
    assert {k: c["status"] for k, c in cards.items()} == expected
    iva = cards["industrial_value_added"]["parts"][0]["ev"]
    assert (iva.value, iva.target, iva.gap) == pytest.approx((5, 1500, -1495))
    assert iva.forecast.value == pytest.approx(6.0) and iva.forecast.low == pytest.approx(6.0)
    assert iva.required_growth_pct == pytest.approx((300**0.5 - 1) * 100)
    mu = cards["va_per_mu"]["parts"][0]["ev"]
    assert (mu.base_value, mu.target, mu.gap) == pytest.approx((12, 14.4, 1.6))
    cod = cards["industrial_emissions"]["parts"][0]["ev"]
    assert cod.target == pytest.approx(7.75) and cod.gap == pytest.approx(-1.05)
    assert (cod.forecast.value, cod.forecast.low, cod.forecast.high) == pytest.approx(
        (4.3667, 3.7597, 4.9737), abs=1e-3
    )
    ps = cards["producer_services_share"]["parts"][0]["ev"]
    assert (ps.target, ps.gap) == pytest.approx((39.5, 0.5))
