"""Forms of the applicant side: registration, online submission, the supplement answer, the public look-up.

Uploaded files are checked here before any write, by content (``check_upload``: size, real type) and
against the formats the procedure accepts for that document, so that a refused file is reported beside
its own input and nothing is stored. The engine's services check again (they are the authority).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dost.core.forms import BootstrapMixin
from dost.core.models import Organisation
from dost.core.uploads import check_upload

from . import registration, taxcode
from .models import RequiredDocument

# Extensions that name the same content (the sniffer answers with the first of each pair).
_SAME_CONTENT = {".jpeg": ".jpg", ".tiff": ".tif"}


def _canonical(extension: str) -> str:
    return _SAME_CONTENT.get(extension, extension)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files for one document (a scan in pages, annexes); the cleaned value is always a list."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list:
        given = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not given:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        cleaned, errors = [], []
        for uploaded in given:
            try:
                cleaned.append(super().clean(uploaded, initial))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return cleaned


def check_document_file(requirement: RequiredDocument, uploaded: Any) -> None:
    """Refuse a file whose content is not of a format the document accepts; name it by its content.

    The service judges formats by the file's name; a file whose name lacks the right extension but
    whose content is right (a scan saved as "don" or "don.jpeg") is renamed so both agree.
    """
    checked = check_upload(uploaded)
    content_extension = "." + checked.name.rsplit(".", 1)[-1].lower()
    matching = sorted(e for e in requirement.extensions if _canonical(e) == _canonical(content_extension))
    if not matching:
        raise ValidationError(
            _("Nội dung tệp “%(file)s” không thuộc định dạng được chấp nhận cho “%(name)s” (%(formats)s).")
            % {"file": uploaded.name, "name": requirement.name, "formats": requirement.accepted_formats})
    name = uploaded.name or ""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in requirement.extensions:
        stem = name.rsplit(".", 1)[0] if "." in name else (name or "tep")
        uploaded.name = f"{stem}{content_extension if content_extension in matching else matching[0]}"


def accept_attribute(requirement: RequiredDocument) -> str:
    return ",".join(sorted(requirement.extensions))


class DocumentFilesMixin:
    """One multiple-file input per required document of a procedure, named ``doc_<id>``."""

    requirements: list[RequiredDocument]

    def _add_document_fields(self, requirements: Iterable[RequiredDocument], enforce_mandatory: bool) -> None:
        self.requirements = list(requirements)
        for requirement in self.requirements:
            required = enforce_mandatory and requirement.mandatory
            field = MultipleFileField(
                label=requirement.name, required=required,
                help_text=_("Định dạng: %(formats)s. Có thể chọn nhiều tệp.") % {
                    "formats": ", ".join(e.lstrip(".") for e in sorted(requirement.extensions))},
                error_messages={"required": _("Thiếu thành phần hồ sơ bắt buộc: %(name)s.")
                                % {"name": requirement.name}})
            field.widget.attrs.update({"class": "form-control", "accept": accept_attribute(requirement)})
            field.requirement = requirement
            self.fields[self.document_field(requirement)] = field  # type: ignore[attr-defined]

    @staticmethod
    def document_field(requirement: RequiredDocument) -> str:
        return f"doc_{requirement.pk}"

    def _clean_documents(self) -> None:
        for requirement in self.requirements:
            name = self.document_field(requirement)
            files = self.cleaned_data.get(name) or []  # type: ignore[attr-defined]
            problems = []
            for uploaded in files:
                try:
                    check_document_file(requirement, uploaded)
                except ValidationError as error:
                    problems.extend(error.messages)
            if problems:
                self.add_error(name, problems)  # type: ignore[attr-defined]

    def files_by_requirement(self) -> dict[int, list]:
        """The service's shape: requirement id → its files, for documents with at least one file."""
        return {r.pk: self.cleaned_data[self.document_field(r)] for r in self.requirements  # type: ignore[attr-defined]
                if self.cleaned_data.get(self.document_field(r))}  # type: ignore[attr-defined]

    def document_fields(self) -> list:
        return [self[self.document_field(r)] for r in self.requirements]  # type: ignore[index]


# ---------------------------------------------------------------------------------------------- registration


_PHONE = re.compile(r"^\+?\d{9,12}$")


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s.\-()]", "", value or "")


class RegistrationForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên tổ chức"), max_length=255,
                           help_text=gettext_lazy("Đúng như trên giấy chứng nhận đăng ký doanh nghiệp, hợp tác xã."))
    tax_code = forms.CharField(label=gettext_lazy("Mã số thuế"), max_length=20,
                               help_text=gettext_lazy("10 chữ số; chi nhánh, đơn vị phụ thuộc: 10 số - 3 số."))
    kind = forms.ChoiceField(label=gettext_lazy("Loại hình"), choices=registration.APPLICANT_KINDS)
    address = forms.CharField(label=gettext_lazy("Địa chỉ trụ sở"), max_length=500)
    representative = forms.CharField(label=gettext_lazy("Người đại diện theo pháp luật"), max_length=150)
    representative_title = forms.CharField(label=gettext_lazy("Chức danh người đại diện"), max_length=100,
                                           required=False, help_text=gettext_lazy("Ví dụ: Giám đốc."))
    contact_name = forms.CharField(label=gettext_lazy("Người liên hệ"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử liên hệ"))
    phone = forms.CharField(label=gettext_lazy("Điện thoại liên hệ"), max_length=30)
    username = forms.CharField(label=gettext_lazy("Tên đăng nhập"), max_length=150,
                               validators=[UnicodeUsernameValidator()],
                               help_text=gettext_lazy("Chữ, số và các ký tự @ . + - _ ; tối đa 150 ký tự."))
    password1 = forms.CharField(label=gettext_lazy("Mật khẩu"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=gettext_lazy("Ít nhất 10 ký tự, không quá phổ biến, không chỉ gồm chữ số, "
                                                       "không giống tên đăng nhập hay thư điện tử."))
    password2 = forms.CharField(label=gettext_lazy("Nhập lại mật khẩu"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tax_code"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self._style()

    def clean_tax_code(self) -> str:
        code = taxcode.validate_tax_code(self.cleaned_data["tax_code"])
        if registration.tax_code_taken(code):
            raise ValidationError(registration.duplicate_message(), code="duplicate")
        return code

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data["phone"])
        if not _PHONE.match(phone):
            raise ValidationError(_("Số điện thoại gồm 9 đến 12 chữ số, có thể bắt đầu bằng dấu +."))
        return phone

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if registration.username_taken(username):
            raise ValidationError(_("Tên đăng nhập này đã có người dùng. Vui lòng chọn tên khác."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        elif first:
            candidate = get_user_model()(username=data.get("username", ""), email=data.get("email", ""),
                                         first_name=data.get("contact_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    def registration(self) -> registration.Registration:
        data = self.cleaned_data
        return registration.Registration(
            name=data["name"], tax_code=data["tax_code"], kind=data["kind"], address=data["address"],
            representative=data["representative"], representative_title=data.get("representative_title", ""),
            contact_name=data["contact_name"], email=data["email"], phone=data["phone"],
            username=data["username"], password=data["password1"])


# ---------------------------------------------------------------------------------------------- dossiers


class SubmissionForm(DocumentFilesMixin, BootstrapMixin, forms.Form):
    """A dossier: the organisation (when the user acts for several), the files per document, the contact."""

    organisation = forms.ModelChoiceField(label=gettext_lazy("Tổ chức nộp hồ sơ"), queryset=Organisation.objects.none(),
                                          empty_label=None)
    contact_name = forms.CharField(label=gettext_lazy("Người liên hệ"), max_length=150)
    contact_phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=30, required=False)
    contact_email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)

    def __init__(self, *args: Any, requirements: Iterable[RequiredDocument] = (),
                 organisations: list[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations or []
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
        self._style()
        self._add_document_fields(requirements, enforce_mandatory=True)

    def clean_contact_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data.get("contact_phone", ""))
        if phone and not _PHONE.match(phone):
            raise ValidationError(_("Số điện thoại gồm 9 đến 12 chữ số, có thể bắt đầu bằng dấu +."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_documents()
        return data

    def contact(self) -> dict[str, str]:
        data = self.cleaned_data
        return {"name": data["contact_name"], "phone": data.get("contact_phone", ""),
                "email": data.get("contact_email", "")}


class SupplementForm(DocumentFilesMixin, BootstrapMixin, forms.Form):
    """The answer to the supplement request: new files for the documents concerned, and a note."""

    note = forms.CharField(label=gettext_lazy("Ghi chú gửi cơ quan giải quyết"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, requirements: Iterable[RequiredDocument] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
        self._add_document_fields(requirements, enforce_mandatory=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_documents()
        if not self.errors and not self.files_by_requirement():
            raise ValidationError(_("Cần tải lên ít nhất một tài liệu bổ sung."))
        return data


# ---------------------------------------------------------------------------------------------- look-up


_DASH_LIKE = re.compile(r"[\u2010-\u2015\u2212]")


class LookupForm(BootstrapMixin, forms.Form):
    public_code = forms.CharField(label=gettext_lazy("Mã hồ sơ"), max_length=40,
                                  help_text=gettext_lazy("In trên giấy tiếp nhận, ví dụ KHCN-2026-000123."))
    access_code = forms.CharField(label=gettext_lazy("Mã tra cứu"), max_length=40,
                                  help_text=gettext_lazy("10 ký tự in trên giấy tiếp nhận, bên cạnh mã hồ sơ."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["public_code"].widget.attrs.update({"placeholder": "KHCN-2026-000123", "autocomplete": "off"})
        self.fields["access_code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self._style()

    def clean_public_code(self) -> str:
        return re.sub(r"\s+", "", _DASH_LIKE.sub("-", self.cleaned_data["public_code"])).upper()

    def clean_access_code(self) -> str:
        return re.sub(r"[\s\-]+", "", self.cleaned_data["access_code"]).upper()
