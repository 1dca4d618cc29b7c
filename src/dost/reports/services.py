"""Generating, checking and issuing periodic reports.

A report is rendered (.docx, .xlsx, .pdf) from the data, then the .docx dost wrote is read back and checked
by the same verifier that checks documents dost did not write (``dost verify``). Only a report without
findings can be issued; issuing numbers and dates it and renders it again with its signer.
"""

from __future__ import annotations

import datetime
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dost.core.heartbeat import beating
from dost.core.models import Attachment, Organisation
from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.services import attach_file
from dost.core.status import PeriodicReportStatus, Role
from dost.core.testhooks import pause
from dost.documents.model import AdministrativeDocument
from dost.documents.render import docx_to_pdf, render_docx, render_xlsx

from . import content
from .models import PeriodicReport, period_bounds

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass
class Rendered:
    document: AdministrativeDocument
    files: dict[str, bytes]
    findings: list[dict]
    notes: list[str]
    summary: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, for the benchmarks and logs


def render(organisation: Organisation, kind: str, start: datetime.date, end: datetime.date, *,
           formats: tuple[str, ...] = ("docx", "xlsx", "pdf"), title: str = "", symbol: str = "BC-KHCN",
           number: str = "", date: datetime.date | None = None, signer_user: Any = None) -> Rendered:
    """Build and render a report; the .docx is always rendered because the check reads it."""
    timings: dict[str, float] = {}
    clock = time.monotonic()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.monotonic()
        timings[step] = round(now - clock, 3)
        clock = now

    data = content.gather(organisation, start, end)
    document = content.build_document(data, kind=kind, title=title, symbol=symbol, number=number, date=date,
                                      signer=content.signer_for(organisation, signer_user))
    lap("gather")
    files: dict[str, bytes] = {"docx": render_docx(document)}
    lap("docx")
    # LibreOffice lays out the PDF (most of the time of a long report) in its own process while this one
    # writes the .xlsx and checks the .docx; the PDF is converted from the very .docx that is checked.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pdf = pool.submit(_timed, docx_to_pdf, files["docx"]) if "pdf" in formats else None
        if "xlsx" in formats:
            files["xlsx"] = render_xlsx(content.appendix_tables(document))
            lap("xlsx")
        findings, notes = check_docx(files["docx"])
        lap("check")
        if pdf is not None:
            files["pdf"], timings["pdf"] = pdf.result()
            lap("pdf_wait")
    return Rendered(document, files, findings, notes, data.summary(), timings)


def _timed(function, *args):
    started = time.monotonic()
    return function(*args), round(time.monotonic() - started, 3)


def check_docx(data: bytes) -> tuple[list[dict], list[str]]:
    from dost.docparse.verify import verify_file

    with tempfile.TemporaryDirectory(prefix="dost-verify-") as tmp:
        path = Path(tmp) / "report.docx"
        path.write_bytes(data)
        result = verify_file(path)
    return result.get("findings", []), result.get("notes", [])


def can_create(user: Any, organisation: Organisation) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(organisation, WRITE_ROLES)


def can_issue(user: Any, report: PeriodicReport) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(report.organisation, {Role.LEADER})


def can_view(user: Any, report: PeriodicReport) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(report.organisation)


@transaction.atomic
def request_report(user: Any, organisation: Organisation, kind: str, year: int | None = None,
                   start: datetime.date | None = None, end: datetime.date | None = None, title: str = "",
                   symbol: str = "BC-KHCN") -> PeriodicReport:
    if not can_create(user, organisation):
        raise PermissionDenied(_("Bạn không có quyền lập báo cáo của đơn vị này."))
    start, end = period_bounds(kind, year, start, end)
    if start is None or end is None or start > end:
        raise ValidationError(_("Kỳ báo cáo không hợp lệ: ngày bắt đầu phải trước ngày kết thúc."))
    report = PeriodicReport(organisation=organisation, period_kind=kind, start=start, end=end, symbol=symbol,
                            title=title or content.period_title(kind, start, end), created_by=user)
    report.save()
    from .tasks import enqueue

    enqueue(report)
    return report


def files_of(report: PeriodicReport):
    return Attachment.objects.filter(content_type=ContentType.objects.get_for_model(PeriodicReport),
                                     object_id=report.pk, purpose__startswith="report-").order_by("-id")


def _store(report: PeriodicReport, rendered: Rendered, user: Any) -> None:
    # The report's row is locked first: a PDF being attached in the background waits, then sees its .docx gone.
    PeriodicReport.objects.select_for_update().filter(pk=report.pk).exists()
    files_of(report).delete()
    for extension, data in rendered.files.items():
        _attach(report, extension, data, user)
        pause("report-store")  # tests only: a worker killed here must leave nothing half-stored


def _attach(report: PeriodicReport, extension: str, data: bytes, user: Any) -> Attachment:
    base = slugify(f"bao-cao-{report.organisation.short_name or report.organisation.name}-{report.end:%Y%m%d}")
    return attach_file(report, SimpleUploadedFile(f"{base}.{extension}", data, content_type=FORMATS[extension]),
                       user, purpose=f"report-{extension}")


def generate(report: PeriodicReport) -> PeriodicReport:
    """Render and check a requested report (run by the worker); findings keep it from being issued.

    The report is ready, checked, with its .docx and .xlsx, as soon as they are written; the PDF follows in
    a task of its own (``attach_pdf``), converted by LibreOffice from the very .docx that was checked — for
    a province's annual report that conversion is most of the time (``make bench``: report.steps_s).
    """
    report.status, report.heartbeat_at, report.error = PeriodicReportStatus.RENDERING, timezone.now(), ""
    report.save()
    try:
        with beating(PeriodicReport, report.pk):  # a long render must not look like a dead worker
            pause("report-render")  # tests only
            rendered = render(report.organisation, report.period_kind, report.start, report.end,
                              title=report.title, symbol=report.symbol, formats=("docx", "xlsx"))
        with transaction.atomic():
            _store(report, rendered, report.created_by)
            report.findings, report.notes, report.summary = rendered.findings, rendered.notes, rendered.summary
            report.status = PeriodicReportStatus.FINDINGS if rendered.findings else PeriodicReportStatus.CHECKED
            report.heartbeat_at = timezone.now()  # the PDF is due from now on (see pdf_pending)
            report.save()
            from .tasks import enqueue_pdf

            enqueue_pdf(report, files_of(report).get(purpose="report-docx").pk)
    except Exception as error:
        report.status, report.error = PeriodicReportStatus.FAILED, str(error)[:2000]
        report.save(update_fields=["status", "error", "updated_at"])
        raise
    return report


def attach_pdf(report: PeriodicReport, docx_id: int) -> bool:
    """Convert the report's checked .docx (attachment ``docx_id``) to PDF and store it beside it; nothing when
    the report has been rendered again since (that rendering brings its own PDF). A failed conversion is
    shown on the report (``error``) and leaves its status alone."""
    docx = files_of(report).filter(pk=docx_id, purpose="report-docx").first()
    if docx is None:
        return False
    with docx.file.open("rb") as handle:
        data = handle.read()
    try:
        with beating(PeriodicReport, report.pk):  # the PDF counts as due while the conversion runs
            pdf = docx_to_pdf(data)
    except Exception as error:
        with transaction.atomic():
            if files_of(report).filter(pk=docx_id).exists():
                PeriodicReport.objects.filter(pk=report.pk).update(
                    error=_("Chưa tạo được bản PDF: %(error)s") % {"error": str(error)[:1900]})
        raise
    with transaction.atomic():
        PeriodicReport.objects.select_for_update().filter(pk=report.pk).exists()
        if not files_of(report).filter(pk=docx_id).exists():
            return False
        _attach(report, "pdf", pdf, report.created_by)
    return True


def pdf_pending(report: PeriodicReport, files: list[Attachment]) -> bool:
    """Whether the report's PDF is still being converted (the page keeps polling while it is)."""
    from .tasks import STALE_AFTER

    return (report.status in (PeriodicReportStatus.CHECKED, PeriodicReportStatus.FINDINGS) and not report.error
            and not any(f.purpose == "report-pdf" for f in files) and report.heartbeat_at is not None
            and report.heartbeat_at > timezone.now() - STALE_AFTER)


@transaction.atomic
def issue(user: Any, report: PeriodicReport, number: str, issued_on: datetime.date,
          expected_version: int | None = None) -> PeriodicReport:
    """Number, date and sign a checked report; it is rendered again so the files carry all three."""
    if not can_issue(user, report):
        raise PermissionDenied(_("Chỉ lãnh đạo của đơn vị được ban hành báo cáo."))
    if report.status != PeriodicReportStatus.CHECKED:
        raise ValidationError(_("Chỉ ban hành được báo cáo đã kiểm tra số liệu và không còn sai lệch."))
    if not number.strip():
        raise ValidationError(_("Cần nhập số văn bản."))
    PeriodicReport.objects.select_for_update().filter(pk=report.pk).exists()  # see _store
    rendered = render(report.organisation, report.period_kind, report.start, report.end, title=report.title,
                      symbol=report.symbol, number=number.strip(), date=issued_on, signer_user=user)
    if rendered.findings:
        raise ValidationError(_("Số liệu đã thay đổi và có sai lệch; hãy tạo lại báo cáo."))
    _store(report, rendered, user)
    signer = rendered.document.signer
    report.number, report.issued_on = number.strip(), issued_on
    report.signer_name = signer.name if signer else ""
    report.signer_capacity = " / ".join(filter(None, [signer.capacity, signer.title])) if signer else ""
    report.status = PeriodicReportStatus.ISSUED
    report.save_checked(expected_version)
    return report


def verify_uploaded(uploaded: Any, name: str) -> dict:
    """Run the document check on an uploaded file; unreadable files raise ``ValidationError``."""
    from dost.docparse import ParseError
    from dost.docparse.verify import verify_file

    suffix = Path(name).suffix or ".bin"
    with tempfile.TemporaryDirectory(prefix="dost-verify-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        uploaded.seek(0)
        path.write_bytes(uploaded.read())
        try:
            return verify_file(path)
        except ParseError as error:
            raise ValidationError(str(error)) from error
