"""Access checks shared by the pages."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_official(user) -> None:
    """City, county and leader pages: an enterprise user gets 403."""
    if user.is_enterprise_user:
        raise PermissionDenied(_("This page is for officials."))


def require_city_admin(user) -> None:
    """The city administrator's pages (the audit log): everyone else gets 403."""
    if not user.is_city_admin:
        raise PermissionDenied(_("This page is for the city administrator."))
