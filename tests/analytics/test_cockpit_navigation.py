"""Issue 13 §9: street and park cockpits have a breadcrumb back up; the map drills down and
rounds as the table does (its data carries the year and each indicator's places)."""

import json

import pytest
from django.urls import reverse

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind


def _town():
    return OrgUnit.objects.get(
        pk=Enterprise.objects.filter(
            org_unit__kind=OrgUnitKind.TOWN, org_unit__path__contains="/330483/"
        )
        .values_list("org_unit", flat=True)
        .first()
    )


@pytest.mark.django_db
def test_a_town_cockpit_has_a_way_back_up(client, city_with_store, users):
    town = _town()
    client.force_login(users["admin"])
    page = client.get(reverse("analytics:cockpit"), {"region": town.code}).content.decode()
    crumbs = page.split('id="cockpit-crumbs">')[1].split("</p>")[0]
    assert "?region=330400" in crumbs and "?region=330483" in crumbs and town.name in crumbs
    client.force_login(users["tongxiang"])
    page = client.get(reverse("analytics:cockpit"), {"region": town.code}).content.decode()
    crumbs = page.split('id="cockpit-crumbs">')[1].split("</p>")[0]
    assert "?region=330483" in crumbs and "?region=330400" not in crumbs  # not theirs


@pytest.mark.django_db
def test_the_map_data_can_drill_down_and_round_like_the_table(client, city_with_store, users):
    client.force_login(users["admin"])
    response = client.get(reverse("analytics:cockpit"))
    data = json.loads(
        response.content.decode()
        .split('id="cockpit-data" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert data["year"] == response.context["year"]
    for key, rows in data["map"].items():
        assert key in data["decimals"]
        assert all(row["name"].isdigit() for row in rows)  # the region codes the click opens
