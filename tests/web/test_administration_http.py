"""Issue 13 §1: the administration site works for the city administrator and, scoped to their
county, for a county officer given administration rights — over HTTP."""

import pytest
from django.urls import reverse

import factories
from zhuanxing.accounts.models import Role, User
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db

TONGXIANG, HAINING = factories.TONGXIANG, factories.HAINING


@pytest.fixture
def world(db):
    built = factories.world(per_county=1, months=range(1, 2))
    User.objects.filter(username="tongxiang").update(is_staff=True)  # given admin rights
    return built


@pytest.fixture
def users(world):
    return {u.username: u for u in User.objects.all()}


def _login(client, user):
    client.force_login(user)
    return client


def test_the_menu_entry_leads_to_a_site_with_things_to_manage(client, users):
    page = _login(client, users["admin"]).get(reverse("admin:index")).content.decode()
    assert "你没有查看或编辑的权限" not in page
    for name in ("accounts_user", "orgunits_orgunit", "enterprises_enterprise"):
        assert reverse(f"admin:{name}_changelist") in page
    assert reverse("policy") in page and reverse("audit:log") in page
    home = client.get(reverse("home")).content.decode()
    assert reverse("admin:index") in home  # 系统管理 in the menu


def test_who_opens_the_administration_site(client, users):
    for name, status in [("admin", 200), ("tongxiang", 200), ("haining", 302), ("leader", 302),
                         ("firm", 302)]:  # fmt: skip
        client.logout()
        assert _login(client, users[name]).get(reverse("admin:index")).status_code == status, name


def test_the_city_administrator_creates_a_county_officer_who_sees_only_their_county(client, users):
    _login(client, users["admin"])
    haining = OrgUnit.objects.get(code=HAINING)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "haining2",
            "first_name": "海宁经办人",
            "password1": "Zx-2009-long-pass",
            "password2": "Zx-2009-long-pass",
            "role": Role.COUNTY_OFFICER,
            "org_units": [haining.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    officer = User.objects.get(username="haining2")
    assert officer.role == Role.COUNTY_OFFICER and officer.org_unit_paths == [haining.path]
    client.logout()
    signed_in = client.post(
        reverse("login"), {"username": "haining2", "password": "Zx-2009-long-pass"}
    )
    assert signed_in.status_code == 302
    page = client.get(reverse("enterprises:list")).content.decode()
    for firm in Enterprise.objects.all():
        assert (firm.name in page) == firm.org_unit.path.startswith(haining.path), firm.name


def test_an_officer_needs_units_and_a_clerk_a_firm(client, users):
    _login(client, users["admin"])
    for role in (Role.COUNTY_OFFICER, Role.ENTERPRISE):
        response = client.post(
            reverse("admin:accounts_user_add"),
            {"username": f"x-{role}", "password1": "Zx-2009-long-pass",
             "password2": "Zx-2009-long-pass", "role": role},
        )  # fmt: skip
        assert response.status_code == 200
        assert not User.objects.filter(username=f"x-{role}").exists()


def test_a_county_administrator_sees_only_their_county(client, users):
    _login(client, users["tongxiang"])
    people = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert ">firm<" in people
    for other in ("admin", "leader", "haining"):
        assert f">{other}<" not in people
    for other in ("admin", "haining"):
        url = reverse("admin:accounts_user_change", args=[users[other].pk])
        assert client.get(url).status_code == 302  # "does not exist", back to the index
    units = client.get(reverse("admin:orgunits_orgunit_changelist") + "?all=").content.decode()
    assert "桐乡市" in units and "海宁市" not in units
    firms = client.get(reverse("admin:enterprises_enterprise_changelist")).content.decode()
    for firm in Enterprise.objects.all():
        assert (firm.name in firms) == firm.org_unit.path.startswith(f"/330400/{TONGXIANG}/")
    other = Enterprise.objects.exclude(org_unit__path__contains=TONGXIANG).first()
    for name in ("change", "history"):
        url = reverse(f"admin:enterprises_enterprise_{name}", args=[other.pk])
        assert client.get(url).status_code in (302, 403, 404)
    for name in ("audit_auditevent", "api_apitoken"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403


def test_a_county_administrator_cannot_reach_beyond_their_county(client, users):
    _login(client, users["tongxiang"])
    haining = OrgUnit.objects.get(code=HAINING)
    tongxiang = OrgUnit.objects.get(code=TONGXIANG)
    base = {"password1": "Zx-2009-long-pass", "password2": "Zx-2009-long-pass"}
    refused = [
        {"username": "boss", "role": Role.CITY_ADMIN},
        {"username": "spy", "role": Role.COUNTY_OFFICER, "org_units": [haining.pk]},
        {"username": "clerk", "role": Role.ENTERPRISE,
         "enterprise": Enterprise.objects.exclude(org_unit__path__contains=TONGXIANG).first().pk},
    ]  # fmt: skip
    for data in refused:
        assert client.post(reverse("admin:accounts_user_add"), base | data).status_code == 200
        assert not User.objects.filter(username=data["username"]).exists()
    ok = base | {"username": "tx2", "role": Role.COUNTY_OFFICER, "org_units": [tongxiang.pk]}
    assert client.post(reverse("admin:accounts_user_add"), ok).status_code == 302
    assert User.objects.get(username="tx2").org_unit_paths == [tongxiang.path]
    # A unit outside the county cannot be the parent of a new one.
    unit = {"parent": haining.pk, "code": "330481990", "name": "测试园区", "kind": "park",
            "official_code": ""}  # fmt: skip
    assert client.post(reverse("admin:orgunits_orgunit_add"), unit).status_code == 200
    assert not OrgUnit.objects.filter(code="330481990").exists()


def test_the_city_adds_an_org_unit_with_its_path(client, users):
    _login(client, users["admin"])
    parent = OrgUnit.objects.get(code=TONGXIANG)
    unit = {"parent": parent.pk, "code": "330483990", "name": "测试园区", "kind": "park",
            "name_en": "Test park"}  # fmt: skip
    assert client.post(reverse("admin:orgunits_orgunit_add"), unit).status_code == 302
    made = OrgUnit.objects.get(code="330483990")
    assert made.path == f"{parent.path}330483990/" and made.depth == parent.depth + 1


def test_reset_password_and_deactivate(client, users):
    _login(client, users["admin"])
    firm_user = users["firm"]
    url = reverse("admin:auth_user_password_change", args=[firm_user.pk])
    data = {"password1": "New-pass-2013", "password2": "New-pass-2013", "usable_password": "true"}
    assert client.post(url, data).status_code == 302
    firm_user.refresh_from_db()
    assert firm_user.check_password("New-pass-2013")
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [firm_user.pk, users["admin"].pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not User.objects.get(pk=firm_user.pk).is_active
    assert User.objects.get(pk=users["admin"].pk).is_active  # never oneself


def test_enterprise_history_is_shown(client, users):
    _login(client, users["admin"])
    firm = users["firm"].enterprise
    url = reverse("admin:enterprises_enterprise_change", args=[firm.pk])
    page = client.get(url)
    assert page.status_code == 200
    history = client.get(reverse("admin:enterprises_enterprise_history", args=[firm.pk]))
    assert history.status_code == 200


def test_the_policy_in_force_is_shown_with_its_validation(client, users):
    page = _login(client, users["admin"]).get(reverse("policy")).content.decode()
    assert "jiaxing-2009.toml" in page
    assert "校验" in page and "工业销售产值 ≤ 1.1 × 工业总产值" in page
    client.logout()
    assert _login(client, users["firm"]).get(reverse("policy")).status_code == 403
