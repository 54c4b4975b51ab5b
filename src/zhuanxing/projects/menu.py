"""The projects app's entries in the main menu (see zhuanxing.web.navigation)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("Major projects"), "projects:list", access.is_official),
    (_("Project plan"), "projects:plan", access.is_official),
    (_("Project screening"), "projects:screen", access.is_official),
]
