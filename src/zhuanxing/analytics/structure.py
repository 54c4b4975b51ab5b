"""Indicators the analysis pages need beyond the policy file's: 1244 structure (output and value
added by category), heavy/light output, and business modes (clause 八: OEM → ODM/OBM) within the
traditional industries. Built in code from the same formula parts, so the engine evaluates them
in the same query as the policy's indicators. Pure Python.
"""

from dataclasses import dataclass
from decimal import Decimal

from zhuanxing.core.figures import HUNDRED_MILLION_FACTOR
from zhuanxing.policy.vocabulary import BUSINESS_MODES

ABOVE = ("industrial", "above_scale")


@dataclass(frozen=True)
class Side:
    source: str
    measures: tuple[str, ...]
    filters: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeIndicator:
    """Shaped like ``zhuanxing.policy.schema.Indicator`` (the engine reads the same fields)."""

    name: str
    name_en: str
    unit: str
    factor: Decimal
    numerator: Side
    denominator: Side | None = None


def _sum(measure: str, *filters: str) -> Side:
    return Side("enterprise", (measure,), (*ABOVE, *filters))


STRUCTURE = {
    "output_100m": CodeIndicator(
        "规上工业总产值",
        "Above-scale gross output",
        "亿元",
        HUNDRED_MILLION_FACTOR,
        _sum("gross_output"),
    ),
    "value_added_100m": CodeIndicator(
        "规上工业增加值",
        "Above-scale value added",
        "亿元",
        HUNDRED_MILLION_FACTOR,
        _sum("value_added"),
    ),
    "heavy_output_100m": CodeIndicator(
        "重工业总产值（近似）",
        "Heavy-industry gross output (approximate)",
        "亿元",
        HUNDRED_MILLION_FACTOR,
        _sum("gross_output", "heavy_industry"),
    ),
    "light_output_100m": CodeIndicator(
        "轻工业总产值（近似）",
        "Light-industry gross output (approximate)",
        "亿元",
        HUNDRED_MILLION_FACTOR,
        _sum("gross_output", "light_industry"),
    ),
}
for _mode in BUSINESS_MODES:
    STRUCTURE[f"mode_{_mode.lower()}_share"] = CodeIndicator(
        f"传统产业{_mode}产值占比",
        f"{_mode} share of traditional-industry output",
        "%",
        Decimal(100),
        _sum("gross_output", "category_group:traditional", f"business_mode:{_mode}"),
        _sum("gross_output", "category_group:traditional"),
    )


def share(part: float | None, whole: float | None) -> float | None:
    """part / whole in %, None for a missing or zero whole."""
    if part is None or not whole:
        return None
    return part / whole * 100
