"""Screening against the analytics store's city averages, and the ``zhuanxing screen`` CLI."""

import io
import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from zhuanxing.projects.benchmarks import NoBenchmark, city_averages, latest_complete_year

PROJECT = {
    "name": "年产10万吨特种纤维项目", "region": "330483",
    # 500 + 1,000,000 × 0.1229 ÷ 1000 = 622.9 tce; ÷ 1000 万元 = 0.6229 tce/万元 ≤ 0.7
    "value_added": 1000, "energy_tce": 500, "electricity_kwh": 1000000,
    # COD 1000 × 2.5 ÷ 1000 = 2.5 kg/万元 > 2.0; SO2 1000 × 3.9 ÷ 1000 = 3.9 ≤ 4.0
    "cod_t": 2.5, "nh3n_t": 0.2, "so2_t": 3.9, "nox_t": 1.5,
}  # fmt: skip


def test_city_averages_are_the_latest_complete_years(averages_city):
    averages = city_averages(today=date(2026, 1, 1))
    assert averages.year == 2011
    got = {b.key: (b.value, b.firms) for b in averages.benchmarks}
    assert got == {
        "energy_per_va": (D("0.7"), 2),
        "cod_per_va": (D("2.0"), 2),
        "so2_per_va": (D("4.0"), 2),
    }


def test_a_year_still_running_is_not_complete(averages_city):
    assert latest_complete_year(today=date(2012, 3, 1)) == 2011
    assert latest_complete_year(today=date(2011, 6, 1)) is None
    with pytest.raises(NoBenchmark, match="analytics"):
        city_averages(today=date(2011, 6, 1))


def run_cli(tmp_path, data, *args):
    path = tmp_path / "project.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("screen", str(path), *args, stdout=out)
    return out.getvalue()


def test_cli_json_verdict(averages_city, tmp_path):
    verdict = json.loads(run_cli(tmp_path, PROJECT, "--json"))
    assert verdict["approved"] is False
    assert verdict["review_tier"] == "registration"  # 622.9 tce, 1,000,000 kWh
    assert verdict["key_energy_user"] is False
    assert verdict["benchmark_year"] == 2011
    checks = {c["measure"]: c for c in verdict["checks"]}
    assert checks["energy_per_va"] == {
        "measure": "energy_per_va", "unit": "吨标准煤/万元", "project_per_va": 0.6229,
        "city_average_per_va": 0.7, "city_firms": 2, "passed": True,
    }  # fmt: skip
    assert (checks["cod_per_va"]["project_per_va"], checks["cod_per_va"]["passed"]) == (2.5, False)
    assert (checks["so2_per_va"]["project_per_va"], checks["so2_per_va"]["passed"]) == (3.9, True)
    assert any("2.5" in r and "2.0" in r for r in verdict["reasons"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"so2_t": None}, "so2_t"),
        ({"energy_tce": -1}, "energy_tce"),
        ({"region": "999999"}, "region"),
        ({"name": ""}, "name"),
    ],
)
def test_cli_bad_input_exits_2_naming_the_field(averages_city, tmp_path, capsys, change, field):
    data = {**PROJECT, **change}
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(SystemExit) as caught:
        run_cli(tmp_path, data, "--json")
    assert caught.value.code == 2
    assert field in capsys.readouterr().err


def test_cli_without_a_store_exits_2(db, store_settings, tmp_path, capsys):
    from factories import org_units

    org_units()
    with pytest.raises(SystemExit) as caught:
        run_cli(tmp_path, PROJECT, "--json")
    assert caught.value.code == 2
    assert "analytics" in capsys.readouterr().err
