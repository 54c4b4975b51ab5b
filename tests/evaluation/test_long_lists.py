"""Issue 13 (5): the long lists page on the server, filter, sort and export the whole filtered
list; a county officer's export holds their county only."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

import factories
from background import simulate
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.evaluation import selectors
from zhuanxing.evaluation.data import read_year
from zhuanxing.evaluation.models import EnvironmentalRecord
from zhuanxing.evaluation.services import backward_capacity_batch_create, evaluation_run_publish

CLEAN = "evaluation:clean_production"
BACKWARD = "evaluation:backward"
TONGXIANG = "330483"


@pytest.fixture
def small_pages(settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "PAGE_SIZE": 7}
    return 7


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(response.content))
    ws = wb.active
    header = int(ws.freeze_panes[1:]) - 1
    rows = [r for r in ws.iter_rows(min_row=header + 1, values_only=True) if any(r)]
    return ws, rows


def _reference_clean_production(year, policy, visible_ids):
    """The list as the page computed it before it moved into SQL: every counted report of the
    year read into Python, the grounds tested row by row (the oracle of the SQL version)."""
    rule = policy.evaluation.clean_production
    records = {r.enterprise_id: r for r in EnvironmentalRecord.objects.filter(year=year)}
    out = {}
    for row in read_year(year, policy):
        if row.enterprise_id not in visible_ids:
            continue
        code, record, reasons = row.industry_code, records.get(row.enterprise_id), []
        if record and record.over_discharge_standard:
            reasons.append("over_discharge_standard")
        if record and record.over_load_limit:
            reasons.append("over_load_limit")
        if row.uses_toxic_substances:
            reasons.append("toxic_substances")
        if (record and year >= rule.energy_limit_from_year
                and record.energy_per_product is not None
                and record.energy_per_product_limit is not None
                and record.energy_per_product > record.energy_per_product_limit):  # fmt: skip
            reasons.append("energy_per_product")
        if any(code.startswith(c) for c in rule.mandatory_classes):
            reasons.append("mandatory_industry")
        if reasons:
            out[row.enterprise_id] = reasons
    return out


@pytest.mark.parametrize("who", ["admin", "tongxiang"])
def test_clean_production_sql_matches_the_row_by_row_rules(evaluated, policy, users, who):
    user = users[who]
    visible = set(Enterprise.objects.restrict(user).values_list("pk", flat=True))
    expected = _reference_clean_production(2012, policy, visible)
    found = selectors.clean_production_list(user=user, year=2012, policy=policy)
    assert expected and {c.enterprise.pk: c.reasons for c in found} == expected
    assert all(c.due == date(2013, 12, 31) for c in found)


def test_clean_production_pages_filters_and_sorts_on_the_server(
    client, evaluated, users, small_pages
):
    client.force_login(users["admin"])
    first = client.get(reverse(CLEAN), {"year": 2012})
    page = first.context["page"]
    total = page.paginator.count
    assert total > small_pages and len(page.object_list) == small_pages
    assert 'rel="next"' in first.content.decode()
    last = client.get(reverse(CLEAN), {"year": 2012, "page": page.paginator.num_pages})
    assert len(last.context["page"].object_list) == total - small_pages * (
        page.paginator.num_pages - 1
    )
    toxic = client.get(reverse(CLEAN), {"year": 2012, "reason": "toxic_substances"})
    toxic_page = toxic.context["page"]
    assert 0 < toxic_page.paginator.count < total
    assert all("toxic_substances" in c.reasons for c in toxic_page)
    by_name = client.get(reverse(CLEAN), {"year": 2012, "sort": "-name"}).context["page"]
    names = [c.enterprise.name for c in by_name]
    assert names == sorted(names, reverse=True)
    county = client.get(reverse(CLEAN), {"year": 2012, "county": TONGXIANG}).context["page"]
    assert all(f"/{TONGXIANG}/" in c.enterprise.org_unit.path for c in county)


def test_clean_production_refuses_bad_list_parameters(client, evaluated, users):
    client.force_login(users["admin"])
    for params in ({"sort": "uscc"}, {"page": "0"}, {"page": "x"}, {"export": "csv"},
                   {"reason": "nope"}, {"year": "1800"}):  # fmt: skip
        assert client.get(reverse(CLEAN), params).status_code == 400, params


def test_clean_production_export_is_the_whole_filtered_list(client, evaluated, users, small_pages):
    client.force_login(users["admin"])
    params = {"year": 2012, "reason": "toxic_substances"}
    count = client.get(reverse(CLEAN), params).context["page"].paginator.count
    ws, rows = _sheet(client.get(reverse(CLEAN), {**params, "export": "xlsx"}))
    assert count > small_pages and len(rows) == count  # every row, not one page
    assert ws.title == "清洁生产审核"
    assert all("有毒有害" in r[4] for r in rows)
    _ws, everything = _sheet(client.get(reverse(CLEAN), {"year": 2012, "export": "xlsx"}))
    assert len(everything) > len(rows)


def test_county_officer_exports_only_their_county(client, evaluated, users):
    client.force_login(users["tongxiang"])
    _ws, rows = _sheet(client.get(reverse(CLEAN), {"year": 2012, "export": "xlsx"}))
    ids = {r[1] for r in rows}
    assert rows
    mine = set(
        Enterprise.objects.filter(org_unit__path__contains=f"/{TONGXIANG}/").values_list(
            "uscc", flat=True
        )
    )
    assert ids <= mine
    # Another county as a filter: refused (not in the choices), never another county's rows.
    assert client.get(reverse(CLEAN), {"county": "330481", "export": "xlsx"}).status_code == 400


@pytest.fixture
def batch(evaluated, policy, users):
    evaluation_run_publish(run=evaluated, user=users["admin"])
    return backward_capacity_batch_create(
        run=evaluated, user=users["admin"], name="第一批", policy=policy
    )


def test_backward_list_pages_filters_sorts_and_exports(client, batch, users, settings):
    total = batch.entries.count()
    assert total >= 2
    settings.ZHUANXING = {**settings.ZHUANXING, "PAGE_SIZE": 1}
    client.force_login(users["admin"])
    response = client.get(reverse(BACKWARD), {"batch": batch.pk, "sort": "-name"})
    page = response.context["page"]
    assert page.paginator.count == total and len(page.object_list) == 1
    names = sorted(batch.entries.values_list("enterprise__name", flat=True), reverse=True)
    assert [e.enterprise.name for e in page] == names[:1]
    ws, rows = _sheet(client.get(reverse(BACKWARD), {"batch": batch.pk, "export": "xlsx"}))
    assert len(rows) == total and ws.title == "落后产能"
    first = batch.entries.order_by("enterprise__name").first()
    named = {"batch": batch.pk, "q": first.enterprise.name, "export": "xlsx"}
    _ws, rows = _sheet(client.get(reverse(BACKWARD), named))
    assert [r[0] for r in rows] == [first.enterprise.name]
    _ws, rows = _sheet(client.get(reverse(BACKWARD), {"batch": batch.pk, "status": "exited",
                                                      "export": "xlsx"}))  # fmt: skip
    assert rows == []


def test_backward_export_is_scoped_to_the_county(client, batch, users):
    from zhuanxing.accounts.models import Role
    from zhuanxing.orgunits.models import OrgUnit

    entry = batch.entries.select_related("enterprise__org_unit").first()
    code = entry.enterprise.org_unit.path.strip("/").split("/")[1]
    officer = factories.user(Role.COUNTY_OFFICER, org_units=[OrgUnit.objects.get(code=code)])
    client.force_login(officer)
    _ws, rows = _sheet(client.get(reverse(BACKWARD), {"batch": batch.pk, "export": "xlsx"}))
    expected = batch.entries.filter(enterprise__org_unit__path__contains=f"/{code}/")
    assert len(rows) == expected.count() >= 1
    assert {r[1] for r in rows} == set(expected.values_list("enterprise__uscc", flat=True))
    # An officer whose county has no firm on the batch does not see the batch at all.
    others = [
        u
        for u in ("tongxiang", "haining")
        if not batch.entries.filter(
            enterprise__org_unit__path__contains=f"/{users[u].org_units.get().code}/"
        ).exists()
    ]
    for name in others:
        client.force_login(users[name])
        assert (
            client.get(reverse(BACKWARD), {"batch": batch.pk, "export": "xlsx"}).status_code == 404
        )


def test_class_distribution_counts_match_the_results(client, evaluated, policy, users):
    """The distribution, counted in SQL, against the results counted one by one."""
    from collections import Counter

    from zhuanxing.orgunits.selectors import county_units

    admin = users["admin"]
    dist = selectors.distribution(user=admin, run=evaluated, policy=policy)
    graded = evaluated.results.filter(excluded_reason="").select_related("enterprise__org_unit")
    classes = dist["classes"]
    for unit, counts in dist["counties"]:
        expected = Counter(
            r.klass for r in graded if r.enterprise.org_unit.path.startswith(unit.path)
        )
        assert counts == [expected[k] for k in classes]
    by_category = Counter(
        (policy.category_1244(r.enterprise.industry_code) or "", r.klass) for r in graded
    )
    names = {c.name: key for key, c in policy.categories_1244.items()}
    for name, counts in dist["categories"]:
        key = names.get(name, "")
        assert counts == [by_category[(key, k)] for k in classes]
    assert [u for u, _ in dist["counties"]] == list(county_units(admin))


def test_class_distribution_export_is_the_page_in_the_users_scope(client, evaluated, users):
    for name in ("admin", "tongxiang"):
        client.force_login(users[name])
        page = client.get(reverse("evaluation:run", args=[evaluated.pk])).context["dist"]
        ws, rows = _sheet(
            client.get(reverse("evaluation:run", args=[evaluated.pk]), {"export": "xlsx"})
        )
        counties = [r for r in rows if r[0] == "县（市、区）/ 开发区"]
        assert [r[1] for r in counties[:-1]] == [u.name for u, _ in page["counties"]]
        assert list(counties[-1][2:-1]) == page["totals"]
        assert len(rows) == len(page["counties"]) + 1 + len(page["categories"])
    assert client.get(reverse("evaluation:run", args=[evaluated.pk]),
                      {"export": "pdf"}).status_code == 400  # fmt: skip


def test_simulation_results_export_one_row_per_region_shown(
    client, evaluated, users, immediate_tasks
):
    params = {"run": evaluated.pk, "selection": "class", "klass": "D", "action": "exit",
              "land": "released"}  # fmt: skip
    for name in ("admin", "tongxiang"):
        client.force_login(users[name])
        sim = simulate(client, {**params, "population": ""})
        shown = sim.context["comparisons"]
        ws, rows = _sheet(client.get(reverse("jobs:download", args=[sim.job.pk])))
        assert len(rows) == len(shown) >= 1
        assert rows[0][1] == pytest.approx(float(shown[0].lost.value_added_yi))
    assert [r[0] for r in rows] == ["桐乡市"]  # the officer: their county only


def test_a_published_runs_distribution_is_kept_per_scope(
    evaluated, policy, users, monkeypatch, django_assert_num_queries
):
    from zhuanxing.analytics import cache as analytics_cache
    from zhuanxing.evaluation.models import RunStatus

    monkeypatch.setattr(analytics_cache.store, "build_id", lambda path: "build-1")
    evaluated.status = RunStatus.PUBLISHED
    evaluated.save(update_fields=["status"])
    first = selectors.run_distribution(user=users["admin"], run=evaluated, policy=policy)
    with django_assert_num_queries(0):  # kept: the same scope counts nothing again
        again = selectors.run_distribution(user=users["admin"], run=evaluated, policy=policy)
    assert again == first
    county = selectors.run_distribution(user=users["tongxiang"], run=evaluated, policy=policy)
    assert county == selectors.distribution(user=users["tongxiang"], run=evaluated, policy=policy)
    assert (
        [u.code for u, _ in county["counties"]]
        == ["330483"]
        != [u.code for u, _ in first["counties"]]
    )
