"""The four import templates: their columns, Chinese headers with units, and types.

A template workbook has one data sheet. Row 1 holds the column keys and is hidden, so columns
still match when a clerk reorders them; row 2 holds the Chinese headers with units; data starts
on row 3. A CSV file (or a workbook whose key row was deleted) is matched on the Chinese headers
instead. Pure Python: no Django here.
"""

import re
from dataclasses import dataclass
from typing import Literal

from zhuanxing.policy.vocabulary import BUSINESS_MODES

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


@dataclass(frozen=True)
class Template:
    kind: str  # annual, monthly, registry, region
    title: str  # Chinese; also the data sheet's name
    title_en: str
    columns: tuple[Column, ...]
    key_columns: tuple[str, ...]  # what identifies a row (and a duplicate)

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
