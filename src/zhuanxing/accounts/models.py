"""Users and roles. What a role may do is decided in ``access.py``, never here."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("City administrator")
    COUNTY_OFFICER = "county_officer", _("County officer")
    ENTERPRISE = "enterprise", _("Enterprise user")
    LEADER = "leader", _("Leader (read-only)")
    BANK = "bank", _("Bank user")


class User(AbstractUser):
    """A person using Zhuanxing, with one role.

    County officers see the org units assigned to them and everything below; enterprise users
    see only their one enterprise; city administrators and leaders see the whole city (leaders
    read only); a bank user (of the financial institution named in ``institution``) sees only
    the project lists the city publishes to banks.
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
    institution = models.CharField(
        _("financial institution"),
        max_length=100,
        blank=True,
        help_text=_("Bank users: the bank or other financial institution this user works for"),
    )

    @cached_property
    def org_unit_paths(self) -> list[str]:
        return list(self.org_units.values_list("path", flat=True))
