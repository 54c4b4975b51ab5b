"""The monitoring app's entry in the main menu (see zhuanxing.web.navigation)."""

from django.utils.translation import gettext_lazy as _


def _officials(user) -> bool:
    return not user.is_enterprise_user


ENTRIES = [
    (_("Operation monitoring"), "monitoring:index", _officials),
]
