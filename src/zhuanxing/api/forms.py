from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"), max_length=100,
        help_text=_("For example: the statistics bureau's reporting system"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"] = forms.IntegerField(
            label=_("Valid for (days)"),
            min_value=1,
            max_value=settings.ZHUANXING["API_TOKEN_MAX_DAYS"],
            initial=90,
        )
