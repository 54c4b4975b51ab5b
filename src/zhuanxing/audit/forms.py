from django import forms
from django.utils.translation import gettext_lazy as _

from zhuanxing.core.params import ParamForm

from .models import AuditAction


class AuditFilterForm(ParamForm):
    """The audit page's filters (GET): bounded like every other parameter."""

    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All"))] + AuditAction.choices
    )
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)
    export = forms.ChoiceField(required=False, choices=[("", ""), ("xlsx", "xlsx")])
