"""The query parameters of the analytics pages, with bounds (see ``zhuanxing.core.params``)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhuanxing.core.params import MonthField, ParamForm, month_span, year_bounds, year_field

from . import engine, selectors

LEVEL_CHOICES = [("", "")] + [(k, k) for k in selectors.LEVEL_DEPTH]


def analytics_year_bounds() -> tuple[int, int]:
    """Years a request may name: the policy's range widened by the years in the store."""
    span = selectors.years_available()
    return year_bounds(selectors.policy(), span[:2] if span else ())


class YearParams(ParamForm):
    """``?year=`` (and the region, checked against the user by the selectors)."""

    region = forms.CharField(required=False, max_length=12)
    level = forms.ChoiceField(required=False, choices=LEVEL_CHOICES)
    # "same": every year's 规上/规下 figures count the firms of the chosen year's population
    # (engine.Query.population_year), so a trend across a change of the 规上 line compares
    # the same firms.
    firms = forms.ChoiceField(required=False, choices=[("", ""), ("same", "same")])

    def __init__(self, data):
        super().__init__(data)
        self.fields["year"] = year_field(*analytics_year_bounds())


class ExplorerParams(ParamForm):
    """The indicator explorer's parameters. ``start``/``end`` are years for ``kind=year`` and
    months otherwise; a span longer than ``MAX_PERIODS`` periods is refused."""

    region = forms.CharField(required=False, max_length=12)
    level = forms.ChoiceField(required=False, choices=LEVEL_CHOICES)
    breakdown = forms.CharField(required=False, max_length=30)
    industry = forms.CharField(required=False, max_length=3)
    kind = forms.ChoiceField(
        required=False, choices=[("", "")] + [(k, k) for k in engine.PERIOD_KINDS]
    )
    start = forms.CharField(required=False, max_length=7, label=gettext_lazy("From"))
    end = forms.CharField(required=False, max_length=7, label=gettext_lazy("To"))
    indicator = forms.MultipleChoiceField(required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["indicator"].choices = [(k, k) for k in selectors.policy().indicators]
        self.low, self.high = analytics_year_bounds()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        monthly = data.get("kind") in ("month", "ytd")
        if monthly:
            field = MonthField(first=f"{self.low}-01", last=f"{self.high}-12")
        else:
            field = year_field(self.low, self.high)
        for name in ("start", "end"):
            try:
                data[name] = field.clean(data.get(name) or None)
            except forms.ValidationError as exc:
                self.add_error(name, exc)
        start, end = data.get("start"), data.get("end")
        if not self.errors and start and end:
            span = month_span(start, end) if monthly else int(end) - int(start) + 1
            cap = settings.ZHUANXING["MAX_PERIODS"]
            if span > cap:
                self.add_error(
                    "end",
                    _("At most %(cap)s periods at once; choose a shorter span.") % {"cap": cap},
                )
        return data
