"""Heavy (重工业) / light (轻工业) industry split: APPROXIMATE.

NBS assigns heavy or light by product use (light = consumer goods and hand tools; heavy = means
of production), firm by firm and below division level. No official code table exists. This
module approximates it from ``heavy_light_industry_division_level_DERIVED.csv`` (a division-level
table derived from the NBS definition text) plus the group/class exceptions listed in that table's
text column, encoded below. Every figure computed from it (e.g. 重工业比重) must be labelled
"approximate" wherever it is shown.

Resolution: a class takes its own exception, else its group's, else its division's default; a
group takes its own exception, else its division's; a division takes its default. A coarser code
therefore gets the coarser answer (group 305 is heavy though class 3054 is light).
"""

from functools import cache

from . import industry
from ._data import read_rows

APPROXIMATE = True

SOURCE_FILE = "heavy_light_industry_division_level_DERIVED.csv"

# Divisions the source marks "mixed" still need one answer for a division-level code: the side
# most of their classes fall on once the exceptions below apply (20: 10 of 18 classes light;
# 29: 14 of 16 heavy). A class count, not an output share: approximate like the rest.
_MIXED_DIVISION_HEAVY = {"20": False, "29": True}

# code → heavy?  Parsed by hand from the source's
# "known_light_parts_in_heavy_divisions_or_heavy_parts_in_light" column. Only parts the text
# names firmly are encoded; hedged ones ("check", "arguably", "may be") stay with their
# division: 132 饲料加工, 221 纸浆制造, 2811 化纤浆粕, 4040 光学仪器. 376 is encoded although
# hedged "likely light": bicycles and invalid carriages are consumer goods by the NBS definition.
_EXCEPTIONS: dict[str, bool] = {
    "201": True,  # 木材加工 (锯材: 原材料工业 in the NBS text)
    "202": True,  # 人造板制造
    "268": False,  # 日用化学产品制造
    "2915": False,  # 日用及医用橡胶制品制造
    "2927": False,  # 日用塑料制品制造
    "3054": False,  # 日用玻璃制品制造
    "3074": False,  # 日用陶瓷制品制造
    "3322": False,  # 手工具制造 (the source's "332 手工工具"; 332 is 金属工具制造 in 2017)
    "338": False,  # 金属制日用品制造
    "347": False,  # 文化、办公用机械制造
    "358": False,  # 医疗仪器设备及器械制造
    "376": False,  # 自行车和残疾人座车制造
    "385": False,  # 家用电力器具制造
    "386": False,  # 非电力家用器具制造
    "387": False,  # 照明器具制造
    "395": False,  # 非专业视听设备制造
    "396": False,  # 智能消费设备制造
    "403": False,  # 钟表与计时仪器制造
}


@cache
def _division_defaults() -> dict[str, bool]:
    defaults: dict[str, bool] = {}
    for row in read_division_rows():
        division = row["gbt4754_2017_division"]
        predominant = row["predominant"]
        if predominant == "mixed":
            defaults[division] = _MIXED_DIVISION_HEAVY[division]
        else:
            defaults[division] = {"heavy": True, "light": False}[predominant]
    return defaults


def read_division_rows() -> list[dict[str, str]]:
    """The source rows (division, name, predominant, mixed, exceptions text, basis)."""
    return read_rows(SOURCE_FILE)


def exceptions() -> dict[str, bool]:
    """The group/class exceptions applied (code → heavy?), for display and audit."""
    return dict(_EXCEPTIONS)


def heavy_industry(code: str) -> bool | None:
    """True for heavy, False for light, None for a code outside industry (sections B-D).

    Accepts division, group and class codes; raises UnknownIndustryCode for unknown codes and
    ValueError for a section letter (the split starts at division level). APPROXIMATE: see the
    module docstring.
    """
    found = industry.lookup(code)
    if found.level == 1:
        raise ValueError(f"{found.code!r} is a section; heavy/light is defined from division down")
    if found.section not in industry.INDUSTRIAL_SECTIONS:
        return None
    # Most specific first: the code itself, then its group (for a class).
    for candidate in (found.code, found.group):
        if candidate in _EXCEPTIONS:
            return _EXCEPTIONS[candidate]
    assert found.division is not None  # every non-section code has a division
    return _division_defaults()[found.division]
