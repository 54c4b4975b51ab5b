"""Issue 13 §3: the default year is the latest with approved data in the user's scope, chosen
in one place (``reporting.selectors.default_year``): one rejected 2013 report does not turn the
pages to an empty 2013."""

import pytest
from django.urls import reverse

import factories
from zhuanxing.reporting.selectors import default_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    built = factories.world(per_county=1, years=(2011, 2012), months=range(1, 2))
    factories.annual_report(built.firms[factories.TONGXIANG][0], 2013, status="rejected")
    return built


PAGES = {
    "assessment:index": lambda r: r.context["year"],
    "evaluation:clean_production": lambda r: r.context["year"],
    "enterprises:list": lambda r: r.context["year"],
    "registry": lambda r: r.context["year"],
    "evaluation:runs": lambda r: r.context["form"]["year"].value(),
}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("who", ["admin", "tongxiang", "haining"])
def test_a_rejected_later_report_does_not_move_the_default(client, world, name, who):
    client.force_login(world.users[who])
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert int(PAGES[name](response)) == 2012


def test_the_default_follows_the_users_scope(world):
    firm = world.firms[factories.TONGXIANG][0]
    firm.annual_reports.filter(year=2013).update(status="approved")
    assert default_year(world.users["tongxiang"]) == 2013
    assert default_year(world.users["admin"]) == 2013
    assert default_year(world.users["haining"]) == 2012


def test_without_approved_reports_the_latest_filed_year(world):
    from zhuanxing.reporting.models import AnnualReport

    AnnualReport.objects.update(status="submitted")
    assert default_year(world.users["admin"]) == 2013
