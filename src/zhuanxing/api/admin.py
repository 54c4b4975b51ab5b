from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts.admin_scoping import ScopedAdmin

from .models import ApiToken
from .services import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    """The administrator sees every token (never the token itself) and can revoke any."""

    city_only = True

    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at",
                    "revoked_at")  # fmt: skip
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("user", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # tokens are made by their user on the token page, shown once

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token, by=request.user)
        messages.success(request, _("Tokens revoked."))
