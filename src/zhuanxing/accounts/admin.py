from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "role", "enterprise", "is_active"]
    list_filter = ["role", "is_active"]
    autocomplete_fields = ["enterprise"]
    filter_horizontal = ["org_units", "groups", "user_permissions"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Role and scope"), {"fields": ["role", "org_units", "enterprise"]}),
    ]
