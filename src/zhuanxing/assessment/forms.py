from django import forms
from django.utils.translation import gettext_lazy as _


class TargetUploadForm(forms.Form):
    file = forms.FileField(label=_("Targets workbook (.xlsx)"))
