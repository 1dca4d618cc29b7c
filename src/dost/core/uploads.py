"""Checking uploads by their content, never by their name.

Accepted: PDF, Word/Excel (Office Open XML and legacy OLE), OpenDocument text, PNG, JPEG, TIFF and UTF-8
text. Archives and executables are refused even when renamed; names are sanitised before storage.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Sniffed:
    mime_type: str
    extension: str


def _sniff_zip(head: bytes, data: io.BufferedIOBase) -> Sniffed | None:
    try:
        with zipfile.ZipFile(data) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype") == b"application/vnd.oasis.opendocument.text":
                return Sniffed("application/vnd.oasis.opendocument.text", ".odt")
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return Sniffed(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
                    )
                if any(n.startswith("xl/") for n in names):
                    return Sniffed("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def sniff(data: bytes | io.BufferedIOBase) -> Sniffed | None:
    """The type of the content, or None when it is not an accepted kind."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf", ".pdf")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", ".png")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", ".jpg")
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return Sniffed("image/tiff", ".tif")
    if head.startswith(OLE_MAGIC):
        return Sniffed("application/msword", ".doc")
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(head, stream)
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:  # a multi-byte character cut at the 8 KiB boundary is fine
            if error.start < len(head) - 4:
                return None
        return Sniffed("text/plain", ".txt")
    return None


def sanitise_filename(name: str) -> str:
    """Keep letters (Vietnamese included), digits, dot, dash and underscore; no paths, no leading dots."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").split("/")[-1]
    name = re.sub(r"[^\w.\- ]+", "_", name, flags=re.UNICODE).strip(" .")
    name = re.sub(r"\s+", " ", name)
    return (name or "tep")[:200]


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    sha256: str
    mime_type: str


def check_upload(uploaded) -> CheckedUpload:
    """Validate an ``UploadedFile``; raise ``ValidationError`` with a Vietnamese message when refused."""
    limit = settings.DOST_MAX_UPLOAD_BYTES
    if uploaded.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": uploaded.name})
    if uploaded.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(limit)s MB).")
            % {"name": uploaded.name, "limit": limit // (1024 * 1024)}
        )
    uploaded.seek(0)
    content = uploaded.read()
    uploaded.seek(0)
    kind = sniff(content)
    if kind is None:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không thuộc loại được chấp nhận (PDF, Word, Excel, ảnh PNG/JPEG/TIFF, văn bản). "
                "Tệp nén và tệp chạy được không được tải lên."
            )
            % {"name": uploaded.name}
        )
    name = sanitise_filename(uploaded.name)
    if not name.lower().endswith(kind.extension) and not (
        kind.extension == ".jpg" and name.lower().endswith(".jpeg")
    ):
        name = f"{name.rsplit('.', 1)[0] if '.' in name else name}{kind.extension}"
    return CheckedUpload(name, uploaded.size, hashlib.sha256(content).hexdigest(), kind.mime_type)
