"""GB/T 4754-2017 industry classification (国民经济行业分类), all four levels.

Levels: 1 section (门类, a letter), 2 division (大类, 2 digits), 3 group (中类, 3 digits),
4 class (小类, 4 digits). A group with a single class (``single_class_group`` = Y in the
source) has its own 3-digit row and one class row whose code is the group code plus ``0``
(271 → 2710), so both codes resolve, to different levels.

Codes may be given with surrounding whitespace or with the section letter in front, as many
registers write them ("C3825"); a letter that does not match the code's section is not accepted.
"""

from dataclasses import dataclass
from functools import cache

from ._data import read_rows

SOURCE_FILE = "gbt4754_2017_industry_classification.csv"

LEVEL_NAMES = {1: "门类", 2: "大类", 3: "中类", 4: "小类"}

MANUFACTURING_SECTION = "C"
# 采矿业, 制造业, 电力、热力、燃气及水生产和供应业: the statistical scope of "industry" (工业).
INDUSTRIAL_SECTIONS = frozenset({"B", "C", "D"})


class UnknownIndustryCode(KeyError):
    """The code is not in GB/T 4754-2017."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return (
            f"{self.code!r} is not a GB/T 4754-2017 industry code "
            "(expected a section letter A-T or a 2-, 3- or 4-digit code such as '1711')"
        )


@dataclass(frozen=True)
class Industry:
    code: str
    name: str
    level: int
    level_name: str
    section: str
    division: str | None
    group: str | None
    parent_code: str | None

    @property
    def label(self) -> str:
        """Code and name, as shown to users: "1711 棉纺纱加工"."""
        return f"{self.code} {self.name}"


@cache
def _index() -> dict[str, Industry]:
    index: dict[str, Industry] = {}
    for row in read_rows(SOURCE_FILE):
        level = int(row["level"])
        index[row["code"]] = Industry(
            code=row["code"],
            name=row["name"],
            level=level,
            level_name=LEVEL_NAMES[level],
            section=row["section"],
            division=row["division"] or None,
            group=row["group"] or None,
            parent_code=row["parent_code"] or None,
        )
    return index


@cache
def _children_index() -> dict[str, tuple[Industry, ...]]:
    children: dict[str, list[Industry]] = {}
    for industry in _index().values():
        if industry.parent_code is not None:
            children.setdefault(industry.parent_code, []).append(industry)
    return {code: tuple(sorted(kids, key=_sort_key)) for code, kids in children.items()}


def _sort_key(industry: Industry) -> str:
    return industry.code


def _normalise(code: str) -> str:
    code = code.strip().upper()
    # "C3825" → "3825", but only when the letter is that code's own section.
    if len(code) > 1 and code[0].isalpha() and code[1:].isdigit():
        bare = code[1:]
        found = _index().get(bare)
        if found is not None and found.section == code[0]:
            return bare
    return code


def get(code: str) -> Industry | None:
    """The industry for ``code``, or None when the code is not in the standard."""
    if not isinstance(code, str):
        return None
    return _index().get(_normalise(code))


def lookup(code: str) -> Industry:
    """The industry for ``code``; raises UnknownIndustryCode when it is not in the standard."""
    industry = get(code)
    if industry is None:
        raise UnknownIndustryCode(code)
    return industry


def parent(code: str) -> Industry | None:
    """The next level up (None for a section)."""
    industry = lookup(code)
    return None if industry.parent_code is None else _index()[industry.parent_code]


def ancestors(code: str) -> list[Industry]:
    """All levels above ``code``, section first; empty for a section."""
    chain: list[Industry] = []
    current = parent(code)
    while current is not None:
        chain.append(current)
        current = parent(current.code)
    return list(reversed(chain))


def children(code: str) -> list[Industry]:
    """The next level down, in code order (empty for a class)."""
    return list(_children_index().get(lookup(code).code, ()))


def classes_under(code: str) -> list[Industry]:
    """All classes (小类) under ``code`` in code order; a class returns itself."""
    industry = lookup(code)
    if industry.level == 4:
        return [industry]
    return [found for child in children(industry.code) for found in classes_under(child.code)]


def _at_level(level: int) -> list[Industry]:
    return sorted((i for i in _index().values() if i.level == level), key=_sort_key)


@cache
def _classes() -> tuple[Industry, ...]:
    return tuple(_at_level(4))


def all_classes() -> list[Industry]:
    """Every class (小类), in code order."""
    return list(_classes())


def sections() -> list[Industry]:
    """The 20 sections (门类), A to T."""
    return _at_level(1)


def divisions() -> list[Industry]:
    """The 97 divisions (大类), in code order."""
    return _at_level(2)


def is_class(code: str) -> bool:
    """True for a class (小类) of the standard; False for other levels and unknown codes."""
    industry = get(code)
    return industry is not None and industry.level == 4


def is_manufacturing(code: str) -> bool:
    """True when ``code`` lies in section C 制造业 (raises for unknown codes)."""
    return lookup(code).section == MANUFACTURING_SECTION


def is_industrial(code: str) -> bool:
    """True when ``code`` lies in sections B, C or D, the scope of 工业 (raises if unknown)."""
    return lookup(code).section in INDUSTRIAL_SECTIONS


def english_name(code: str) -> str:
    """An English name for ``code``: the section's or division's own; a group or class is
    named by its division (see ``industry_en``). "" for an unknown code."""
    from .industry_en import NAMES_EN

    found = get(code)
    if found is None:
        return ""
    return NAMES_EN.get(found.code) or NAMES_EN.get(found.division or found.section, "")
