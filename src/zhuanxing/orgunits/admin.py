from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts.admin_scoping import ScopedAdmin

from .models import OrgUnit
from .services import org_unit_create


@admin.register(OrgUnit)
class OrgUnitAdmin(ScopedAdmin):
    """The region tree, indented by depth, in path order. A unit is added under a parent the
    administrator reaches; its code and place in the tree are fixed once made (every path
    below would change)."""

    list_display = ["tree_name", "code", "kind", "official_code"]
    list_filter = ["kind", "official_code"]
    search_fields = ["code", "name", "name_en"]
    ordering = ["path"]
    list_per_page = 200
    fields = ["parent", "code", "name", "name_en", "kind", "official_code"]
    autocomplete_fields = ["parent"]

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, unit):
        # Indented with ideographic spaces: the site's CSP forbids style attributes.
        return format_html("{}{}", "\u3000" * unit.depth, unit.name)

    def get_readonly_fields(self, request, obj=None):
        return ["parent", "code"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        made = org_unit_create(
            code=obj.code,
            name=obj.name,
            kind=obj.kind,
            parent=obj.parent,
            name_en=obj.name_en,
            official_code=obj.official_code,
        )
        obj.pk, obj.path, obj.depth = made.pk, made.path, made.depth
        obj._state.adding = False
