"""Strategic emerging industries (战略性新兴产业分类（2018）, NBS 令第23号): the 9 top areas.

The top level is verified against quoted NBS text; the second level in the source was recalled,
not checked, and is exposed as ``SUBAREAS`` with ``verified=False`` for display only.
"""

from dataclasses import dataclass

from ._data import read_rows

SOURCE_FILE = "strategic_emerging_industries_2018.csv"


@dataclass(frozen=True)
class EmergingArea:
    code: str
    name: str
    verified: bool


def _areas(level: str) -> tuple[EmergingArea, ...]:
    return tuple(
        EmergingArea(
            code=row["code"],
            name=row["name"],
            # The source says "verified ..." only for rows checked against the NBS text.
            verified=row["verification"].startswith("verified"),
        )
        for row in read_rows(SOURCE_FILE)
        if row["level"] == level
    )


AREAS: tuple[EmergingArea, ...] = _areas("1")
SUBAREAS: tuple[EmergingArea, ...] = _areas("2")
