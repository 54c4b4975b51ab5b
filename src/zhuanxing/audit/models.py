from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "sign_out", _("Signed out")
    EXPORT = "export", _("Exported a file")
    EVALUATION_PUBLISHED = "evaluation_published", _("Published an evaluation")
    RECOMMENDATIONS_PUBLISHED = (
        "recommendations_published",
        _("Published a recommended-project list"),
    )
    PERIOD_LOCKED = "period_locked", _("Locked a period")
    REPORT_UNLOCKED = "report_unlocked", _("Unlocked a report")
    TOKEN_CREATED = "token_created", _("Made an API token")
    TOKEN_REVOKED = "token_revoked", _("Revoked an API token")
    TOKEN_USED = "token_used", _("Used an API token")


class AuditEvent(models.Model):
    """One audited event (审计日志). Rows are only ever added: there is no edit or delete in the
    application or the admin."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="audit_events", verbose_name=_("user"),
    )  # fmt: skip
    username = models.CharField(
        _("user name"), max_length=150, blank=True,
        help_text=_("As typed, for failed sign-ins; the user's name otherwise"),
    )  # fmt: skip
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(_("address of the page"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["action", "at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"
