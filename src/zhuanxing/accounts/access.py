"""Access checks shared by the pages."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_official(user) -> None:
    """City, county and leader pages: an enterprise user gets 403."""
    if user.is_enterprise_user:
        raise PermissionDenied(_("This page is for officials."))
