"""Users and roles. Scoping rules live on the user so every selector asks the same questions."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("City administrator")
    COUNTY_OFFICER = "county_officer", _("County officer")
    ENTERPRISE = "enterprise", _("Enterprise user")
    LEADER = "leader", _("Leader (read-only)")


class User(AbstractUser):
    """A person using Zhuanxing, with one role.

    County officers see the org units assigned to them and everything below; enterprise users
    see only their one enterprise; city administrators and leaders see the whole city (leaders
    read only).
    """

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEADER)
    org_units = models.ManyToManyField(
        "orgunits.OrgUnit",
        blank=True,
        related_name="officers",
        verbose_name=_("assigned org units"),
        help_text=_("County officers: the units (and everything below them) this user may see"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        verbose_name=_("enterprise"),
        help_text=_("Enterprise users: the one enterprise this user files for"),
    )

    @property
    def sees_whole_city(self) -> bool:
        return self.is_superuser or self.role in (Role.CITY_ADMIN, Role.LEADER)

    @property
    def is_city_admin(self) -> bool:
        """Runs evaluations, sets county targets, locks periods: the city's own analysts."""
        return self.is_superuser or self.role == Role.CITY_ADMIN

    @property
    def is_enterprise_user(self) -> bool:
        return self.role == Role.ENTERPRISE and not self.is_superuser

    @property
    def can_edit(self) -> bool:
        return self.role != Role.LEADER or self.is_superuser

    @cached_property
    def org_unit_paths(self) -> list[str]:
        return list(self.org_units.values_list("path", flat=True))

    def org_unit_path_q(self, field: str) -> Q:
        """A filter matching rows whose ``field`` (an org-unit path) lies under an assigned unit.

        No assigned unit means nothing is visible: an officer without units sees an empty list,
        never the whole city.
        """
        paths = self.org_unit_paths
        if not paths:
            return Q(pk__in=[])
        q = Q()
        for path in paths:
            q |= Q(**{f"{field}__startswith": path})
        return q
