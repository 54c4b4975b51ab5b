from django import forms
from django.utils.translation import gettext_lazy as _


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or credit code"), required=False, max_length=100)
    county = forms.ChoiceField(label=_("County / zone"), required=False)
    category = forms.ChoiceField(label=_("1244 category"), required=False)
    scale = forms.ChoiceField(
        label=_("Scale"),
        required=False,
        choices=[("", _("All")), ("above", _("Above scale")), ("below", _("Below scale"))],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, counties, policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All"))] + [(u.code, u.name) for u in counties]
        self.fields["category"].choices = [("", _("All"))] + [
            (key, cat.label) for key, cat in policy.categories_1244.items()
        ]
