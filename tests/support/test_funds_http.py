"""Special funds over HTTP: apply, county pre-review, city scoring, allocation within the budget,
disbursement; each role sees only its area or firm; totals by county and category equal the
export."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from factories import HAINING, TONGXIANG, world
from zhuanxing.support.models import ApplicationStatus, FundApplication, FundProgramme

pytestmark = pytest.mark.django_db

FULL = {"policy_fit": 30, "technology": 25, "benefit": 25, "saving": 20}  # 100 points


@pytest.fixture
def city():
    return world(per_county=1, years=(2012,), months=())


def post(client, user, url_name, pk=None, **data):
    client.force_login(user)
    url = reverse(url_name, kwargs={"pk": pk} if pk else None)
    return client.post(url, data)


def open_programme(client, city, budget="100.00"):
    response = post(
        client,
        city.users["admin"],
        "support:funds",
        year=2012,
        category="renovation",
        name="2012年技术改造专项",
        budget=budget,
    )
    assert response.status_code == 302
    return FundProgramme.objects.get()


def apply(client, user, programme, project, amount):
    post(
        client, user, "support:programme", programme.pk,
        action="apply", project=project, amount=amount, documents="可研报告",
    )  # fmt: skip
    return FundApplication.objects.get(project=project)


def test_the_whole_round(client, city):
    programme = open_programme(client, city)
    firm_user = city.users["firm"]
    mine = apply(client, firm_user, programme, "数控改造", "60.00")
    # A second Tongxiang application, filed by the county officer for a firm in scope is refused:
    # enterprises apply from their own account.
    r = post(client, city.users["tongxiang"], "support:programme", programme.pk,
             action="apply", project="x", amount="1")  # fmt: skip
    assert r.status_code == 302 and not FundApplication.objects.filter(project="x").exists()
    # A Haining firm's application (created directly: the demo firm user is Tongxiang's).
    other = FundApplication.objects.create(
        programme=programme, enterprise=city.firms[HAINING][0], project="节能改造",
        amount_requested=D("50.00"),
    )  # fmt: skip
    # The Tongxiang officer cannot review Haining's application (404), but reviews the firm's.
    r = post(client, city.users["tongxiang"], "support:application", other.pk,
             action="review", decision="approve")  # fmt: skip
    assert r.status_code == 404
    post(client, city.users["tongxiang"], "support:application", mine.pk,
         action="review", decision="approve", comment="材料齐全")  # fmt: skip
    post(client, city.users["haining"], "support:application", other.pk,
         action="review", decision="approve")  # fmt: skip
    # The city may not allocate before scoring.
    post(client, city.users["admin"], "support:programme", programme.pk, action="allocate")
    programme.refresh_from_db()
    assert programme.status == "open"
    # Scores: the firm 90, the Haining firm 100; budget 100: Haining gets 50, the firm the 50 left.
    post(client, city.users["admin"], "support:application", mine.pk,
         action="score", **{**FULL, "policy_fit": 20})  # fmt: skip
    post(client, city.users["admin"], "support:application", other.pk, action="score", **FULL)
    # Points over a line's maximum are refused.
    r = post(client, city.users["admin"], "support:application", other.pk,
             action="score", **{**FULL, "saving": 21})  # fmt: skip
    other.refresh_from_db()
    assert other.score == D(100)
    post(client, city.users["admin"], "support:programme", programme.pk, action="allocate")
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.score, mine.granted, mine.status) == (D(90), D(50), ApplicationStatus.GRANTED)
    assert other.granted == D(50)
    # Disbursement, never over the grant.
    post(client, city.users["admin"], "support:application", mine.pk,
         action="disburse", amount="30.00", paid_on="2012-12-20")  # fmt: skip
    post(client, city.users["admin"], "support:application", mine.pk,
         action="disburse", amount="30.00", paid_on="2012-12-21")  # fmt: skip
    assert [d.amount for d in mine.disbursements.all()] == [D(30)]
    # The firm sees its own result, and not the other application.
    client.force_login(firm_user)
    page = client.get(reverse("support:application", kwargs={"pk": mine.pk}))
    assert page.status_code == 200 and "50.00" in page.content.decode()
    assert client.get(reverse("support:application", kwargs={"pk": other.pk})).status_code == 404
    listed = client.get(reverse("support:programme", kwargs={"pk": programme.pk}))
    assert [a.pk for a in listed.context["applications"]] == [mine.pk]
    # Totals by county and category, scoped, and the export equal to the page.
    client.force_login(city.users["admin"])
    page = client.get(reverse("support:funds"), {"year": 2012})
    total = page.context["total"]
    assert (total.applications, total.requested, total.granted, total.disbursed) == (
        2, D(110), D(100), D(30),
    )  # fmt: skip
    assert [c.granted for c in page.context["categories"]] == [D(100)]
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("support:funds"), {"year": 2012, "export": "xlsx"}).content)
    ).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    totals = [r for r in rows if r[0] == "合计 Total"]
    assert all(D(str(r[3])) == D(100) and D(str(r[4])) == D(30) for r in totals)
    client.force_login(city.users["tongxiang"])
    county = client.get(reverse("support:funds"), {"year": 2012}).context
    assert [r.name for r in county["counties"]] == ["桐乡市"]
    assert county["total"].granted == D(50)


def test_only_the_city_opens_programmes(client, city):
    r = post(client, city.users["tongxiang"], "support:funds", year=2012, category="renovation",
             name="x", budget="10")  # fmt: skip
    assert r.status_code == 403 and not FundProgramme.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-5", "1.234", "abc", "200.01"])
def test_a_bad_amount_is_refused(client, city, amount):
    programme = open_programme(client, city, budget="200.00")
    post(client, city.users["firm"], "support:programme", programme.pk,
         action="apply", project="p", amount=amount)  # fmt: skip
    assert not FundApplication.objects.exists()


def test_a_bad_year_is_a_400(client, city):
    client.force_login(city.users["admin"])
    assert client.get(reverse("support:funds"), {"year": "abc"}).status_code == 400


def test_no_application_after_closing(client, city):
    programme = open_programme(client, city)
    post(client, city.users["admin"], "support:programme", programme.pk, action="close")
    post(client, city.users["firm"], "support:programme", programme.pk,
         action="apply", project="p", amount="1")  # fmt: skip
    assert not FundApplication.objects.exists()
    assert TONGXIANG  # the firm user's county
