"""The registry and region-statistics templates: create, update, scope."""

import pytest
from reporting_files import rules_of, run, snapshot, xlsx

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.reference.uscc import make_uscc
from zhuanxing.reporting.models import RegionStatistics

pytestmark = pytest.mark.django_db


def test_registry_import_creates_and_updates_enterprises(users):
    existing = Enterprise.objects.filter(org_unit__path__contains="/330483/").first()
    new_code = make_uscc("9", "1", "330483", "MA2C0001")
    rows = [
        [new_code, "桐乡市新建纺织有限公司", existing.org_unit.code, "1713", "2012-03-01", "12.5",
         "170"],
        [existing.uscc, existing.name + "（更名）", existing.org_unit.code, existing.industry_code,
         "", "", ""],
    ]  # fmt: skip
    outcome = run(xlsx("registry", rows), users["tongxiang"])
    assert outcome.committed, outcome.lines
    assert (outcome.counts.created, outcome.counts.updated) == (1, 1)
    created = Enterprise.objects.get(uscc=new_code)
    assert str(created.land_mu) == "12.50" and created.history.get().history_type == "+"
    existing.refresh_from_db()
    assert existing.name.endswith("（更名）")
    assert existing.history.first().history_user == users["tongxiang"]


def test_registry_rows_outside_the_scope_and_bad_codes(users):
    haining = Enterprise.objects.filter(org_unit__path__contains="/330481/").first()
    rows = [
        [haining.uscc, "x", haining.org_unit.code, haining.industry_code, "", "", ""],
        [make_uscc("9", "1", "330483", "MA2C0002"), "y", "330483", "9999", "", "", "999"],
    ]
    before = snapshot()
    outcome = run(xlsx("registry", rows), users["tongxiang"])
    assert rules_of(outcome) == {"in_scope", "industry_code", "choice"}
    assert not outcome.committed and snapshot() == before


def test_region_statistics(users):
    stats = RegionStatistics.objects.filter(org_unit__code="330483").order_by("-year").first()
    row = ["330483", "桐乡市", stats.year + 1, float(stats.gdp) * 1.1,
           float(stats.industrial_value_added), float(stats.services_value_added),
           float(stats.producer_services_value_added), float(stats.energy_tce),
           float(stats.industrial_land_mu)]  # fmt: skip
    outcome = run(xlsx("region", [row]), users["admin"])
    assert outcome.committed and outcome.counts.created == 1, outcome.lines
    # Region statistics are the city's to file: not the counties' (they are assessed on them).
    for code, name in (("330483", "桐乡市"), ("330481", "海宁市")):
        outcome = run(xlsx("region", [[code, name, *row[2:]]]), users["tongxiang"])
        assert rules_of(outcome) == {"in_scope"}
    bad = [*row[:3], 10, 20, *row[5:]]  # industry VA above GDP
    bad[2] += 1
    outcome = run(xlsx("region", [bad]), users["admin"])
    assert rules_of(outcome) == {"industry_within_gdp", "industry_and_services_within_gdp"}
