from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import AuditEvent


def audit_events(*, filters: dict):
    """The audit log filtered (the page checks the reader is the city administrator)."""
    rows = AuditEvent.objects.select_related("user")
    if filters.get("action"):
        rows = rows.filter(action=filters["action"])
    if filters.get("user"):
        rows = rows.filter(username__icontains=filters["user"])
    zone = timezone.get_current_timezone()
    if filters.get("start"):
        rows = rows.filter(at__gte=datetime.combine(filters["start"], time.min, zone))
    if filters.get("end"):
        rows = rows.filter(
            at__lt=datetime.combine(filters["end"] + timedelta(days=1), time.min, zone)
        )
    return rows
