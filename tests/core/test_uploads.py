import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dost.core.uploads import check_upload, sanitise_filename, sniff

pytestmark = pytest.mark.pure


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_pdf_is_recognised_by_content():
    assert sniff(b"%PDF-1.7\n...").mime_type == "application/pdf"


def test_docx_is_recognised_inside_zip():
    assert sniff(_docx_bytes()).extension == ".docx"


def test_plain_zip_archive_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    assert sniff(buffer.getvalue()) is None


def test_executable_renamed_to_pdf_is_refused():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("baocao.pdf", b"MZ\x90\x00\x03\x00\x00\x00"))


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("rong.txt", b""))


def test_oversized_file_is_refused(settings):
    settings.DOST_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("lon.txt", b"x" * 11))


def test_names_are_sanitised():
    assert sanitise_filename("../../etc/Báo cáo <1>.pdf") == "Báo cáo _1_.pdf"


def test_extension_follows_content():
    checked = check_upload(SimpleUploadedFile("minh-chung.exe", b"%PDF-1.4 test"))
    assert checked.name.endswith(".pdf")
