"""Monitoring over HTTP: the page's figures, the Word report's figures equal to them, the
warnings scoped to the user's county, the CLI."""

import re
import shutil
import subprocess
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from html import unescape as html_unescape
from io import BytesIO

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from zhuanxing.monitoring.metrics import growth
from zhuanxing.reporting.models import MonthlyReport

pytestmark = pytest.mark.django_db
MONTH = "2012-06"


def _ytd(
    year: int,
    county_path: str | None = None,
    population_year: int | None = None,
    field: str = "value_added",
) -> Decimal:
    """Cumulative 规上 ``field`` Jan–Jun straight from the operational database, over the
    enterprises that are 规上 in ``population_year`` (default: ``year`` itself)."""
    from zhuanxing.policy import get_active_policy

    population_year = population_year or year
    threshold = get_active_policy().above_scale_threshold(population_year)
    qs = MonthlyReport.objects.filter(year=year, month__lte=6)
    qs = qs.filter(
        enterprise__annual_reports__year=population_year,
        enterprise__annual_reports__main_revenue__gte=threshold,
    )
    if county_path:
        qs = qs.filter(enterprise__org_unit__path__startswith=county_path)
    return sum((getattr(r, field) for r in qs), Decimal(0))


def test_page_figures_match_the_operational_data(client, city_with_store, users):
    client.force_login(users["leader"])
    response = client.get(reverse("monitoring:index"), {"month": MONTH})
    assert response.status_code == 200
    op = response.context["op"]
    va = op.ytd_total.figures["value_added"]
    assert float(va.value) == pytest.approx(float(_ytd(2012)), abs=0.01)
    # Year on year on a comparable basis (同口径): Σ 2012 ÷ Σ 上年同期 the same firms reported
    # (the demo fills every 上年同期, so every firm counts on both sides).
    comparable = _ytd(2012, field="prior_value_added")
    assert float(va.previous) == pytest.approx(float(comparable), abs=0.01)
    assert float(va.growth) == pytest.approx(float(growth(_ytd(2012), comparable)), abs=1e-6)
    tongxiang = next(line for line in op.counties if line.code == "330483")
    f = tongxiang.figures["value_added"]
    assert float(f.value) == pytest.approx(float(_ytd(2012, "/330400/330483/")), abs=0.01)
    # Contributions of the county-level units add up to 100 %, pulls to the growth.
    assert sum(line.figures["value_added"].contribution for line in op.counties) == pytest.approx(
        100
    )
    assert float(sum(line.figures["value_added"].pull for line in op.counties)) == pytest.approx(
        float(va.growth)
    )
    assert "同比增长" in response.context["headline"] or "同比下降" in response.context["headline"]


@pytest.fixture(scope="module")
def leader_report(shared_city, shared_city_store, django_db_blocker):
    """The Word report for MONTH as the leader downloads it, made once for this module's tests
    (it draws charts: seconds each time)."""
    from django.conf import settings
    from django.test import Client, override_settings

    from background import job_of
    from zhuanxing.accounts.models import User

    store = {**settings.ZHUANXING, "ANALYTICS_PATH": str(shared_city_store)}
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with (
        django_db_blocker.unblock(),
        override_settings(ZHUANXING=store, TASKS=immediate),
    ):
        client = Client()
        client.force_login(User.objects.get(username="leader"))
        # A background job: the POST queues it (here: runs it), its page offers the file.
        url = reverse("monitoring:report", args=["docx"]) + f"?month={MONTH}"
        job = job_of(client.post(url))
        assert job.status == "done", job.failure
        response = client.get(reverse("jobs:download", args=[job.pk]))
        job.delete()  # the shared database outlives this module
        return response


def test_word_report_has_the_pages_figures(client, city_with_store, users, leader_report):
    client.force_login(users["leader"])
    page = client.get(reverse("monitoring:index"), {"month": MONTH})
    report = leader_report
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(BytesIO(report.content))
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    county_table = next(t for t in tables if t[0] == page.context["tables"].county_header)
    assert county_table[1:] == page.context["tables"].county_rows
    # Every analysis table of the page is in the report, row for row.
    for block in page.context["blocks"]:
        if block.key == "overall":  # two pairs a line in the report
            found = next(t for t in tables if t[0] == block.header * 2)
            pairs = [r[:2] for r in found[1:]] + [r[2:] for r in found[1:] if r[2]]
            assert pairs == block.rows
            continue
        assert [block.header, *block.rows] in tables, block.key
    assert any(p.text.startswith(page.context["headline"]) for p in document.paragraphs)
    assert any(shape for shape in document.inline_shapes), "the chart image is in the report"


@pytest.mark.skipif(
    not shutil.which("soffice"), reason="LibreOffice is not installed here (optional)"
)
def test_report_converts_to_pdf(leader_report, tmp_path):
    report = leader_report
    path = tmp_path / "report.docx"
    path.write_bytes(report.content)
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)]
    subprocess.run(command, check=True, timeout=120)
    assert (tmp_path / "report.pdf").stat().st_size > 10_000


def test_county_officer_sees_only_their_countys_warnings(client, city_with_store, users):
    client.force_login(users["tongxiang"])
    response = client.get(reverse("monitoring:warnings"), {"month": MONTH})
    rows = response.context["rows"]
    assert {r["w"].county for r in rows} <= {"330483"}
    assert response.context["unit"].code == "330483"
    assert (
        client.get(reverse("monitoring:index"), {"month": MONTH, "region": "330481"}).status_code
        == 404
    )
    client.force_login(users["firm"])
    assert client.get(reverse("monitoring:index")).status_code == 403


def test_warnings_follow_the_rules(client, city_with_store, users):
    client.force_login(users["admin"])
    rows = client.get(reverse("monitoring:warnings"), {"month": MONTH}).context["rows"]
    for row in rows:
        w = row["w"]
        if w.rule == "output_drop":
            assert w.change < -20
        elif w.rule == "turn_to_loss":
            assert w.value < 0 <= w.previous
        elif w.rule == "zero_output":
            assert w.value == 0 and w.previous > 0


def test_bad_month_is_refused(client, city_with_store, users):
    # Issue 11: a month that is not a month gets the 400 page with the reason.
    client.force_login(users["admin"])
    response = client.get(reverse("monitoring:index"), {"month": "2012-13"})
    assert response.status_code == 400 and "例如 2012-06" in response.content.decode()


def test_cli_writes_the_report(city_with_store, tmp_path, capsys):
    out = tmp_path / "r.docx"
    call_command(
        "report", "monthly", "--month", MONTH, "-o", str(out), "--xlsx", str(tmp_path / "r.xlsx")
    )
    document = docx.Document(str(out))
    assert document.paragraphs[0].text.startswith("嘉兴市2012年1—6月")
    assert (tmp_path / "r.xlsx").stat().st_size > 1000


DATES = re.compile(r"\d{4}年(\d{1,2}月)?|1—\d{1,2}月|\d{1,2}月|近\d+个月|“1244”|1244|第[一二三四]")
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> list[str]:
    return NUMBER.findall(DATES.sub(" ", text))


def _page_figures(html: str) -> list[Decimal]:
    """Every number the page shows outside its prose: tables, cards, the chart's data."""
    html = re.sub(r"<(p|div)[^>]*data-prose[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<h[1-3][^>]*>.*?</h[1-3]>", " ", html, flags=re.S)
    html = re.sub(r'<input[^>]*>|href="[^"]*"', " ", html)
    return [Decimal(n.replace(",", "")) for n in NUMBER.findall(html)]


def _shown(text: str, figures: list[Decimal]) -> bool:
    """``text`` (a number as the report writes it, sign dropped) equals a page figure rounded
    to the places the text shows."""
    value = abs(Decimal(text.replace(",", "")))
    places = Decimal(1).scaleb(value.as_tuple().exponent)
    return any(
        abs(f).quantize(places, rounding=ROUND_HALF_UP) == value
        for f in figures
        if -f.as_tuple().exponent >= -value.as_tuple().exponent
    )


def test_every_number_in_the_reports_text_is_a_figure_on_the_page(
    client, city_with_store, users, leader_report
):
    client.force_login(users["leader"])
    html = client.get(reverse("monitoring:index"), {"month": MONTH}).content.decode()
    figures = _page_figures(html)
    assert not _shown("123456.78", figures)
    document = docx.Document(BytesIO(leader_report.content))
    prose = [p.text for p in document.paragraphs if p.style.name == "Normal" and p.text]
    prose = [p for p in prose if not p.startswith("注：")]  # the method note: no figures
    checked = 0
    for paragraph in prose:
        for number in _numbers(paragraph):
            assert _shown(number, figures), f"{number} in «{paragraph}» is not on the page"
            checked += 1
    assert checked > 60  # the analysis's text is full of figures, all of them checked


# English page: months are named ("January–June", "June 2012"), "months 1–6" in the policy's
# definitions, "the last 24 months", "1244 categories", years, the unit "100 million yuan" and
# "SO2" are not figures.
DATES_EN = re.compile(
    r"\bin \d{4}\b|\b1244\b|months 1–\d{1,2}|last \d+ months|100 million|SO2|"
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"( \d{4})?\b"
)
PROSE = re.compile(r"<(p|div)[^>]*data-prose[^>]*>(.*?)</\1>", re.S)


def _prose(html: str) -> list[str]:
    return [html_unescape(re.sub(r"<[^>]+>", " ", m.group(2))) for m in PROSE.finditer(html)]


def test_the_english_page_says_the_same_figures(client, city_with_store, users):
    """One language at a time: the English page's prose has no Chinese but its region and firm
    names, and it says the same figures as the Chinese page's, each a figure on the page."""
    client.force_login(users["leader"])
    pages = {}
    for language in ("zh-hans", "en"):
        client.cookies["django_language"] = language
        pages[language] = client.get(reverse("monitoring:index"), {"month": MONTH}).content
    zh, en = (_prose(pages[x].decode()) for x in ("zh-hans", "en"))
    figures = _page_figures(pages["en"].decode())
    zh_numbers = sorted(n for text in zh for n in _numbers(text))
    en_numbers = sorted(
        n.rstrip(",") for text in en for n in NUMBER.findall(DATES_EN.sub(" ", text))
    )
    assert len(en_numbers) > 60
    assert en_numbers == zh_numbers, (
        Counter(en_numbers) - Counter(zh_numbers),
        Counter(zh_numbers) - Counter(en_numbers),
    )
    for number in en_numbers:
        assert _shown(number, figures), number
    assert "year on year" in en[0] and "hundred million yuan" in en[0]
    assert "同比" not in " ".join(en) and "增速" not in " ".join(en)


def test_from_an_english_page_the_word_report_is_chinese_and_the_workbook_english(
    client, city_with_store, users, immediate_tasks
):
    from openpyxl import load_workbook

    from background import job_of

    client.force_login(users["leader"])
    client.cookies["django_language"] = "en"
    url = reverse("monitoring:report", args=["docx"]) + f"?month={MONTH}"
    job = job_of(client.post(url))
    assert job.status == "done", job.failure
    document = docx.Document(BytesIO(client.get(reverse("jobs:download", args=[job.pk])).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text.startswith("嘉兴市2012年1—6月")
    assert "同比" in text and "year on year" not in text and "January" not in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Region" not in cells and "地区" in cells
    response = client.get(reverse("monitoring:report", args=["xlsx"]), {"month": MONTH})
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames[:2] == ["By region", "By industry"] and "Warnings" in wb.sheetnames
    values = [str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v]
    assert not [v for v in values if "累计" in v or v in ("地区", "合计", "规则")]
