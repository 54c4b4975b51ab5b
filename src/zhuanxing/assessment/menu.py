"""The assessment app's entry in the main menu (see zhuanxing.web.navigation)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("County assessment"), "assessment:index", access.is_official),
]
