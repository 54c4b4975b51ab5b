"""The support app's entries in the main menu (see zhuanxing.web.navigation)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("Tax incentives"), "support:tax", access.is_official),
    (_("Tax incentives"), "support:my_tax", access.is_enterprise_user),
    (
        _("Special funds"),
        "support:funds",
        lambda u: access.is_official(u) or access.is_enterprise_user(u),
    ),
    (_("Guarantee agencies"), "support:financing", access.is_official),
]
