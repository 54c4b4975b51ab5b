from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zhuanxing.accounts.admin_scoping import ScopedAdmin

from .models import Enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """The registry, with every change kept ("history": who changed what, when)."""

    list_display = ["name", "uscc", "org_unit", "industry_code", "land_mu", "registration_type"]
    search_fields = ["name", "uscc", "industry_code"]
    list_filter = ["registration_type", "uses_toxic_substances"]
    autocomplete_fields = ["org_unit"]
    list_select_related = ["org_unit"]
