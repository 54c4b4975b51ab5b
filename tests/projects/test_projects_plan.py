"""The annual plan's score, order and schedule flags against hand-computed values.

Jiaxing policy: 1亿元 = 10000 万元 first; score points 50 (investment) / 30 (no new land) /
20 (notable investor); behind schedule when more than 10 points below month ÷ 12.
"""

from decimal import Decimal as D

import pytest

from zhuanxing.projects import plan


def test_score_example_is_hand_computed(policy):
    # 50 × min(5000 ÷ 10000, 1) = 25, + 30 (no new land), + 20 (notable) = 75.
    got = plan.score(total_investment=5000, new_land=False, notable_investor=True,
                     settings=policy.projects)  # fmt: skip
    assert got == D("75.00")


@pytest.mark.parametrize(
    ("investment", "new_land", "notable", "expected"),
    [
        (20000, True, False, D("50.00")),  # capped at 50
        (3333, True, False, D("16.67")),  # 50 × 0.3333 = 16.665 → 16.67 (half up)
        (0, False, False, D("30.00")),
        (10000, False, True, D("100.00")),
    ],
)
def test_score(policy, investment, new_land, notable, expected):
    got = plan.score(total_investment=investment, new_land=new_land, notable_investor=notable,
                     settings=policy.projects)  # fmt: skip
    assert got == expected


def test_priority_projects_come_first_whatever_their_score(policy):
    settings = policy.projects
    projects = [  # (name, investment, score)
        ("小而优", D(9999), D(99)),
        ("亿元甲", D(10000), D(50)),
        ("亿元乙", D(50000), D(60)),
        ("小项目", D(2000), D(40)),
        ("同分大", D(8000), D(40)),
    ]
    order = sorted(projects, key=lambda p: plan.order_key(
        total_investment=p[1], plan_score=p[2], name=p[0], settings=settings))  # fmt: skip
    assert [p[0] for p in order] == ["亿元乙", "亿元甲", "小而优", "同分大", "小项目"]


@pytest.mark.parametrize(
    ("completed", "behind", "pct"),
    [
        (D("480"), False, D(40)),  # 480/1200 = 40% at month 6: 50 − 10 = 40, not below
        (D("479.99"), True, None),  # just below 40%
        (D("600"), False, D(50)),
    ],
)
def test_behind_schedule_margin(policy, completed, behind, pct):
    s = plan.schedule(planned=D(1200), completed=completed, month=6,
                      margin_pct=policy.projects.behind_schedule_margin_pct)  # fmt: skip
    assert s.expected_pct == D("50.00")
    assert s.behind is behind
    if pct is not None:
        assert s.completed_pct == pct


def test_nothing_planned_is_not_behind(policy):
    s = plan.schedule(planned=0, completed=0, month=12, margin_pct=D(10))
    assert (s.completed_pct, s.behind) == (None, False)
