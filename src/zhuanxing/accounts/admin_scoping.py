"""The administration site (Django admin) asks ``access`` too, never Django's model permissions.

A city administrator manages the whole city there; a county officer given administration rights
(``is_staff``) manages their own county: every list, every object page, every history page and
every choice offered in a form (a parent unit, an enterprise's unit, a user's units or firm) is
scoped through ``restrict``, so an object outside the county is a 404 and a choice outside it is
refused by the form, whatever is posted.
"""

from django.contrib import admin

from . import access


def _restricted(queryset, user, action, path_field=None):
    """``restrict`` where the model's queryset has it; else the whole city for the city
    administrator and, for others, the rows under their units by ``path_field`` (none without)."""
    restrict = getattr(queryset, "restrict", None)
    if restrict is not None:
        return restrict(user, action)
    if access.is_city_admin(user):
        return queryset
    return queryset.filter(access.scope_q(user, path_field=path_field))


class ScopedAdmin(admin.ModelAdmin):
    """A model admin answering from ``access``: view for administrators, change when their role
    may change data, rows limited to their scope. ``city_only``: the city administrator alone
    (audit log, tokens). ``read_only``: nobody edits here (the workflow has its own pages)."""

    city_only = False
    read_only = False
    deletable = False  # deleting is for superusers only unless an admin says otherwise
    scope_path_field: str | None = None  # for a model without ``restrict``: its unit's path

    def _admits(self, request) -> bool:
        user = request.user
        if self.city_only:
            return access.may_administer(user) and access.is_city_admin(user)
        return access.may_administer(user)

    def _in_scope(self, request, obj) -> bool:
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return self._admits(request)

    def has_view_permission(self, request, obj=None):
        return self._admits(request) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return (
            not self.read_only
            and self._admits(request)
            and access.may(request.user, access.Action.CHANGE)
            and self._in_scope(request, obj)
        )

    def has_add_permission(self, request):
        return self.has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self.deletable and self.has_change_permission(request, obj)

    def scoped_queryset(self, request, queryset):
        """The rows this administrator reaches (override where a model is scoped otherwise)."""
        return _restricted(queryset, request.user, access.Action.VIEW, self.scope_path_field)

    def get_queryset(self, request):
        return self.scoped_queryset(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _restricted(field.queryset, request.user, access.Action.CHANGE)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _restricted(field.queryset, request.user, access.Action.CHANGE)
        return field
