"""The administration site's frame: its titles, and an index that leads to the policy in force
and the audit log beside the models (see ``accounts.admin_scoping`` for who sees what)."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Zhuanxing administration")
admin.site.site_title = _("Zhuanxing administration")
admin.site.index_title = _("Users, org units and the enterprise registry")
admin.site.index_template = "admin/zhuanxing_index.html"
admin.site.site_url = "/"
# Roles (accounts.access) decide what a user may do; Django's groups are not used.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
