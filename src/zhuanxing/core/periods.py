"""Period arithmetic. Periods are strings: a year ``"2012"`` or a month ``"2012-06"``."""

import re

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
YEAR = re.compile(r"^\d{4}$")


def is_month(period: str) -> bool:
    return bool(MONTH.match(period))


def month_index(month: str) -> int:
    """Months since year 0: ``"2012-06"`` → 2012 × 12 + 5, so months subtract as integers."""
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def month_from_index(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def shift_month(month: str, months: int) -> str:
    """``month`` moved by ``months`` (negative: earlier): ``shift_month("2012-01", -1)`` →
    ``"2011-12"``."""
    return month_from_index(month_index(month) + months)


def month_range(start: str, end: str) -> list[str]:
    """Every month from ``start`` to ``end``, both included; empty when ``end`` is earlier."""
    return [month_from_index(i) for i in range(month_index(start), month_index(end) + 1)]


def months_of_year(year: int) -> list[str]:
    return [f"{year:04d}-{m:02d}" for m in range(1, 13)]


def year_earlier(period: str) -> str:
    """The same period a year earlier (上年同期): ``"2010"`` → ``"2009"``, ``"2010-03"`` →
    ``"2009-03"``."""
    if "-" in period:
        return shift_month(period, -12)
    return str(int(period) - 1)


def split_month(month: str) -> tuple[int, int]:
    """``"2012-06"`` → ``(2012, 6)``."""
    year, number = month.split("-")
    return int(year), int(number)
