"""Number formatting for indicator values: significant digits by size, "no data" for None."""

import json

from django import template
from django.utils.formats import number_format

register = template.Library()


def _places(value: float) -> int:
    size = abs(value)
    if size >= 1000:
        return 0
    if size >= 100:
        return 1
    if size >= 1:
        return 2
    return 3


@register.filter
def num(value) -> str:
    if value is None:
        return "—"
    return number_format(value, _places(value), use_l10n=True, force_grouping=True)


@register.filter
def signed(value) -> str:
    if value is None:
        return "—"
    text = num(value)
    return text if value < 0 else f"+{text}"


@register.filter
def jsonlist(value) -> str:
    return json.dumps(list(value))


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
