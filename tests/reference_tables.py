"""Expected answers read from the shared reference tables (``../shared/reference``), independently
of the shipped copies and of the code under test."""

from functools import cache

from shared_files import shared_rows

HEAVY_LIGHT = "heavy_light_industry_division_level_DERIVED.csv"
INDUSTRY = "gbt4754_2017_industry_classification.csv"
HIGH_TECH = "nbs_high_tech_manufacturing_2017.csv"
EXCEPTIONS_TEXT = "known_light_parts_in_heavy_divisions_or_heavy_parts_in_light"

# How the table's free-text exceptions column is read, phrase by phrase: (division, the phrase
# as it stands in the table, the 2017 groups/classes it names, heavy?). ``None`` marks a hedged
# phrase ("arguably", "may be", "mixed"), which leaves the part with its division. Two phrases
# name a part narrower than their code: 305 玻璃制品 → 3054 日用玻璃制品, 307 陶瓷 → 3074
# 日用陶瓷制品, and the source's 332 手工工具 is class 3322 (332 is 金属工具制造 in 2017).
READINGS: list[tuple[str, str, tuple[str, ...], bool | None]] = [
    ("13", "132 饲料加工 is production means for agriculture - check", ("132",), None),
    ("20", "201 木材加工 / 202 人造板制造 = heavy", ("201", "202"), True),
    ("20", "203/204 木竹藤棕草制品 = light", ("203", "204"), False),
    ("22", "221 纸浆制造 arguably raw material", ("221",), None),
    ("26", "268 日用化学产品制造 = light", ("268",), False),
    ("28", "281 化纤浆粕 may be treated as raw material", ("2811",), None),
    ("29", "tyres / industrial rubber & plastic parts = heavy", (), True),
    ("29", "日用塑料/橡胶制品 = light", ("2915", "2927"), False),
    ("30", "305 玻璃制品 日用玻璃 = light", ("3054",), False),
    ("30", "307 陶瓷 日用陶瓷 = light", ("3074",), False),
    ("33", "338 金属制日用品制造 = light", ("338",), False),
    ("33", "332 手工工具 = light", ("3322",), False),
    ("34", "347 文化、办公用机械制造 = light", ("347",), False),
    ("35", "358 医疗仪器设备及器械制造 = light", ("358",), False),
    # Hedged "likely light - check", read as light: bicycles are consumer goods (NBS definition).
    ("37", "376 自行车和残疾人座车制造 likely light", ("376",), False),
    (
        "38",
        "385 家用电力器具 / 386 非电力家用器具 / 387 照明器具 = light",
        ("385", "386", "387"),
        False,
    ),
    ("39", "395 非专业视听设备 / 396 智能消费设备 = light", ("395", "396"), False),
    ("40", "403 钟表与计时仪器 = light", ("403",), False),
    ("40", "4040 光学仪器 mixed", ("4040",), None),
]

# A mixed division's remaining parts: 29's "tyres / industrial parts = heavy" covers every class
# the light phrase does not name; 20 is fully named by its two phrases.
_MIXED_REST = {"29": True}


@cache
def division_rows() -> dict[str, dict[str, str]]:
    return {r["gbt4754_2017_division"]: r for r in shared_rows("reference", HEAVY_LIGHT)}


@cache
def industry_rows() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in shared_rows("reference", INDUSTRY)}


@cache
def high_tech_rows() -> list[dict[str, str]]:
    return shared_rows("reference", HIGH_TECH)


def industrial_classes() -> list[dict[str, str]]:
    """The 小类 rows of every division the heavy/light table covers, from the shared GB/T table."""
    divisions = division_rows()
    return [r for r in industry_rows().values() if r["level"] == "4" and r["division"] in divisions]


def division_default(division: str) -> bool | None:
    """The table's predominant side as a flag; None for a mixed division."""
    return {"heavy": True, "light": False, "mixed": None}[division_rows()[division]["predominant"]]


def expected_heavy(class_code: str) -> bool:
    """A class's heavy flag as the table reads: a firm phrase naming its class or group, else the
    division's predominant side (a mixed division's remaining side)."""
    row = industry_rows()[class_code]
    for division, _phrase, codes, heavy in READINGS:
        if division == row["division"] and heavy is not None:
            if class_code in codes or row["group"] in codes:
                return heavy
    default = division_default(row["division"])
    return _MIXED_REST[row["division"]] if default is None else default
