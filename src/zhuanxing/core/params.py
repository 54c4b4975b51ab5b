"""Request parameters: every GET parameter a page reads goes through a form with bounds.

A parameter that is malformed or out of bounds raises :class:`BadParameter`, a ``UserError``:
every view answers it with the 400 page (``zhuanxing.web.middleware``), which shows the reason in
the site's layout. Nothing a user types reaches a ``range()``, an ``int()`` column or a query
unchecked.
"""

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import UserError
from .periods import is_month, month_index


class BadParameter(UserError):
    """A request parameter that is malformed or out of bounds; the message is shown to the user
    (it names the parameter and the bound, never data)."""


class ParamForm(forms.Form):
    """A form over query parameters: :meth:`parse` returns the cleaned values or raises
    :class:`BadParameter` naming each refused parameter."""

    @classmethod
    def parse(cls, data, **kwargs) -> dict:
        form = cls(data, **kwargs)
        if not form.is_valid():
            raise BadParameter(form.reason())
        return form.cleaned_data

    def reason(self) -> str:
        parts = []
        for name, errors in self.errors.items():
            where = self.fields[name].label if name in self.fields else name
            parts.append(f"{name} ({where}): {' '.join(errors)}" if where else " ".join(errors))
        return "; ".join(parts)


def year_field(low: int, high: int, label=None) -> forms.IntegerField:
    """An optional year between ``low`` and ``high`` (both included)."""
    return forms.IntegerField(
        label=label or gettext_lazy("Year"), required=False, min_value=low, max_value=high
    )


class MonthField(forms.CharField):
    """An optional month ``YYYY-MM`` between the months ``first`` and ``last`` (included)."""

    def __init__(self, *, first: str, last: str, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Month"))
        super().__init__(required=False, max_length=7, **kwargs)
        self.first, self.last = first, last

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if not is_month(value):
            raise forms.ValidationError(_("A month is written YYYY-MM, for example 2012-06."))
        if not self.first <= value <= self.last:
            raise forms.ValidationError(
                _("The month must lie between %(first)s and %(last)s.")
                % {"first": self.first, "last": self.last}
            )
        return value


def year_bounds(policy, data_years: Iterable[int] = ()) -> tuple[int, int]:
    """The years a request may name: the policy's own range widened by the years with data."""
    info = policy.info
    years = [info.base_year, info.target_year, info.plan_from_year, info.plan_to_year]
    years += [int(y) for y in data_years if y]
    return min(years), max(years)


def month_span(start: str, end: str) -> int:
    """Months from ``start`` to ``end`` inclusive (both ``YYYY-MM``)."""
    return month_index(end) - month_index(start) + 1


class YearForm(ParamForm):
    """``?year=`` alone, between ``low`` and ``high``."""

    def __init__(self, data, *, low: int, high: int):
        super().__init__(data)
        self.fields["year"] = year_field(low, high)


def year_param(data, policy, data_years: Iterable[int] = ()) -> int | None:
    """The ``year`` parameter checked against :func:`year_bounds`; None when absent."""
    low, high = year_bounds(policy, data_years)
    return YearForm.parse({"year": data.get("year")}, low=low, high=high)["year"]


class MonthForm(ParamForm):
    """``?month=`` alone, between the months ``first`` and ``last``."""

    def __init__(self, data, *, first: str, last: str):
        super().__init__(data)
        self.fields["month"] = MonthField(first=first, last=last)
