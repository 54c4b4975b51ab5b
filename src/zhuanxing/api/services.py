"""Writes for API tokens: make, revoke, and find the user a presented token acts for."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zhuanxing.audit.models import AuditAction
from zhuanxing.audit.services import audit_record

from .models import ApiToken

TOKEN_PREFIX = "zx_"


def _digest(token: str) -> str:
    # The token is 256 random bits, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """Make a token for ``user`` valid ``days`` days (at most API_TOKEN_MAX_DAYS); returns the
    row and the token itself, which is shown once and never stored."""
    days = max(1, min(int(days), settings.ZHUANXING["API_TOKEN_MAX_DAYS"]))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[:10],
        digest=_digest(token),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit_record(action=AuditAction.TOKEN_CREATED, user=user, detail=str(row))
    return row, token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by=None) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(action=AuditAction.TOKEN_REVOKED, user=by or token.user, detail=str(token))


def api_token_user(raw: str):
    """The active user a presented token acts for, or None (unknown, revoked or expired)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None, None
    row = ApiToken.objects.usable().select_related("user").filter(digest=_digest(raw)).first()
    if row is None:
        return None, None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user, row
