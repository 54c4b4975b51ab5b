"""Industry dimensions of the store, from a GB/T 4754 class code: the policy's one
classification as the store's columns. Pure lookups (no Django)."""

from zhuanxing.policy import Policy
from zhuanxing.policy.classification import classify
from zhuanxing.reference import industry

INDUSTRY_COLUMNS = (
    "industry_class", "industry_group", "industry_division", "industry_section",
    "category_1244", "category_group", "heavy_industry", "high_tech", "high_tech_category",
    "industrial", "manufacturing",
)  # fmt: skip


def describe_class(code: str, policy: Policy) -> dict:
    """The store's industry dimensions of one class code (cached per build by the caller); all
    None for a code outside the standard."""
    try:
        found = classify(code, policy)
    except industry.UnknownIndustryCode:
        return dict.fromkeys(INDUSTRY_COLUMNS)
    return {
        "industry_class": found.code if found.level == 4 else None,
        "industry_group": found.group,
        "industry_division": found.division,
        "industry_section": found.section,
        "category_1244": found.category_1244,
        "category_group": found.category_group,
        "heavy_industry": found.heavy_industry,
        "high_tech": found.high_tech,
        "high_tech_category": found.high_tech_category,
        "industrial": found.industrial,
        "manufacturing": found.manufacturing,
    }
