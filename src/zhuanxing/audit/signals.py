"""Sign-ins, failures and sign-outs, from Django's own signals."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditAction
from .services import audit_record


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    audit_record(action=AuditAction.SIGN_IN, user=user, request=request)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=AuditAction.SIGN_OUT, user=user, request=request)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    audit_record(
        action=AuditAction.SIGN_IN_FAILED,
        request=request,
        username=str(credentials.get("username", "")),
    )
