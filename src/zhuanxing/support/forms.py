"""Every parameter of the support pages, with bounds."""

from django import forms
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0.01}


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    category = forms.ChoiceField(label=_("Category"))
    name = forms.CharField(label=_("Name"), max_length=200)
    budget = forms.DecimalField(label=_("Budget (10,000 yuan)"), **MONEY)

    def __init__(self, *args, funds, english=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (c.key, c.name_en if english else c.name) for c in funds.categories
        ]


class ApplicationForm(forms.Form):
    project = forms.CharField(label=_("Project"), max_length=200)
    amount = forms.DecimalField(label=_("Amount requested (10,000 yuan)"), **MONEY)
    documents = forms.CharField(
        label=_("Documents (one a line)"), max_length=4000, required=False, widget=forms.Textarea
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    comment = forms.CharField(label=_("Comment"), max_length=2000, required=False)


class ScoreForm(forms.Form):
    def __init__(self, *args, funds, english=False, **kwargs):
        super().__init__(*args, **kwargs)
        for item in funds.scoring:
            self.fields[item.key] = forms.DecimalField(
                label=f"{item.name_en if english else item.name} (≤ {item.max_points})",
                min_value=0,
                max_value=item.max_points,
                max_digits=7,
                decimal_places=2,
            )


class DisbursementForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount (10,000 yuan)"), **MONEY)
    paid_on = forms.DateField(label=_("Paid on"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


def form_errors(form) -> str:
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


class RecommendationBuildForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class RecommendationItemForm(forms.Form):
    item = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    included = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RecommendationPublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the list: publish it to the banks"), required=True
    )
