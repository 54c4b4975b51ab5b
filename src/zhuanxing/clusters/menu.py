"""The clusters app's entries in the main menu (see zhuanxing.web.navigation). Enterprise
clerks get no entry: the pages are region analytics (403 for them, like the cockpit)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("Industrial clusters"), "clusters:identification", access.is_official),
    (_("Upgrading paths"), "clusters:paths", access.is_official),
]
