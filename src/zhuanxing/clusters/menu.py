"""The clusters app's entry in the main menu (see zhuanxing.web.navigation): one entry for both
pages (the upgrading paths are at /clusters/paths/, under it, and linked from it; the menu is
long already). Enterprise clerks get no entry: the pages are region analytics (403 for them,
like the cockpit)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("Industrial clusters"), "clusters:identification", access.is_official),
]
