"""The enterprise registry (企业名录)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zhuanxing.accounts.access import RestrictedQuerySet

from .validators import validate_industry_class, validate_uscc


class RegistrationType(models.TextChoices):
    """登记注册类型 (NBS, 2011 edition, first level and the common second-level codes)."""

    STATE_OWNED = "110", _("State-owned")
    COLLECTIVE = "120", _("Collective")
    JOINT_STOCK_COOPERATIVE = "130", _("Joint-stock cooperative")
    JOINT_OPERATION = "140", _("Joint operation")
    LIMITED_LIABILITY = "150", _("Limited liability company")
    SHARE_HOLDING = "160", _("Share-holding company limited")
    PRIVATE = "170", _("Private enterprise")
    OTHER_DOMESTIC = "190", _("Other domestic")
    HK_MACAO_TAIWAN = "200", _("Hong Kong, Macao or Taiwan funded")
    FOREIGN = "300", _("Foreign funded")


class EnterpriseQuerySet(RestrictedQuerySet):
    """``restrict(user, action)``: the whole city, the officer's subtrees, or the one firm."""

    scope_path_field = "org_unit__path"
    scope_enterprise_field = "pk"


class Enterprise(models.Model):
    """An industrial enterprise in the registry (企业). Changes are kept with their date and author
    (``history``), so the registry can be read as it stood on any day."""

    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_uscc],
        help_text=_("18 characters, GB 32100-2015, check character verified"),
    )
    name = models.CharField(_("name"), max_length=200, db_index=True)
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("org unit"),
        help_text=_("The town, subdistrict or industrial park where the enterprise operates"),
    )
    industry_code = models.CharField(
        _("industry code"),
        max_length=4,
        validators=[validate_industry_class],
        db_index=True,
        help_text=_("GB/T 4754-2017 class (小类), 4 digits"),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    land_mu = models.DecimalField(
        _("land area"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Land in use, mu (亩; 1 mu = 666.67 m²)"),
    )
    land_granted_on = models.DateField(
        _("latest land grant"),
        null=True,
        blank=True,
        help_text=_("Date of the latest new land grant (新增供地); recent grants defer evaluation"),
    )
    uses_toxic_substances = models.BooleanField(
        _("uses toxic or hazardous substances"),
        default=False,
        help_text=_(
            "Produces, uses or discharges toxic or hazardous substances (clean-production audit)"
        ),
    )
    registration_type = models.CharField(
        _("registration type"), max_length=3, choices=RegistrationType.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])
    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.name
