"""The guarantee-agency award (clause 十七): hand-computed scores, the top 5, 2万元 each."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from factories import enterprise, role_users
from zhuanxing.support.award import Entry, rank_agencies
from zhuanxing.support.models import GuaranteeAgency, GuaranteeAward, GuaranteeFigures

# (name, SME guarantees 万元, SMEs served). Best: 10000 and 250; weights 60 / 40.
AGENCIES = [
    ("A", 10000, 200),  # 60 × 1 + 40 × 200/250 = 92.00
    ("B", 8000, 250),  # 48 + 40 = 88.00
    ("C", 5000, 100),  # 30 + 16 = 46.00
    ("D", 0, 0),  # 0
    ("E", 6000, 150),  # 36 + 24 = 60.00
    ("F", 4000, 175),  # 24 + 28 = 52.00
    ("G", 5000, 100),  # 46.00, as C: C first by name
]
WEIGHTS = {"sme_guarantee_amount": D(60), "sme_count": D(40)}


def entries():
    return [
        Entry(i, n, {"sme_guarantee_amount": D(a), "sme_count": c})
        for i, (n, a, c) in enumerate(AGENCIES)
    ]


def test_scores_ranks_and_the_top_five():
    ranked = rank_agencies(entries(), weights=WEIGHTS, count=5)
    assert [(e.name, e.score, e.rank, e.awarded) for e in ranked] == [
        ("A", D("92.00"), 1, True),
        ("B", D("88.00"), 2, True),
        ("E", D("60.00"), 3, True),
        ("F", D("52.00"), 4, True),
        ("C", D("46.00"), 5, True),
        ("G", D("46.00"), 5, False),
        ("D", D("0.00"), 7, False),
    ]


def test_the_policy_numbers(policy):
    rule = policy.awards.guarantee_agencies
    assert (rule.count, rule.amount) == (5, 2)
    assert rule.score_weights == WEIGHTS


@pytest.mark.django_db
def test_the_city_records_the_award(client, policy):
    users = role_users(enterprise())
    for name, amount, count in AGENCIES:
        agency = GuaranteeAgency.objects.create(name=name)
        GuaranteeFigures.objects.create(
            agency=agency, year=2010, sme_guarantee_amount=D(amount), sme_count=count
        )
    url = reverse("support:financing")
    client.force_login(users["tongxiang"])
    assert client.post(url, {"year": 2010}).status_code == 403
    assert not GuaranteeAward.objects.exists()
    client.force_login(users["admin"])
    client.post(url, {"year": 2010})
    awards = list(GuaranteeAward.objects.order_by("rank", "agency__name"))
    assert [(a.agency.name, a.rank, a.amount) for a in awards] == [
        ("A", 1, D(2)), ("B", 2, D(2)), ("E", 3, D(2)), ("F", 4, D(2)), ("C", 5, D(2)),
    ]  # fmt: skip
    page = client.get(url, {"year": 2010})
    assert page.context["award_total"] == D(10)
    client.post(url, {"year": 2010})  # a second time: refused
    assert GuaranteeAward.objects.count() == 5
    client.force_login(users["firm"])
    assert client.get(url).status_code == 403
