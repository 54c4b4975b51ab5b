"""The innovation app's entry in the main menu (see zhuanxing.web.navigation): the
qualifications registry, whose tabs reach the counts and the demonstration enterprises. For
officials only: an enterprise clerk finds the firm's qualifications on 本企业 (the enterprise
page), and the clerk's menu keeps to the firm's own tasks (issue 13)."""

from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts import access

ENTRIES = [
    (_("Innovation"), "innovation:qualifications", access.is_official),
]
