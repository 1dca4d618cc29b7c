"""Self-registration of enterprises and cooperatives as applicants, testable without HTTP.

One transaction creates the organisation (with its normalised tax code), the login account and the
applicant membership, all attributed to the new account in the audit trail. A tax code can be registered
once: the check compares digits only, so codes stored by hand with spaces or dots still count, and on
PostgreSQL a transaction-scoped advisory lock on the code serialises two simultaneous registrations (SQLite
already serialises writers: its transactions start IMMEDIATE).

The organisation record has no fields for the address, the legal representative or the phone number, so
the declaration as submitted is kept word for word as a text attachment of the organisation (visible to
administrators only) until such fields exist.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dost.core.audit import acting_as
from dost.core.mixins import write_audit
from dost.core.models import Membership, Organisation
from dost.core.services import attach_file
from dost.core.status import OrganisationKind, Role

from . import taxcode

# Kinds an applicant may declare. Cooperative unions (liên hiệp hợp tác xã) are cooperatives in law
# (Law on Cooperatives 2023) and have no kind of their own in core; the label says they belong here.
APPLICANT_KINDS = [
    (OrganisationKind.ENTERPRISE.value, gettext_lazy("Doanh nghiệp")),
    (OrganisationKind.COOPERATIVE.value, gettext_lazy("Hợp tác xã, liên hiệp hợp tác xã")),
]


@dataclass(frozen=True)
class Registration:
    """What an enterprise declares when it registers (the password in clear, validated by the form)."""

    name: str
    tax_code: str
    kind: str
    address: str
    representative: str
    representative_title: str
    contact_name: str
    email: str
    phone: str
    username: str
    password: str


def duplicate_message() -> str:
    """Said whenever a tax code is taken; it names no organisation and no account."""
    return _("Mã số thuế này đã được đăng ký tài khoản trên hệ thống. Nếu đây là mã số thuế của tổ chức bạn, "
             "vui lòng liên hệ Sở Khoa học và Công nghệ để được hỗ trợ.")


def tax_code_taken(code: str) -> bool:
    """Whether any organisation already carries this code, however its separators were typed."""
    wanted = taxcode.digits(code)
    if not wanted:
        return False
    stripped = Replace(Replace(Replace(Replace("tax_code", Value(" "), Value("")), Value("-"), Value("")),
                               Value("."), Value("")), Value("\u00a0"), Value(""))
    return Organisation.objects.annotate(tax_digits=stripped).filter(tax_digits=wanted).exists()


def username_taken(username: str) -> bool:
    return get_user_model().objects.filter(username__iexact=username.strip()).exists()


def _lock_tax_code(code: str) -> None:
    if connection.vendor == "postgresql":
        key = int.from_bytes(hashlib.sha256(f"dost-tax-code:{code}".encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _declaration(data: Registration, tax_code: str, kind_label: str) -> SimpleUploadedFile:
    lines = [
        _("TỜ KHAI ĐĂNG KÝ TÀI KHOẢN NỘP HỒ SƠ TRỰC TUYẾN"),
        _("Thời điểm đăng ký: %(at)s") % {"at": timezone.localtime().strftime("%d/%m/%Y %H:%M")},
        _("Tên tổ chức: %(v)s") % {"v": data.name},
        _("Mã số thuế: %(v)s") % {"v": tax_code},
        _("Loại hình: %(v)s") % {"v": kind_label},
        _("Địa chỉ trụ sở: %(v)s") % {"v": data.address},
        _("Người đại diện theo pháp luật: %(v)s") % {"v": data.representative},
        _("Chức danh người đại diện: %(v)s") % {"v": data.representative_title},
        _("Người liên hệ: %(v)s") % {"v": data.contact_name},
        _("Thư điện tử: %(v)s") % {"v": data.email},
        _("Điện thoại: %(v)s") % {"v": data.phone},
        _("Tên đăng nhập: %(v)s") % {"v": data.username},
    ]
    content = ("\n".join(lines) + "\n").encode("utf-8")
    return SimpleUploadedFile(f"dang-ky-{taxcode.digits(tax_code)}.txt", content, content_type="text/plain")


def register_enterprise(data: Registration) -> tuple[Organisation, Any]:
    """Create organisation, account and applicant membership together, or nothing.

    Raises ``ValidationError`` keyed by field ("tax_code", "username", "kind") when the data cannot be
    registered; the form checks the same things first, so these guard against races and direct calls.
    """
    try:
        return _register(data)
    except IntegrityError as error:  # a username taken between the form's check and the insert
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng. Vui lòng chọn tên khác.")}) \
            from error


@transaction.atomic
def _register(data: Registration) -> tuple[Organisation, Any]:
    tax_code = taxcode.validate_tax_code(data.tax_code)
    kinds = dict(APPLICANT_KINDS)
    if data.kind not in kinds:
        raise ValidationError({"kind": _("Loại hình tổ chức không hợp lệ.")})
    _lock_tax_code(taxcode.digits(tax_code))
    if tax_code_taken(tax_code):
        raise ValidationError({"tax_code": duplicate_message()}, code="duplicate")
    if username_taken(data.username):
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng. Vui lòng chọn tên khác.")})
    User = get_user_model()
    user = User(username=data.username.strip(), email=data.email.strip(), first_name=data.contact_name.strip())
    user.set_password(data.password)
    user.save()
    with acting_as(user, "web"):
        # Accounts are Django's own model, outside the audited business models: record the creation here.
        write_audit(user, "create", user.pk, user.get_username(), None,
                    {"username": user.username, "email": user.email, "first_name": user.first_name,
                     "registered_for_tax_code": tax_code})
        organisation = Organisation(name=data.name.strip(), kind=data.kind, tax_code=tax_code,
                                    head_title=data.representative_title.strip())
        organisation.save()
        Membership.objects.create(user=user, organisation=organisation, role=Role.APPLICANT,
                                  position=_("Người liên hệ"))
        attach_file(organisation, _declaration(data, tax_code, str(kinds[data.kind])), user, purpose="registration")
    return organisation, user
