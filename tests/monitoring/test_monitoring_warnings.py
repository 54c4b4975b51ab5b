"""Early warnings that catch what the label says, with their definitions from the policy file.

Four 规上 firms, June 2012 (gross output per month, 万元):

    firm  2011                         2012 Jan–May  2012 June   停产?
    N     — (new to 规上, no reports)   100 each      0           yes: produced earlier this year
    L     100 each, June 0 (shutdown)  100 each      0           yes: produced, whatever last June
    Z     —                            0 each        0           no: never produced
    K     100 each                     100 each      100         no
"""

import pytest
from django.urls import reverse

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.loader import load_jiaxing_org_units
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.reference.uscc import make_uscc
from zhuanxing.reporting.models import AnnualReport, MonthlyReport

pytestmark = pytest.mark.django_db

OUTPUT_2011 = {
    "L": {m: (0 if m == 6 else 100) for m in range(1, 13)},
    "K": dict.fromkeys(range(1, 13), 100),
}
OUTPUT_2012 = {
    "N": {m: (0 if m == 6 else 100) for m in range(1, 7)},
    "L": {m: (0 if m == 6 else 100) for m in range(1, 7)},
    "Z": dict.fromkeys(range(1, 7), 0),
    "K": dict.fromkeys(range(1, 7), 100),
}


@pytest.fixture
def firms(settings, tmp_path):
    from zhuanxing.analytics.build import build_store

    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    load_jiaxing_org_units()
    town = OrgUnit.objects.get(code="330483001")
    found = {}
    for n, key in enumerate("NLZK"):
        firm = Enterprise.objects.create(
            uscc=make_uscc("9", "1", "330483", f"{n + 1:08d}"), name=f"预警{key}有限公司",
            org_unit=town, industry_code="1711",
        )  # fmt: skip
        found[key] = firm
        for year in (2011, 2012):
            AnnualReport.objects.create(
                enterprise=firm, year=year, status="approved", gross_output=3000,
                sales_output=3000, main_revenue=3000, value_added=600, employees=50,
            )  # fmt: skip
    for year, table in ((2011, OUTPUT_2011), (2012, OUTPUT_2012)):
        for key, months in table.items():
            for month, output in months.items():
                MonthlyReport.objects.create(
                    enterprise=found[key], period=f"{year}-{month:02d}", year=year, month=month,
                    status="approved", gross_output=output, sales_output=output,
                    value_added=output / 5, profit=5,
                )  # fmt: skip
    build_store()
    return found


def test_stopped_production_is_flagged_whether_or_not_the_firm_filed_a_year_ago(firms, policy):
    from zhuanxing.monitoring.warnings import ZERO_OUTPUT, enterprise_warnings

    found = enterprise_warnings(["/330400/"], "2012-06", policy.monitoring)
    stopped = {w.subject for w in found if w.rule == ZERO_OUTPUT}
    assert stopped == {str(firms["N"].pk), str(firms["L"].pk)}


def test_each_warning_states_its_definition_from_the_policy(policy):
    rules = policy.monitoring
    assert rules.definition("output_drop", "2012-06") == "1—6月累计工业总产值同比下降20%以上"
    assert rules.definition("county_lagging", "2012-03") == (
        "1—3月累计工业增加值增速低于全市5个百分点以上"
    )
    assert set(rules.definitions) == {
        "output_drop",
        "zero_output",
        "turn_to_loss",
        "county_lagging",
    }


def test_page_and_report_show_the_definitions(client, firms, immediate_tasks):
    from io import BytesIO

    import docx

    from zhuanxing.accounts.models import User

    client.force_login(User.objects.create_superuser("warnings-admin", password="x"))
    page = client.get(reverse("monitoring:warnings"), {"month": "2012-06"})
    assert page.status_code == 200
    assert "本月无产值或未报，而本年此前月份或上年有产值" in page.content.decode()
    index = client.get(reverse("monitoring:index"), {"month": "2012-06"})
    assert "本月无产值或未报" in index.content.decode()
    from background import job_of

    job = job_of(client.post(reverse("monitoring:report", args=["docx"]) + "?month=2012-06"))
    body = client.get(reverse("jobs:download", args=[job.pk])).content
    text = "\n".join(p.text for p in docx.Document(BytesIO(body)).paragraphs)
    assert "停产2家（本月无产值或未报，而本年此前月份或上年有产值）" in text
    assert "家（个）" not in text
