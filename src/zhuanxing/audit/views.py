from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zhuanxing.accounts.access import require_city_admin

from .forms import AuditFilterForm
from .selectors import audit_events

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def audit_log(request):
    """The audit log for the city administrator, filtered, paged, and as Excel."""
    require_city_admin(request.user)
    filters = AuditFilterForm.parse(request.GET)
    rows = audit_events(filters=filters)
    if filters["export"] == "xlsx":
        return _workbook(rows[: settings.ZHUANXING["EXPORT_ROW_CAP"]])
    page = Paginator(rows, settings.ZHUANXING["PAGE_SIZE"]).get_page(filters["page"])
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "audit/log.html",
        {"form": AuditFilterForm(request.GET or None), "page": page, "query": query.urlencode()},
    )


def _workbook(rows) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Audit log")
    ws.append([_("Time"), _("User name"), _("Action"), _("Address"), _("Page"), _("Detail")])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    zone = timezone.get_current_timezone()
    for event in rows:
        ws.append([
            event.at.astimezone(zone).replace(tzinfo=None), event.username,
            event.get_action_display(), event.address or "", event.path, event.detail,
        ])  # fmt: skip
    for column, width in zip("ABCDEF", (20, 16, 20, 16, 50, 40), strict=True):
        ws.column_dimensions[column].width = width
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="audit-log.xlsx"'
    wb.save(response)
    return response
