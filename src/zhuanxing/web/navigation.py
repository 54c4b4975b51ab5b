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

MENU += [
    (_("Indicator explorer"), "analytics:explorer", _officials),
]

from zhuanxing.evaluation.menu import ENTRIES as _EVALUATION  # noqa: E402

MENU += _EVALUATION

from zhuanxing.reporting.menu import ENTRIES as _REPORTING  # noqa: E402

MENU += _REPORTING

from zhuanxing.assessment.menu import ENTRIES as _ASSESSMENT  # noqa: E402

MENU += _ASSESSMENT

from zhuanxing.monitoring.menu import ENTRIES as _MONITORING  # noqa: E402

MENU += _MONITORING


def _city_admin(user) -> bool:
    return user.is_city_admin


MENU += [(_("Audit log"), "audit:log", _city_admin)]
