from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualReport, MonthlyReport, RegionStatistics


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "year", "status", "gross_output", "value_added"]
    list_filter = ["year", "status"]
    raw_id_fields = ["enterprise"]
    search_fields = ["enterprise__name", "enterprise__uscc"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "period", "status", "gross_output"]
    list_filter = ["year", "status"]
    raw_id_fields = ["enterprise"]
    search_fields = ["enterprise__name", "enterprise__uscc"]


@admin.register(RegionStatistics)
class RegionStatisticsAdmin(SimpleHistoryAdmin):
    list_display = ["org_unit", "year", "gdp", "industrial_value_added", "energy_tce"]
    list_filter = ["year"]
