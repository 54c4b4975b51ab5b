"""The four import templates: their columns, Chinese headers with units, and types.

A template workbook has one data sheet. Row 1 holds the column keys and is hidden, so columns
still match when a clerk reorders them; row 2 holds the Chinese headers with units; data starts
on row 3. A CSV file (or a workbook whose key row was deleted) is matched on the Chinese headers
instead. Pure Python: no Django here.
"""

import re
from dataclasses import dataclass
from typing import Literal

from zhuanxing.core.language import english, pick
from zhuanxing.policy.vocabulary import BUSINESS_MODES

# English names of the columns and units, for English pages: the templates themselves are the
# statistical forms and keep their Chinese headers.
LABELS_EN = {
    "统一社会信用代码": "Unified social credit code", "企业名称": "Enterprise name",
    "年份": "Year", "工业总产值": "Gross industrial output",
    "工业销售产值": "Industrial sales output",
    "主营业务收入": "Main business revenue", "工业增加值": "Industrial value added",
    "研发经费支出": "R&D spending", "新产品产值": "New-product output",
    "出口交货值": "Export delivery value", "利润总额": "Total profit", "实缴税金": "Tax paid",
    "从业人员平均人数": "Average number of employees", "资产总计": "Total assets",
    "用地面积": "Land area", "综合能源消费量": "Total energy consumption",
    "用电量": "Electricity use", "化学需氧量排放量": "COD emissions",
    "氨氮排放量": "Ammonia nitrogen emissions", "二氧化硫排放量": "SO2 emissions",
    "氮氧化物排放量": "NOx emissions", "经营模式": "Business mode", "报告期": "Period",
    "工业总产值上年同期": "Gross industrial output, same period last year",
    "工业销售产值上年同期": "Industrial sales output, same period last year",
    "工业增加值上年同期": "Industrial value added, same period last year",
    "用电量上年同期": "Electricity use, same period last year",
    "利润总额上年同期": "Total profit, same period last year",
    "出口交货值上年同期": "Export delivery value, same period last year",
    "区域代码": "Region code", "所在区域代码": "Region code", "行业代码": "Industry code",
    "成立日期": "Founded on", "登记注册类型": "Registration type", "区域名称": "Region name",
    "地区生产总值": "GDP", "服务业增加值": "Services value added",
    "生产性服务业增加值": "Producer services value added", "工业用地面积": "Industrial land area",
}  # fmt: skip
UNITS_EN = {
    "万元": "10,000 yuan", "亩": "mu", "人": "persons", "吨标准煤": "tce", "千瓦时": "kWh",
    "吨": "t", "年-月": "year-month", "年-月-日": "year-month-day", "代码": "code",
    "GB/T 4754-2017小类": "GB/T 4754-2017 class", "OEA/OEM/ODM/OBM": "OEA/OEM/ODM/OBM",
}  # fmt: skip

ColumnType = Literal[
    "uscc", "text", "year", "month", "decimal", "integer", "industry", "org_unit", "date", "choice"
]

NUMERIC_TYPES = ("decimal", "integer")
DIGITS = 16  # the report models' max_digits: a decimal column holds below 10 ** (16 - places)
PG_INTEGER_MAX = 2**31 - 1  # a PositiveIntegerField on PostgreSQL


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # Chinese header without the unit
    type: ColumnType
    unit: str = ""
    required: bool = False
    places: int = 2
    choices: tuple[str, ...] = ()
    stored: bool = True  # False: shown for the clerk's convenience, not stored (the firm's name)
    # True: a file may leave the column out (the 上年同期 columns; the store then compares with
    # the report filed a year earlier)
    optional: bool = False
    max_value: int | None = None  # below the column type's own bound, when the model's is lower

    @property
    def limit(self) -> int:
        """Numbers must stay below this in size to fit the database column."""
        return self.max_value or 10 ** (DIGITS - self.places)

    @property
    def header(self) -> str:
        """The header as it appears in the template: label and unit, full-width parentheses."""
        return f"{self.label}（{self.unit}）" if self.unit else self.label

    @property
    def label_text(self) -> str:
        """The label in the active language (the report form, the template list)."""
        return pick(self.label, LABELS_EN.get(self.label, ""))

    @property
    def unit_text(self) -> str:
        """The unit in the active language."""
        return pick(self.unit, UNITS_EN.get(self.unit, ""))

    @property
    def header_text(self) -> str:
        """The header in the active language, for pages (the template's own stay Chinese)."""
        if not english():
            return self.header
        return f"{self.label_text} ({self.unit_text})" if self.unit else self.label_text


@dataclass(frozen=True)
class Template:
    kind: str  # annual, monthly, registry, region
    title: str  # Chinese; also the data sheet's name
    title_en: str
    columns: tuple[Column, ...]
    key_columns: tuple[str, ...]  # what identifies a row (and a duplicate)

    @property
    def title_text(self) -> str:
        return pick(self.title, self.title_en)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def stored_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.stored)


def _money(key: str, label: str, required: bool = False) -> Column:
    return Column(key, label, "decimal", "万元", required)


def _prior(key: str, label: str, unit: str = "万元") -> Column:
    """A 上年同期 column of the monthly report."""
    kind = "integer" if unit == "千瓦时" else "decimal"
    return Column(f"prior_{key}", f"{label}上年同期", kind, unit, optional=True)


REGISTRATION_TYPES = ("110", "120", "130", "140", "150", "160", "170", "190", "200", "300")

_USCC = Column("uscc", "统一社会信用代码", "uscc", required=True)
_NAME = Column("name", "企业名称", "text", stored=False)

ANNUAL = Template(
    "annual",
    "企业年报",
    "Annual enterprise report",
    (
        _USCC,
        _NAME,
        Column("year", "年份", "year", required=True),
        _money("gross_output", "工业总产值", True),
        _money("sales_output", "工业销售产值", True),
        _money("main_revenue", "主营业务收入", True),
        _money("value_added", "工业增加值", True),
        _money("rd_spending", "研发经费支出"),
        _money("new_product_output", "新产品产值"),
        _money("export_delivery", "出口交货值"),
        _money("profit", "利润总额"),
        _money("tax_paid", "实缴税金"),
        Column(
            "employees",
            "从业人员平均人数",
            "integer",
            "人",
            required=True,
            max_value=PG_INTEGER_MAX,
        ),
        _money("total_assets", "资产总计"),
        Column("land_mu", "用地面积", "decimal", "亩"),
        Column("energy_tce", "综合能源消费量", "decimal", "吨标准煤"),
        Column("electricity_kwh", "用电量", "integer", "千瓦时"),
        Column("cod_t", "化学需氧量排放量", "decimal", "吨", places=3),
        Column("nh3n_t", "氨氮排放量", "decimal", "吨", places=3),
        Column("so2_t", "二氧化硫排放量", "decimal", "吨", places=3),
        Column("nox_t", "氮氧化物排放量", "decimal", "吨", places=3),
        Column(
            "business_mode", "经营模式", "choice", "/".join(BUSINESS_MODES), choices=BUSINESS_MODES
        ),
    ),
    ("uscc", "year"),
)

MONTHLY = Template(
    "monthly",
    "企业月报",
    "Monthly enterprise report",
    (
        _USCC,
        _NAME,
        Column("period", "报告期", "month", "年-月", required=True),
        _money("gross_output", "工业总产值", True),
        _money("sales_output", "工业销售产值", True),
        _money("value_added", "工业增加值"),
        Column("electricity_kwh", "用电量", "integer", "千瓦时"),
        _money("profit", "利润总额"),
        _money("export_delivery", "出口交货值"),
        # 上年同期, beside this year's figures as on the NBS monthly forms.
        _prior("gross_output", "工业总产值"),
        _prior("sales_output", "工业销售产值"),
        _prior("value_added", "工业增加值"),
        _prior("electricity_kwh", "用电量", "千瓦时"),
        _prior("profit", "利润总额"),
        _prior("export_delivery", "出口交货值"),
    ),
    ("uscc", "period"),
)

REGISTRY = Template(
    "registry",
    "企业名录",
    "Enterprise registry",
    (
        _USCC,
        Column("name", "企业名称", "text", required=True),
        Column("org_unit", "所在区域代码", "org_unit", required=True),
        Column("industry_code", "行业代码", "industry", "GB/T 4754-2017小类", required=True),
        Column("founded_on", "成立日期", "date", "年-月-日"),
        Column("land_mu", "用地面积", "decimal", "亩"),
        Column("registration_type", "登记注册类型", "choice", "代码", choices=REGISTRATION_TYPES),
    ),
    ("uscc",),
)

REGION = Template(
    "region",
    "区域统计",
    "Region statistics",
    (
        Column("org_unit", "区域代码", "org_unit", required=True),
        Column("org_unit_name", "区域名称", "text", stored=False),
        Column("year", "年份", "year", required=True),
        _money("gdp", "地区生产总值"),
        _money("industrial_value_added", "工业增加值"),
        _money("services_value_added", "服务业增加值"),
        _money("producer_services_value_added", "生产性服务业增加值"),
        Column("energy_tce", "综合能源消费量", "decimal", "吨标准煤"),
        Column("industrial_land_mu", "工业用地面积", "decimal", "亩"),
    ),
    ("org_unit", "year"),
)

TEMPLATES: dict[str, Template] = {t.kind: t for t in (ANNUAL, MONTHLY, REGISTRY, REGION)}

_UNIT_SUFFIX = re.compile(r"[（(][^（）()]*[）)]\s*$")
_SPACES = re.compile(r"\s+")


def header_key(text: str) -> str:
    """A header as matched: units in brackets, spaces and a trailing asterisk dropped."""
    text = _SPACES.sub("", str(text)).rstrip("*＊")
    return _UNIT_SUFFIX.sub("", text)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
