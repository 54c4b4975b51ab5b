from django.contrib import admin

from zhuanxing.accounts import access

from .models import PriceIndex


@admin.register(PriceIndex)
class PriceIndexAdmin(admin.ModelAdmin):
    """The city administrator enters the producer price indices here (or imports a CSV with
    ``zhuanxing price_index import``); nobody else sees them in the admin."""

    list_display = ["month", "division", "value"]
    list_filter = ["division"]
    search_fields = ["month"]

    def has_module_permission(self, request):
        return access.is_city_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_city_admin(request.user)

    def has_add_permission(self, request):
        return access.is_city_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return access.is_city_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return access.is_city_admin(request.user)
