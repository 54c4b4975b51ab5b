"""The projects recommended to banks (clause 十七): the policy's rules on hand-built projects,
the city's edits and publication, and what a bank user reaches over HTTP."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

import factories
from factories import HAINING, TONGXIANG, TOWNS
from zhuanxing.accounts.models import Role
from zhuanxing.core.errors import UserError
from zhuanxing.evaluation.models import (
    BackwardCapacityBatch,
    BackwardCapacityEntry,
    EvaluationResult,
    EvaluationRun,
)
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.projects.models import PlanEntry, Project, Screening
from zhuanxing.support import services
from zhuanxing.support.models import ListStatus, RecommendationList
from zhuanxing.support.recommendation import Facts, decide

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


class Rule:
    in_plan = True
    owner_classes = ["A", "B"]
    without_owner = True
    exclude_backward = True
    screened_kinds = ["new"]
    min_total_investment = D(0)


OWNED = {"in_plan": True, "kind": "stock", "total_investment": D(5000), "has_owner": True}


@pytest.mark.parametrize(
    ("facts", "included", "failed"),
    [
        # Class A in the 2011 evaluation, in the plan, not backward: every check passes.
        (Facts(**OWNED, owner_class="A", evaluation_year=2011), True, []),
        (Facts(**OWNED, owner_class="B", evaluation_year=2011), True, []),
        (Facts(**OWNED, owner_class="C", evaluation_year=2011), False, ["owner_class"]),
        # Not graded, or no evaluation published yet: no class to pass.
        (Facts(**OWNED, owner_class="", evaluation_year=2011), False, ["owner_class"]),
        (Facts(**OWNED), False, ["owner_class"]),
        (
            Facts(**OWNED, owner_class="A", evaluation_year=2011, backward=True),
            False,
            ["not_backward"],
        ),
        (
            Facts(**{**OWNED, "in_plan": False}, owner_class="D", evaluation_year=2011),
            False,
            ["in_plan", "owner_class"],
        ),
        # A new investor: no class to check; a new project needs its screening approved.
        (
            Facts(True, "new", D(9000), has_owner=False, screening_approved=True),
            True,
            [],
        ),
        (Facts(True, "new", D(9000), has_owner=False), False, ["screened"]),
        (
            Facts(True, "new", D(9000), has_owner=False, screening_approved=False),
            False,
            ["screened"],
        ),
        # A stock project is not screened: no screening check at all.
        (Facts(True, "stock", D(100), has_owner=False), True, []),
    ],
)
def test_rules_by_hand(facts, included, failed):
    got, checks = decide(facts, Rule)
    assert got is included
    assert [c.key for c in checks if not c.passed] == failed


def test_without_owner_and_investment_floor_are_rules():
    class Strict(Rule):
        without_owner = False
        min_total_investment = D(10000)

    got, checks = decide(Facts(True, "stock", D(9999.99), has_owner=False), Strict)
    assert got is False
    assert [(c.key, c.passed) for c in checks] == [
        ("in_plan", True),
        ("no_owner", False),
        ("investment", False),  # 9,999.99 < 10,000 万元
    ]
    assert decide(Facts(True, "stock", D(10000), True, "B", 2011), Strict)[0] is True


def _run(year, status, classes: dict):
    run = EvaluationRun.objects.create(year=year, status=status, policy_id="t", method={})
    for firm, klass in classes.items():
        EvaluationResult.objects.create(
            run=run, enterprise=firm, population="above_scale", klass=klass, total=D(50)
        )
    return run


def _project(name, *, owner=None, kind="stock", in_plan=True, year=2012, town=TONGXIANG):
    unit = owner.org_unit if owner else OrgUnit.objects.get(code=TOWNS[town])
    project = Project.objects.create(
        name=name, owner=owner, investor_name="" if owner else "外来投资有限公司",
        org_unit=unit, kind=kind, total_investment=D(12000), start_date=date(2011, 1, 1),
        finish_date=date(2013, 12, 31),
    )  # fmt: skip
    PlanEntry.objects.create(
        project=project, year=year, planned_investment=D("4000.50"), in_plan=in_plan
    )
    return project


def _screen(project, approved, admin):
    Screening.objects.create(
        project=project, name=project.name, org_unit=project.org_unit, inputs={}, result={},
        approved=approved, review_tier="registration", created_by=admin,
    )  # fmt: skip


@pytest.fixture
def plan(policy):
    """Ten projects of 2012 (and one of 2011 only), with the facts the rules read."""
    firms = {k: factories.enterprise(town=TOWNS[TONGXIANG]) for k in "abcdefg"}
    firms["h"] = factories.enterprise(town=TOWNS[HAINING])
    users = factories.role_users(firms["a"])
    admin = users["admin"]
    f = firms
    run_2011 = _run(2011, "published", {f["a"]: "A", f["b"]: "B", f["c"]: "C", f["e"]: "B",
                                        f["g"]: "A", f["h"]: "A"})  # fmt: skip
    # A later evaluation and a draft are never read by the 2012 list.
    _run(2013, "published", {f["a"]: "D", f["g"]: "D"})
    _run(2012, "draft", {f["c"]: "A"})
    batch = BackwardCapacityBatch.objects.create(run=run_2011, name="2011年第一批")
    BackwardCapacityEntry.objects.create(batch=batch, enterprise=f["b"], status="listed")
    BackwardCapacityEntry.objects.create(batch=batch, enterprise=f["e"], status="exited")
    BackwardCapacityEntry.objects.create(batch=batch, enterprise=f["g"], status="upgrading")
    projects = {
        "a": _project("甲 A类业主", owner=f["a"]),
        "b": _project("乙 落后产能", owner=f["b"]),
        "c": _project("丙 C类业主", owner=f["c"]),
        "d": _project("丁 未参评", owner=f["d"]),
        "e": _project("戊 已退出名单", owner=f["e"]),
        "g": _project("己 提升中", owner=f["g"]),
        "h": _project("庚 不在计划", owner=f["h"], in_plan=False),
        "new_ok": _project("辛 新引进已审查", kind="new"),
        "new_none": _project("壬 新引进未审查", kind="new"),
        "new_rejected": _project("癸 新引进最近未通过", kind="new"),
        "old": _project("子 仅2011年", owner=f["a"], year=2011),
    }
    _screen(projects["new_ok"], True, admin)
    _screen(projects["new_rejected"], True, admin)
    _screen(projects["new_rejected"], False, admin)  # the latest verdict counts
    return {"users": users, "projects": projects, "firms": firms}


def test_golden_list_from_the_rules(plan, policy):
    admin = plan["users"]["admin"]
    built = services.recommendation_build(user=admin, year=2012, policy=policy)
    assert built.status == ListStatus.DRAFT and built.version == 1
    assert built.evaluation_year == 2011  # not the 2013 run, not the 2012 draft
    items = {i.name: i for i in built.items.all()}
    assert "子 仅2011年" not in items  # no plan entry for 2012: not a candidate
    verdict = {name: (i.rule_included, [k for k, ok, _v in i.checks if not ok])
               for name, i in items.items()}  # fmt: skip
    assert verdict == {
        "甲 A类业主": (True, []),
        "乙 落后产能": (False, ["not_backward"]),
        "丙 C类业主": (False, ["owner_class"]),
        "丁 未参评": (False, ["owner_class"]),
        "戊 已退出名单": (True, []),  # exited the backward list, class B
        "己 提升中": (False, ["not_backward"]),  # upgrading is still on the list
        "庚 不在计划": (False, ["in_plan"]),
        "辛 新引进已审查": (True, []),
        "壬 新引进未审查": (False, ["screened"]),
        "癸 新引进最近未通过": (False, ["screened"]),
    }
    first = items["甲 A类业主"]
    assert first.owner_class == "A" and first.planned_investment == D("4000.50")
    assert first.county == "桐乡市" and first.included is True
    assert ["owner_class", True, "A|2011"] in first.checks


def test_edit_publish_freeze_and_supersede(plan, policy):
    admin = plan["users"]["admin"]
    built = services.recommendation_build(user=admin, year=2012, policy=policy)
    c = built.items.get(name="丙 C类业主")
    with pytest.raises(UserError, match="note is required"):
        services.recommendation_item_set(user=admin, item=c, included=True)
    services.recommendation_item_set(user=admin, item=c, included=True, note="技改示范，市里特荐")
    c.refresh_from_db()
    assert c.included and not c.rule_included and c.note == "技改示范，市里特荐"
    with pytest.raises(PermissionDenied):
        services.recommendation_publish(user=plan["users"]["tongxiang"], recommendation=built)
    services.recommendation_publish(user=admin, recommendation=built)
    built.refresh_from_db()
    assert built.status == ListStatus.PUBLISHED and built.published_by == admin
    assert built.published_at is not None
    with pytest.raises(UserError, match="frozen"):
        services.recommendation_item_set(user=admin, item=c, included=False)
    second = services.recommendation_build(user=admin, year=2012, policy=policy)
    assert second.version == 2
    services.recommendation_publish(user=admin, recommendation=second)
    built.refresh_from_db()
    assert built.status == ListStatus.SUPERSEDED
    from zhuanxing.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="recommendations_published").count() == 2


@pytest.fixture
def published(plan, policy):
    admin = plan["users"]["admin"]
    built = services.recommendation_build(user=admin, year=2012, policy=policy)
    services.recommendation_publish(user=admin, recommendation=built)
    draft = services.recommendation_build(user=admin, year=2012, policy=policy)
    bank = factories.user(Role.BANK, username="bank", institution="嘉兴银行")
    return {"list": built, "draft": draft, "bank": bank, **plan}


def test_bank_user_sees_the_published_list_only(client, published):
    client.force_login(published["bank"])
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"] == reverse("support:recommendations")
    page = client.get(reverse("support:recommendations"))
    assert page.status_code == 200
    assert [r.pk for r in page.context["lists"]] == [published["list"].pk]
    detail = client.get(reverse("support:recommendation", args=[published["list"].pk]))
    names = [item.name for item, _texts in detail.context["rows"]]
    assert sorted(names) == sorted(["甲 A类业主", "戊 已退出名单", "辛 新引进已审查"])
    assert "丙 C类业主" not in detail.content.decode()
    # The draft does not exist for a bank.
    draft = reverse("support:recommendation", args=[published["draft"].pk])
    assert client.get(draft).status_code == 404
    # A bank user neither builds, edits nor publishes.
    assert client.post(reverse("support:recommendations"), {"year": 2012}).status_code == 403
    assert RecommendationList.objects.filter(year=2012).count() == 2
    response = client.post(draft, {"action": "publish", "confirm": "on"})
    assert response.status_code == 404
    published["draft"].refresh_from_db()
    assert published["draft"].status == ListStatus.DRAFT


def test_bank_export_has_the_recommended_projects_only(client, published):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(published["bank"])
    url = reverse("support:recommendation", args=[published["list"].pk])
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert sorted(r[1] for r in rows) == sorted(["甲 A类业主", "戊 已退出名单", "辛 新引进已审查"])
    assert ws.max_column == 8  # no checks or notes for a bank
    assert sum(r[6] for r in rows) == D("4000.50") * 3


def test_export_is_formula_safe(client, published, policy):
    admin = published["users"]["admin"]
    project = published["projects"]["a"]
    project.name = '=HYPERLINK("http://x")'
    project.save()
    built = published["draft"]
    built.delete()
    built = services.recommendation_build(user=admin, year=2012, policy=policy)
    client.force_login(admin)
    response = client.get(reverse("support:recommendation", args=[built.pk]), {"export": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(response.content)).active
    names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert all(not str(n).startswith("=") for n in names)
    assert ws.max_column == 12  # officials get the checks and notes


@pytest.mark.parametrize(
    "name",
    ["enterprises:list", "registry", "analytics:cockpit", "support:tax", "support:funds",
     "projects:list", "evaluation:runs", "reporting:index", "api_tokens", "audit:log",
     "admin:index", "monitoring:index", "assessment:index", "support:financing"],
)  # fmt: skip
def test_bank_user_is_refused_elsewhere(client, published, name):
    client.force_login(published["bank"])
    assert client.get(reverse(name)).status_code == 403


def test_bank_user_is_refused_by_the_api(client, published):
    from zhuanxing.api.services import api_token_create

    client.force_login(published["bank"])
    assert client.get("/api/enterprises/").status_code in (401, 403)
    client.logout()
    _token, raw = api_token_create(user=published["bank"], name="t", days=30)
    response = client.get("/api/enterprises/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401


def test_officials_see_every_version_enterprise_users_none(client, published):
    url = reverse("support:recommendations")
    client.force_login(published["users"]["leader"])
    assert len(client.get(url).context["lists"]) == 2
    client.force_login(published["users"]["firm"])
    assert client.get(url).status_code == 403
    detail = reverse("support:recommendation", args=[published["list"].pk])
    assert client.get(detail).status_code == 403


def test_a_county_officer_sees_their_countys_rows_only(client, published):
    url = reverse("support:recommendation", args=[published["draft"].pk])
    client.force_login(published["users"]["haining"])
    names = [item.name for item, _texts in client.get(url).context["rows"]]
    assert names == ["庚 不在计划"]
    response = client.get(url, {"export": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=2))
    assert [r[1].value for r in rows] == ["庚 不在计划"]
    client.force_login(published["users"]["tongxiang"])
    names = [item.name for item, _texts in client.get(url).context["rows"]]
    assert len(names) == 9 and "庚 不在计划" not in names
