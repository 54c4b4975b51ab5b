"""Monitoring over HTTP: the page's figures, the Word report's figures equal to them, the
warnings scoped to the user's county, the CLI."""

import shutil
import subprocess
from decimal import Decimal
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

    from zhuanxing.accounts.models import User

    store = {**settings.ZHUANXING, "ANALYTICS_PATH": str(shared_city_store)}
    with django_db_blocker.unblock(), override_settings(ZHUANXING=store):
        client = Client()
        client.force_login(User.objects.get(username="leader"))
        return client.get(reverse("monitoring:report", args=["docx"]), {"month": MONTH})


def test_word_report_has_the_pages_figures(client, city_with_store, users, leader_report):
    client.force_login(users["leader"])
    page = client.get(reverse("monitoring:index"), {"month": MONTH})
    report = leader_report
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(BytesIO(report.content))
    county_table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in county_table.rows]
    assert rows[0] == page.context["tables"].county_header
    assert rows[1:] == page.context["tables"].county_rows
    assert page.context["headline"] in [p.text for p in document.paragraphs]
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
