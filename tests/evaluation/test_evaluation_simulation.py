"""What-if simulation on a hand-computed example."""

from decimal import Decimal as D

import pytest

from zhuanxing.evaluation.simulation import FirmYear, figures, simulate


def fy(eid, county, gross, va, land, energy, cod, so2, heavy=True, above=True):
    return FirmYear(eid, county, above, heavy, D(gross), D(va), D(land), D(energy), D(cod), D(so2))


FIRMS = [
    fy(1, "A", 1000, 200, 10, 100, 4, 8, heavy=True),  # VA/mu 20, energy/VA 0.5
    fy(2, "A", 500, 100, 20, 200, 6, 10, heavy=False),  # VA/mu 5, energy/VA 2  (the laggard)
    fy(3, "B", 600, 150, 10, 60, 3, 3, heavy=True),  # VA/mu 15, energy/VA 0.4
]


def test_figures_by_hand():
    f = figures(FIRMS)
    assert f.va_per_mu == D(450) / D(40)  # 11.25
    assert f.energy_per_va == D(360) / D(450)  # 0.8
    assert (f.cod_t, f.so2_t) == (D(13), D(21))
    assert f.heavy_share == D(1600) / D(2100) * 100


def test_exit_frees_land_and_energy():
    city, a, b = simulate(FIRMS, {2}, "exit")
    assert city.region == "city" and a.region == "A" and b.region == "B"
    assert city.after.va_per_mu == D(350) / D(20)  # 17.5
    assert (city.land_freed_mu, city.energy_freed_tce) == (D(20), D(200))
    assert city.after.heavy_share == D(100)
    assert b.before == b.after and b.land_freed_mu == 0


def test_upgrade_lifts_to_the_medians():
    # medians: VA/mu 15; energy/VA 0.5; COD/VA 0.02 (of 0.02, 0.06, 0.02);
    # SO2/VA 0.04 (of 0.04, 0.1, 0.02)
    city, a, _ = simulate(FIRMS, {2}, "upgrade")
    # firm 2: VA 100 → 20 mu × 15 = 300; gross ×3 = 1500; energy min(200, 300×0.5=150) = 150;
    # COD min(6, 300×0.02=6) = 6; SO2 min(10, 300×0.04=12) = 10.
    assert a.after.va_per_mu == D(500) / D(30)
    assert a.after.energy_per_va == D(250) / D(500)
    assert city.energy_freed_tce == D(50) and city.land_freed_mu == 0
    assert city.after.heavy_share == D(1600) / D(3100) * 100


def test_unknown_action():
    with pytest.raises(ValueError, match="unknown action 'demolish'"):
        simulate(FIRMS, {1}, "demolish")


def test_worst_share_includes_ties_and_no_value_added_is_the_worst():
    from zhuanxing.evaluation.services import _per_va, _worst

    assert _per_va(D(5), D(0)) == D("Infinity") and _per_va(D(0), D(0)) == 0
    values = {1: D(1), 2: D(3), 3: D(3), 4: D(2), 5: _per_va(D(7), D(0))}
    assert _worst(values, D(20)) == {5}  # 1 of 5: the firm with energy and no value added
    assert _worst(values, D(40)) == {5, 2, 3}  # 2 of 5, and 3 ties with 2
