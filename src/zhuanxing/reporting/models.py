"""Statistical reports: the annual and monthly enterprise reports and region-level statistics.

Money is in 万元 (10,000 yuan) at current prices unless a field says otherwise; energy in tonnes
of standard coal (tce, 当量值); land in mu; pollutants in tonnes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zhuanxing.accounts import access
from zhuanxing.accounts.access import RestrictedQuerySet


def money(verbose_name, help_text, *, required: bool = False) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=2,
        null=not required,
        blank=not required,
        help_text=help_text,
    )


def quantity(verbose_name, help_text, *, places: int = 2) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=places,
        null=True,
        blank=True,
        help_text=help_text,
    )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    LOCKED = "locked", _("Locked")


# Once submitted, a report is the county's to review: the enterprise may change only these.
ENTERPRISE_EDITABLE = (ReportStatus.DRAFT, ReportStatus.REJECTED)


def editable_by(user, status: str) -> bool:
    """The one "may this user still change a report in ``status``" rule: officials who may
    change data, in any status (locks are checked separately); an enterprise clerk only its
    drafts and rejected reports."""
    if not access.may(user, access.Action.CHANGE):
        return False
    return not access.is_enterprise_user(user) or status in ENTERPRISE_EDITABLE


class BusinessMode(models.TextChoices):
    """Clause 八: from assembling and contract manufacturing to own design and own brands (the
    codes of ``policy.vocabulary.BUSINESS_MODES``, in its order)."""

    OEA = "OEA", _("OEA – original equipment assembly")
    OEM = "OEM", _("OEM – original equipment manufacturing")
    ODM = "ODM", _("ODM – original design manufacturing")
    OBM = "OBM", _("OBM – own brand manufacturing")


def counted_statuses() -> tuple[str, ...]:
    """Report statuses that count in published figures (analytics, evaluation, summaries):
    the named setting ``ANALYTICS_STATUSES``, by default approved and locked."""
    from django.conf import settings

    raw = settings.ZHUANXING["ANALYTICS_STATUSES"]
    return tuple(s.strip() for s in raw.split(",") if s.strip())


class ReportQuerySet(RestrictedQuerySet):
    """``restrict(user, action)`` by the enterprise's org unit, or the enterprise user's firm."""

    scope_path_field = "enterprise__org_unit__path"
    scope_enterprise_field = "enterprise_id"


class AnnualReport(models.Model):
    """An enterprise's annual statistical report (年报), one per enterprise and year."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    gross_output = money(_("gross output"), _("10,000 yuan (万元), current prices"), required=True)
    sales_output = money(_("sales output"), _("10,000 yuan (万元)"), required=True)
    main_revenue = money(_("main revenue"), _("10,000 yuan (万元)"), required=True)
    value_added = money(_("value added"), _("10,000 yuan (万元)"), required=True)
    rd_spending = money(_("R&D spending"), _("10,000 yuan (万元)"))
    new_product_output = money(_("new-product output"), _("10,000 yuan (万元)"))
    export_delivery = money(_("export delivery"), _("10,000 yuan (万元)"))
    profit = money(_("total profit"), _("10,000 yuan (万元); negative for a loss"))
    tax_paid = money(_("taxes paid"), _("10,000 yuan (万元)"))
    employees = models.PositiveIntegerField(_("average employees"), help_text=_("persons"))
    total_assets = money(_("total assets"), _("10,000 yuan (万元)"))
    land_mu = quantity(_("land area"), _("mu"))
    energy_tce = quantity(_("energy consumption"), _("tonnes of standard coal"))
    electricity_kwh = models.BigIntegerField(
        _("electricity"), null=True, blank=True, help_text=_("kWh")
    )
    cod_t = quantity(_("COD"), _("tonnes"), places=3)
    nh3n_t = quantity(_("NH3-N"), _("tonnes"), places=3)
    so2_t = quantity(_("SO2"), _("tonnes"), places=3)
    nox_t = quantity(_("NOx"), _("tonnes"), places=3)
    business_mode = models.CharField(
        _("business mode"), max_length=3, choices=BusinessMode.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise", "year"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="annual_report_unique"),
        ]
        # status: the review queue and the reporting page count the few submitted reports;
        # updated_at: the store's incremental refresh finds the reports changed since its last
        # build (analytics.changes) without reading them all (0.2 s at the province tier);
        # (status, year): the latest counted year every page opens on (default_year) from the
        # index alone, not a scan of every report (0.13 s a page at the province tier);
        # (year, status, updated_at): the counted reports' data version of a year from the index
        # alone (reporting.selectors.counted_annual_version, the key of cached city results).
        indexes = [
            models.Index(fields=["year"]),
            models.Index(fields=["status"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["status", "year"]),
            models.Index(fields=["year", "status", "updated_at"], name="annual_version_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"


class MonthlyReport(models.Model):
    """An above-scale enterprise's monthly report (月报): the month's own figures, not cumulative;
    cumulative-to-month figures are sums over the year's months."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="monthly_reports"
    )
    period = models.CharField(_("period"), max_length=7, help_text=_("YYYY-MM"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    gross_output = money(_("gross output"), _("10,000 yuan (万元), this month"), required=True)
    sales_output = money(_("sales output"), _("10,000 yuan (万元), this month"), required=True)
    value_added = money(_("value added (estimate)"), _("10,000 yuan (万元), this month"))
    electricity_kwh = models.BigIntegerField(
        _("electricity"), null=True, blank=True, help_text=_("kWh, this month")
    )
    profit = money(_("total profit"), _("10,000 yuan (万元), this month; negative for a loss"))
    export_delivery = money(_("export delivery"), _("10,000 yuan (万元), this month"))
    # 上年同期: the same month a year earlier, as the enterprise reports it beside this month's
    # figure (NBS monthly forms). Pre-filled from last year's report where there is one; a firm
    # new to 规上 fills it from its own books, so growth compares the same firms.
    prior_gross_output = money(_("gross output, same month last year"), _("10,000 yuan (万元)"))
    prior_sales_output = money(_("sales output, same month last year"), _("10,000 yuan (万元)"))
    prior_value_added = money(_("value added, same month last year"), _("10,000 yuan (万元)"))
    prior_electricity_kwh = models.BigIntegerField(
        _("electricity, same month last year"), null=True, blank=True, help_text=_("kWh")
    )
    prior_profit = money(
        _("total profit, same month last year"), _("10,000 yuan (万元); negative for a loss")
    )
    prior_export_delivery = money(
        _("export delivery, same month last year"), _("10,000 yuan (万元)")
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise", "period"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "period"], name="monthly_report_unique"),
        ]
        indexes = [models.Index(fields=["period"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.period}"


class RegionStatistics(models.Model):
    """Region-level statistics that do not come from enterprise reports (区域统计数据)."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="statistics"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    gdp = money(_("GDP"), _("10,000 yuan (万元)"))
    industrial_value_added = money(
        _("industrial value added"), _("10,000 yuan (万元); all industry, not only reporting firms")
    )
    services_value_added = money(_("services value added"), _("10,000 yuan (万元)"))
    producer_services_value_added = money(
        _("producer-services value added"), _("10,000 yuan (万元)")
    )
    energy_tce = quantity(_("total energy consumption"), _("tonnes of standard coal"))
    industrial_land_mu = quantity(_("industrial land"), _("mu"))
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["org_unit", "year"]
        verbose_name = _("region statistics")
        verbose_name_plural = _("region statistics")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year"], name="region_statistics_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}"


# --- imports, locks and the approval log -------------------------------------------------------


class ReportKind(models.TextChoices):
    """The import templates; the first two are also the kinds of report that are approved."""

    ANNUAL = "annual", _("Annual enterprise report")
    MONTHLY = "monthly", _("Monthly enterprise report")
    REGISTRY = "registry", _("Enterprise registry")
    REGION = "region", _("Region statistics")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    VALIDATING = "validating", _("Checking")
    INVALID = "invalid", _("Has errors")
    VALIDATED = "validated", _("Checked, ready to commit")
    COMMITTING = "committing", _("Committing")
    COMMITTED = "committed", _("Committed")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One uploaded file (导入任务): checked, reported on, and committed all or nothing.

    The file itself is kept in the row (``content``) so a background worker on another machine
    can read it and the import report can show the cells as uploaded.
    """

    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    kind = models.CharField(_("template"), max_length=10, choices=ReportKind.choices, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), help_text=_("bytes"))
    sha256 = models.CharField(max_length=64, db_index=True)
    content = models.BinaryField()
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    warnings = models.PositiveIntegerField(_("warnings"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    warnings_accepted = models.BooleanField(_("warnings accepted"), default=False)
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)
    failure = models.TextField(_("failure"), blank=True)
    # Written while a worker runs the job; a running job whose heartbeat is older than the
    # lease (setting IMPORT_JOB_LEASE_SECONDS) lost its worker and is failed.
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    # The queued task's id (django-tasks), so a dead job's task is failed with it.
    task_id = models.CharField(max_length=64, blank=True)
    # The rows with problems as uploaded, kept at check time for the import report, so the
    # web process never parses the file again (see importing.workbooks.report_rows).
    report_rows = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (
            ImportStatus.PENDING,
            ImportStatus.VALIDATING,
            ImportStatus.COMMITTING,
        )

    @property
    def percent(self) -> int:
        """How far the work went; a job that stopped (failed) never shows 100."""
        if self.status in (ImportStatus.INVALID, ImportStatus.VALIDATED, ImportStatus.COMMITTED):
            return 100
        if not self.progress_total:
            return 0
        done = min(100, round(100 * self.progress_done / self.progress_total))
        return min(done, 99) if self.status == ImportStatus.FAILED else done


class ImportProblem(models.Model):
    """One finding of an import's check: where, what value, which rule, and the message."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="problems")
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    column = models.CharField(_("column"), max_length=4, blank=True)
    field = models.CharField(max_length=40, blank=True)
    header = models.CharField(_("header"), max_length=100, blank=True)
    value = models.CharField(_("value"), max_length=200, blank=True)
    rule = models.CharField(_("rule"), max_length=60)
    importance = models.CharField(_("importance"), max_length=7)
    message = models.CharField(_("message"), max_length=300)
    message_en = models.CharField(max_length=300)

    class Meta:
        ordering = ["job", "pk"]

    def __str__(self) -> str:
        return f"{self.sheet}!{self.column}{self.row or ''} {self.rule}"

    def text(self, language: str) -> str:
        return self.message_en if language.startswith("en") else self.message


class PeriodLock(models.Model):
    """A period the city has locked (锁定): its reports can no longer change, except one
    enterprise-period at a time through an explicit, recorded unlock."""

    kind = models.CharField(_("report"), max_length=10, choices=ReportKind.choices[:2])
    period = models.CharField(_("period"), max_length=7, help_text=_("YYYY or YYYY-MM"))
    locked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    locked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "period"], name="period_lock_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}"


class ReviewAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    LOCK = "lock", _("Locked")
    UNLOCK = "unlock", _("Unlocked")
    EDIT = "edit", _("Edited")
    IMPORT = "import", _("Imported")


class ReportReview(models.Model):
    """The approval log (审核记录): each step of one enterprise-period with its comment.

    Report rows keep their field-level history (who, when, before, after) in django-simple-
    history; this log adds the comments and unlock reasons, which are longer than its
    100-character change reason.
    """

    kind = models.CharField(_("report"), max_length=10, choices=ReportKind.choices[:2])
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="report_reviews"
    )
    period = models.CharField(_("period"), max_length=7)
    action = models.CharField(_("action"), max_length=10, choices=ReviewAction.choices)
    comment = models.TextField(_("comment"), blank=True)
    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["enterprise", "kind", "period"])]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.period} {self.action}"


class ReportUnlock(models.Model):
    """One enterprise-period opened again inside a locked period, with the reason. Open until
    the city locks the period again (``closed_at``)."""

    kind = models.CharField(_("report"), max_length=10, choices=ReportKind.choices[:2])
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="report_unlocks"
    )
    period = models.CharField(_("period"), max_length=7)
    reason = models.TextField(_("reason"))
    unlocked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    unlocked_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-unlocked_at"]
        indexes = [models.Index(fields=["kind", "period", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.period}"


# The one map of report kinds (the import templates' and the pages' names) to their models and
# the field holding their period. Enterprises file the first two; the city files regions.
REPORT_MODELS: dict[str, type[models.Model]] = {
    "annual": AnnualReport,
    "monthly": MonthlyReport,
    "region": RegionStatistics,
}
PERIOD_FIELD = {"annual": "year", "monthly": "period", "region": "year"}
ENTERPRISE_REPORT_KINDS = ("annual", "monthly")
