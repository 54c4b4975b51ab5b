"""Evaluation pages over HTTP: scoping by role, the Excel export, the CLI."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

import factories
from background import simulate
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.evaluation.models import EvaluationResult
from zhuanxing.evaluation.services import evaluation_run_publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]
TONGXIANG = "/330483/"


def test_county_officer_sees_only_their_county(client, evaluated, users):
    client.force_login(users["tongxiang"])
    response = client.get(
        reverse("evaluation:results", args=[evaluated.pk]), {"population": "above_scale"}
    )
    rows = list(response.context["page"])
    assert rows and all(TONGXIANG in r.enterprise.org_unit.path for r in rows)
    detail = client.get(reverse("evaluation:run", args=[evaluated.pk]))
    assert [u.code for u, _ in detail.context["dist"]["counties"]] == ["330483"]
    other = Enterprise.objects.exclude(org_unit__path__contains=TONGXIANG).first()
    assert client.get(reverse("evaluation:enterprise", args=[other.pk])).status_code == 404


def test_enterprise_user_sees_only_their_own_class(client, evaluated, users):
    evaluation_run_publish(run=evaluated, user=users["admin"])
    user = users["firm"]
    client.force_login(user)
    own = client.get(reverse("evaluation:enterprise", args=[user.enterprise_id]))
    assert own.status_code == 200
    assert own.context["latest"].enterprise_id == user.enterprise_id
    other = Enterprise.objects.exclude(pk=user.enterprise_id).first()
    assert client.get(reverse("evaluation:enterprise", args=[other.pk])).status_code == 404
    assert client.get(reverse("evaluation:runs")).status_code == 403
    assert client.get(reverse("evaluation:results", args=[evaluated.pk])).status_code == 403


def test_leader_cannot_evaluate(client, db):
    from zhuanxing.accounts.models import Role

    factories.world()
    client.force_login(factories.user(Role.LEADER))
    response = client.post(reverse("evaluation:runs"), {"year": 2012})
    assert response.status_code == 403 and not EvaluationResult.objects.exists()


def test_excel_export_neutralises_formulas(client, evaluated, users):
    from io import BytesIO

    from openpyxl import load_workbook

    target = EvaluationResult.objects.filter(
        run=evaluated, excluded_reason="", population="above_scale"
    ).first()
    Enterprise.objects.filter(pk=target.enterprise_id).update(name='=HYPERLINK("http://x")')
    client.force_login(users["admin"])
    response = client.get(
        reverse("evaluation:results", args=[evaluated.pk]),
        {"population": "above_scale", "export": "xlsx"},
    )
    sheet = load_workbook(BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["排名", "企业名称", "统一社会信用代码", "所属区域", "综合得分", "类别"]
    assert not any(re.search(r"[A-Za-z]{3,}", str(h)) for h in header), header  # one language
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names
    assert all(not str(n).startswith("=") for n in names)


def test_clean_production_and_simulation_pages(client, evaluated, users):
    client.force_login(users["admin"])
    audits = client.get(reverse("evaluation:clean_production"), {"year": 2012})
    rows = audits.context["page"]
    assert rows and all(c.reasons for c in rows)
    toxic = [c for c in rows if "toxic_substances" in c.reasons]
    assert all(c.enterprise.uses_toxic_substances for c in toxic)
    sim = simulate(client, {"run": evaluated.pk, "population": ""})
    city = sim.context["comparisons"][0]
    assert city.region == "city" and city.land_freed_mu > 0
    assert city.after.land_mu == city.before.land_mu - city.land_freed_mu


def test_cli_json(evaluated, capsys):
    call_command("evaluate", "--year", "2012", "--json")
    payload = json.loads(capsys.readouterr().out)
    stored = {
        r.enterprise_id: (str(r.total), r.klass)
        for r in EvaluationResult.objects.filter(run=evaluated, excluded_reason="")
    }
    got = {e["enterprise_id"]: (e["total"], e["class"]) for e in payload["evaluated"]}
    assert got == stored
    assert {e["reason"] for e in payload["excluded"]} <= {
        "utility", "registered_recently", "new_land_grant", "no_land", "below_scale_small_land"
    }  # fmt: skip


def test_simulation_answers_with_losses_targets_and_assessment(
    client, evaluated, city_with_store, users
):
    from decimal import Decimal

    from zhuanxing.assessment.models import CountyTarget
    from zhuanxing.assessment.selectors import assessment_table
    from zhuanxing.evaluation.models import EvaluationResult
    from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
    from zhuanxing.policy.active import policy_in_force
    from zhuanxing.reporting.models import AnnualReport

    units = list(OrgUnit.objects.filter(kind__in=[OrgUnitKind.COUNTY, OrgUnitKind.ZONE]))
    for u in units:
        CountyTarget.objects.create(
            org_unit=u, year=2012, indicator="industrial_value_added", target=Decimal(1)
        )
    client.force_login(users["admin"])
    params = {
        "run": evaluated.pk,
        "selection": "class",
        "klass": "D",
        "action": "exit",
        "land": "released",
    }
    page = simulate(client, {**params, "population": "above_scale"})
    chosen = EvaluationResult.objects.filter(
        run=evaluated, klass="D", population="above_scale"
    ).values_list("enterprise_id", flat=True)
    assert page.context["selected"] == len(chosen) > 0
    lost = sum(
        AnnualReport.objects.filter(year=2012, enterprise_id__in=chosen).values_list(
            "value_added", flat=True
        ),
        Decimal(0),
    )
    city = page.context["comparisons"][0]
    assert city.lost.value_added == lost
    # the assessment before is the assessment page's own
    table = assessment_table(user=users["admin"], year=2012, policy=policy_in_force())
    shown = {s.county: (s.total, s.rank) for _, s in table["scores"]}
    effect = page.context["assessment"]
    assert {c: (a.total_before, a.rank_before) for c, a in effect.items()} == shown
    # industrial VA after = before − the chosen firms' VA of the unit, in 亿元
    for c in page.context["comparisons"][1:]:
        va = effect[c.region].items[0]
        assert va.indicator == "industrial_value_added"
        assert va.after.value == pytest.approx(va.before.value - c.lost.value_added / 10000)
    both = simulate(client, {**params, "population": ""})
    assert both.context["selected"] > page.context["selected"]
    kept = simulate(client, {**params, "population": "above_scale", "land": "kept"})
    va_mu = {r["key"]: r for r in kept.context["targets"]["city"] if r["key"] == "va_per_mu"}[
        "va_per_mu"
    ]
    released = {r["key"]: r for r in page.context["targets"]["city"] if r["key"] == "va_per_mu"}[
        "va_per_mu"
    ]
    assert va_mu["after"].value < va_mu["before"].value < released["after"].value


def test_simulation_keeps_a_zero_share_a_number(client, evaluated, city_with_store, users):
    """A ratio at 0 (no high-tech firm in the unit) stays a number after the change."""
    client.force_login(users["admin"])
    page = simulate(client, {"run": evaluated.pk, "population": "", "land": "released"})
    for c in page.context["comparisons"][1:]:
        for item in page.context["assessment"][c.region].items:
            if item.before.value is not None and c.changes:
                assert item.after.value is not None, (c.region, item.indicator)


def test_county_officer_what_if_shows_only_their_county(client, evaluated, city_with_store, users):
    client.force_login(users["tongxiang"])
    page = simulate(client, {"run": evaluated.pk, "population": "", "land": "kept"})
    assert page.page.status_code == 200
    regions = {c.region for c in page.context["comparisons"]}
    assert regions == {"330483"}  # 桐乡市 only: no city row, no other county
    assert set(page.context["targets"]) == {"330483"}
    html = page.html
    assert html.count('<tr data-region="') == len(
        [r for r in html.split('<tr data-region="')[1:] if r.startswith("330483")]
    )
