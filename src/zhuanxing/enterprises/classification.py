"""The registry's view of an industry class: the policy's one classification as the flat dict
the enterprise page and ``zhuanxing reference industry --json`` show."""

from zhuanxing.policy.classification import classify

CLI_KEYS = (
    "code", "name", "level", "section", "division", "division_name", "category_1244",
    "heavy_industry", "heavy_industry_approximate", "high_tech_category",
)  # fmt: skip


def describe_industry(code: str, policy) -> dict:
    """The classification of ``code`` (any GB/T 4754-2017 level) as a flat dict.

    Raises ``industry.UnknownIndustryCode`` for a code that is not in the standard. Keys are a
    stable interface (``CLI_KEYS``); ``level`` is the level's name. Values that do not apply are
    None.
    """
    found = classify(code, policy)
    out = {key: getattr(found, key) for key in CLI_KEYS}
    out["level"] = found.level_name
    return out
