"""The support app's entries in the main menu (see zhuanxing.web.navigation): one entry, the
pages reached by the tabs on each (tax incentives, special funds, guarantee agencies)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("Support policies"), "support:tax", access.is_official),
    (_("Support policies"), "support:funds", access.is_enterprise_user),
    (_("Recommended projects"), "support:recommendations", access.is_bank_user),
]
