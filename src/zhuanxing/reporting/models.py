"""Statistical reports: the annual and monthly enterprise reports and region-level statistics.

Money is in 万元 (10,000 yuan) at current prices unless a field says otherwise; energy in tonnes
of standard coal (tce, 当量值); land in mu; pollutants in tonnes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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


class BusinessMode(models.TextChoices):
    """Clause 八: from assembling and contract manufacturing to own design and own brands."""

    OEA = "OEA", _("OEA – original equipment assembly")
    OEM = "OEM", _("OEM – original equipment manufacturing")
    ODM = "ODM", _("ODM – original design manufacturing")
    OBM = "OBM", _("OBM – own brand manufacturing")


class ReportQuerySet(models.QuerySet):
    def restrict(self, user) -> "ReportQuerySet":
        from zhuanxing.enterprises.models import Enterprise

        return self.filter(enterprise__in=Enterprise.objects.restrict(user))


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
        indexes = [models.Index(fields=["year"])]

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
        indexes = [models.Index(fields=["period"])]

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
