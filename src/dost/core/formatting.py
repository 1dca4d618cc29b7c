"""Vietnamese number, money and date formats: ``25/02/2019``, ``800.000.000 đ``, ``47,5%``."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any


def group_thousands(value: int) -> str:
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def format_number(value: Any, decimals: int | None = None) -> str:
    """``1022.16`` → ``1.022,16``; integers keep no decimals unless asked."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else max(0, -number.as_tuple().exponent)
    quantised = round(number, decimals)
    integer_part = int(abs(quantised))
    text = group_thousands(integer_part if quantised >= 0 else -integer_part)
    if quantised < 0 and integer_part == 0:
        text = "-0"
    if decimals:
        fraction = f"{abs(quantised) - integer_part:.{decimals}f}"[2:]
        text = f"{text},{fraction}"
    return text


def format_money(value: Any) -> str:
    if value is None or value == "":
        return ""
    return f"{format_number(int(Decimal(str(value))))} đ"


def format_percent(value: Any, decimals: int = 1) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        decimals = 0
    return f"{format_number(number, decimals)}%"


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def format_partial_date(year: int | None, month: int | None, day: int | None) -> str:
    """A document's own date, keeping blanks blank: ``../02/2026`` for "ngày tháng 02 năm 2026"."""
    if not year and not month and not day:
        return ""
    d = f"{day:02d}" if day else ".."
    m = f"{month:02d}" if month else ".."
    return f"{d}/{m}/{year or '....'}"
