"""Change reasons in the reader's language.

Reports keep their change reason as a short stable code-like text (``web form``, ``submitted``,
``reject: <comment>``, ``import #14 <file>``, ``period 2012 locked``, ``unlocked: <reason>``);
pages show it through ``change_reason_text``, so a Chinese page never reads "reject:".
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_IMPORT = re.compile(r"^import #(\d+)(?: (.*))?$")
_LOCKED = re.compile(r"^period (\S+) locked$")


def change_reason_text(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        return ""
    fixed = {
        "web form": _("Entered in the web form"),
        "web form, submitted": _("Entered in the web form and submitted"),
        "submitted": _("Submitted for review"),
        "approve": _("Approved"),
        "reject": _("Rejected"),
        "demo generator": _("Generated demo data"),
    }
    if reason in fixed:
        return fixed[reason]
    for prefix, text in (
        ("approve: ", _("Approved: %(comment)s")),
        ("reject: ", _("Rejected: %(comment)s")),
        ("unlocked: ", _("Unlocked: %(comment)s")),
    ):
        if reason.startswith(prefix):
            return text % {"comment": reason[len(prefix) :]}
    found = _IMPORT.match(reason)
    if found:
        number, file = found.groups()
        if file:
            return _("Import no. %(n)s (%(file)s)") % {"n": number, "file": file}
        return _("Import no. %(n)s") % {"n": number}
    found = _LOCKED.match(reason)
    if found:
        return _("Period %(period)s locked") % {"period": found.group(1)}
    return reason


_CHECK_NAMES = {
    "required": gettext_lazy("Required field"),
    "numeric": gettext_lazy("Number format"),
    "non_negative": gettext_lazy("Not negative"),
    "choice": gettext_lazy("Allowed codes"),
    "period": gettext_lazy("Period format"),
    "uscc_valid": gettext_lazy("Credit code check character"),
    "uscc_known": gettext_lazy("Enterprise in the registry"),
    "in_scope": gettext_lazy("Filing scope"),
    "industry_code": gettext_lazy("Industry code"),
    "org_unit_known": gettext_lazy("Org unit code"),
    "duplicate": gettext_lazy("Repeated in the file"),
    "period_locked": gettext_lazy("Period locked"),
    "not_editable": gettext_lazy("Report already submitted"),
    "formula": gettext_lazy("Formula cell"),
    "excel_error": gettext_lazy("Excel error value"),
    "dangerous_formula": gettext_lazy("Dangerous formula"),
}
_FUNCTION_NAMES = {
    "last_year": gettext_lazy("last year's"),
    "monthly_total": gettext_lazy("sum of the months'"),
    "zscore": gettext_lazy("standard score of"),
    "abs": gettext_lazy("absolute value of"),
    "min": gettext_lazy("smaller of"),
    "max": gettext_lazy("larger of"),
}
_OPERATORS = {"<=": "≤", ">=": "≥", "==": "＝", "!=": "≠", "<": "＜", ">": "＞"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def rule_name(key: str, kind: str, policy, english: bool) -> str:
    """A rule's name for the reader: in Chinese the comparison in the report's own column names
    ("工业销售产值 ≤ 1.1 × 工业总产值") or the built-in check's name, never its code; in English
    the policy's key (English already). Keys the policy does not know (file problems) as given."""
    if english:
        return key
    from .importing.formats import TEMPLATES

    rule = next((r for r in policy.reporting.validation_rules if r.key == key), None)
    if rule is None:
        return _("File") if key.startswith("file:") else key
    if rule.check is not None:
        return str(_CHECK_NAMES.get(rule.check, rule.check))
    labels = {c.key: c.label for c in TEMPLATES[kind].columns} if kind in TEMPLATES else {}
    labels["enterprise_land_mu"] = _("land area in the registry")

    def words(text: str) -> str:
        text = _NAME.sub(lambda m: str(_FUNCTION_NAMES.get(m[0], labels.get(m[0], m[0]))), text)
        return text.replace("*", "×").replace("/", "÷")

    name = f"{words(rule.left)} {_OPERATORS[rule.operator]} {words(rule.right)}"
    if rule.when:
        return _("%(rule)s (where %(condition)s is not 0)") % {
            "rule": name,
            "condition": words(rule.when),
        }
    return name
