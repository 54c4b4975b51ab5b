"""The reporting app's entries in the main menu (see zhuanxing.web.navigation)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access


def _filers(user) -> bool:
    # Officials who file or review data; read-only leaders have nothing to do here. Enterprise
    # users reach the same pages from their enterprise page (one menu entry: their enterprise).
    return access.is_official(user) and access.may(user, access.Action.CHANGE)


ENTRIES = [
    (_("Data reporting"), "reporting:index", _filers),
]
