"""How an industry class is classified: GB/T 4754 hierarchy, 1244 category, heavy/light,
high-tech. One function, used by pages, the CLI and (later) the analytics build."""

from zhuanxing.reference import heavy_light, high_tech, industry


def describe_industry(code: str, policy) -> dict:
    """The classification of ``code`` (any GB/T 4754-2017 level) as a flat dict.

    Raises ``industry.UnknownIndustryCode`` for a code that is not in the standard. Keys are a
    stable interface (``zhuanxing reference industry --json``): code, name, level, section,
    division, division_name, category_1244, heavy_industry, heavy_industry_approximate,
    high_tech_category. Values that do not apply are None.
    """
    entry = industry.lookup(code)
    division = industry.get(entry.division) if entry.division else None
    heavy = heavy_light.heavy_industry(entry.code) if entry.level > 1 else None
    ht = high_tech.high_tech_category(entry.code) if entry.level == 4 else None
    return {
        "code": entry.code,
        "name": entry.name,
        "level": entry.level_name,
        "section": entry.section,
        "division": entry.division,
        "division_name": division.name if division else None,
        "category_1244": policy.category_1244(entry.code) if entry.level == 4 else None,
        "heavy_industry": heavy,
        "heavy_industry_approximate": heavy_light.APPROXIMATE if heavy is not None else None,
        "high_tech_category": ht.name if ht else None,
    }
