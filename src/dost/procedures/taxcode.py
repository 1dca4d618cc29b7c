"""Vietnamese enterprise tax codes (mã số thuế): format and check digit, as pure functions.

An enterprise (or cooperative) has a 10-digit code; a dependent unit (branch, representative office) has
13 digits: its parent's 10 digits, a dash, and a 3-digit sequence from 001 ("0314409058-002"). The first
two digits were a province code and the next seven a sequence; the tenth is a check digit over the first
nine:

    check = 10 − (31·d1 + 29·d2 + 23·d3 + 19·d4 + 17·d5 + 13·d6 + 7·d7 + 5·d8 + 3·d9) mod 11

A result of 10 cannot be written as one digit: no valid code has such a body, so it is refused. Checked
against python-stdnum's ``stdnum.vn.mst`` (same weights and rule; it also refuses the sequence 0000000 and
the branch suffix 000) and the worked example 0100047516 cited from the tax administration's circular.

The check digit only catches typing mistakes; it says nothing about whether the code was ever issued.
Individuals' 12-digit codes (citizen identity numbers) are not enterprise codes and are refused here.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)

# Separators people type or paste: spaces (also non-breaking), dots between groups, dashes of any kind.
_SPACES = re.compile(r"[\s.\u00a0]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SHAPE = re.compile(r"^(\d{10})(?:-?(\d{3}))?$")


def check_digit(body: str) -> int | None:
    """The check digit for the first nine digits of a code, or None when the rule yields 10 (no valid code)."""
    if len(body) != 9 or not body.isdigit():
        raise ValueError("the body of a tax code is nine digits")
    value = 10 - sum(weight * int(digit) for weight, digit in zip(WEIGHTS, body, strict=True)) % 11
    return None if value == 10 else value


def normalise(value: str) -> str:
    """The canonical spelling stored and compared: ``0100233488`` or ``0314409058-002``.

    Only separators are removed; the result may still be invalid (see ``validate_tax_code``).
    """
    text = _DASHES.sub("-", _SPACES.sub("", value or ""))
    match = _SHAPE.match(text)
    if not match:
        return text
    base, branch = match.groups()
    return f"{base}-{branch}" if branch else base


def digits(value: str) -> str:
    """The code's digits only, so that ``0314409058-002`` and ``0314409058002`` compare equal."""
    return re.sub(r"\D", "", value or "")


def problem(value: str) -> str | None:
    """Why ``value`` is not a valid enterprise tax code (a Vietnamese message), or None when it is."""
    text = normalise(value)
    if not text:
        return _("Vui lòng nhập mã số thuế.")
    match = _SHAPE.match(text)
    if not match:
        return _("Mã số thuế gồm 10 chữ số, hoặc 13 chữ số viết dạng 10 số - 3 số đối với chi nhánh, "
                 "đơn vị phụ thuộc (ví dụ 0100233488 hoặc 0314409058-002).")
    base, branch = match.groups()
    if base[2:9] == "0000000":
        return _("Mã số thuế không hợp lệ: phần số thứ tự không thể là 0000000.")
    if branch == "000":
        return _("Mã số thuế chi nhánh không hợp lệ: ba số cuối phải từ 001 đến 999.")
    if check_digit(base[:9]) != int(base[9]):
        return _("Mã số thuế không đúng (chữ số kiểm tra không khớp). Vui lòng kiểm tra lại từng chữ số.")
    return None


def is_valid(value: str) -> bool:
    return problem(value) is None


def validate_tax_code(value: str) -> str:
    """The normalised code; raises ``ValidationError`` with the reason in Vietnamese when invalid."""
    reason = problem(value)
    if reason:
        raise ValidationError(reason, code="invalid_tax_code")
    return normalise(value)
