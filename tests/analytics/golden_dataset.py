"""The golden dataset: six enterprises in three counties, 2008-2010, with round numbers, so every
expected value in ``golden.csv`` can be checked with a pencil. See README.md beside this file."""

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.loader import load_jiaxing_org_units
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.reference.uscc import make_uscc
from zhuanxing.reporting.models import AnnualReport, MonthlyReport, RegionStatistics

# key: (town, GB/T 4754 class)
FIRMS = {
    "A": ("330483001", "1711"),  # 桐乡, textiles: light, not high-tech, traditional
    "B": ("330483003", "3972"),  # 桐乡, electronics: heavy, high-tech
    "C": ("330481001", "3443"),  # 海宁, equipment: heavy, not high-tech
    "E": ("330481002", "2720"),  # 海宁, pharmaceuticals: light, high-tech, bio-engineering
    "D": ("330481001", "1910"),  # 海宁, leather, below scale
    "F": ("330421001", "2110"),  # 嘉善, furniture (no 1244 category), below scale
}
# year → firm → (gross_output = main_revenue, value_added, rd, new_product, land, employees,
#                energy_tce, cod_t, so2_t, tax_paid, business_mode)
ANNUAL = {
    2008: {
        "A": (700, 150, 7, 70, 20, 100, 48, 2.5, 1.5, 20, "OEM"),
        "B": (2000, 600, 60, 1000, 30, 140, 58, 1.5, 0.8, 60, ""),
        "C": (1500, 400, 30, 0, 50, 240, 190, 4.0, 5.0, 30, ""),
        "E": (900, 350, 45, 250, 25, 100, 40, 0.7, 0.7, 18, ""),
        "D": (250, 50, 0, 0, 10, 30, 20, None, None, 5, "OEM"),
        "F": (150, 30, 0, 0, 8, 20, 10, 0.3, 0.2, 3, ""),
    },
    2009: {
        "A": (800, 160, 8, 80, 20, 100, 48, 2.2, 1.2, 24, "OEM"),
        "B": (2500, 750, 70, 1200, 30, 140, 58, 1.2, 0.6, 75, ""),
        "C": (1700, 425, 30, 0, 50, 240, 190, 3.5, 4.4, 34, ""),
        "E": (1000, 400, 50, 300, 25, 100, 40, 0.6, 0.6, 20, ""),
        "D": (250, 50, 0, 0, 10, 30, 20, None, None, 5, "OEM"),
        "F": (150, 30, 0, 0, 8, 20, 10, 0.25, 0.15, 3, ""),
    },
    2010: {
        "A": (1000, 200, 10, 100, 20, 100, 50, 2.0, 1.0, 30, "OEM"),
        "B": (3000, 900, 90, 1500, 30, 150, 60, 1.0, 0.5, 90, ""),
        "C": (2000, 500, 40, 0, 50, 250, 200, 3.0, 4.0, 40, ""),
        "E": (1000, 400, 60, 400, 25, 100, 40, 0.5, 0.5, 20, ""),
        "D": (300, 60, 0, 0, 10, 30, 20, None, None, 5, "OEM"),
        "F": (200, 40, 0, 0, 8, 20, 10, 0.2, 0.1, 4, ""),
    },
}
# (firm, year, month) → gross_output; A light, B heavy
MONTHLY = {
    ("A", 2009, 1): 60, ("A", 2009, 2): 70, ("B", 2009, 1): 180, ("B", 2009, 2): 200,
    ("A", 2010, 1): 80, ("A", 2010, 2): 90, ("A", 2010, 3): 100,
    ("B", 2010, 1): 250, ("B", 2010, 2): 250, ("B", 2010, 3): 300,
}  # fmt: skip
# org unit → year → (gdp, industrial_value_added, services, producer_services, energy_tce, land)
REGIONS = {
    "330400": {
        2008: (80000, 40000, 32000, 11840, 56000, 4000),
        2009: (90000, 45000, 36000, 13860, 58500, 4000),
        2010: (100000, 50000, 40000, 16000, 60000, 4000),
    },
    "330483": {2010: (30000, 15000, 12000, 6000, 15000, 1000)},
    "330481": {2010: (40000, 20000, 15000, 4500, 28000, 2000)},
    "330421": {2010: (None, 1000, 0, 0, 500, 100)},
}


def build_golden() -> dict[str, Enterprise]:
    load_jiaxing_org_units()
    units = {u.code: u for u in OrgUnit.objects.all()}
    firms = {}
    for n, (key, (town, code)) in enumerate(sorted(FIRMS.items())):
        firms[key] = Enterprise.objects.create(
            uscc=make_uscc("9", "1", town[:6], f"{n + 1:08d}"),
            name=f"金标{key}有限公司",
            org_unit=units[town],
            industry_code=code,
        )
    for year, rows in ANNUAL.items():
        for key, values in rows.items():
            gross, va, rd, np, land, emp, energy, cod, so2, tax, mode = values
            AnnualReport.objects.create(
                enterprise=firms[key], year=year, status="approved",
                gross_output=gross, sales_output=gross, main_revenue=gross, value_added=va,
                rd_spending=rd, new_product_output=np, land_mu=land, employees=emp,
                energy_tce=energy, cod_t=cod, so2_t=so2, tax_paid=tax, total_assets=1000,
                business_mode=mode,
            )  # fmt: skip
    for (key, year, month), gross in MONTHLY.items():
        MonthlyReport.objects.create(
            enterprise=firms[key], year=year, month=month, period=f"{year}-{month:02d}",
            status="approved", gross_output=gross, sales_output=gross,
        )  # fmt: skip
    names = ("gdp", "industrial_value_added", "services_value_added",
             "producer_services_value_added", "energy_tce", "industrial_land_mu")  # fmt: skip
    for code, years in REGIONS.items():
        for year, values in years.items():
            RegionStatistics.objects.create(
                org_unit=units[code], year=year, **dict(zip(names, values, strict=True))
            )
    return firms
