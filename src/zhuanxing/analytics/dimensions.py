"""Industry dimensions of the store, from a GB/T 4754 class code. Pure lookups (no Django)."""

from zhuanxing.policy import Policy
from zhuanxing.reference import heavy_light, high_tech, industry

INDUSTRY_COLUMNS = (
    "industry_class", "industry_group", "industry_division", "industry_section",
    "category_1244", "category_group", "heavy_industry", "high_tech", "high_tech_category",
    "industrial", "manufacturing",
)  # fmt: skip


def describe_class(code: str, policy: Policy) -> dict:
    """The store's industry dimensions of one class code (pure lookups, cached per build)."""
    entry = industry.get(code)
    if entry is None:
        return dict.fromkeys(INDUSTRY_COLUMNS)
    category = policy.category_1244(entry.code) if entry.level == 4 else None
    ht = high_tech.high_tech_category(entry.code) if entry.level == 4 else None
    heavy = heavy_light.heavy_industry(entry.code) if entry.level > 1 else None
    return {
        "industry_class": entry.code if entry.level == 4 else None,
        "industry_group": entry.group,
        "industry_division": entry.division,
        "industry_section": entry.section,
        "category_1244": category,
        "category_group": policy.categories_1244[category].group if category else None,
        "heavy_industry": heavy,
        "high_tech": policy.is_high_tech(entry.code),
        "high_tech_category": ht.name if ht else None,
        "industrial": entry.section in industry.INDUSTRIAL_SECTIONS,
        "manufacturing": entry.section == industry.MANUFACTURING_SECTION,
    }
