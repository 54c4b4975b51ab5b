"""Who may do what, in one place.

Every role check in the system is a function of this module; views, services, selectors, menus
and templates ask it and never spell out a role. Two questions are asked:

1. May this user take this *action* at all? (``may``/``require``: the role × action table.)
2. Which rows does the user reach? (``scope_q``: the whole city, their org units' subtrees, or
   their one enterprise.) Querysets join the two in ``restrict(user, action)`` (NetBox style), so
   a list, an export or a ``*_get`` selector is scoped by construction.

The module sits below ``orgunits`` (it knows org-unit *paths*, not the model) so that every
app's queryset can use it.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Role


class Action(StrEnum):
    """What a user does with a row."""

    VIEW = "view"  # read a page, a list, a detail
    CHANGE = "change"  # file or edit data (reports, registry, statuses)
    APPROVE = "approve"  # approve or reject a submitted report
    PUBLISH = "publish"  # city-wide acts: publish evaluations, lock periods, set county targets
    EXPORT = "export"  # download a workbook or report holding enterprise data


_ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.CITY_ADMIN: frozenset(Action),
    Role.COUNTY_OFFICER: frozenset({Action.VIEW, Action.CHANGE, Action.APPROVE, Action.EXPORT}),
    Role.LEADER: frozenset({Action.VIEW, Action.EXPORT}),
    Role.ENTERPRISE: frozenset({Action.VIEW, Action.CHANGE, Action.EXPORT}),
    # A bank user takes none of the general actions: every restricted queryset is empty to
    # them. What they do see, the lists published to banks, is asked by its own predicates.
    Role.BANK: frozenset(),
}


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def sees_whole_city(user) -> bool:
    """City administrators and leaders (and superusers) reach every org unit."""
    return _active(user) and (user.is_superuser or user.role in (Role.CITY_ADMIN, Role.LEADER))


def is_city_admin(user) -> bool:
    """The city's own analysts: evaluations, county targets, locks, the whole registry."""
    return _active(user) and (user.is_superuser or user.role == Role.CITY_ADMIN)


def is_enterprise_user(user) -> bool:
    """A clerk filing for one enterprise."""
    return _active(user) and user.role == Role.ENTERPRISE and not user.is_superuser


def is_bank_user(user) -> bool:
    """A financial institution's user: sees only the project lists published to banks."""
    return _active(user) and user.role == Role.BANK and not user.is_superuser


def is_official(user) -> bool:
    """City, county and leader accounts (never enterprise clerks or bank users)."""
    return _active(user) and (
        user.is_superuser or user.role in (Role.CITY_ADMIN, Role.COUNTY_OFFICER, Role.LEADER)
    )


def may_use_api(user) -> bool:
    """The JSON API (tokens and sessions): officials and enterprise users, never bank users."""
    return is_official(user) or is_enterprise_user(user)


def may_view_recommendations(user) -> bool:
    """The project lists recommended to banks (clause 十七): officials see every version, bank
    users the published ones (``recommendations_visible``)."""
    return is_official(user) or is_bank_user(user)


def may_export_recommendations(user) -> bool:
    """The workbook of a recommendation list: officials who may export, and bank users."""
    return (is_official(user) and may(user, Action.EXPORT)) or is_bank_user(user)


def recommendations_visible(user, queryset, *, published: str):
    """The recommendation lists ``user`` reaches: officials every version, bank users only the
    lists whose status is ``published`` (the status value is the support app's)."""
    if is_official(user):
        return queryset
    if is_bank_user(user):
        return queryset.filter(status=published)
    return queryset.none()


def may_administer(user) -> bool:
    """Opens the administration site (Django admin): staff city administrators, and staff
    county officers, who manage the users, org units and enterprises of their own county
    there (``administered_users`` and ``restrict`` scope every list)."""
    if not (_active(user) and user.is_staff):
        return False
    return user.is_superuser or user.role in (Role.CITY_ADMIN, Role.COUNTY_OFFICER)


def assignable_roles(user) -> list[str]:
    """The roles an administrator may give: any for the city, clerks and officers for a
    county (never a whole-city role)."""
    if is_city_admin(user):
        return list(Role.values)
    if may_administer(user):
        return [Role.COUNTY_OFFICER, Role.ENTERPRISE]
    return []


def administered_users(user, queryset):
    """The accounts ``user`` manages in the administration site: every account for the city;
    for a county officer, the officers and clerks wholly inside their units (an officer with
    any unit outside, a whole-city account, a superuser: never)."""
    if not may_administer(user):
        return queryset.none()
    if is_city_admin(user):
        return queryset
    paths = user.org_unit_paths
    if not paths:
        return queryset.none()
    inside = Q()
    for path in paths:
        inside |= Q(path__startswith=path)
    clerks = Q()
    officers = Q()
    for path in paths:
        clerks |= Q(enterprise__org_unit__path__startswith=path)
        officers |= Q(org_units__path__startswith=path)
    within = (Q(role=Role.ENTERPRISE) & clerks) | (Q(role=Role.COUNTY_OFFICER) & officers)
    outside_units = queryset.model.org_units.field.related_model.objects.exclude(inside).values(
        "pk"
    )
    return (
        queryset.filter(within, is_superuser=False).exclude(org_units__in=outside_units).distinct()
    )


def may(user, action: Action | str) -> bool:
    """Whether the user's role allows ``action`` at all (rows are scoped separately)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return Action(action) in _ROLE_ACTIONS.get(user.role, frozenset())


def may_review(user) -> bool:
    """Approve, reject and lock-related review pages: officials who may approve."""
    return is_official(user) and may(user, Action.APPROVE)


def require(user, action: Action | str, message: str | None = None) -> None:
    """Raise 403 unless the user's role allows ``action``."""
    if not may(user, action):
        raise PermissionDenied(message or _("You may not do this."))


def require_official(user) -> None:
    """City, county and leader pages: an enterprise user gets 403."""
    if not is_official(user):
        raise PermissionDenied(_("This page is for officials."))


def require_city_admin(user) -> None:
    """City-wide acts (publishing, targets, locks): the city administrator only."""
    if not is_city_admin(user):
        raise PermissionDenied(_("Only the city administrator may do this."))


def scope_q(user, *, path_field: str | None = None, enterprise_field: str | None = None) -> Q:
    """The rows ``user`` reaches, as a filter on an org-unit path and/or an enterprise id.

    Whole-city roles: everything. County officers: rows whose ``path_field`` lies under an
    assigned unit; an officer without units sees nothing, never the whole city. Enterprise
    users: rows whose ``enterprise_field`` is their enterprise. A model without the field a role
    is scoped by is closed to that role.
    """
    nothing = Q(pk__in=[])
    if not _active(user):
        return nothing
    if sees_whole_city(user):
        return Q()
    if is_enterprise_user(user):
        if enterprise_field is None or user.enterprise_id is None:
            return nothing
        return Q(**{enterprise_field: user.enterprise_id})
    paths = user.org_unit_paths
    if path_field is None or not paths:
        return nothing
    q = Q()
    for path in paths:
        q |= Q(**{f"{path_field}__startswith": path})
    return q


class RestrictedQuerySet(models.QuerySet):
    """A queryset that answers ``restrict(user, action)``: the role must allow the action, and
    rows are limited to the user's scope through the fields the subclass names."""

    scope_path_field: str | None = None  # lookup of the row's org-unit path
    scope_enterprise_field: str | None = None  # lookup of the row's enterprise id

    def restrict(self, user, action: Action | str = Action.VIEW):
        if not may(user, action):
            return self.none()
        return self.filter(
            scope_q(
                user,
                path_field=self.scope_path_field,
                enterprise_field=self.scope_enterprise_field,
            )
        )


def template_access(user) -> dict[str, bool]:
    """What templates ask (``{% if may.publish %}``): one flag per action and role question."""
    flags = {action.value: may(user, action) for action in Action}
    flags |= {
        "official": is_official(user),
        "enterprise": is_enterprise_user(user),
        "city_admin": is_city_admin(user),
        "review": may_review(user),
        "whole_city": sees_whole_city(user),
        "bank": is_bank_user(user),
        "api": may_use_api(user),
    }
    return flags


def city_admin_users():
    """Active city administrators, oldest first: the account a command-line act is recorded
    under when no user is named."""
    from .models import User

    return User.objects.filter(role=Role.CITY_ADMIN, is_active=True).order_by("pk")
