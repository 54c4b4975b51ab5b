"""API tokens: a machine client (for example a statistics bureau's system) signs its requests
with a token that acts as one user, with that user's scope."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> "ApiTokenQuerySet":
        """Not revoked, not expired, and the user still active."""
        return self.filter(revoked_at=None, expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A per-user API token (接口令牌). Only a SHA-256 digest of the token is stored: the token is
    shown once, when it is made, and cannot be read back. Revoking keeps the row for the audit."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name=_("user"),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for"))
    prefix = models.CharField(
        _("prefix"), max_length=12, help_text=_("The token's first characters, to recognise it")
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
