"""Plain builders for the rows a test needs.

No factory library: keyword arguments with defaults are enough, and the builders go through the
application's own services where one exists (``org_unit_create`` via the Jiaxing loader,
``user_create``). Defaults are plausible figures that pass the policy's reporting rules, so a test
changes only the fields it is about. Nothing here relies on particular primary keys.
"""

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management import call_command

TONGXIANG, HAINING, JIASHAN = "330483", "330481", "330421"
# A town in each county used below (NBS statistical codes, in the loaded tree).
TOWNS = {TONGXIANG: "330483001", HAINING: "330481001", JIASHAN: "330421001"}
PASSWORD = "zhuanxing2009"

_serial = itertools.count(1)


def flush_database() -> None:
    """Empty every table (what a transactional test does after itself)."""
    call_command("flush", interactive=False, verbosity=0)


def restart_empty_sequences() -> None:
    """Start the id sequences of the empty tables again at 1 (the flush after a transactional
    test empties the tables but leaves the sequences where they were)."""
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        empty = []
        for sequence in connection.introspection.sequence_list():
            table = connection.ops.quote_name(sequence["table"])
            cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")
            if cursor.fetchone() is None:
                empty.append(sequence)
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), empty):
            cursor.execute(sql)


_TREE: list[dict] = []


def _jiaxing_tree() -> list[dict]:
    """The real Jiaxing tree as built by ``orgunits.loader.load_jiaxing_org_units``, loaded once
    (in a rolled-back savepoint) and kept as rows, parents before children."""
    from django.db import transaction

    from zhuanxing.orgunits.loader import load_jiaxing_org_units
    from zhuanxing.orgunits.models import OrgUnit

    if not _TREE:
        with transaction.atomic():
            load_jiaxing_org_units()
            _TREE.extend(
                OrgUnit.objects.order_by("depth", "path").values(
                    "code", "name", "name_en", "kind", "parent__code", "path", "depth",
                    "official_code",
                )
            )  # fmt: skip
            transaction.set_rollback(True)
    return _TREE


def org_units() -> dict:
    """The real Jiaxing region tree, by code: written if missing, a level per insert (the loader
    runs once per session, see ``_jiaxing_tree``)."""
    from zhuanxing.orgunits.models import OrgUnit

    if not OrgUnit.objects.exists():
        rows = _jiaxing_tree()
        units: dict = {}
        for depth in sorted({r["depth"] for r in rows}):
            level = [
                OrgUnit(**{k: v for k, v in r.items() if k != "parent__code"},
                        parent=units.get(r["parent__code"]))
                for r in rows if r["depth"] == depth
            ]  # fmt: skip
            for unit in OrgUnit.objects.bulk_create(level):
                units[unit.code] = unit
    return {u.code: u for u in OrgUnit.objects.all()}


def enterprise(*, town: str = TOWNS[TONGXIANG], industry_code: str = "3443", **fields):
    """An enterprise in ``town`` (a GB/T 4754 class, a valid unique credit code)."""
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.orgunits.models import OrgUnit
    from zhuanxing.reference.uscc import make_uscc

    if not OrgUnit.objects.filter(code=town).exists():
        org_units()
    n = next(_serial)
    fields.setdefault("uscc", make_uscc("9", "1", town[:6], f"9{n:07d}"))
    fields.setdefault("name", f"测试{n}号机械有限公司")
    fields.setdefault("land_mu", Decimal("30.00"))
    return Enterprise.objects.create(
        org_unit=OrgUnit.objects.get(code=town), industry_code=industry_code, **fields
    )


ANNUAL = {
    "gross_output": Decimal("3000.00"),
    "sales_output": Decimal("2950.00"),
    "main_revenue": Decimal("3000.00"),
    "value_added": Decimal("750.00"),
    "rd_spending": Decimal("60.00"),
    "new_product_output": Decimal("400.00"),
    "export_delivery": Decimal("500.00"),
    "profit": Decimal("180.00"),
    "tax_paid": Decimal("90.00"),
    "employees": 120,
    "total_assets": Decimal("4000.00"),
    "land_mu": Decimal("30.00"),
    "energy_tce": Decimal("600.00"),
    "electricity_kwh": 2_400_000,
    "business_mode": "OEM",
}
MONTHLY = {
    "gross_output": Decimal("250.00"),
    "sales_output": Decimal("245.00"),
    "value_added": Decimal("62.50"),
    "electricity_kwh": 200_000,
    "profit": Decimal("15.00"),
    "export_delivery": Decimal("40.00"),
}


def annual_report(enterprise, year: int = 2012, *, status: str = "approved", **fields):
    """An annual report; every figure defaults to ``ANNUAL`` (a 规上 firm: 3,000 万元)."""
    from zhuanxing.reporting.models import AnnualReport

    return AnnualReport.objects.create(
        enterprise=enterprise, year=year, status=status, **{**ANNUAL, **fields}
    )


def annual_reports(enterprise, years, *, status: str = "approved", **fields) -> list:
    """Annual reports for ``years`` in one insert (with their history rows)."""
    from simple_history.utils import bulk_create_with_history

    from zhuanxing.reporting.models import AnnualReport

    reports = [
        AnnualReport(enterprise=enterprise, year=year, status=status, **{**ANNUAL, **fields})
        for year in years
    ]
    return bulk_create_with_history(reports, AnnualReport)


def monthly_report(enterprise, year: int = 2012, month: int = 6, *, status="approved", **fields):
    """A monthly report (the month's own figures, ``MONTHLY`` by default)."""
    from zhuanxing.reporting.models import MonthlyReport

    return MonthlyReport.objects.create(
        enterprise=enterprise,
        year=year,
        month=month,
        period=f"{year}-{month:02d}",
        status=status,
        **{**MONTHLY, **fields},
    )


def monthly_reports(enterprise, periods, *, status="approved", **fields) -> list:
    """Monthly reports for ``(year, month)`` pairs in one insert (with their history rows)."""
    from simple_history.utils import bulk_create_with_history

    from zhuanxing.reporting.models import MonthlyReport

    reports = [
        MonthlyReport(
            enterprise=enterprise,
            year=year,
            month=month,
            period=f"{year}-{month:02d}",
            status=status,
            **{**MONTHLY, **fields},
        )
        for year, month in periods
    ]
    return bulk_create_with_history(reports, MonthlyReport)


def user(role: str, *, username: str | None = None, org_units=(), enterprise=None, institution=""):
    """A user through ``accounts.services.user_create`` (password ``PASSWORD``)."""
    from zhuanxing.accounts.services import user_create

    return user_create(
        username=username or f"{role}-{next(_serial)}",
        password=PASSWORD,
        role=role,
        org_units=list(org_units) or None,
        enterprise=enterprise,
        institution=institution,
    )


def role_users(firm) -> dict:
    """One user per role, named like the demo's: admin, leader, tongxiang, haining, firm."""
    from zhuanxing.accounts.models import Role

    units = org_units()
    return {
        "admin": user(Role.CITY_ADMIN, username="admin"),
        "leader": user(Role.LEADER, username="leader"),
        "tongxiang": user(Role.COUNTY_OFFICER, username="tongxiang", org_units=[units[TONGXIANG]]),
        "haining": user(Role.COUNTY_OFFICER, username="haining", org_units=[units[HAINING]]),
        "firm": user(Role.ENTERPRISE, username="firm", enterprise=firm),
    }


@dataclass
class World:
    """A few firms in three counties with two years of reports, and one user per role."""

    firms: dict = field(default_factory=dict)  # county code → [enterprise, …]
    users: dict = field(default_factory=dict)

    def all_firms(self) -> list:
        return [f for firms in self.firms.values() for f in firms]


def world(*, per_county: int = 2, years=(2011, 2012), months=range(1, 7)) -> World:
    """``per_county`` firms in Tongxiang, Haining and Jiashan, each with approved annual reports
    for ``years`` and monthly reports for ``months`` of the last year; the ``firm`` user files
    for Tongxiang's first firm."""
    built = World()
    for county in (TONGXIANG, HAINING, JIASHAN):
        built.firms[county] = []
        for _ in range(per_county):
            firm = enterprise(town=TOWNS[county])
            annual_reports(firm, years)
            monthly_reports(firm, [(years[-1], month) for month in months])
            built.firms[county].append(firm)
    built.users = role_users(built.firms[TONGXIANG][0])
    return built


REGION = {
    "gdp": Decimal("5000000.00"),
    "industrial_value_added": Decimal("2600000.00"),
    "services_value_added": Decimal("2000000.00"),
    "producer_services_value_added": Decimal("800000.00"),
    "energy_tce": Decimal("3000000.00"),
    "industrial_land_mu": Decimal("60000.00"),
}


def region_statistics(code: str, year: int = 2012, **fields):
    """Region statistics of the unit ``code`` (a county's by default figures, 万元)."""
    from zhuanxing.reporting.models import RegionStatistics

    return RegionStatistics.objects.create(
        org_unit=org_units()[code], year=year, **{**REGION, **fields}
    )
