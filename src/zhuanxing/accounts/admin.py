from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import access
from .admin_scoping import ScopedAdmin
from .models import Role, User


class _ScopeChecks:
    """Role and scope fit together: an officer has units, a clerk has their firm."""

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.COUNTY_OFFICER and "org_units" in self.fields and not data.get("org_units"):
            self.add_error("org_units", gettext("A county officer needs at least one org unit."))
        if role == Role.ENTERPRISE and "enterprise" in self.fields and not data.get("enterprise"):
            self.add_error("enterprise", gettext("An enterprise user needs an enterprise."))
        if role != Role.ENTERPRISE and data.get("enterprise"):
            self.add_error("enterprise", gettext("Only an enterprise user is bound to a firm."))
        if "institution" in self.fields:
            if role == Role.BANK and not (data.get("institution") or "").strip():
                self.add_error("institution", gettext("A bank user needs a financial institution."))
            if role != Role.BANK and (data.get("institution") or "").strip():
                self.add_error("institution", gettext("Only a bank user names an institution."))
        return data


def _scoped_form(base, user):
    class Form(_ScopeChecks, base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if "role" in self.fields:
                allowed = access.assignable_roles(user)
                self.fields["role"].choices = [
                    (value, label) for value, label in Role.choices if value in allowed
                ]

    return Form


def _pks(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


@admin.register(User)
class UserAdmin(ScopedAdmin, BaseUserAdmin):
    """Accounts: role, the units an officer sees, the firm a clerk files for, active or not,
    and a new password (the "password" link). A county officer manages their county's."""

    list_display = ["username", "first_name", "role", "scope", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "enterprise__name"]
    autocomplete_fields = ["enterprise"]
    filter_horizontal = ["org_units"]
    ordering = ["username"]
    actions = ["activate", "deactivate"]
    add_fieldsets = [
        (None, {"fields": ["username", "first_name", "password1", "password2"]}),
        (_("Role and scope"), {"fields": ["role", "org_units", "enterprise", "institution"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        status = ["is_active"]
        if access.is_city_admin(request.user):
            status.append("is_staff")
        if request.user.is_superuser:
            status += ["is_superuser", "groups", "user_permissions"]
        return [
            (None, {"fields": ["username", "password"]}),
            (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
            (_("Role and scope"), {"fields": ["role", "org_units", "enterprise", "institution"]}),
            (_("Status"), {"fields": status}),
            (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return ["last_login", "date_joined"] if obj is not None else []

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _scoped_form(form, request.user)

    def scoped_queryset(self, request, queryset):
        return access.administered_users(request.user, queryset).select_related("enterprise")

    @admin.display(description=_("scope"))
    def scope(self, user):
        if user.enterprise_id:
            return user.enterprise.name
        if user.institution:
            return user.institution
        return "、".join(unit.name for unit in user.org_units.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("org_units")

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # accounts are deactivated, never deleted

    @admin.action(description=_("Activate the selected accounts"))
    def activate(self, request, queryset):
        count = User.objects.filter(pk__in=_pks(queryset)).update(is_active=True)
        messages.success(request, gettext("%(n)d accounts activated.") % {"n": count})

    @admin.action(description=_("Deactivate the selected accounts"))
    def deactivate(self, request, queryset):
        chosen = _pks(queryset.exclude(pk=request.user.pk))
        count = User.objects.filter(pk__in=chosen).update(is_active=False)
        messages.success(request, gettext("%(n)d accounts deactivated.") % {"n": count})
