"""Forms of the reporting pages. They only collect input; the checks are the policy's rules,
run by the services and selectors."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .importing.formats import TEMPLATES
from .models import ReportKind
from .selectors import entry_fields

KIND_LABELS = dict(ReportKind.choices)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (Excel .xlsx or CSV)"))
    kind = forms.ChoiceField(label=_("Template"), required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Recognise from the file"))] + [
            (kind, KIND_LABELS[kind]) for kind in kinds
        ]


class CommitForm(forms.Form):
    accept_warnings = forms.BooleanField(
        label=_("I have read the warnings and the figures are right"), required=False
    )


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)


class BulkApproveForm(forms.Form):
    """The reports ticked in the review queue (at most the queue's length)."""

    selected = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any positive id may be named; each is checked against the user's scope on its own.
        self.fields["selected"].valid_value = lambda value: str(value).isdigit()

    def clean_selected(self):
        chosen = self.cleaned_data["selected"]
        if len(chosen) > settings.ZHUANXING["REVIEW_QUEUE_CAP"]:
            raise forms.ValidationError(_("Too many reports at once."))
        return chosen


class LockForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices[:2])
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("2012 or 2012-06"))


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices[:2])
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=18)
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("2012 or 2012-06"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class EntryForm(forms.Form):
    """One enterprise-period. Numbers are taken as typed (full-width digits and thousands
    separators are fine) and checked by the same rules as an import."""

    accept_warnings = forms.BooleanField(
        label=_("I have read the warnings and the figures are right"), required=False
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = entry_fields(kind)
        for column in self.columns:
            attrs = {"autocomplete": "off"}
            if column.type in ("decimal", "integer"):
                attrs["inputmode"] = "decimal"
            field = forms.CharField(
                label=column.label_text,
                required=False,
                help_text=column.unit_text,
                widget=forms.TextInput(attrs=attrs),
            )
            if column.type == "choice":
                field = forms.ChoiceField(
                    label=column.label_text,
                    required=False,
                    choices=[("", "—")] + [(c, c) for c in column.choices],
                    help_text=column.unit_text,
                )
            self.fields[column.key] = field
        self.order_fields([c.key for c in self.columns] + ["accept_warnings"])
        self.template = TEMPLATES[kind]

    def values(self) -> dict:
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return {c.key: data.get(c.key) or None for c in self.columns}
