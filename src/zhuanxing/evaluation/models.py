"""亩均效益综合评价: evaluation runs and their results, the backward-capacity list, and the
environmental records behind the mandatory clean-production audit list."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zhuanxing.accounts.access import Action, RestrictedQuerySet, is_enterprise_user, may


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class Population(models.TextChoices):
    ABOVE_SCALE = "above_scale", _("Above scale")
    BELOW_SCALE = "below_scale", _("Below scale")


class EvaluationRunQuerySet(models.QuerySet):
    def restrict(self, user, action: Action | str = Action.VIEW) -> "EvaluationRunQuerySet":
        """Officials see every run (results are scoped separately); enterprise users see the
        published ones, which carry their own result."""
        if not may(user, action):
            return self.none()
        if is_enterprise_user(user):
            return self.filter(status=RunStatus.PUBLISHED)
        return self


class EvaluationRun(models.Model):
    """One evaluation of one year (评价批次). A published run is frozen: it is kept as the record
    and never recomputed; evaluating the year again makes a new draft."""

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    policy_id = models.CharField(_("policy"), max_length=100)
    method = models.JSONField(
        _("method"), help_text=_("The evaluation method used, as in the policy file")
    )
    benchmarks = models.JSONField(_("benchmarks"), default=dict)
    evaluated = models.PositiveIntegerField(_("evaluated"), default=0)
    excluded = models.PositiveIntegerField(_("excluded"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = EvaluationRunQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")

    def __str__(self) -> str:
        return f"{self.year} #{self.pk} ({self.get_status_display()})"


class EvaluationResultQuerySet(RestrictedQuerySet):
    """``restrict(user, action)`` by the enterprise's org unit, or the enterprise user's firm."""

    scope_path_field = "enterprise__org_unit__path"
    scope_enterprise_field = "enterprise_id"


class EvaluationResult(models.Model):
    """One enterprise's result in a run: its scores, total, rank and class — or why it was not
    graded (``excluded_reason``)."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="results")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="evaluation_results"
    )
    population = models.CharField(_("population"), max_length=12, choices=Population.choices)
    excluded_reason = models.CharField(_("not graded because"), max_length=30, blank=True)
    total = models.DecimalField(_("total score"), max_digits=8, decimal_places=2, null=True)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    rank_pct = models.DecimalField(
        _("rank, percent from the top"), max_digits=8, decimal_places=4, null=True
    )
    klass = models.CharField(_("class"), max_length=1, blank=True)
    indicators = models.JSONField(
        _("indicators"),
        default=list,
        help_text=_("value, benchmark, weight and score per indicator"),
    )

    objects = EvaluationResultQuerySet.as_manager()

    class Meta:
        ordering = ["run", "population", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "enterprise"], name="evaluation_result_unique")
        ]
        # The ranked lists filter by run and population and sort by rank; the class pages by class.
        indexes = [
            models.Index(fields=["run", "population", "rank"]),
            models.Index(fields=["run", "klass"]),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.run_id} {self.klass or self.excluded_reason}"


class BackwardStatus(models.TextChoices):
    LISTED = "listed", _("Listed")
    UPGRADING = "upgrading", _("Upgrading")
    EXITED = "exited", _("Exited")


class BackwardCapacityBatchQuerySet(RestrictedQuerySet):
    """A batch is city-wide; a county officer sees the batches listing firms of their county."""

    scope_path_field = "entries__enterprise__org_unit__path"
    scope_enterprise_field = "entries__enterprise_id"

    def restrict(self, user, action: Action | str = Action.VIEW):
        return super().restrict(user, action).distinct()


class BackwardCapacityBatch(models.Model):
    """A batch of the backward-capacity list (淘汰落后产能名单), drawn from a published run."""

    run = models.ForeignKey(
        EvaluationRun, on_delete=models.PROTECT, related_name="backward_batches"
    )
    name = models.CharField(_("name"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BackwardCapacityBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class BackwardCapacityEntryQuerySet(RestrictedQuerySet):
    """``restrict(user, action)`` by the enterprise's org unit, or the enterprise user's firm."""

    scope_path_field = "enterprise__org_unit__path"
    scope_enterprise_field = "enterprise_id"


class BackwardCapacityEntry(models.Model):
    """An enterprise on a backward-capacity batch, with its reasons and its status; every status
    change is kept (who, when, before, after)."""

    batch = models.ForeignKey(
        BackwardCapacityBatch, on_delete=models.CASCADE, related_name="entries"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=BackwardStatus.choices, default=BackwardStatus.LISTED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = BackwardCapacityEntryQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "enterprise"], name="backward_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.get_status_display()}"


class EnvironmentalRecord(models.Model):
    """An enterprise-year's environmental compliance (环保执法/能耗限额检查 results)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="environmental_records"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    over_discharge_standard = models.BooleanField(_("over discharge standard"), default=False)
    over_load_limit = models.BooleanField(_("over total-load limit"), default=False)
    energy_per_product = models.DecimalField(
        _("energy per unit product"), max_digits=14, decimal_places=4, null=True, blank=True,
        help_text=_("kgce per unit of product"),
    )  # fmt: skip
    energy_per_product_limit = models.DecimalField(
        _("limit of energy per unit product"), max_digits=14, decimal_places=4, null=True,
        blank=True, help_text=_("kgce per unit of product, from the national limit standard"),
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        ordering = ["enterprise", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"], name="environmental_record_unique"
            )
        ]
        # The clean-production list reads a year's records (a whole-table scan without it).
        indexes = [models.Index(fields=["year", "enterprise"], name="environmental_year_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year}"
