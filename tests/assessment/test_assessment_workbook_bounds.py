"""The county-targets workbook goes through the import pipeline's bounded parser and its checks
(issue 9, part 4): a hidden sheet, a formula that was never computed or that runs a program, an
Excel error value and a workbook declaring the whole grid are refused naming the sheet or cell,
and nothing is stored."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from zhuanxing.assessment.models import CountyTarget

pytestmark = pytest.mark.django_db
SHEET = "xl/worksheets/sheet1.xml"


def _workbook(value="1.5", *, hidden_sheet=False) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "考核目标"
    ws.append(["代码", "名称", "研发经费支出占比"])
    ws.append(["code", "name", "rd_intensity"])
    ws.row_dimensions[2].hidden = True  # as the downloaded template has it
    ws.append(["330483", "桐乡市", value])
    if hidden_sheet:
        other = wb.create_sheet("隐藏")
        other.append(["330481", "海宁市", 9])
        other.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _patch(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            target.writestr(item.filename, change(body) if item.filename == SHEET else body)
    return out.getvalue()


def _cell(data: bytes, ref: str, xml: str) -> bytes:
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)', re.S)
    return _patch(data, lambda body: pattern.sub(xml.encode(), body, count=1))


def _upload(client, users, data: bytes) -> str:
    client.force_login(users["admin"])
    response = client.post(
        reverse("assessment:targets"),
        {"year": 2012, "file": SimpleUploadedFile("targets.xlsx", data)},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_clean_workbook_is_still_read(client, city_with_store, users):
    _upload(client, users, _workbook("1.5"))
    assert CountyTarget.objects.get(org_unit__code="330483").indicator == "rd_intensity"


def test_a_hidden_sheet_is_refused(client, city_with_store, users):
    text = _upload(client, users, _workbook(hidden_sheet=True))
    assert "隐藏" in text and "工作表" in text
    assert not CountyTarget.objects.exists()


def test_a_formula_excel_never_computed_is_refused_naming_the_cell(client, city_with_store, users):
    data = _cell(_workbook(), "C3", '<c r="C3"><f>1+0.5</f></c>')
    text = _upload(client, users, data)
    assert "第 3 行 C 列" in text
    assert not CountyTarget.objects.exists()


def test_a_formula_that_runs_a_program_is_refused_even_with_a_value(client, city_with_store, users):
    data = _cell(_workbook(), "C3", "<c r=\"C3\"><f>cmd|' /C calc'!A0</f><v>1.5</v></c>")
    text = _upload(client, users, data)
    assert "第 3 行 C 列" in text
    assert not CountyTarget.objects.exists()


def test_an_excel_error_value_is_refused_naming_the_cell(client, city_with_store, users):
    data = _cell(_workbook(), "C3", '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    text = _upload(client, users, data)
    assert "第 3 行 C 列" in text and "#DIV/0!" in text
    assert not CountyTarget.objects.exists()


def test_a_workbook_declaring_the_whole_grid_is_refused_not_parsed(client, city_with_store, users):
    data = _patch(
        _workbook(),
        lambda b: b.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n">'
                            b"<v>1</v></c></row></sheetData>"),
    )  # fmt: skip
    text = _upload(client, users, data)
    assert "IMPORT_MAX_ROWS" in text or "IMPORT_MAX_COLUMNS" in text
    assert not CountyTarget.objects.exists()


def test_a_file_over_the_upload_limit_is_refused(client, city_with_store, users, settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "IMPORT_MAX_BYTES": 1000}
    text = _upload(client, users, _workbook())
    assert "IMPORT_MAX_BYTES" in text
    assert not CountyTarget.objects.exists()
