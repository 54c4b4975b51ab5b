"""Regressions for review findings: scoped unlock list, enterprise imports cannot overwrite a
report it has submitted or that was approved, and bulk history keeps fields the file lacks."""

import datetime as dt

import pytest
from django.urls import reverse
from reporting_files import annual_rows, rules_of, run, xlsx

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.reporting.models import AnnualReport, ReportStatus
from zhuanxing.reporting.services.workflow import annual_report_unlock, period_lock

pytestmark = pytest.mark.django_db


def test_open_unlocks_are_shown_only_within_scope(client, users):
    admin = users["admin"]
    firm = users["firm"].enterprise
    year = AnnualReport.objects.order_by("-year").values_list("year", flat=True).first()
    period_lock(user=admin, kind="annual", period=str(year))
    annual_report_unlock(user=admin, enterprise=firm, year=year, reason="SECRET-REASON")
    client.force_login(users["haining"])
    assert "SECRET-REASON" not in client.get(reverse("reporting:locks")).content.decode()
    client.force_login(users["tongxiang"])
    assert "SECRET-REASON" in client.get(reverse("reporting:locks")).content.decode()


def test_an_enterprise_cannot_import_over_its_approved_report(users):
    user = users["firm"]
    report = AnnualReport.objects.filter(enterprise=user.enterprise).order_by("-year").first()
    assert report.status == ReportStatus.APPROVED
    from zhuanxing.reporting.importing.formats import TEMPLATES

    rows = annual_rows([report])
    profit_at = [c.key for c in TEMPLATES["annual"].columns].index("profit")
    rows[0][profit_at] = float(report.profit or 0) + 1
    outcome = run(xlsx("annual", rows), user, accept_warnings=True)
    assert "not_editable" in rules_of(outcome)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_bulk_history_keeps_fields_the_registry_file_does_not_carry(users):
    from zhuanxing.reporting.importing.formats import TEMPLATES

    firm = Enterprise.objects.filter(org_unit__path__contains="/330483/").first()
    Enterprise.objects.filter(pk=firm.pk).update(
        land_granted_on=dt.date(2011, 5, 1), uses_toxic_substances=True
    )
    keys = [c.key for c in TEMPLATES["registry"].columns]
    values = {
        "uscc": firm.uscc,
        "name": firm.name + "（更名）",
        "org_unit": firm.org_unit.code,
        "industry_code": firm.industry_code,
        "founded_on": firm.founded_on.isoformat() if firm.founded_on else None,
        "land_mu": float(firm.land_mu) if firm.land_mu is not None else None,
        "registration_type": firm.registration_type or None,
    }
    row = [values.get(k) for k in keys]
    outcome = run(xlsx("registry", [row]), users["admin"], accept_warnings=True)
    assert not [line for line in outcome.lines if line.importance == "error"], outcome.lines
    latest = firm.history.order_by("-history_date", "-history_id").first()
    assert latest.name.endswith("（更名）")
    assert latest.land_granted_on == dt.date(2011, 5, 1)
    assert latest.uses_toxic_substances is True


def test_county_officers_cannot_file_region_statistics(users):
    from zhuanxing.reporting.importing.formats import TEMPLATES
    from zhuanxing.reporting.models import RegionStatistics

    stats = RegionStatistics.objects.filter(org_unit__code="330483").order_by("-year").first()
    keys = [c.key for c in TEMPLATES["region"].columns]
    values = {"org_unit": "330483", "org_unit_name": "桐乡市", "year": stats.year}
    values |= {k: float(getattr(stats, k) or 0) for k in keys if k not in values}
    values["gdp"] *= 1.3
    outcome = run(xlsx("region", [[values[k] for k in keys]]), users["tongxiang"])
    assert "in_scope" in rules_of(outcome)
    stats.refresh_from_db()
    assert float(stats.gdp) != values["gdp"]
