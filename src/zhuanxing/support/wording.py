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
