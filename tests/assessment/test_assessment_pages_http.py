"""County assessment over HTTP: targets set by hand and by workbook, scores from the analytics
store, scoping by role."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zhuanxing.assessment.models import CountyTarget

pytestmark = pytest.mark.django_db


def test_admin_sets_targets_and_sees_scores(client, city_with_store, users):
    client.force_login(users["admin"])
    response = client.post(
        reverse("assessment:targets"),
        {
            "year": 2012,
            "t__330483__rd_intensity": "1.5",
            "t__330483__industrial_value_added": "１,５００",
        },
    )
    assert response.status_code == 302
    targets = dict(
        CountyTarget.objects.filter(org_unit__code="330483", year=2012).values_list(
            "indicator", "target"
        )
    )
    assert targets == {"rd_intensity": Decimal("1.5"), "industrial_value_added": Decimal(1500)}
    page = client.get(reverse("assessment:index"), {"year": 2012})
    assert not page.context["store_missing"]
    scores = dict(page.context["scores"])
    tongxiang = scores["桐乡市"]
    rd = next(i for i in tongxiang.items if i.indicator == "rd_intensity")
    assert rd.value is not None and rd.target == Decimal("1.5")
    expected = Decimal(15) if rd.value >= Decimal("1.5") else (15 * rd.value / Decimal("1.5"))
    assert rd.score == expected  # exact; only the total is rounded
    assert tongxiang.total == sum(i.score for i in tongxiang.items).quantize(Decimal("0.01"))
    assert [s.rank for _, s in page.context["scores"]] == sorted(
        s.rank for _, s in page.context["scores"]
    )


def test_a_bad_cell_changes_nothing(client, city_with_store, users):
    client.force_login(users["admin"])
    response = client.post(
        reverse("assessment:targets"),
        {"year": 2012, "t__330483__rd_intensity": "1.5x"},
        follow=True,
    )
    assert "1.5x" in response.content.decode()
    assert not CountyTarget.objects.exists()


def test_workbook_round_trip(client, city_with_store, users):
    client.force_login(users["admin"])
    client.post(reverse("assessment:targets"), {"year": 2012, "t__330481__rd_intensity": "2"})
    template = client.get(reverse("assessment:template"), {"year": 2012})
    wb = load_workbook(BytesIO(template.content))
    ws = wb.active
    assert ws.row_dimensions[2].hidden
    keys = [c.value for c in ws[2]]
    col = keys.index("new_product_rate")
    for row in ws.iter_rows(min_row=3):
        if row[0].value == "330481":
            row[col].value = 22.5
    out = BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("targets.xlsx", out.getvalue())
    client.post(reverse("assessment:targets"), {"year": 2012, "file": upload})
    got = dict(
        CountyTarget.objects.filter(org_unit__code="330481").values_list("indicator", "target")
    )
    assert got == {"rd_intensity": Decimal(2), "new_product_rate": Decimal("22.5")}


def test_workbook_errors_name_row_and_column(client, city_with_store, users):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["代码", "名称", "研发"])
    ws.append(["code", "name", "rd_intensity"])
    ws.append(["330483", "桐乡市", "abc"])
    out = BytesIO()
    wb.save(out)
    client.force_login(users["admin"])
    response = client.post(
        reverse("assessment:targets"),
        {"year": 2012, "file": SimpleUploadedFile("t.xlsx", out.getvalue())},
        follow=True,
    )
    text = response.content.decode()
    assert "第 3 行 C 列：abc 不是数字" in text
    assert not CountyTarget.objects.exists()
    not_excel = SimpleUploadedFile("t.xlsx", b"not a workbook")
    client.post(reverse("assessment:targets"), {"year": 2012, "file": not_excel})
    assert not CountyTarget.objects.exists()


def test_county_officer_sees_only_their_county_and_cannot_set_targets(
    client, city_with_store, users
):
    client.force_login(users["admin"])
    client.post(reverse("assessment:targets"), {"year": 2012, "t__330481__rd_intensity": "0.01"})
    city_rank = dict(client.get(reverse("assessment:index"), {"year": 2012}).context["scores"])
    client.force_login(users["tongxiang"])
    page = client.get(reverse("assessment:index"), {"year": 2012})
    assert [name for name, _ in page.context["scores"]] == ["桐乡市"]
    # The rank is among all counties, not 1st of the one the officer sees.
    assert page.context["scores"][0][1].rank == city_rank["桐乡市"].rank
    response = client.post(
        reverse("assessment:targets"), {"year": 2012, "t__330483__rd_intensity": "9"}
    )
    assert response.status_code == 403
    assert not CountyTarget.objects.filter(org_unit__code="330483").exists()
    client.force_login(users["firm"])
    assert client.get(reverse("assessment:index")).status_code == 403
