from django.contrib import admin

from zhuanxing.accounts.admin_scoping import ScopedAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ScopedAdmin):
    """Read only: the log is evidence."""

    city_only = True

    list_display = ("at", "username", "action", "address", "path", "detail")
    list_filter = ("action",)
    search_fields = ("username", "path", "detail")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
