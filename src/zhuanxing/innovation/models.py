"""Innovation (clause 九): the qualifications registry (资质) and the transformation demonstration
enterprises (转型升级示范企业) selected each year."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zhuanxing.accounts.access import Action, RestrictedQuerySet, is_enterprise_user, may


class Kind(models.TextChoices):
    """The kinds of qualification (``policy.innovation.QUALIFICATION_KINDS``, in its order)."""

    HIGH_TECH_ENTERPRISE = "high_tech_enterprise", _("High-tech enterprise")
    TECHNOLOGY_CENTRE = "technology_centre", _("Enterprise technology centre")
    SPECIALISED_SME = "specialised_sme", _("Specialised and innovative SME")
    FAMOUS_BRAND = "famous_brand", _("Famous brand")
    STANDARD = "standard", _("Standard drafted")
    INCUBATOR = "incubator", _("Incubator")
    SERVICE_SPINOFF = "service_spinoff", _("Service spin-off")


class Level(models.TextChoices):
    """Who granted it (``policy.innovation.QUALIFICATION_LEVELS``)."""

    NATIONAL = "national", _("National")
    INDUSTRY = "industry", _("Industry")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    COUNTY = "county", _("County-level")


class Variant(models.TextChoices):
    """What the record says within its kind: a brand's form, a standard's role, an incubated
    firm's stage."""

    TRADEMARK = "trademark", _("Famous trademark")
    PRODUCT = "product", _("Famous-brand product")
    LED = "led", _("Led the drafting")
    PARTICIPATED = "participated", _("Took part in the drafting")
    INCUBATING = "incubating", _("Incubating")
    GRADUATED = "graduated", _("Graduated")


# The variants each kind takes (none: the field stays empty).
KIND_VARIANTS = {
    Kind.FAMOUS_BRAND: (Variant.TRADEMARK, Variant.PRODUCT),
    Kind.STANDARD: (Variant.LED, Variant.PARTICIPATED),
    Kind.INCUBATOR: (Variant.INCUBATING, Variant.GRADUATED),
}


class QualificationQuerySet(RestrictedQuerySet):
    scope_path_field = "enterprise__org_unit__path"
    scope_enterprise_field = "enterprise_id"

    def in_force(self, day: datetime.date):
        return self.filter(issued_on__lte=day).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=day)
        )


class Qualification(models.Model):
    """An enterprise's qualification (企业资质: 高新技术企业, 企业技术中心, 专精特新, 著名商标/名牌,
    标准制定, 孵化/毕业, 主辅分离), with its evidence; every change is kept (``history``)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="qualifications",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    variant = models.CharField(_("detail"), max_length=16, choices=Variant.choices, blank=True)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The certificate, centre, brand or standard")
    )
    reference = models.CharField(
        _("reference number"),
        max_length=100,
        blank=True,
        help_text=_("Certificate or document no."),
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    evidence_note = models.TextField(_("evidence"), blank=True, max_length=2000)
    evidence_name = models.CharField(_("evidence file"), max_length=200, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    evidence_content = models.BinaryField(blank=True, default=b"", editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["evidence_content", "recorded_at"])
    objects = QualificationQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise__name", "kind", "-issued_on", "pk"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("issued_on")),
                name="qualification_expires_after_issue",
            ),
        ]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["expires_on"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} · {self.title}"


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DemonstrationListQuerySet(models.QuerySet):
    def restrict(self, user, action: Action | str = Action.VIEW):
        """Officials see every year's list (its entries are scoped separately); enterprise
        users the published ones."""
        if not may(user, action):
            return self.none()
        if is_enterprise_user(user):
            return self.filter(status=ListStatus.PUBLISHED)
        return self


class DemonstrationList(models.Model):
    """A year's list of transformation demonstration enterprises (转型升级示范企业名单)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    policy_id = models.CharField(_("policy"), max_length=100)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    selected_at = models.DateTimeField(null=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = DemonstrationListQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("demonstration-enterprise list")
        verbose_name_plural = _("demonstration-enterprise lists")

    def __str__(self) -> str:
        return f"{self.year} ({self.get_status_display()})"


class DemonstrationEntryQuerySet(RestrictedQuerySet):
    scope_path_field = "enterprise__org_unit__path"
    scope_enterprise_field = "enterprise_id"


class DemonstrationEntry(models.Model):
    """An enterprise selected for a year's list, with its rank and score as the city saw them
    when it selected (the score's parts by item in ``points``)."""

    list = models.ForeignKey(DemonstrationList, on_delete=models.CASCADE, related_name="entries")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="demonstration_entries"
    )
    rank = models.PositiveIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    points = models.JSONField(_("points"), default=dict)

    objects = DemonstrationEntryQuerySet.as_manager()

    class Meta:
        ordering = ["list", "rank", "enterprise__name"]
        verbose_name = _("demonstration enterprise")
        verbose_name_plural = _("demonstration enterprises")
        constraints = [
            models.UniqueConstraint(fields=["list", "enterprise"], name="demonstration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.list.year} {self.enterprise}"
