"""Template filters for Vietnamese formats and status badges (loaded as a builtin)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from .. import formatting
from ..status import status_colour, status_label

register = template.Library()


@register.filter
def vnd(value):
    return formatting.format_money(value)


@register.filter
def vnum(value, decimals=None):
    return formatting.format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def vpercent(value, decimals=1):
    return formatting.format_percent(value, int(decimals))


@register.filter
def vdate(value):
    return formatting.format_date(value)


@register.simple_tag
def status_badge(value, label=None):
    return format_html(
        '<span class="badge text-bg-{} status-{}">{}</span>',
        status_colour(value),
        value,
        label or status_label(value),
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def vfigure(value):
    """An entered figure as printed, without the trailing zeros of its stored precision (``1.022,16``)."""
    if value is None or value == "":
        return ""
    from decimal import Decimal

    return formatting.format_number(Decimal(str(value)).normalize())
