"""Password policy pieces Django does not translate for us.

Django's Vietnamese catalogue still carries the old ``%(min_length)d`` wording of the minimum-length
message, while Django 6 asks for a ``%d`` one, so the message would reach users in English. This validator
says the same thing in Vietnamese; the other validators (common, numeric, similarity) are translated by
Django itself.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length rule with its message and help text in Vietnamese."""

    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
