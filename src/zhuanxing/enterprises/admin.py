from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "uscc", "org_unit", "industry_code", "land_mu"]
    search_fields = ["name", "uscc"]
    list_filter = ["registration_type"]
    raw_id_fields = ["org_unit"]
