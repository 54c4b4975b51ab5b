"""Recording audit events: one function, called by the services and views that do the act."""

from .models import AuditAction, AuditEvent


def _address(request) -> str | None:
    # REMOTE_ADDR only: a forwarded-for header is the client's to write.
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def audit_record(
    *, action: AuditAction | str, user=None, request=None, username: str = "", detail: str = ""
) -> AuditEvent:
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        address=_address(request),
        path=request.get_full_path()[:500] if request is not None else "",
        detail=str(detail)[:500],
    )
