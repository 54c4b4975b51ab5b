"""Every parameter of the projects pages, with bounds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhuanxing.accounts.access import Action
from zhuanxing.core.params import ParamForm
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit

from .models import Project, ProjectKind, ProjectStatus

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}
TONNES = {"max_digits": 12, "decimal_places": 3, "min_value": 0}
YEARS = {"min_value": 2000, "max_value": 2100}


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "name",
            "owner",
            "investor_name",
            "org_unit",
            "kind",
            "category_1244",
            "status",
            "total_investment",
            "land_mu",
            "new_land",
            "start_date",
            "finish_date",
            "investor_source",
            "fortune_500",
            "central_soe",
            "industry_leader",
            "expected_output",
            "expected_va",
            "expected_tax",
            "energy_tce",
            "electricity_kwh",
            "cod_t",
            "nh3n_t",
            "so2_t",
            "nox_t",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "finish_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = OrgUnit.objects.restrict(user, Action.CHANGE).filter(
            depth__gte=1
        )
        self.fields["owner"].queryset = Enterprise.objects.restrict(user, Action.CHANGE)
        self.fields["owner"].widget = forms.NumberInput()
        self.fields["owner"].help_text = _("The enterprise's number in the registry (optional)")
        categories = [("", "—")] + [(k, c.label) for k, c in policy.categories_1244.items()]
        self.fields["category_1244"] = forms.ChoiceField(
            label=_("1244 category"), choices=categories, required=False
        )
        for name in (
            "total_investment",
            "land_mu",
            "expected_output",
            "expected_va",
            "expected_tax",
            "energy_tce",
            "cod_t",
            "nh3n_t",
            "so2_t",
            "nox_t",
        ):
            self.fields[name].min_value = 0
            self.fields[name].validators.append(_non_negative)
        self.fields["electricity_kwh"].min_value = 0
        self.fields["electricity_kwh"].validators.append(_non_negative)


def _non_negative(value):
    if value is not None and value < 0:
        raise forms.ValidationError(_("Must not be negative."))


class ListForm(ParamForm):
    county = forms.RegexField(regex=r"^[0-9A-Za-z]{1,12}$", required=False, label=_("County"))
    kind = forms.ChoiceField(choices=[("", "")] + ProjectKind.choices, required=False)
    status = forms.ChoiceField(choices=[("", "")] + ProjectStatus.choices, required=False)
    q = forms.CharField(max_length=100, required=False, label=_("Search"))
    export = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)


class PlanForm(ParamForm):
    year = forms.IntegerField(required=False, **YEARS)
    month = forms.IntegerField(required=False, min_value=1, max_value=12)
    export = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)


class ProblemsForm(ParamForm):
    overdue = forms.BooleanField(required=False)
    export = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)


class YearForm(ParamForm):
    year = forms.IntegerField(required=False, **YEARS)


class PlanEntryForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEARS)
    planned_investment = forms.DecimalField(label=_("planned investment"), **MONEY)
    milestones = forms.CharField(label=_("milestones"), max_length=300, required=False)


class ProgressForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEARS)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
    investment = forms.DecimalField(label=_("investment completed"), **MONEY)
    milestone = forms.CharField(label=_("milestone"), max_length=300, required=False)


class ProblemForm(forms.Form):
    description = forms.CharField(label=_("problem"), max_length=500)
    department = forms.CharField(label=_("owner department"), max_length=100)
    raised_on = forms.DateField(
        label=_("raised on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deadline = forms.DateField(
        label=_("deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("resolution"), max_length=500)
    resolved_on = forms.DateField(
        label=_("resolved on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ScreeningForm(forms.Form):
    """A new project's expected yearly figures at full production."""

    name = forms.CharField(label=_("Project name"), max_length=200)
    region = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(), label=_("Region"), to_field_name="code"
    )
    project = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    value_added = forms.DecimalField(
        label=_("value added (万元/yr)"), max_digits=14, decimal_places=2, min_value=0.01
    )
    energy_tce = forms.DecimalField(label=_("energy other than electricity (tce/yr)"), **MONEY)
    electricity_kwh = forms.DecimalField(
        label=_("electricity (kWh/yr)"), max_digits=14, decimal_places=0, min_value=0
    )
    cod_t = forms.DecimalField(label=_("COD (t/yr)"), **TONNES)
    nh3n_t = forms.DecimalField(label=_("NH3-N (t/yr)"), **TONNES)
    so2_t = forms.DecimalField(label=_("SO2 (t/yr)"), **TONNES)
    nox_t = forms.DecimalField(label=_("NOx (t/yr)"), **TONNES)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = OrgUnit.objects.restrict(
            user, Action.CHANGE
        ).county_level()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Workbook (.xlsx)"))
