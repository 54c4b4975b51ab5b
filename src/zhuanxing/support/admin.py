from django.contrib import admin

from .models import GuaranteeAgency, GuaranteeFigures


@admin.register(GuaranteeAgency)
class GuaranteeAgencyAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(GuaranteeFigures)
class GuaranteeFiguresAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "sme_guarantee_amount", "sme_count"]
    list_filter = ["year"]
