"""Targets and indicators that explain themselves: the reason an off-track target is off track,
the approximation flag and the high-tech scope, in the CLI/API records and on the cockpit."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from zhuanxing.analytics.records import indicator_records
from zhuanxing.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db
SCOPE_ZH = "国家统计局高技术产业（制造业）分类（2017）"


def _records(year=2010):
    return {
        r["indicator"]: r
        for r in indicator_records(OrgUnit.objects.get(code="330400"), year)
        if r["region"] == "330400"
    }


def test_records_carry_the_approximation_flag_and_the_high_tech_scope(golden):
    records = _records()
    assert records["heavy_industry_share"]["approximate"] is True
    assert records["high_tech_va_share"]["approximate"] is False
    assert records["high_tech_va_share"]["scope"] == SCOPE_ZH
    assert records["rd_intensity"]["scope"] is None


def test_cli_json_has_the_notes(golden, capsys):
    call_command("indicators", year=2010, region="330400", json=True)
    rows = json.loads(capsys.readouterr().out)
    heavy = next(r for r in rows if r["indicator"] == "heavy_industry_share")
    assert heavy["approximate"] is True and "reason" in heavy and "firms" in heavy


def test_off_track_because_broken_earlier_gives_the_reason(policy):
    """Energy per unit GDP must fall every year (clause 四); it rose 16.6% in 2010, so 2012 is
    off track although 2012 itself fell — and the record says so."""
    from zhuanxing.analytics import targets
    from zhuanxing.analytics.cockpit import target_reason

    target = next(t for t in policy.targets if "energy_per_gdp" in t.indicators)
    assert target.rule.kind == "direction"
    series = {2009: 0.8, 2010: 0.9328, 2011: 0.9, 2012: 0.85}
    ev = targets.evaluate(target.rule, series, 2012, 2012, policy.info.plan_from_year)
    indicator = policy.indicators["energy_per_gdp"]
    assert ev.status == "off_track"
    assert target_reason(ev, target.rule, indicator) == "2010年同比上升16.6%"
    met = targets.evaluate(target.rule, {2009: 0.8, 2010: 0.7}, 2010, 2012, 2009)
    assert target_reason(met, target.rule, indicator) == ""


def test_cockpit_names_the_scope(client, golden):
    from zhuanxing.accounts.models import User

    client.force_login(User.objects.create_superuser("notes-admin", password="x"))
    page = client.get(reverse("analytics:cockpit"), {"year": 2010}).content.decode()
    assert SCOPE_ZH in page
