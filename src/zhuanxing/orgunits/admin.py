from django.contrib import admin

from .models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "official_code"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "depth"]
