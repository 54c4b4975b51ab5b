"""High-tech manufacturing (高技术产业（制造业）分类（2017）, 国统字〔2017〕200号).

Six categories over GB/T 4754-2017 classes, from ``nbs_high_tech_manufacturing_2017.csv`` (85
classes, taken from a regulatory-reporting code list that reuses the NBS table) plus one class
added here, see ``UNVERIFIED_CLASSES``.
"""

from dataclasses import dataclass
from functools import cache

from . import industry
from ._data import read_rows

SOURCE_FILE = "nbs_high_tech_manufacturing_2017.csv"


@dataclass(frozen=True)
class HighTechCategory:
    number: int
    name: str

    @property
    def name_en(self) -> str:
        """The category's English name (the NBS's English titles of the six categories)."""
        return CATEGORY_NAMES_EN.get(self.number, "")


CATEGORY_NAMES_EN = {
    1: "Manufacture of medicines",
    2: "Manufacture of aircraft, spacecraft and related equipment",
    3: "Manufacture of electronic and communication equipment",
    4: "Manufacture of computers and office equipment",
    5: "Manufacture of medical equipment and measuring instruments",
    6: "Manufacture of information chemicals",
}


# 3964 服务消费机器人制造 is missing from the source list although every other class of group
# 396 智能消费设备制造 is in it (3961, 3962, 3963, 3969). The NBS table lists group 396 under
# 电子及通信设备制造业, so we add 3964 to category 3. Not checked against the NBS text itself:
# replace this once it is (see data/PROVENANCE.md).
_ADDED_CLASSES = {"3964": 3}
UNVERIFIED_CLASSES = frozenset(_ADDED_CLASSES)


@cache
def _load() -> tuple[tuple[HighTechCategory, ...], dict[str, HighTechCategory]]:
    categories: dict[int, HighTechCategory] = {}
    by_class: dict[str, HighTechCategory] = {}
    for row in read_rows(SOURCE_FILE):
        number = int(row["ht_category_no"])
        category = categories.setdefault(number, HighTechCategory(number, row["ht_category_name"]))
        by_class[row["gbt4754_2017_class"]] = category
    for class_code, number in _ADDED_CLASSES.items():
        by_class[class_code] = categories[number]
    return tuple(categories[n] for n in sorted(categories)), by_class


CATEGORIES: tuple[HighTechCategory, ...] = _load()[0]


def high_tech_category(class_code: str) -> HighTechCategory | None:
    """The high-tech category of a GB/T 4754-2017 class, or None when it is not high-tech.

    Raises UnknownIndustryCode for an unknown code and ValueError for a code that is not a
    class (小类): the NBS list is defined on classes, so a group or division is ambiguous.
    """
    found = industry.lookup(class_code)
    if found.level != 4:
        raise ValueError(f"{found.code!r} is a {found.level_name}, not a class (小类)")
    return _load()[1].get(found.code)


def high_tech_classes() -> frozenset[str]:
    """Codes of every high-tech class (including ``UNVERIFIED_CLASSES``)."""
    return frozenset(_load()[1])
