"""Template filters for Vietnamese formats and status badges (loaded as a builtin)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

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


def _pairs(choices):
    """``choices`` as (value, label) pairs. A model field's choices are read with one plain query: their own
    iterator opens a server-side cursor on PostgreSQL (three round trips) for a list of a few dozen rows."""
    queryset = getattr(choices, "queryset", None)
    if queryset is None or not hasattr(choices, "choice"):
        return choices
    field = choices.field
    head = [("", field.empty_label)] if field.empty_label is not None else []
    return head + [choices.choice(obj) for obj in queryset]


@register.simple_tag
def select_options(choices, selected, blank_label=None):
    """The ``<option>`` elements of a filter's ``choices``, the one equal to ``selected`` (a query-string value,
    compared as text) marked; the blank choice is labelled ``blank_label``, or left out when it is None.

    Built in Python rather than with a template loop: a list page's filter selects (37 procedures, the
    statuses…) cost several milliseconds of template work per request that way.
    """
    selected = "" if selected is None else str(selected)
    rows = []
    for value, label in _pairs(choices):
        value = "" if value is None else str(value)
        if value == "":
            if blank_label is None:
                continue
            label = blank_label
        rows.append((value, " selected" if value == selected else "", label))
    return format_html_join("", '<option value="{}"{}>{}</option>', rows)
