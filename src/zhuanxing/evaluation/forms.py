from django import forms
from django.utils.translation import gettext_lazy as _

from zhuanxing.core.params import ParamForm
from zhuanxing.reference.uscc import check_uscc

from .models import BackwardStatus, Population


class RunCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


class ResultFilterForm(forms.Form):
    population = forms.ChoiceField(
        label=_("Population"), required=False, choices=Population.choices
    )
    county = forms.ChoiceField(label=_("County / zone"), required=False)
    klass = forms.ChoiceField(label=_("Class"), required=False)
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, *args, counties, run, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All"))] + [(u.code, u.name) for u in counties]
        from .selectors import method_of

        self.fields["klass"].choices = [("", _("All"))] + [
            (c, c) for c in method_of(run).class_names
        ]

    def filters(self):
        """The validated filters, or None when the form does not validate (no rows shown)."""
        from .selectors import ResultFilter

        if not self.is_valid():
            return None
        data = self.cleaned_data
        return ResultFilter(
            population=data["population"] or "above_scale",
            county=data["county"],
            klass=data["klass"],
            query=data["q"],
        )


class BatchForm(forms.Form):
    name = forms.CharField(label=_("Batch name"), max_length=100)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=BackwardStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class SimulationForm(forms.Form):
    run = forms.ChoiceField(label=_("Evaluation"))
    selection = forms.ChoiceField(
        label=_("Enterprises"),
        choices=[("class", _("All enterprises of a class")), ("list", _("A list of credit codes"))],
        initial="class",
    )
    klass = forms.CharField(label=_("Class"), initial="D", max_length=1, required=False)
    population = forms.ChoiceField(
        label=_("Population"),
        choices=[
            ("above_scale", _("规上 firms of the class")),
            ("below_scale", _("规下 firms of the class")),
            ("", _("规上 and 规下 firms of the class")),
        ],
        initial="above_scale",
        required=False,
    )
    codes = forms.CharField(
        label=_("Credit codes, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("exit", _("Exit (close down)")),
            ("upgrade", _("Upgrade to the median of the firm's own population")),
        ],
    )
    land = forms.ChoiceField(
        label=_("Land of exited firms"),
        choices=[
            ("released", _("Leaves the books (taken back at once)")),
            ("kept", _("Stays counted until re-let")),
        ],
        initial="released",
    )

    def __init__(self, *args, runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].choices = [(r.pk, str(r)) for r in runs]

    def clean_codes(self):
        codes = [
            line.strip().upper() for line in self.cleaned_data["codes"].splitlines() if line.strip()
        ]
        bad = [c for c in codes if not check_uscc(c).valid]
        if bad:
            raise forms.ValidationError(
                _("Invalid credit codes: %(codes)s") % {"codes": ", ".join(bad)}
            )
        return codes

    def clean(self):
        data = super().clean()
        if data.get("selection") == "list" and not data.get("codes"):
            self.add_error("codes", _("Give at least one credit code."))
        return data


CLEAN_REASON_LABELS = {
    "over_discharge_standard": _("over discharge standards"),
    "over_load_limit": _("over total-load limits"),
    "toxic_substances": _("uses toxic or hazardous substances"),
    "energy_per_product": _("energy per unit product over the limit"),
    "mandatory_industry": _("industry audited by the city (electroplating, dyeing)"),
}


class CleanProductionForm(ParamForm):
    """The clean-production list's filters: year (one with reports), county, ground, name."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    county = forms.ChoiceField(label=_("County / zone"), required=False)
    reason = forms.ChoiceField(label=_("Reason"), required=False)
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, data, *, years, counties):
        super().__init__(data)
        self.fields["year"].choices = [(y, y) for y in years]
        self.fields["county"].choices = [("", _("All"))] + [(u.code, u.name) for u in counties]
        self.fields["reason"].choices = [("", _("All"))] + list(CLEAN_REASON_LABELS.items())


class BackwardFilterForm(ParamForm):
    """The backward-capacity list's filters: batch, county, status, name."""

    batch = forms.IntegerField(label=_("Batch"), required=False, min_value=1, max_value=2**31 - 1)
    county = forms.ChoiceField(label=_("County / zone"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, data, *, counties):
        super().__init__(data)
        self.fields["county"].choices = [("", _("All"))] + [(u.code, u.name) for u in counties]
        self.fields["status"].choices = [("", _("All"))] + list(BackwardStatus.choices)
