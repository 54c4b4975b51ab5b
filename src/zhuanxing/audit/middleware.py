"""Every file download (a response sent as an attachment) is an export: recorded with the page
address, which carries the filters, so the log says what was exported."""

from .models import AuditAction
from .services import audit_record


class ExportAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        if response.status_code == 200 and disposition.startswith("attachment"):
            user = getattr(request, "user", None)
            filename = disposition.partition("filename=")[2].strip('"')
            audit_record(action=AuditAction.EXPORT, user=user, request=request, detail=filename)
        return response
