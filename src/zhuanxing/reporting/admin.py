from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zhuanxing.accounts.admin_scoping import ScopedAdmin

from .models import AnnualReport, MonthlyReport, RegionStatistics


class _ReportAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """Reports are read here (with their history); filing, approving and locking happen on the
    reporting pages, where the workflow's checks run."""

    read_only = True


@admin.register(AnnualReport)
class AnnualReportAdmin(_ReportAdmin):
    list_display = ["enterprise", "year", "status", "gross_output", "value_added"]
    list_filter = ["year", "status"]
    raw_id_fields = ["enterprise"]
    search_fields = ["enterprise__name", "enterprise__uscc"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(_ReportAdmin):
    list_display = ["enterprise", "period", "status", "gross_output"]
    list_filter = ["year", "status"]
    raw_id_fields = ["enterprise"]
    search_fields = ["enterprise__name", "enterprise__uscc"]


@admin.register(RegionStatistics)
class RegionStatisticsAdmin(_ReportAdmin):
    list_display = ["org_unit", "year", "gdp", "industrial_value_added", "energy_tce"]
    scope_path_field = "org_unit__path"
    list_filter = ["year"]
