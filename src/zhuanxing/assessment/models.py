"""County targets for the annual target-responsibility assessment (目标责任考核)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zhuanxing.accounts.access import RestrictedQuerySet


class CountyTargetQuerySet(RestrictedQuerySet):
    """``restrict(user, action)`` by the target's county; enterprise users see none."""

    scope_path_field = "org_unit__path"


class CountyTarget(models.Model):
    """The target the city sets a county-level unit for one indicator in one year (分解目标),
    in the indicator's own unit. Every change is kept (who, when, before, after)."""

    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="assessment_targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.CharField(_("indicator"), max_length=60)
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=4, help_text=_("In the indicator's unit")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CountyTargetQuerySet.as_manager()

    class Meta:
        ordering = ["year", "org_unit", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "indicator"], name="county_target_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year} {self.indicator} = {self.target}"
