"""The main menu: one entry per page a role works with. Apps add their entries here.

Each entry: (label, url name, who sees it). ``who`` takes the user and returns a bool.
"""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

MENU = [
    (_("Overview"), "home", access.is_official),
    (_("Enterprises"), "enterprises:list", access.is_official),
    (_("Administration"), "admin:index", access.may_administer),
]

MENU += [
    (_("Indicator explorer"), "analytics:explorer", access.is_official),
]

from zhuanxing.evaluation.menu import ENTRIES as _EVALUATION  # noqa: E402

MENU += _EVALUATION

from zhuanxing.reporting.menu import ENTRIES as _REPORTING  # noqa: E402

MENU += _REPORTING

from zhuanxing.assessment.menu import ENTRIES as _ASSESSMENT  # noqa: E402

MENU += _ASSESSMENT

from zhuanxing.monitoring.menu import ENTRIES as _MONITORING  # noqa: E402

MENU += _MONITORING

from zhuanxing.support.menu import ENTRIES as _SUPPORT  # noqa: E402

MENU += _SUPPORT
from zhuanxing.projects.menu import ENTRIES as _PROJECTS  # noqa: E402

MENU += _PROJECTS
from zhuanxing.innovation.menu import ENTRIES as _INNOVATION  # noqa: E402

MENU += _INNOVATION
from zhuanxing.clusters.menu import ENTRIES as _CLUSTERS  # noqa: E402

MENU += _CLUSTERS


MENU += [(_("Audit log"), "audit:log", access.is_city_admin)]
