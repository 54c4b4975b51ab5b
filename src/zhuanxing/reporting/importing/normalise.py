"""Turn a cell as typed (or as Excel stored it) into a clean value, or say why it cannot be.

Chinese clerks type full-width digits (１２３．４), thousands separators (1,234 or 1，234), and
Excel turns "2012-06" into a date. Numbers are normalised; dates where a number belongs are
refused, never guessed. Pure Python: no Django here.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

# Full-width ASCII (U+FF01–U+FF5E) maps to ASCII by a fixed offset; the ideographic space too.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
# Dates typed into a number column. "2012.05" is left alone: it is also a decimal number.
_DATE_TEXT = re.compile(
    r"^\d{4}\s*[-/年]\s*\d{1,2}(\s*[-/月]\s*\d{1,2}\s*日?)?\s*月?$"
    r"|^\d{4}\.\d{1,2}\.\d{1,2}$|^\d{1,2}/\d{1,2}/\d{2,4}$"
)
_YEAR = re.compile(r"^(\d{4})\s*年?$")
_MONTH = re.compile(r"^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:月)?(?:\s*[-/.]\s*\d{1,2}\s*日?)?$")
# "2015.1": a month after a dot with one digit is what Excel leaves of 2015.10 as a number.
_AMBIGUOUS_MONTH = re.compile(r"^\d{4}\.\d$")
_FULL_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class CellError(ValueError):
    """A cell that cannot become a value of its column; ``reason`` is an English phrase, the
    ``code`` picks the translated detail shown to the clerk."""

    def __init__(self, code: str, reason: str, **params) -> None:
        super().__init__(reason)
        self.code = code
        self.params = params  # fill the detail's placeholders


def half_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)


def clean_text(value) -> str:
    """A cell as stripped half-width text ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return half_width(str(value)).strip()


def to_decimal(
    value, *, places: int = 2, integer: bool = False, limit: int = 10**14
) -> Decimal | None:
    """A number cell → Decimal (None when empty); CellError for text, dates, fractions, and
    for numbers not below ``limit`` in size (what the database column holds)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("text", "a true/false value, not a number")
    if isinstance(value, datetime | date):
        raise CellError("date", "a date where a number belongs")
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("text", "not a finite number")
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        # A leading apostrophe is Excel's "keep as text" mark (and our export's guard).
        text = half_width(str(value)).strip().removeprefix("'").replace(" ", "")
        if text == "":
            return None
        if _DATE_TEXT.match(text):
            raise CellError("date", "a date where a number belongs")
        if "," in text:
            if not _GROUPED.fullmatch(text):
                raise CellError("text", "misplaced thousands separators")
            text = text.replace(",", "")
        if not _NUMBER.fullmatch(text):
            raise CellError("text", "not a number")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError("text", "not a number") from None
    if abs(number) >= limit:
        raise CellError("too_large", "too large")
    if integer:
        if number != number.to_integral_value():
            raise CellError("fraction", "a whole number is needed")
        return Decimal(int(number))
    quantum = Decimal(1).scaleb(-places)
    return number.quantize(quantum)


def to_year(value, *, latest: int | None = None) -> int | None:
    """2012, 2012.0, "2012", "2012年", a date in 2012 → 2012; None when empty; CellError else,
    and for a year after ``latest`` (the current one)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        year = value.year
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        found = _YEAR.match(clean_text(value))
        if not found or not 1949 <= int(found.group(1)) <= 2100:
            raise CellError("period", "not a year")
        year = int(found.group(1))
    if latest is not None and year > latest:
        raise CellError("period_future", "a year after the current one", latest=latest)
    return year


def to_month(value, *, latest: str | None = None) -> str | None:
    """ "2012-06", "2012年6月", "2012/6", "2012.06", a date in June 2012 → "2012-06"; CellError
    for a number (Excel keeps 2015.10 as 2015.1: the month cannot be known), for "2015.1"
    (the same ambiguity, typed), an impossible date, and a month after ``latest``."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        month = f"{value.year:04d}-{value.month:02d}"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError("period_number", "a number where a month belongs")
    else:
        text = clean_text(value)
        found = _MONTH.match(text)
        if not found:
            raise CellError("period", "not a month such as 2012-06")
        year, number = int(found.group(1)), int(found.group(2))
        if not (1949 <= year <= 2100 and 1 <= number <= 12):
            raise CellError("period", "not a month such as 2012-06")
        if _AMBIGUOUS_MONTH.match(text):
            raise CellError("period_ambiguous", "2015.1 may be January or October")
        day = _FULL_DATE.match(text)
        if day:
            try:
                date(year, number, int(day.group(3)))
            except ValueError:
                raise CellError("period", "not a date") from None
        month = f"{year:04d}-{number:02d}"
    if latest is not None and month > latest:
        raise CellError("period_future", "a month after the current one", latest=latest)
    return month


def to_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = _FULL_DATE.match(clean_text(value))
    if not found:
        raise CellError("text", "not a date such as 2009-08-20")
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        raise CellError("text", "not a date such as 2009-08-20") from None
