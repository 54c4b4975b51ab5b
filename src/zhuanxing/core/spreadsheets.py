"""What every spreadsheet the system writes shares: cell values that cannot run as formulas."""

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe(value):
    """A cell value that cannot run as a formula when the workbook or CSV is opened
    (formula injection): text starting with = + - @ (or a tab or carriage return) gets an
    apostrophe. A plain signed number ("-1588.63") is left alone: it cannot run, and a loss is
    negative. Control characters, which a CSV may carry and an .xlsx cannot hold, are dropped.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(_DANGEROUS) and not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
    return value
