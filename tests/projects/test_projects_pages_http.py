"""The projects pages over HTTP: every role's reach (a county officer only their county's
projects, an enterprise user only their own), the plan order, screening and the exports."""

import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from factories import HAINING, TONGXIANG, TOWNS, enterprise, org_units, role_users
from zhuanxing.projects.models import PlanEntry, Problem, Progress, Project, Screening


def project(name, town, owner=None, investment=5000, **fields):
    units = org_units()
    defaults = {
        "kind": "stock", "total_investment": D(investment), "start_date": date(2011, 3, 1),
        "finish_date": date(2012, 12, 31), "investor_name": "" if owner else "新加坡投资有限公司",
        "expected_va": D(1000), "energy_tce": D(500), "electricity_kwh": 1_000_000,
    }  # fmt: skip
    return Project.objects.create(name=name, org_unit=units[town], owner=owner,
                                  **{**defaults, **fields})  # fmt: skip


@pytest.fixture
def city(db):
    firm = enterprise(town=TOWNS[TONGXIANG])
    other = enterprise(town=TOWNS[TONGXIANG])
    users = role_users(firm)
    projects = {
        "own": project("桐乡自有项目", TOWNS[TONGXIANG], firm),
        "neighbour": project("桐乡邻厂项目", TOWNS[TONGXIANG], other, investment=12000),
        "haining": project("海宁外资项目", TOWNS[HAINING], investment=30000),
    }
    for p in projects.values():
        PlanEntry.objects.create(project=p, year=2012, planned_investment=D(1200), in_plan=True)
    Problem.objects.create(project=projects["haining"], description="用地指标尚未落实",
                           department="国土资源局", raised_on=date(2012, 1, 5),
                           deadline=date(2012, 2, 5))  # fmt: skip
    return {"users": users, "projects": projects, "firm": firm}


def names(response) -> set[str]:
    text = response.content.decode()
    return {n for n in ("桐乡自有项目", "桐乡邻厂项目", "海宁外资项目") if n in text}


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("admin", {"桐乡自有项目", "桐乡邻厂项目", "海宁外资项目"}),
        ("leader", {"桐乡自有项目", "桐乡邻厂项目", "海宁外资项目"}),
        ("tongxiang", {"桐乡自有项目", "桐乡邻厂项目"}),
        ("haining", {"海宁外资项目"}),
        ("firm", {"桐乡自有项目"}),
    ],
)
def test_each_role_lists_its_own_projects(client, city, role, seen):
    client.force_login(city["users"][role])
    assert names(client.get(reverse("projects:list"))) == seen


@pytest.mark.parametrize("role", ["tongxiang", "firm"])
def test_another_scopes_project_is_not_found(client, city, role):
    client.force_login(city["users"][role])
    pk = city["projects"]["haining"].pk
    for name in ("projects:detail", "projects:edit"):
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code in (403, 404)
    assert client.get(reverse("projects:detail", kwargs={"pk": pk})).status_code == 404


def test_county_officer_cannot_edit_another_countys_project(client, city):
    client.force_login(city["users"]["tongxiang"])
    haining = city["projects"]["haining"]
    assert client.post(reverse("projects:edit", kwargs={"pk": haining.pk}),
                       {"name": "改名"}).status_code == 404  # fmt: skip
    posts = {
        "projects:progress": {"year": 2012, "month": 5, "investment": "100"},
        "projects:plan_entry": {"year": 2012, "planned_investment": "1"},
        "projects:problem_add": {"description": "x", "department": "y",
                                 "raised_on": "2012-01-01", "deadline": "2012-02-01"},
    }  # fmt: skip
    for name, data in posts.items():
        assert client.post(reverse(name, kwargs={"pk": haining.pk}), data).status_code == 404
    problem = Problem.objects.get(project=haining)
    url = reverse("projects:problem_resolve", kwargs={"pk": problem.pk})
    assert client.post(url, {"resolution": "x", "resolved_on": "2012-02-01"}).status_code == 404
    haining.refresh_from_db()
    assert haining.name == "海宁外资项目"
    assert not Progress.objects.filter(project=haining).exists()
    assert Problem.objects.get(pk=problem.pk).resolved_on is None
    assert PlanEntry.objects.get(project=haining).planned_investment == D(1200)


def form_data(unit_pk, **over):
    data = {
        "name": "新建项目", "investor_name": "某投资公司", "org_unit": unit_pk, "kind": "new",
        "status": "planned", "total_investment": "8000", "land_mu": "50", "new_land": "on",
        "start_date": "2012-03-01", "finish_date": "2013-06-30", "investor_source": "domestic",
        "expected_output": "20000", "expected_va": "4000", "expected_tax": "600",
        "energy_tce": "1500", "electricity_kwh": "3000000", "cod_t": "2", "nh3n_t": "0.2",
        "so2_t": "3", "nox_t": "2",
    }  # fmt: skip
    return {**data, **over}


def test_county_officer_registers_only_in_own_county(client, city):
    units = org_units()
    client.force_login(city["users"]["tongxiang"])
    url = reverse("projects:create")
    refused = client.post(url, form_data(units[TOWNS[HAINING]].pk, name="越界项目"))
    assert refused.status_code == 200  # the form again, with the error
    assert not Project.objects.filter(name="越界项目").exists()
    done = client.post(url, form_data(units[TOWNS[TONGXIANG]].pk))
    created = Project.objects.get(name="新建项目")
    assert done.status_code == 302 and done.url == reverse("projects:detail", args=[created.pk])
    assert created.created_by == city["users"]["tongxiang"]


def test_negative_figures_are_refused(client, city):
    units = org_units()
    client.force_login(city["users"]["tongxiang"])
    response = client.post(reverse("projects:create"),
                           form_data(units[TOWNS[TONGXIANG]].pk, so2_t="-1"))  # fmt: skip
    assert response.status_code == 200
    assert not Project.objects.filter(name="新建项目").exists()


def test_enterprise_user_may_not_register(client, city):
    client.force_login(city["users"]["firm"])
    assert client.get(reverse("projects:create")).status_code == 403
    assert client.get(reverse("projects:plan")).status_code == 403


def test_plan_puts_hundred_million_projects_first(client, city):
    client.force_login(city["users"]["admin"])
    response = client.get(reverse("projects:plan"), {"year": 2012})
    text = response.content.decode()
    # 海宁 30000 and 邻厂 12000 (≥ 10000 万元) before 自有 5000, whatever the score
    assert text.index("海宁外资项目") < text.index("桐乡邻厂项目") < text.index("桐乡自有项目")


def test_only_the_city_admin_builds_the_plan(client, city):
    own = city["projects"]["own"]
    url = reverse("projects:plan_build")
    client.force_login(city["users"]["tongxiang"])
    assert client.post(url, {"year": 2012, "project": [own.pk]}).status_code == 403
    client.force_login(city["users"]["admin"])
    assert client.post(url, {"year": 2012, "project": [own.pk]}).status_code == 302
    in_plan = PlanEntry.objects.filter(in_plan=True).values_list("project", flat=True)
    assert list(in_plan) == [own.pk]
    assert client.post(url, {"year": 2012, "project": ["x"]}).status_code == 400


def test_behind_schedule_flag_on_the_plan(client, city):
    own = city["projects"]["own"]
    # 6 months: 400 of 1200 = 33.3% < 50 − 10 → behind; the neighbour 600 = 50% is on schedule.
    Progress.objects.create(project=own, year=2012, month=6, investment=D(400))
    Progress.objects.create(project=city["projects"]["neighbour"], year=2012, month=6,
                            investment=D(600))  # fmt: skip
    client.force_login(city["users"]["tongxiang"])
    rows = client.get(reverse("projects:plan"), {"year": 2012}).context["rows"]
    assert {r.project.name: r.schedule.behind for r in rows} == {
        "桐乡自有项目": True, "桐乡邻厂项目": False}  # fmt: skip


def test_overdue_problems_view(client, city):
    client.force_login(city["users"]["admin"])
    page = client.get(reverse("projects:problems"), {"overdue": "on"})
    assert "用地指标尚未落实" in page.content.decode()
    client.force_login(city["users"]["tongxiang"])
    page = client.get(reverse("projects:problems"), {"overdue": "on"})
    assert "用地指标尚未落实" not in page.content.decode()


@pytest.mark.parametrize(
    ("name", "params"),
    [("projects:list", {"status": "nope"}), ("projects:list", {"county": "../x"}),
     ("projects:plan", {"year": "abc"}), ("projects:plan", {"month": "13"}),
     ("projects:attraction", {"year": "99999"})],
)  # fmt: skip
def test_bad_parameters_are_400(client, city, name, params):
    client.force_login(city["users"]["admin"])
    assert client.get(reverse(name), params).status_code == 400


def test_exports_hold_only_the_users_projects(client, city):
    client.force_login(city["users"]["tongxiang"])
    response = client.get(reverse("projects:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    listed = {row[0] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert listed == {"桐乡自有项目", "桐乡邻厂项目"}
    response = client.get(reverse("projects:plan"), {"year": 2012, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        "桐乡自有项目", "桐乡邻厂项目"}  # fmt: skip


def test_export_then_import_round_trip_is_all_or_nothing(client, city):
    client.force_login(city["users"]["tongxiang"])
    content = client.get(reverse("projects:list"), {"export": "xlsx"}).content
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    sheet["A3"], sheet["A4"] = "导入项目甲", "导入项目乙"
    sheet["D4"] = "330481001"  # a Haining town: outside the officer's county
    broken = io.BytesIO()
    book.save(broken)
    broken.seek(0)
    broken.name = "p.xlsx"
    before = Project.objects.count()
    client.post(reverse("projects:import"), {"file": broken})
    assert Project.objects.count() == before  # one bad row: nothing imported
    sheet["D4"] = TOWNS[TONGXIANG]
    good = io.BytesIO()
    book.save(good)
    good.seek(0)
    good.name = "p.xlsx"
    client.post(reverse("projects:import"), {"file": good})
    assert Project.objects.count() == before + 2
    assert Project.objects.filter(name="导入项目乙", org_unit__code=TOWNS[TONGXIANG]).exists()


def test_screening_over_http_shows_every_number(client, averages_city):
    users = averages_city["users"]
    client.force_login(users["tongxiang"])
    data = {"name": "高耗能项目", "region": TONGXIANG, "value_added": "1000", "energy_tce": "800",
            "electricity_kwh": "1000000", "cod_t": "1", "nh3n_t": "0.1", "so2_t": "1",
            "nox_t": "1"}  # fmt: skip
    response = client.post(reverse("projects:screen"), data)
    row = Screening.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projects:screening", args=[row.pk])
    # (800 + 122.9) ÷ 1000 = 0.9229 > 0.7: not approved
    assert row.approved is False
    page = client.get(response.url).content.decode()
    for shown in ("0.9229", "0.7000", "2011", "吨标准煤/万元"):
        assert shown in page
    docx = client.get(reverse("projects:screening_docx", args=[row.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    client.force_login(users["haining"])
    assert client.get(reverse("projects:screening", args=[row.pk])).status_code == 404
    refused = client.post(reverse("projects:screen"), data)  # Tongxiang: not theirs
    assert refused.status_code == 200 and Screening.objects.count() == 1


def test_enterprise_page_lists_its_projects(client, city):
    client.force_login(city["users"]["firm"])
    page = client.get(reverse("enterprises:detail", args=[city["firm"].pk])).content.decode()
    assert "桐乡自有项目" in page and "桐乡邻厂项目" not in page
    client.force_login(city["users"]["admin"])
    detail = client.get(reverse("projects:detail", args=[city["projects"]["own"].pk]))
    assert reverse("evaluation:enterprise", args=[city["firm"].pk]) in detail.content.decode()


def test_cockpit_shows_plan_progress_in_scope(client, city, store_settings):
    client.force_login(city["users"]["tongxiang"])
    response = client.get(reverse("home"))
    progress = response.context["plan_progress"]
    assert (progress["year"], progress["projects"], progress["priority"]) == (2012, 2, 1)
    assert 'id="plan-progress"' in response.content.decode()


def test_progress_import_is_all_or_nothing_and_scoped(client, city):
    client.force_login(city["users"]["tongxiang"])
    template = client.get(reverse("projects:progress_template"), {"year": 2012})
    book = load_workbook(io.BytesIO(template.content))
    sheet = book.active
    listed = {row[1]: row[0] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert set(listed) == {"桐乡自有项目", "桐乡邻厂项目"}
    sheet["D3"], sheet["E3"], sheet["F3"] = 5, 300, "主体封顶"
    sheet["D4"], sheet["E4"] = 5, -1  # negative: the whole file is refused
    sheet.append([city["projects"]["haining"].pk, "海宁", 2012, 5, 10, ""])  # not theirs

    def post(book):
        buffer = io.BytesIO()
        book.save(buffer)
        buffer.seek(0)
        buffer.name = "progress.xlsx"
        return client.post(reverse("projects:progress_import"), {"file": buffer})

    post(book)
    assert not Progress.objects.exists()
    sheet["E4"] = 200
    sheet.delete_rows(5)
    assert post(book).status_code == 302
    assert sorted(Progress.objects.values_list("investment", flat=True)) == [D(200), D(300)]
    assert Progress.objects.get(investment=300).milestone == "主体封顶"


def test_edit_form_keeps_the_dates(client, city):
    client.force_login(city["users"]["tongxiang"])
    page = client.get(reverse("projects:edit", args=[city["projects"]["own"].pk])).content.decode()
    assert 'value="2011-03-01"' in page and 'value="2012-12-31"' in page
