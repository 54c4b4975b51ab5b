"""The innovation app's entry in the main menu (see zhuanxing.web.navigation): the
qualifications registry, whose tabs reach the counts and the demonstration enterprises."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("Innovation"), "innovation:qualifications", access.is_official),
    (_("Innovation"), "innovation:qualifications", access.is_enterprise_user),
]
