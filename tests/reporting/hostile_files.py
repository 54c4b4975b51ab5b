"""Hostile and malformed files for the import tests (issue 10), built in memory.

Each builder returns the bytes of one file; the corpus in ``test_hostile_corpus`` runs them
through ``zhuanxing import`` with the exit status and message each must give.
"""

import io
import re
import zipfile
from collections.abc import Callable

from zhuanxing.reference.uscc import make_uscc
from zhuanxing.reporting.importing.formats import ANNUAL, MONTHLY
from zhuanxing.reporting.importing.workbooks import template_csv, template_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def annual_row(uscc: str, year=2012, **values) -> list:
    """One annual-template row with plausible figures; ``values`` override by column key."""
    figures = {
        "uscc": uscc,
        "name": "桐乡市测试有限公司",
        "year": year,
        "gross_output": 12000.0,
        "sales_output": 11800.0,
        "main_revenue": 11500.0,
        "value_added": 3000.0,
        "rd_spending": 300.0,
        "new_product_output": 2000.0,
        "export_delivery": 1500.0,
        "profit": 800.0,
        "tax_paid": 400.0,
        "employees": 150,
        "total_assets": 9000.0,
        "land_mu": 30.0,
        "energy_tce": 2000.0,
        "electricity_kwh": 5000000,
        "cod_t": 1.5,
        "nh3n_t": 0.2,
        "so2_t": 0.8,
        "nox_t": 0.9,
        "business_mode": "OEM",
    } | values
    return [figures[key] for key in ANNUAL.keys]


def monthly_row(uscc: str, period="2012-06", **values) -> list:
    figures = {
        "uscc": uscc,
        "name": "桐乡市测试有限公司",
        "period": period,
        "gross_output": 1000.0,
        "sales_output": 980.0,
        "value_added": 250.0,
        "electricity_kwh": 400000,
        "profit": 60.0,
        "export_delivery": 100.0,
    } | values
    # The 上年同期 columns are optional; left empty, the store compares with last year's report.
    return [figures.get(key) for key in MONTHLY.keys]


def patch_zip(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The package with one part's bytes changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == part:
                body = change(body)
            target.writestr(item.filename, body)
    return out.getvalue()


def add_cells(data: bytes, xml: str) -> bytes:
    """Append raw ``<row>`` XML to the first sheet's data."""
    return patch_zip(
        data, SHEET, lambda b: b.replace(b"</sheetData>", xml.encode() + b"</sheetData>")
    )


def set_cell(data: bytes, ref: str, xml: str) -> bytes:
    """Replace the cell ``ref`` of the first sheet by ``xml`` (a whole ``<c>`` element)."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)', re.S)

    def change(body: bytes) -> bytes:
        new, count = pattern.subn(xml.encode(), body)
        assert count == 1, f"no cell {ref}"
        return new

    return patch_zip(data, SHEET, change)


def huge_dimension(uscc: str) -> bytes:
    """4.9 KB that declares the whole 16,384 × 1,048,576 grid (cell A1 and XFD1048576)."""
    data = template_xlsx("annual", [annual_row(uscc)])
    data = patch_zip(
        data,
        SHEET,
        lambda b: b.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>', 1),
    )
    return add_cells(data, '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>')


def long_cell(uscc: str, length: int) -> bytes:
    """A company name of ``length`` characters."""
    return template_xlsx("annual", [annual_row(uscc, name="长" * length)])


def padded_xml(uscc: str, padding: int) -> bytes:
    """A workbook whose sheet XML expands by ``padding`` bytes of blanks (a zip bomb in small)."""
    data = template_xlsx("annual", [annual_row(uscc)])
    return patch_zip(
        data, SHEET, lambda b: b.replace(b"</worksheet>", b" " * padding + b"</worksheet>")
    )


def stray_quotes_csv(usccs: list[str]) -> bytes:
    """Five firms; the second's name opens a quote, the fourth's closes it (issue 10 §2)."""
    text = template_csv("annual", "utf-8", []).decode("utf-8-sig")
    lines = []
    for index, code in enumerate(usccs):
        row = [str(v) for v in annual_row(code, gross_output=12000.0 + index)]
        if index == 1:
            row[1] = '"开引号公司'
        if index == 3:
            row[1] = '闭引号公司"'
        lines.append(",".join(row))
    return (text + "\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def short_row_csv(usccs: list[str]) -> bytes:
    """A row with one field too few: its figures would sit under the wrong headers."""
    text = template_csv("annual", "utf-8", [annual_row(c) for c in usccs]).decode("utf-8-sig")
    lines = text.split("\r\n")
    fields = lines[2].split(",")
    del fields[5]
    lines[2] = ",".join(fields)
    return "\r\n".join(lines).encode("utf-8-sig")


TONGXIANG_CODES = [make_uscc("9", "1", "330483", f"MA2B{i:04d}") for i in range(5)]


def firms_and_admin():
    """The region tree, the five firms of ``TONGXIANG_CODES`` (textile, class 1713) and a city
    administrator, who is returned."""
    from zhuanxing.accounts.models import Role, User
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.orgunits.loader import load_jiaxing_org_units
    from zhuanxing.orgunits.models import OrgUnit

    load_jiaxing_org_units()
    county = OrgUnit.objects.get(code="330483")
    Enterprise.objects.bulk_create(
        Enterprise(uscc=code, name=f"桐乡测试{i}", org_unit=county, industry_code="1713")
        for i, code in enumerate(TONGXIANG_CODES)
    )
    return User.objects.create_user("city", role=Role.CITY_ADMIN)
