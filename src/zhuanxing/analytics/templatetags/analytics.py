"""Number formatting for indicator values: ``core.figures.format_number`` (rounded half up, at
the indicator's precision ``{{ v|num:ind.decimals }}`` or by size), "—" for None."""

import json

from django import template

from zhuanxing.core.figures import format_number

register = template.Library()


@register.filter
def num(value, decimals=None) -> str:
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def signed(value, decimals=None) -> str:
    if value is None:
        return "—"
    text = num(value, decimals)
    return text if text.startswith("-") else f"+{text}"


@register.filter
def jsonlist(value) -> str:
    return json.dumps(list(value))


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
