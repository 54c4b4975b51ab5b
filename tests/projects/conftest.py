import pytest


@pytest.fixture
def store_settings(settings, tmp_path):
    """Point ANALYTICS_PATH at a fresh file for this test."""
    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    return settings


@pytest.fixture
def averages_city(db, store_settings):
    """Two 规上 firms with 2011 reports and the store built: city averages (hand-computed)
    energy (600 + 100) ÷ (750 + 250) = 0.7 tce/万元; COD 1000 × (1.5 + 0.5) ÷ 1000 = 2.0 kg/万元;
    SO2 1000 × (3.0 + 1.0) ÷ 1000 = 4.0 kg/万元."""
    from decimal import Decimal as D

    from factories import HAINING, TONGXIANG, TOWNS, annual_report, enterprise, role_users
    from zhuanxing.analytics.build import build_store

    first = enterprise(town=TOWNS[TONGXIANG])
    second = enterprise(town=TOWNS[HAINING])
    annual_report(first, 2011, value_added=D(750), energy_tce=D(600), cod_t=D("1.5"), so2_t=D(3))
    annual_report(second, 2011, value_added=D(250), energy_tce=D(100), cod_t=D("0.5"), so2_t=D(1))
    build_store()
    return {"firms": (first, second), "users": role_users(first)}
