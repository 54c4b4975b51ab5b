"""The names of the tax incentives on pages and in exports (the calculator uses keys)."""

from django.utils.translation import gettext_lazy as _

INCENTIVE_NAMES = {
    "resource_reuse": _("Resource reuse revenue at 90%"),
    "rd_super_deduction": _("R&D super deduction"),
    "project_exemption": _("Environmental / energy project exemption"),
    "high_tech": _("High-tech enterprise rate"),
    "small_low_profit": _("Small low-profit enterprise"),
    "equipment_credit": _("Special equipment credit"),
}


def check_text(key: str, passed: bool, value: str, classes: list[str]) -> str:
    """One check of the bank recommendation rules, said in the reader's language."""
    from django.utils.translation import gettext as _

    from .recommendation import IN_PLAN, INVESTMENT, NO_OWNER, NOT_BACKWARD, OWNER_CLASS, SCREENED

    if key == IN_PLAN:
        return _("In the year's major-project plan") if passed else _("Not in the year's plan")
    if key == OWNER_CLASS:
        klass, _sep, year = value.partition("|")
        if year in ("", "-"):
            return _("Owner: no published per-mu evaluation yet")
        if klass in ("", "-"):
            return _("Owner not graded in the %(year)s evaluation") % {"year": year}
        words = {"klass": klass, "year": year, "wanted": "/".join(classes)}
        if passed:
            return _("Owner in class %(klass)s (%(year)s evaluation)") % words
        return _("Owner in class %(klass)s (%(year)s evaluation), not %(wanted)s") % words
    if key == NO_OWNER:
        return (
            _("New investor, no enterprise in the registry")
            if passed
            else _("No owner enterprise in the registry")
        )
    if key == NOT_BACKWARD:
        return (
            _("Owner not on the backward-capacity list")
            if passed
            else _("Owner on the backward-capacity list")
        )
    if key == SCREENED:
        return _("New-project screening approved") if passed else _("No approved screening")
    if key == INVESTMENT:
        if passed:
            return _("Total investment at least %(min)s (10,000 yuan)") % {"min": value}
        return _("Total investment below %(min)s (10,000 yuan)") % {"min": value}
    return key
