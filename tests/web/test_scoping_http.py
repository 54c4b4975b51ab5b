"""Scoping is security: what each role can reach over HTTP."""

import pytest
from django.urls import reverse

import factories
from zhuanxing.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db

TONGXIANG = "/330483/"


@pytest.fixture
def world(db):
    """Two firms in each of three counties, with reports, and one user per role."""
    return factories.world()


@pytest.fixture
def users(world):
    return world.users


def _in(path: str):
    return Enterprise.objects.filter(org_unit__path__contains=path)


def _outside(path: str):
    return Enterprise.objects.exclude(org_unit__path__contains=path)


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("enterprises:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_county_officer_gets_404_for_another_countys_enterprise(client, users):
    client.force_login(users["tongxiang"])
    other = _outside(TONGXIANG).first()
    own = _in(TONGXIANG).first()
    assert client.get(reverse("enterprises:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("enterprises:detail", args=[own.pk])).status_code == 200


def test_county_officer_list_shows_only_their_county(client, users):
    client.force_login(users["tongxiang"])
    response = client.get(reverse("enterprises:list"), {"q": ""})
    page = response.context["page"]
    assert page.paginator.count == _in(TONGXIANG).count() > 0
    assert all(TONGXIANG in e.org_unit.path for e in page)
    # Asking for another county by its code yields nothing rather than its firms.
    response = client.get(reverse("enterprises:list"), {"county": "330481"})
    assert response.context["page"].paginator.count == 0
    assert "county" in response.context["form"].errors


def test_enterprise_user_sees_only_their_enterprise(client, users):
    user = users["firm"]
    client.force_login(user)
    others = Enterprise.objects.exclude(pk=user.enterprise_id)[:5]
    for other in others:
        assert client.get(reverse("enterprises:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("enterprises:detail", args=[user.enterprise_id])).status_code == 200
    listing = client.get(reverse("enterprises:list"))
    assert [e.pk for e in listing.context["page"]] == [user.enterprise_id]
    # The home page sends an enterprise user to their own enterprise.
    assert client.get(reverse("home"))["Location"] == reverse(
        "enterprises:detail", args=[user.enterprise_id]
    )


def test_city_admin_and_leader_see_the_whole_city(client, users):
    total = Enterprise.objects.count()
    for name in ("admin", "leader"):
        client.force_login(users[name])
        response = client.get(reverse("enterprises:list"))
        assert response.context["page"].paginator.count == total == 6


def test_officer_without_units_sees_nothing(client, world):
    from zhuanxing.accounts.models import Role, User

    lonely = User.objects.create_user("lonely", password="x", role=Role.COUNTY_OFFICER)
    client.force_login(lonely)
    assert client.get(reverse("enterprises:list")).context["page"].paginator.count == 0
    any_firm = Enterprise.objects.first()
    assert client.get(reverse("enterprises:detail", args=[any_firm.pk])).status_code == 404


def test_registry_overview_is_scoped(client, users):
    client.force_login(users["tongxiang"])
    response = client.get(reverse("registry"))
    codes = [row["code"] for row in response.context["by_county"]]
    assert codes == ["330483"]
    assert response.context["total_enterprises"] == _in(TONGXIANG).count()


def test_enterprise_user_gets_no_registry_overview(client, users):
    client.force_login(users["firm"])
    assert client.get(reverse("registry")).status_code == 403


def test_bank_user_reaches_no_registry_page(client, world):
    """A bank user sees the lists published to banks and nothing of the registry (the whole
    URL × role table, with the bank column, is tests/security/test_url_roles.py)."""
    from zhuanxing.accounts.models import Role

    bank = factories.user(Role.BANK, username="bank", institution="嘉兴银行")
    client.force_login(bank)
    assert client.get(reverse("home"))["Location"] == reverse("support:recommendations")
    any_firm = Enterprise.objects.first()
    for url in (
        reverse("enterprises:list"),
        reverse("enterprises:detail", args=[any_firm.pk]),
        reverse("registry"),
        reverse("enterprises:list") + "?export=xlsx",
    ):
        assert client.get(url).status_code == 403, url
    menu = client.get(reverse("support:recommendations")).context["nav_items"]
    assert [entry["url"] for entry in menu] == [reverse("support:recommendations")]
    assert (
        reverse("api_tokens") not in client.get(reverse("support:recommendations")).content.decode()
    )
