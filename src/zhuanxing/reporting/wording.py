"""Change reasons in the reader's language.

Reports keep their change reason as a short stable code-like text (``web form``, ``submitted``,
``reject: <comment>``, ``import #14 <file>``, ``period 2012 locked``, ``unlocked: <reason>``);
pages show it through ``change_reason_text``, so a Chinese page never reads "reject:".
"""

import re

from django.utils.translation import gettext as _

_IMPORT = re.compile(r"^import #(\d+)(?: (.*))?$")
_LOCKED = re.compile(r"^period (\S+) locked$")


def change_reason_text(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        return ""
    fixed = {
        "web form": _("Entered in the web form"),
        "web form, submitted": _("Entered in the web form and submitted"),
        "submitted": _("Submitted for review"),
        "approve": _("Approved"),
        "reject": _("Rejected"),
        "demo generator": _("Generated demo data"),
    }
    if reason in fixed:
        return fixed[reason]
    for prefix, text in (
        ("approve: ", _("Approved: %(comment)s")),
        ("reject: ", _("Rejected: %(comment)s")),
        ("unlocked: ", _("Unlocked: %(comment)s")),
    ):
        if reason.startswith(prefix):
            return text % {"comment": reason[len(prefix) :]}
    found = _IMPORT.match(reason)
    if found:
        number, file = found.groups()
        if file:
            return _("Import no. %(n)s (%(file)s)") % {"n": number, "file": file}
        return _("Import no. %(n)s") % {"n": number}
    found = _LOCKED.match(reason)
    if found:
        return _("Period %(period)s locked") % {"period": found.group(1)}
    return reason
