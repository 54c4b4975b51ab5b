"""Names of the demonstration score's items and groups, and of the refusal reasons."""

from django.utils.translation import gettext_lazy as _

ITEM_NAMES = {
    "rd_intensity": _("R&D intensity"),
    "new_product_rate": _("New-product rate"),
    "qualifications": _("Qualifications"),
    "efficiency_class": _("Per-mu class points"),
    "va_per_mu": _("Value added per mu"),
    "energy_trend": _("Energy per VA, fall"),
    "emission_trend": _("Emissions per VA, fall"),
}
GROUP_NAMES = {
    "innovation": _("Innovation"),
    "efficiency": _("Efficiency"),
    "green": _("Green development"),
}
REFUSALS = {
    "below_scale": _("below the above-scale line"),
    "loss": _("a loss (or no profit reported)"),
    "no_rd": _("no R&D spending"),
    "excluded_class": _("an excluded per-mu class"),
}
