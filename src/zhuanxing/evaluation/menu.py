"""The evaluation app's entries in the main menu (see zhuanxing.web.navigation)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("Per-mu evaluation"), "evaluation:runs", access.is_official),
]
