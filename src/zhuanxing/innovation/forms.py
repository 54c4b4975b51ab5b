"""Every parameter of the innovation pages, with bounds."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from zhuanxing.core.params import ParamForm, year_field

from .models import Kind, Level, Variant

# GB 32100-2015's alphabet; the check character is verified by the registry, which holds the
# codes looked up.
USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")

STATUSES = [
    ("", "—"),
    ("in_force", _("In force")),
    ("expiring", _("Expiring soon")),
    ("expired", _("Expired")),
]


class QualificationFilter(ParamForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *Kind.choices])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", "—"), *Level.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUSES)
    county = forms.RegexField(label=_("County"), required=False, regex=r"^\d{6}$", max_length=6)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=1_000_000)
    export = forms.ChoiceField(
        label=_("Export"), required=False, choices=[("", ""), ("xlsx", "xlsx")]
    )


class EnterpriseField(forms.CharField):
    """The firm a qualification is recorded for, typed: its unified social credit code, its
    full name, or a part of the name that only one firm has; looked up among ``queryset``
    (the firms the user may change, ``restrict(user, CHANGE)``), never among the whole
    registry. A page of 20,000 firms does not fit a ``<select>``."""

    SHOWN = 5  # names offered when a part of a name matches several firms

    def __init__(self, *args, queryset=None, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)
        self.queryset = queryset

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            raise forms.ValidationError(_("Enter the enterprise's credit code or name."))
        firms = self.queryset
        found = firms.filter(uscc=value.upper()).first() if USCC.fullmatch(value.upper()) else None
        if found is None:
            found = firms.filter(name=value).first()
        if found is not None:
            return found
        similar = list(firms.filter(name__icontains=value).order_by("name")[: self.SHOWN + 1])
        if len(similar) == 1:
            return similar[0]
        if not similar:
            raise forms.ValidationError(
                _("No enterprise you may record qualifications for has the credit code or name "
                  "“%(value)s”.") % {"value": value}
            )  # fmt: skip
        names = "、".join(f"{f.name} ({f.uscc})" for f in similar[: self.SHOWN])
        raise forms.ValidationError(
            _("Several enterprises match “%(value)s”: %(names)s. Enter the credit code.")
            % {"value": value, "names": names + ("…" if len(similar) > self.SHOWN else "")}
        )


class QualificationForm(forms.Form):
    enterprise = EnterpriseField(
        label=_("Enterprise"),
        help_text=_("Unified social credit code (18 characters) or name"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    variant = forms.ChoiceField(
        label=_("Detail"), required=False, choices=[("", "—"), *Variant.choices]
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    reference = forms.CharField(label=_("Reference number"), max_length=100, required=False)
    issued_on = forms.DateField(
        label=_("Issued on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence_note = forms.CharField(
        label=_("Evidence (text)"), max_length=2000, required=False, widget=forms.Textarea
    )
    evidence = forms.FileField(label=_("Evidence file (PDF, PNG, JPEG)"), required=False)

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        if enterprises is None:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = enterprises
            self.fields["enterprise"].widget.attrs.update(
                {"autocomplete": "off", "spellcheck": "false", "size": 40}
            )
        limit = settings.ZHUANXING["EVIDENCE_MAX_BYTES"]
        self.fields["evidence"].help_text = _("At most %(n)s MiB.") % {
            "n": round(limit / 1024 / 1024, 1)
        }


class CountsForm(ParamForm):
    year = year_field(1990, 2100)
    basis = forms.ChoiceField(
        label=_("Count"),
        required=False,
        choices=[("in_force", _("In force at year end")), ("new", _("Issued in the year"))],
    )
    export = forms.ChoiceField(
        label=_("Export"), required=False, choices=[("", ""), ("xlsx", "xlsx")]
    )


class DemonstrationForm(ParamForm):
    year = year_field(1990, 2100)
    export = forms.ChoiceField(
        label=_("Export"), required=False, choices=[("", ""), ("xlsx", "xlsx")]
    )


class IdsField(forms.Field):
    """Ticked row ids: at most ``MAX_IDS`` positive integers."""

    MAX_IDS = 1000
    widget = forms.MultipleHiddenInput

    def clean(self, value):
        value = value or []
        if len(value) > self.MAX_IDS:
            raise forms.ValidationError(_("Too many rows ticked."))
        try:
            ids = {int(v) for v in value}
        except (TypeError, ValueError):
            raise forms.ValidationError(_("A row id is a number.")) from None
        if any(not 0 < i < 2**31 for i in ids):
            raise forms.ValidationError(_("A row id is a number."))
        return sorted(ids)


class SelectionForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    enterprise = IdsField(label=_("Enterprises"), required=False)
    confirm = forms.BooleanField(required=False)


class PublishForm(forms.Form):
    year = forms.IntegerField(min_value=1990, max_value=2100)


def form_errors(form) -> str:
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )
