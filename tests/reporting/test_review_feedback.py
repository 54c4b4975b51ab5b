"""Issue 13 §4: feedback where the user is — the rejection reason on the report itself, one
submit button, a message after each decision, and a review queue that compares and approves
a selection at once."""

import pytest
from django.urls import reverse

import factories
from zhuanxing.reporting.models import AnnualReport, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return factories.world(per_county=1, years=(2011, 2012), months=range(1, 3))


def _submitted(firm, year=2013, **fields):
    return factories.annual_report(firm, year, status=ReportStatus.SUBMITTED, **fields)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_clerk_sees_why_the_report_came_back(client, world):
    firm = world.firms[factories.TONGXIANG][0]
    report = _submitted(firm)
    client.force_login(world.users["tongxiang"])
    url = reverse("reporting:review_action", kwargs={"kind": "annual", "pk": report.pk})
    response = client.post(url, {"action": "reject", "comment": "用电量与上年相差十倍，请核实"},
                           follow=True)  # fmt: skip
    assert any("退回" in m for m in _messages(response))
    client.force_login(world.users["firm"])
    page = client.get(reverse("reporting:entry", args=[firm.pk, "2013"])).content.decode()
    assert 'id="rejection"' in page and "用电量与上年相差十倍，请核实" in page
    detail = client.get(reverse("enterprises:detail", args=[firm.pk])).content.decode()
    assert "reject:" not in detail and "submitted → rejected" not in detail
    assert "用电量与上年相差十倍，请核实" in detail


def test_one_submit_button_for_the_clerk(client, world):
    firm = world.firms[factories.TONGXIANG][0]
    client.force_login(world.users["firm"])
    page = client.get(reverse("reporting:entry", args=[firm.pk, "2013"])).content.decode()
    assert page.count('name="submit"') == 1
    assert reverse("reporting:submit", kwargs={"kind": "annual", "pk": 1})[:-3] not in page


def test_approving_says_so(client, world):
    report = _submitted(world.firms[factories.TONGXIANG][0])
    client.force_login(world.users["tongxiang"])
    url = reverse("reporting:review_action", kwargs={"kind": "annual", "pk": report.pk})
    response = client.post(url, {"action": "approve", "comment": ""}, follow=True)
    assert any("已审核通过" in m or "通过" in m for m in _messages(response)), _messages(response)


def test_the_queue_compares_with_last_year_and_shows_warnings(client, world):
    firm = world.firms[factories.TONGXIANG][0]
    _submitted(firm, gross_output=118_000, sales_output=415_000, main_revenue=400_000,
               value_added=30_000)  # fmt: skip
    client.force_login(world.users["tongxiang"])
    page = client.get(reverse("reporting:review")).content.decode()
    assert "118,000" in page  # this year
    assert "3,000" in page  # last year's gross output (factories.ANNUAL)
    assert "工业销售产值超过工业总产值的110%" in page


def test_approving_a_selection_at_once(client, world):
    mine = [_submitted(f) for f in world.firms[factories.TONGXIANG]]
    mine.append(_submitted(world.firms[factories.TONGXIANG][0], year=2014))
    foreign = _submitted(world.firms[factories.HAINING][0])
    client.force_login(world.users["tongxiang"])
    url = reverse("reporting:review_selected", kwargs={"kind": "annual"})
    chosen = [mine[0].pk, mine[-1].pk, foreign.pk]
    response = client.post(url, {"selected": chosen}, follow=True)
    status = dict(AnnualReport.objects.filter(pk__in=chosen).values_list("pk", "status"))
    assert status == {mine[0].pk: "approved", mine[-1].pk: "approved", foreign.pk: "submitted"}
    text = " ".join(_messages(response))
    assert "2" in text and "1" in text
    assert client.post(url, {"selected": ["x"]}).status_code == 404


def test_publishing_and_locking_ask_first(client, world):
    client.force_login(world.users["admin"])
    page = client.get(reverse("reporting:locks")).content.decode()
    assert 'name="lock" data-confirm=' in page
