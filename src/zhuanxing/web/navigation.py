"""The main menu: one entry per page a role works with. Apps add their entries here.

Each entry: (label, url name, who sees it). ``who`` takes the user and returns a bool.
"""

from django.utils.translation import gettext_lazy as _


def _officials(user) -> bool:
    return not user.is_enterprise_user


def _staff(user) -> bool:
    return user.is_staff


MENU = [
    (_("Overview"), "home", _officials),
    (_("Enterprises"), "enterprises:list", _officials),
    (_("Administration"), "admin:index", _staff),
]
