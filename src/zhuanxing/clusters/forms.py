"""The query parameters of the cluster pages, with bounds (``zhuanxing.core.params``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhuanxing.analytics.forms import analytics_year_bounds
from zhuanxing.core.params import ParamForm, year_field


class ClusterParams(ParamForm):
    """``?region=&year=&base=``: the region is checked against the user by the selectors; the
    years against the store's span by the page."""

    region = forms.CharField(required=False, max_length=12)

    def __init__(self, data):
        super().__init__(data)
        low, high = analytics_year_bounds()
        self.fields["year"] = year_field(low, high)
        self.fields["base"] = year_field(low, high, label=_("Base year"))
