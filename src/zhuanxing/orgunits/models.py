"""Organisation units (组织机构/区域): city → counties and economic zones → towns and parks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts.access import RestrictedQuerySet


class OrgUnitKind(models.TextChoices):
    CITY = "city", _("City")
    COUNTY = "county", _("County-level unit")
    ZONE = "zone", _("Economic zone")
    TOWN = "town", _("Town / subdistrict")
    PARK = "park", _("Industrial park")


class OrgUnitQuerySet(RestrictedQuerySet):
    """``restrict(user, action)``: everything for city-wide roles, an officer's subtrees, and an
    enterprise user's own unit."""

    scope_path_field = "path"
    scope_enterprise_field = "enterprises"

    def county_level(self) -> "OrgUnitQuerySet":
        """Counties, districts and economic zones: the units the city assesses."""
        return self.filter(kind__in=[OrgUnitKind.COUNTY, OrgUnitKind.ZONE]).order_by("path")

    def subtree(self, unit: "OrgUnit") -> "OrgUnitQuerySet":
        return self.filter(path__startswith=unit.path)


class OrgUnit(models.Model):
    """A node of the region tree (区域). ``path`` is the chain of codes from the city down,
    e.g. ``/330400/330483/330483101/``, so "this unit and everything below" is one prefix filter
    (the DHIS2 way) and stays an index range scan."""

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_(
            "GB/T 2260 code, NBS statistical division code, or a local code for zones/parks"
        ),
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False)
    official_code = models.BooleanField(
        _("official code"),
        default=True,
        help_text=_("False where the system assigned the code (economic zones, industrial parks)"),
    )

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="orgunit_name_unique_per_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> models.QuerySet:
        codes = [c for c in self.path.strip("/").split("/") if c]
        return OrgUnit.objects.filter(code__in=codes).order_by("depth")

    @property
    def county_level(self) -> "OrgUnit | None":
        """The county, district or zone this unit belongs to (itself when it is one)."""
        if self.kind in (OrgUnitKind.COUNTY, OrgUnitKind.ZONE):
            return self
        for unit in self.ancestors():
            if unit.kind in (OrgUnitKind.COUNTY, OrgUnitKind.ZONE):
                return unit
        return None
