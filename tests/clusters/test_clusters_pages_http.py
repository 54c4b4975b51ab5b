"""The cluster pages and their export over HTTP, per role: the city sees every county, a county
officer only their county's clusters, towns and paths (another county's region is a 404, in the
pages and the export), an enterprise clerk gets 403; parameters are bounded."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

TONGXIANG, HAINING = "330483", "330481"

PAGES = ["clusters:identification", "clusters:paths", "clusters:export"]


@pytest.fixture
def store(city_with_store):
    from zhuanxing.orgunits.models import OrgUnit

    return {u.code: u for u in OrgUnit.objects.filter(depth__lte=2)}


def _units(response, table_id: str) -> set[str]:
    html = response.content.decode()
    start = html.index(f'id="{table_id}"')
    end = html.index("</table>", start)
    chunk = html[start:end]
    return {part.split('"')[0] for part in chunk.split('data-unit="')[1:]}


def test_city_admin_sees_every_county(client, users, store):
    client.force_login(users["admin"])
    response = client.get(reverse("clusters:identification"))
    assert response.status_code == 200
    counties = _units(response, "counties")
    assert {TONGXIANG, HAINING} <= counties
    towns = _units(response, "towns")
    assert any(store[t].path.startswith(store[HAINING].path) for t in towns)
    assert response.context["detail"] is None  # the city: no single county's industries


def test_county_officer_sees_only_their_county(client, users, store):
    client.force_login(users["tongxiang"])
    response = client.get(reverse("clusters:identification"))
    assert response.status_code == 200
    assert _units(response, "counties") == {TONGXIANG}
    towns = _units(response, "towns")
    assert towns and all(store[t].path.startswith(store[TONGXIANG].path) for t in towns)
    detail = response.context["detail"]
    assert detail.unit.code == TONGXIANG and detail.industries
    shares = sum(r.share for r in detail.industries)
    assert shares == pytest.approx(100)
    html = response.content.decode()
    assert store[HAINING].name not in html
    # Another county's figures are not reachable by naming it.
    for name in PAGES:
        assert client.get(reverse(name), {"region": HAINING}).status_code == 404


def test_county_officer_paths(client, users, store):
    client.force_login(users["tongxiang"])
    response = client.get(reverse("clusters:paths"))
    assert response.status_code == 200
    own = response.context["own"]
    assert own.unit.code == TONGXIANG
    assert own.held  # Tongxiang has industries
    densities = [o.density for o in own.opportunities]
    assert densities == sorted(densities, reverse=True)
    held = {code for code, _label in own.held}
    for o in own.opportunities:
        assert o.code not in held
        assert {r.code for r in o.related} <= held
    children = _units(response, "units")
    assert children and all(store[t].path.startswith(store[TONGXIANG].path) for t in children)


def test_town_page(client, users, store):
    county = store[TONGXIANG].path
    town = next(u for u in store.values() if u.depth == 2 and u.path.startswith(county))
    client.force_login(users["tongxiang"])
    for name in ("clusters:identification", "clusters:paths"):
        response = client.get(reverse(name), {"region": town.code})
        assert response.status_code == 200
    assert response.context["own"].unit == town
    assert response.context["children"] == []


def test_export_is_scoped(client, users, store):
    client.force_login(users["tongxiang"])
    response = client.get(reverse("clusters:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="clusters-{TONGXIANG}.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    assert len(wb.sheetnames) == 4
    counties = [row[0] for row in wb.worksheets[0].iter_rows(min_row=2, values_only=True) if row[0]]
    assert counties[0] == store[TONGXIANG].name
    assert store[HAINING].name not in counties
    towns = [row[1] for row in wb.worksheets[2].iter_rows(min_row=2, values_only=True)]
    assert towns and set(towns) == {store[TONGXIANG].name}
    units = {row[0] for row in wb.worksheets[3].iter_rows(min_row=2, values_only=True)}
    assert store[HAINING].name not in units


def test_enterprise_clerk_and_anonymous(client, users, store):
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 302
    client.force_login(users["firm"])
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"year": "1800"}, {"base": "3000"}, {"region": "x" * 20}]
)
def test_bounded_parameters(client, users, store, params):
    client.force_login(users["admin"])
    assert client.get(reverse("clusters:identification"), params).status_code == 400


def test_base_after_year_refused(client, users, store):
    from zhuanxing.clusters.selectors import years

    first, last = years()
    client.force_login(users["admin"])
    response = client.get(reverse("clusters:identification"), {"year": first, "base": last})
    assert response.status_code == 400 if first < last else 200


def test_no_store(client, users, settings, tmp_path, db):
    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "none.duckdb")}
    from factories import enterprise, role_users

    people = role_users(enterprise())
    client.force_login(people["admin"])
    for name in ("clusters:identification", "clusters:paths"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert response.context["missing"]
    assert client.get(reverse("clusters:export")).status_code == 200


def test_paths_list_only_related_candidates(client, users, store):
    """Every listed candidate has a positive density and at least one related industry."""
    client.force_login(users["admin"])
    response = client.get(reverse("clusters:paths"))
    for row in response.context["children"]:
        for o in row.opportunities:
            assert o.density > 0 and o.related


def test_english_paths_page(client, users, store):
    client.force_login(users["tongxiang"])
    client.cookies["django_language"] = "en"
    response = client.get(reverse("clusters:paths"))
    html = response.content.decode()
    assert "Upgrading paths" in html
    assert "New materials, New energy, Energy saving and environmental protection" in html
