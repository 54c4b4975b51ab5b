"""The innovation pages over HTTP: scoping by role, evidence bounds, history, the city's
selection of demonstration enterprises (confirmation, who and when, publication)."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

import factories
from zhuanxing.innovation.models import DemonstrationList, Qualification

pytestmark = pytest.mark.django_db
T, H, J = factories.TONGXIANG, factories.HAINING, factories.JIASHAN


def test_county_officer_gets_404_on_another_countys_qualification(client, world, quals):
    client.force_login(world.users["tongxiang"])
    foreign, own = quals[H][0], quals[T][0]
    for name in ("innovation:qualification", "innovation:qualification_edit"):
        assert client.get(reverse(name, args=[foreign.pk])).status_code == 404
        assert client.get(reverse(name, args=[own.pk])).status_code == 200
    response = client.post(
        reverse("innovation:qualification_edit", args=[foreign.pk]),
        {"kind": "standard", "level": "national", "variant": "led", "title": "x",
         "issued_on": "2011-01-01"},
    )  # fmt: skip
    assert response.status_code == 404
    assert Qualification.objects.get(pk=foreign.pk).title == foreign.title


def test_county_officer_lists_only_their_county(client, world, quals):
    client.force_login(world.users["tongxiang"])
    page = client.get(reverse("innovation:qualifications")).context["page"]
    assert sorted(q.pk for q in page) == sorted(q.pk for q in quals[T])
    # The workbook holds the same rows.
    response = client.get(reverse("innovation:qualifications"), {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 1 + len(quals[T])


def test_firm_sees_only_its_own_qualifications(client, world, quals):
    firm = world.users["firm"]
    client.force_login(firm)
    page = client.get(reverse("innovation:qualifications")).context["page"]
    assert [q.enterprise_id for q in page] == [firm.enterprise_id]
    for county in (T, H):
        for q in quals[county]:
            status = client.get(reverse("innovation:qualification", args=[q.pk])).status_code
            assert status == (200 if q.enterprise_id == firm.enterprise_id else 404)
    assert client.get(reverse("innovation:qualification_create")).status_code == 403
    assert client.get(reverse("innovation:counts")).status_code == 403


def test_expiry_warnings(client, world, quals):
    client.force_login(world.users["admin"])
    response = client.get(reverse("innovation:qualifications"))
    # Tongxiang's two certificates expire in 30 days, within the policy's 90.
    assert response.context["warnings"] == {"expiring": 2, "expired": 0}
    page = client.get(reverse("innovation:qualifications"), {"status": "expiring"}).context["page"]
    assert sorted(q.pk for q in page) == sorted(q.pk for q in quals[T])
    assert client.get(reverse("innovation:qualifications"), {"status": "bad"}).status_code == 400


def _form(firm, **extra):
    return {"enterprise": firm.uscc, "kind": "standard", "level": "industry", "variant": "led",
            "title": "QB/T 1234-2011", "reference": "QB/T 1234", "issued_on": "2011-05-01",
            **extra}  # fmt: skip


def test_record_with_evidence_and_history(client, world, settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "EVIDENCE_MAX_BYTES": 1000}
    client.force_login(world.users["tongxiang"])
    firm = world.firms[T][1]
    url = reverse("innovation:qualification_create")
    too_big = SimpleUploadedFile("cert.pdf", b"%PDF-" + b"0" * 2000, "application/pdf")
    client.post(url, _form(firm, evidence=too_big))
    assert not Qualification.objects.exists()
    not_pdf = SimpleUploadedFile("cert.pdf", b"MZ" + b"0" * 10, "application/pdf")
    client.post(url, _form(firm, evidence=not_pdf))
    assert not Qualification.objects.exists()
    # A standard without its role is refused; another county's firm is not a choice.
    client.post(url, _form(firm, variant=""))
    client.post(url, _form(world.firms[H][0]))
    assert not Qualification.objects.exists()
    pdf = SimpleUploadedFile("cert.pdf", b"%PDF-1.4 ok", "application/pdf")
    response = client.post(url, _form(firm, evidence=pdf))
    q = Qualification.objects.get()
    assert response["Location"] == reverse("innovation:qualification", args=[q.pk])
    assert (q.recorded_by, q.evidence_type) == (world.users["tongxiang"], "application/pdf")
    download = client.get(reverse("innovation:qualification_evidence", args=[q.pk]))
    assert download.content == b"%PDF-1.4 ok"
    client.post(
        reverse("innovation:qualification_edit", args=[q.pk]),
        _form(firm, expires_on="2016-05-01"),
    )
    assert [h.history_type for h in q.history.order_by("history_date")] == ["+", "~"]
    # Another county's officer neither sees nor downloads it.
    client.force_login(world.users["haining"])
    assert client.get(reverse("innovation:qualification_evidence", args=[q.pk])).status_code == 404


def test_counts_by_county(client, world, quals):
    client.force_login(world.users["admin"])
    response = client.get(reverse("innovation:counts"), {"year": 2012})
    rows = {r.code: r for r in response.context["rows"]}
    assert rows[T].by_kind["high_tech_enterprise"] == 2
    assert rows[H].by_kind["technology_centre"] == 2
    assert response.context["total"].total == 6
    assert client.get(reverse("innovation:counts"), {"year": 2009}).context["total"].total == 0
    client.force_login(world.users["tongxiang"])
    response = client.get(reverse("innovation:counts"), {"year": 2012})
    assert [r.code for r in response.context["rows"]] == [T]
    export = client.get(reverse("innovation:counts"), {"year": 2012, "export": "xlsx"})
    sheet = load_workbook(BytesIO(export.content)).active
    assert sheet.max_row == 4  # title, header, Tongxiang, total


def test_city_admin_selects_confirms_and_publishes(client, world, quals):
    admin = world.users["admin"]
    client.force_login(admin)
    response = client.get(reverse("innovation:demonstration"), {"year": 2012})
    rows = response.context["rows"]
    assert len(rows) == 6
    # Tongxiang's firms hold a national high-tech certificate (10 points): they lead.
    assert {rows[0][0].id, rows[1][0].id} == {f.pk for f in world.firms[T]}
    chosen = [rows[0][0].id, rows[2][0].id]
    url = reverse("innovation:demonstration_select")
    confirm = client.post(url, {"year": 2012, "enterprise": chosen})
    assert confirm.status_code == 200
    assert not DemonstrationList.objects.exists()  # nothing saved before the confirmation
    client.post(url, {"year": 2012, "enterprise": chosen, "confirm": "on"})
    selection = DemonstrationList.objects.get(year=2012)
    assert selection.selected_by == admin and selection.selected_at is not None
    assert sorted(selection.entries.values_list("enterprise_id", flat=True)) == sorted(chosen)
    # A firm sees nothing of a draft; the county officer sees the entries of their county.
    client.force_login(world.users["firm"])
    assert client.get(reverse("innovation:demonstration"), {"year": 2012}).context["entries"] == []
    client.force_login(admin)
    client.post(reverse("innovation:demonstration_publish"), {"year": 2012})
    selection.refresh_from_db()
    assert selection.status == "published" and selection.published_by == admin
    # Published: no change any more.
    client.post(url, {"year": 2012, "enterprise": chosen[:1], "confirm": "on"})
    assert selection.entries.count() == 2
    client.force_login(world.users["firm"])
    entries = client.get(reverse("innovation:demonstration"), {"year": 2012}).context["entries"]
    mine = world.users["firm"].enterprise_id
    assert [e.enterprise_id for e in entries] == ([mine] if mine in chosen else [])


def test_only_the_city_selects(client, world, quals):
    for name in ("tongxiang", "leader", "firm"):
        client.force_login(world.users[name])
        ids = [f.pk for f in world.firms[T]]
        response = client.post(
            reverse("innovation:demonstration_select"),
            {"year": 2012, "enterprise": ids, "confirm": "on"},
        )
        assert response.status_code == 403
    assert not DemonstrationList.objects.exists()


def test_a_non_candidate_cannot_be_selected(client, world):
    loser = world.firms[H][0]
    loser.annual_reports.filter(year=2012).update(profit=-5)
    client.force_login(world.users["admin"])
    client.post(
        reverse("innovation:demonstration_select"),
        {"year": 2012, "enterprise": [loser.pk], "confirm": "on"},
    )
    assert not DemonstrationList.objects.filter(entries__isnull=False).exists()
    response = client.get(reverse("innovation:demonstration"), {"year": 2012})
    assert len(response.context["rows"]) == 5


def test_published_class_counts_and_excludes(client, world):
    """The year's published per-mu evaluation, read through analytics.efficiency_classes."""
    from zhuanxing.evaluation.models import EvaluationResult, EvaluationRun

    run = EvaluationRun.objects.create(year=2012, status="published", method={})
    firms = world.all_firms()
    for firm, klass in zip(firms, "ABCD", strict=False):
        EvaluationResult.objects.create(run=run, enterprise=firm, population="above_scale",
                                        klass=klass)  # fmt: skip
    client.force_login(world.users["admin"])
    rows = client.get(reverse("innovation:demonstration"), {"year": 2012}).context["rows"]
    classes = {c.id: c.efficiency_class for c, *_ in rows}
    assert firms[3].pk not in classes  # class D is excluded by the policy
    assert classes[firms[0].pk] == "A" and rows[0][0].id == firms[0].pk


def test_candidates_shown_are_capped(client, world, settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "CANDIDATES_SHOWN": 2}
    client.force_login(world.users["admin"])
    response = client.get(reverse("innovation:demonstration"), {"year": 2012})
    assert (len(response.context["rows"]), response.context["candidate_count"]) == (2, 6)
    assert "candidates-cut" in response.content.decode()
    export = client.get(reverse("innovation:demonstration"), {"year": 2012, "export": "xlsx"})
    assert load_workbook(BytesIO(export.content)).active.max_row == 2 + 6  # title, header, rows


def test_the_enterprise_page_lists_the_firms_qualifications(client, world, quals):
    firm = world.users["firm"]
    own = next(q for q in quals[T] if q.enterprise_id == firm.enterprise_id)
    other = next(q for q in quals[T] if q.enterprise_id != firm.enterprise_id)
    client.force_login(firm)
    response = client.get(reverse("enterprises:detail", args=[firm.enterprise_id]))
    assert [q.pk for q in response.context["qualifications"]] == [own.pk]
    html = response.content.decode()
    assert own.title in html and reverse("innovation:qualification", args=[own.pk]) in html
    assert other.title not in html


# --- the ranking is cached (innovation.selectors.ranking) -------------------------------------


def _ranked(client, user):
    client.force_login(user)
    return client.get(reverse("innovation:demonstration"), {"year": 2012}).context["rows"]


def test_the_cached_ranking_follows_every_input(client, world, quals):
    """The ranking is kept under the versions of what it reads: a new qualification, a report
    saved with a loss, a renamed firm and a published evaluation each show at once."""
    from zhuanxing.evaluation.models import EvaluationResult, EvaluationRun

    admin = world.users["admin"]
    rows = _ranked(client, admin)
    assert len(rows) == 6 and rows[0][0].id in {f.pk for f in world.firms[T]}
    # A Jiashan firm gains two national high-tech certificates (2 × 10 points): it leads.
    climber = world.firms[J][0]
    for n in (1, 2):
        Qualification.objects.create(
            enterprise=climber, kind="high_tech_enterprise", level="national", title=f"新证 {n}",
            issued_on=datetime.date(2011, 1, 1),
        )  # fmt: skip
    assert _ranked(client, admin)[0][0].id == climber.pk
    # One of Haining's reports turns to a loss: no longer a candidate.
    report = world.firms[H][0].annual_reports.get(year=2012)
    report.profit = -5
    report.save()
    assert len(_ranked(client, admin)) == 5
    # A renamed firm shows its new name.
    climber.name = "改名示范有限公司"
    climber.save()
    assert _ranked(client, admin)[0][0].name == "改名示范有限公司"
    # The year's evaluation published with the climber in class D (excluded by the policy).
    run = EvaluationRun.objects.create(year=2012, status="published", method={})
    EvaluationResult.objects.create(run=run, enterprise=climber, population="above_scale",
                                    klass="D")  # fmt: skip
    rows = _ranked(client, admin)
    assert climber.pk not in {c.id for c, *_ in rows} and len(rows) == 4


def test_a_county_officer_never_gets_the_city_ranking(client, world, quals):
    """The admin's visit fills the cache with the whole city; the officer's page and export hold
    only their county's candidates, with the city's ranks."""
    city = {c.id: c.rank for c, *_ in _ranked(client, world.users["admin"])}
    rows = _ranked(client, world.users["tongxiang"])
    own = {f.pk for f in world.firms[T]}
    assert {c.id for c, *_ in rows} == own
    assert all(c.rank == city[c.id] for c, *_ in rows)
    export = client.get(reverse("innovation:demonstration"), {"year": 2012, "export": "xlsx"})
    assert load_workbook(BytesIO(export.content)).active.max_row == 2 + 2


# --- the enterprise field: a credit code or a name, among the firms the user may change -------


def test_the_enterprise_is_typed_by_code_or_name(client, world):
    """No <select> of the whole registry: the firm is given by its credit code (any case), its
    full name or a part only it has; another county's firm is refused with the field named."""
    from django.contrib.messages import get_messages

    def said(response) -> str:
        return [str(m) for m in get_messages(response.wsgi_request)][-1]

    client.force_login(world.users["tongxiang"])
    url = reverse("innovation:qualification_create")
    form = client.get(url).content.decode()
    assert '<select name="enterprise"' not in form and 'name="enterprise"' in form
    first, second = world.firms[T]
    client.post(url, _form(first, enterprise=first.uscc.lower(), title="a"))
    client.post(url, _form(first, enterprise=second.name, title="b"))
    serial = second.name.removeprefix("测试").split("号")[0]
    client.post(url, _form(first, enterprise=f"{serial}号", title="c"))
    got = dict(Qualification.objects.values_list("title", "enterprise_id"))
    assert got == {"a": first.pk, "b": second.pk, "c": second.pk}
    # Another county's firm, by code or by name: refused, the field named in the message.
    other = world.firms[H][0]
    for typed in (other.uscc, other.name):
        response = client.post(url, _form(first, enterprise=typed, title="x"), follow=True)
        text = said(response)
        assert text.startswith("企业: ") and typed in text and "没有" in text
    # A part every firm's name shares: several match, the code is asked for.
    response = client.post(url, _form(first, enterprise="机械", title="y"), follow=True)
    text = said(response)
    assert text.startswith("企业: ") and "统一社会信用代码" in text and first.name in text
    assert not Qualification.objects.filter(title__in=["x", "y"]).exists()


def test_the_form_is_prefilled_from_the_enterprise_page(client, world):
    """The enterprise page offers "add a qualification" to those who may record for the firm;
    the link fills in its code. Another county's firm is not filled in."""
    own, other = world.firms[T][0], world.firms[H][0]
    client.force_login(world.users["tongxiang"])
    detail = client.get(reverse("enterprises:detail", args=[own.pk])).content.decode()
    link = f"{reverse('innovation:qualification_create')}?enterprise={own.pk}"
    assert 'id="add-qualification"' in detail and link in detail
    form = client.get(link)
    assert form.context["form"].initial == {"enterprise": own.uscc}
    assert own.uscc in form.content.decode() and own.name in form.content.decode()
    url = reverse("innovation:qualification_create")
    stranger = client.get(url, {"enterprise": other.pk})
    assert stranger.context["form"].initial == {} and other.name not in stranger.content.decode()
    for name in ("firm", "leader"):
        client.force_login(world.users[name])
        page = client.get(reverse("enterprises:detail", args=[own.pk])).content.decode()
        assert 'id="add-qualification"' not in page
