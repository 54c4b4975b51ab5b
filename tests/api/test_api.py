"""Issue 11, item 7: the JSON API — schema and local docs, per-user tokens (hashed, revocable,
expiring), scoping as on the pages, bounded pages, and report submission through the entry
form's service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zhuanxing.api.models import ApiToken
from zhuanxing.api.services import api_token_create, api_token_revoke


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def tokens(city_users):
    return {
        name: api_token_create(user=u, name="test", days=30)[1] for name, u in city_users.items()
    }


def test_schema_and_local_docs(client, db):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/enterprises/", "/api/reports/annual/", "/api/indicators/", "/api/evaluations/",
            "/api/warnings/"} <= set(schema["paths"])  # fmt: skip
    docs = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_no_token_no_data(client, module_city):
    assert client.get("/api/enterprises/").status_code == 401
    assert client.get("/api/enterprises/", **bearer("zx_not-a-token")).status_code == 401


def test_token_is_stored_as_a_digest_only(city_users):
    row, token = api_token_create(user=city_users["admin"], name="bureau", days=10)
    stored = ApiToken.objects.get(pk=row.pk)
    assert token not in {stored.digest, stored.prefix, stored.name}
    assert len(stored.digest) == 64 and token.startswith(stored.prefix)


def test_revoked_and_expired_tokens_are_refused(client, city_users):
    row, token = api_token_create(user=city_users["admin"], name="x", days=10)
    assert client.get("/api/enterprises/", **bearer(token)).status_code == 200
    assert ApiToken.objects.get(pk=row.pk).last_used_at is not None
    api_token_revoke(token=row)
    assert client.get("/api/enterprises/", **bearer(token)).status_code == 401
    row, token = api_token_create(user=city_users["admin"], name="y", days=10)
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/enterprises/", **bearer(token)).status_code == 401


def test_scoping_is_the_pages_scoping(client, tokens, shared_objects):
    haining = shared_objects["haining_firm"]
    for role in ("tongxiang", "firm"):
        assert (
            client.get(f"/api/enterprises/{haining.pk}", **bearer(tokens[role])).status_code == 404
        )
        rows = client.get("/api/enterprises/", {"page_size": 200}, **bearer(tokens[role])).json()
        assert rows["count"] > 0
        assert haining.pk not in {r["id"] for r in rows["items"]}
    firm = client.get("/api/enterprises/", **bearer(tokens["firm"])).json()
    assert [r["id"] for r in firm["items"]] == [shared_objects["firm"].pk]
    report = shared_objects["haining_report"]
    assert (
        client.get(f"/api/reports/annual/{report.pk}", **bearer(tokens["firm"])).status_code == 404
    )
    assert (
        client.get(f"/api/reports/annual/{report.pk}", **bearer(tokens["admin"])).status_code == 200
    )
    assert client.get("/api/indicators/", **bearer(tokens["firm"])).status_code == 403
    assert client.get("/api/warnings/", **bearer(tokens["firm"])).status_code == 403


def test_pages_are_bounded(client, tokens):
    auth = bearer(tokens["admin"])
    assert client.get("/api/enterprises/", {"page_size": 10_000}, **auth).status_code == 422
    assert client.get("/api/enterprises/", {"page": 10**20}, **auth).status_code == 422
    assert len(client.get("/api/enterprises/", {"page_size": 5}, **auth).json()["items"]) == 5


def test_indicators_evaluations_and_warnings(client, tokens, shared_objects):
    auth = bearer(tokens["tongxiang"])
    data = client.get("/api/indicators/", {"year": 2010, "level": "town"}, **auth).json()
    assert data and all(r["region"].startswith("330483") for r in data)
    assert client.get("/api/indicators/", {"year": 99999}, **auth).status_code == 422
    runs = client.get("/api/evaluations/", **auth).json()["items"]
    assert shared_objects["run"].pk in {r["id"] for r in runs}
    results = client.get(f"/api/evaluations/{shared_objects['run'].pk}/results/",
                         {"page_size": 200}, **auth).json()  # fmt: skip
    firms = {r["enterprise"] for r in results["items"]}
    assert shared_objects["haining_firm"].pk not in firms
    assert client.get("/api/warnings/", {"month": "1900-01"}, **auth).status_code == 400
    assert client.get("/api/warnings/", **auth).status_code == 200


def test_report_submission_uses_the_entry_forms_rules(client, tokens, shared_objects):
    firm = shared_objects["firm"]
    auth = bearer(tokens["firm"])
    body = {"enterprise": firm.pk, "year": 2013, "values": {"gross_output": "abc"}}
    response = client.post("/api/reports/annual/", body, content_type="application/json", **auth)
    assert response.status_code == 422
    assert response.json()["saved"] is False and response.json()["problems"]
    other = dict(body, enterprise=shared_objects["haining_firm"].pk)
    response = client.post("/api/reports/annual/", other, content_type="application/json", **auth)
    assert response.status_code == 404
    bad = dict(body, values={"no_such_field": "1"})
    response = client.post("/api/reports/annual/", bad, content_type="application/json", **auth)
    assert response.status_code == 400


def test_token_page_makes_shows_once_and_revokes(client, city_users):
    client.force_login(city_users["tongxiang"])
    response = client.post("/account/tokens/", {"name": "县统计局", "days": 30})
    token = response.context["new_token"]
    assert token and token in response.content.decode()
    again = client.get("/account/tokens/").content.decode()
    assert token not in again and "县统计局" in again
    row = ApiToken.objects.get(user=city_users["tongxiang"])
    client.force_login(city_users["haining"])
    assert client.post(f"/account/tokens/{row.pk}/revoke/").status_code == 404
    client.force_login(city_users["tongxiang"])
    client.post(f"/account/tokens/{row.pk}/revoke/")
    assert ApiToken.objects.get(pk=row.pk).revoked_at is not None
    assert client.post("/account/tokens/", {"name": "x", "days": 10_000}).context["form"].errors


def test_administrator_sees_and_revokes_tokens_in_admin(client, city_users, django_user_model):
    row, _token = api_token_create(user=city_users["firm"], name="erp", days=5)
    root = django_user_model.objects.create_superuser("root", password="x-long-password-1")
    client.force_login(root)
    page = client.get("/admin/api/apitoken/")
    assert page.status_code == 200 and "erp" in page.content.decode()
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [row.pk]})
    assert ApiToken.objects.get(pk=row.pk).revoked_at is not None


def test_monthly_reports_read_and_submit(client, tokens, shared_objects):
    firm = shared_objects["firm"]
    auth = bearer(tokens["firm"])
    rows = client.get("/api/reports/monthly/", {"year": 2012}, **auth).json()
    assert rows["count"] > 0 and {r["enterprise"] for r in rows["items"]} == {firm.pk}
    body = {"enterprise": firm.pk, "period": "2013-01", "values": {"gross_output": "x"}}
    response = client.post("/api/reports/monthly/", body, content_type="application/json", **auth)
    assert response.status_code == 422 and response.json()["problems"]
    body["period"] = "2013-13"
    response = client.post("/api/reports/monthly/", body, content_type="application/json", **auth)
    assert response.status_code == 422 and "problems" not in response.json()


def test_a_valid_report_is_saved_with_its_history(client, tokens, shared_objects):
    report = shared_objects["firm"].annual_reports.order_by("-year").first()
    values = client.get(f"/api/reports/annual/{report.pk}", **bearer(tokens["tongxiang"])).json()[
        "values"
    ]
    values["employees"] = str(int(values["employees"]) + 1)
    body = {"enterprise": report.enterprise_id, "year": report.year, "values": values,
            "accept_warnings": True}  # fmt: skip
    response = client.post(
        "/api/reports/annual/", body, content_type="application/json", **bearer(tokens["tongxiang"])
    )
    assert response.status_code == 200, response.json()
    report.refresh_from_db()
    assert response.json()["saved"] and report.employees == int(values["employees"])
    assert report.history.first().history_user.username == "tongxiang"


def test_a_bank_users_token_opens_nothing(client, tokens, shared_objects):
    """A bank user reaches only the lists published to banks, which the API does not serve:
    their token is refused on every endpoint, as if it were not a token at all."""
    import sys
    from pathlib import Path

    from django.urls import reverse

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))
    from test_url_roles import EXPECTED

    names = [n for n in EXPECTED if n.startswith("api:") and "openapi" not in n and "root" not in n]
    assert len(names) >= 10
    for name in names:
        kwargs, _statuses = EXPECTED[name]
        url = reverse(name, kwargs=kwargs(shared_objects))
        assert client.get(url, **bearer(tokens["bank"])).status_code == 401, url
        assert client.get(url, **bearer(tokens["admin"])).status_code == 200, url
    submit = reverse("api:annual_report_submit")
    assert client.post(submit, {}, **bearer(tokens["bank"])).status_code == 401
