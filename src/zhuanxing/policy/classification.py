"""How an industry class is classified, in one place: the GB/T 4754-2017 hierarchy, the policy's
"1244" category and its group, heavy or light industry, high-tech (the policy's scope) and the
NBS high-tech category. The registry's pages and CLI, the analytics store's dimensions and the
evaluation all read this one classification."""

from dataclasses import dataclass

from zhuanxing.reference import heavy_light, high_tech, industry

from .schema import Policy


@dataclass(frozen=True)
class IndustryClassification:
    code: str
    name: str
    level: int  # 1 section … 4 class
    level_name: str
    section: str
    division: str | None
    division_name: str | None
    group: str | None
    category_1244: str | None  # a class's category key in the policy (classes only)
    category_group: str | None
    heavy_industry: bool | None  # None for a section, which is neither
    heavy_industry_approximate: bool | None
    high_tech: bool  # within the policy's high-tech scope
    high_tech_category: str | None  # the NBS 2017 category's name (classes only)
    industrial: bool  # sections B, C, D (mining, manufacturing, utilities)
    manufacturing: bool


def classify(code: str, policy: Policy) -> IndustryClassification:
    """The classification of ``code`` (any level); ``industry.UnknownIndustryCode`` when the
    code is not in the standard."""
    entry = industry.lookup(code)
    division = industry.get(entry.division) if entry.division else None
    is_class = entry.level == 4
    category = policy.category_1244(entry.code) if is_class else None
    heavy = heavy_light.heavy_industry(entry.code) if entry.level > 1 else None
    nbs_high_tech = high_tech.high_tech_category(entry.code) if is_class else None
    return IndustryClassification(
        code=entry.code,
        name=entry.name,
        level=entry.level,
        level_name=entry.level_name,
        section=entry.section,
        division=entry.division,
        division_name=division.name if division else None,
        group=entry.group,
        category_1244=category,
        category_group=policy.categories_1244[category].group if category else None,
        heavy_industry=heavy,
        heavy_industry_approximate=heavy_light.APPROXIMATE if heavy is not None else None,
        high_tech=policy.is_high_tech(entry.code),
        high_tech_category=nbs_high_tech.name if nbs_high_tech else None,
        industrial=entry.section in industry.INDUSTRIAL_SECTIONS,
        manufacturing=entry.section == industry.MANUFACTURING_SECTION,
    )
