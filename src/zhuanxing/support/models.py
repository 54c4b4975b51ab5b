"""Special funds (专项资金, clause 十六): programmes, applications, disbursements.

Money in 万元 with two decimals. A programme's category is a key of the policy's
``[funds].categories``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts.access import RestrictedQuerySet, recommendations_visible


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


# --- projects recommended to banks (clause 十七) ----------------------------------------------


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class RecommendationListQuerySet(models.QuerySet):
    def restrict(self, user, action=None):
        """Officials see every version; bank users only the published lists (``access``)."""
        return recommendations_visible(user, self, published=ListStatus.PUBLISHED)


class RecommendationList(models.Model):
    """A year's list of projects recommended to banks (向金融机构推荐项目名单), one version.

    Built from the policy's rules (the rule used is kept in ``rule``), edited by the city while a
    draft, then published: a published list is frozen (its rows are copies, not links that
    change with the project) and a newer published version of the year supersedes it."""

    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    rule = models.JSONField(_("rules"), default=dict)
    evaluation_year = models.PositiveSmallIntegerField(_("evaluation used"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = RecommendationListQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("recommended-project list")
        verbose_name_plural = _("recommended-project lists")
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="recommendation_version"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status="draft"),
                name="recommendation_one_draft",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status="published"),
                name="recommendation_one_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} v{self.version} ({self.get_status_display()})"


class RecommendationItem(models.Model):
    """A project on a recommendation list, as it stood when the list was built: whether the
    rules put it in (``rule_included``, with every check in ``checks``), and the city's edit
    (``included`` differs from the rules' verdict only with a ``note``)."""

    recommendation = models.ForeignKey(
        RecommendationList, on_delete=models.CASCADE, related_name="items"
    )
    project = models.ForeignKey(
        "projects.Project", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("project"), max_length=200)
    owner = models.CharField(_("owner"), max_length=200)
    county = models.CharField(_("county"), max_length=100)
    path = models.CharField(
        max_length=255, blank=True, help_text="the project's org-unit path when the list was built"
    )
    kind = models.CharField(_("type"), max_length=20)
    total_investment = money(_("total investment"), help_text=_("10,000 yuan (万元)"))
    planned_investment = money(_("planned investment"), help_text=_("10,000 yuan (万元)"))
    owner_class = models.CharField(_("owner's class"), max_length=1, blank=True)
    checks = models.JSONField(_("checks"), default=list)
    rule_included = models.BooleanField(_("by the rules"))
    included = models.BooleanField(_("recommended"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-included", "county", "name", "pk"]
        verbose_name = _("recommended project")
        verbose_name_plural = _("recommended projects")

    def __str__(self) -> str:
        return self.name
