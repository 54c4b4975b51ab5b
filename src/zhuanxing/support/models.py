"""Special funds (专项资金, clause 十六): programmes, applications, disbursements.

Money in 万元 with two decimals. A programme's category is a key of the policy's
``[funds].categories``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts.access import RestrictedQuerySet


def money(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class ProgrammeStatus(models.TextChoices):
    OPEN = "open", _("Open for applications")
    REVIEW = "review", _("Under review")
    ALLOCATED = "allocated", _("Allocated")


class FundProgramme(models.Model):
    """A special-fund programme (专项资金项目): one category's budget for a year."""

    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    budget = money(_("budget"), help_text=_("10,000 yuan (万元)"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "category", "pk"]
        verbose_name = _("special-fund programme")
        verbose_name_plural = _("special-fund programmes")
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="fund_programme_unique_name"),
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="fund_budget_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Applied")
    COUNTY_APPROVED = "county_approved", _("Pre-approved by the county")
    COUNTY_REJECTED = "county_rejected", _("Rejected by the county")
    SCORED = "scored", _("Scored by the city")
    GRANTED = "granted", _("Granted")
    NOT_GRANTED = "not_granted", _("Not granted")


class ApplicationQuerySet(RestrictedQuerySet):
    scope_path_field = "enterprise__org_unit__path"
    scope_enterprise_field = "enterprise_id"


class FundApplication(models.Model):
    """An enterprise's application to a programme (专项资金申报)."""

    programme = models.ForeignKey(
        FundProgramme, on_delete=models.PROTECT, related_name="applications"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="fund_applications"
    )
    project = models.CharField(_("project"), max_length=200)
    amount_requested = money(_("amount requested"), help_text=_("10,000 yuan (万元)"))
    documents = models.TextField(
        _("documents"), blank=True, help_text=_("the documents submitted, one a line")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    county_comment = models.TextField(_("county comment"), blank=True)
    county_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    granted = money(_("granted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "pk"]
        verbose_name = _("special-fund application")
        verbose_name_plural = _("special-fund applications")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "enterprise", "project"], name="fund_application_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_requested__gt=0), name="fund_requested_gt_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.project}"

    @property
    def disbursed(self):
        return sum((d.amount for d in self.disbursements.all()), 0)


class DisbursementQuerySet(RestrictedQuerySet):
    scope_path_field = "application__enterprise__org_unit__path"
    scope_enterprise_field = "application__enterprise_id"


class Disbursement(models.Model):
    """A payment of a grant (拨付记录)."""

    application = models.ForeignKey(
        FundApplication, on_delete=models.PROTECT, related_name="disbursements"
    )
    paid_on = models.DateField(_("paid on"))
    amount = money(_("amount"), help_text=_("10,000 yuan (万元)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = DisbursementQuerySet.as_manager()

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="disbursement_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.paid_on} {self.amount}"


class GuaranteeAgency(models.Model):
    """A credit guarantee agency (担保机构) serving SMEs (clause 十七)."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("guarantee agency")
        verbose_name_plural = _("guarantee agencies")

    def __str__(self) -> str:
        return self.name


class GuaranteeFigures(models.Model):
    """An agency's SME financing figures for a year."""

    agency = models.ForeignKey(GuaranteeAgency, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("year"))
    sme_guarantee_amount = money(
        _("SME guarantees"), help_text=_("10,000 yuan (万元) guaranteed for SMEs in the year")
    )
    sme_count = models.PositiveIntegerField(_("SMEs served"))

    class Meta:
        ordering = ["year", "agency"]
        verbose_name = _("guarantee figures")
        verbose_name_plural = _("guarantee figures")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="guarantee_figures_unique"),
            models.CheckConstraint(
                condition=models.Q(sme_guarantee_amount__gte=0), name="guarantee_amount_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class GuaranteeAward(models.Model):
    """The yearly award to one of the best agencies (一次性奖励), as decided."""

    year = models.PositiveSmallIntegerField(_("year"))
    agency = models.ForeignKey(GuaranteeAgency, on_delete=models.PROTECT, related_name="awards")
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    amount = money(_("award"), help_text=_("10,000 yuan (万元)"))
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "rank", "agency"]
        verbose_name = _("guarantee-agency award")
        verbose_name_plural = _("guarantee-agency awards")
        constraints = [
            models.UniqueConstraint(fields=["year", "agency"], name="guarantee_award_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.agency}"
