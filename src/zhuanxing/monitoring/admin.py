from django.contrib import admin

from .models import PriceIndex


@admin.register(PriceIndex)
class PriceIndexAdmin(admin.ModelAdmin):
    list_display = ["month", "division", "value"]
    list_filter = ["division"]
    search_fields = ["month"]
