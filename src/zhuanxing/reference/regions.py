"""Jiaxing's administrative divisions: the city, its 7 county-level units, its 72 townships.

City and counties carry GB/T 2260 codes (6 digits); townships carry NBS 2023 statistical
division codes (统计用区划代码), 9 digits, with the 12-digit form in ``statistical_code``.
嘉兴经济开发区 and 嘉兴港区 have no GB/T 2260 code and are not here: the org-unit tree gives
them its own codes.
"""

from dataclasses import dataclass
from functools import cache

from ._data import read_rows

COUNTY_FILE = "jiaxing_admin_divisions_county.csv"
TOWNSHIP_FILE = "jiaxing_townships_stats_2023.csv"

CITY_CODE = "330400"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # "prefecture", "county" or "township"
    parent_code: str
    type: str  # 地级市, 市辖区, 县, 县级市, 街道, 镇
    statistical_code: str | None = None  # 12-digit NBS code, townships only


@cache
def _divisions() -> tuple[Division, ...]:
    upper = [
        Division(row["code6"], row["name"], row["level"], row["parent_code6"], row["type"])
        for row in read_rows(COUNTY_FILE)
    ]
    townships = [
        Division(
            row["code9"], row["name"], "township", row["county_code6"], row["type"], row["code12"]
        )
        for row in read_rows(TOWNSHIP_FILE)
    ]
    return tuple(upper + townships)


@cache
def _by_code() -> dict[str, Division]:
    index = {division.code: division for division in _divisions()}
    index.update({d.statistical_code: d for d in _divisions() if d.statistical_code})
    return index


def city() -> Division:
    """嘉兴市, 330400."""
    return _by_code()[CITY_CODE]


def counties() -> list[Division]:
    """The 7 county-level units (districts, county, county-level cities), in code order."""
    return sorted((d for d in _divisions() if d.level == "county"), key=lambda d: d.code)


def townships(county_code: str | None = None) -> list[Division]:
    """Townships (街道 and 镇) in code order, all or those of one county (6-digit code)."""
    return sorted(
        (
            d
            for d in _divisions()
            if d.level == "township" and (county_code is None or d.parent_code == county_code)
        ),
        key=lambda d: d.code,
    )


def get_division(code: str) -> Division | None:
    """The division for a 6-digit, 9-digit or 12-digit code, or None."""
    return _by_code().get(code.strip())
