"""Status and role choices with their colours, in one place.

Templates render any status through ``{% status_badge %}``, which looks the colour up here, so a status
looks the same on every page.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEADER = "leader", _("Lãnh đạo")
    OFFICER = "officer", _("Chuyên viên")
    VIEWER = "viewer", _("Người xem")
    ADMIN = "admin", _("Quản trị")
    APPLICANT = "applicant", _("Người nộp hồ sơ")


class OrganisationKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("UBND tỉnh")
    PEOPLES_COUNCIL = "peoples_council", _("HĐND tỉnh")
    MINISTRY = "ministry", _("Bộ, ngành Trung ương")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DIVISION = "division", _("Phòng")
    SUB_DEPARTMENT = "sub_department", _("Chi cục")
    CENTRE = "centre", _("Trung tâm")
    OFFICE = "office", _("Văn phòng")
    INSPECTORATE = "inspectorate", _("Thanh tra")
    DISTRICT = "district", _("Huyện, thành phố")
    COMMUNE = "commune", _("Xã, phường")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    ASSOCIATION = "association", _("Hội, hiệp hội, liên minh")
    SCIENCE_ORG = "science_org", _("Tổ chức KH&CN")
    OTHER = "other", _("Khác")


class DocumentKind(models.TextChoices):
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    DECISION = "quyet_dinh", _("Quyết định")
    PLAN = "ke_hoach", _("Kế hoạch")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    DECREE = "nghi_dinh", _("Nghị định")
    CIRCULAR = "thong_tu", _("Thông tư")
    PROGRAMME = "chuong_trinh", _("Chương trình")
    REPORT = "bao_cao", _("Báo cáo")
    CONCLUSION = "ket_luan", _("Kết luận")
    OTHER = "khac", _("Khác")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")
    REPLACED = "replaced", _("Đã bị thay thế")


class TaskStatus(models.TextChoices):
    """Derived on read from dates, milestones and accepted progress; never stored."""

    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    DONE = "done", _("Hoàn thành")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Bị trả lại")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    RUNNING = "running", _("Đang đọc văn bản")
    PARSED = "parsed", _("Chờ rà soát")
    FAILED = "failed", _("Lỗi")
    DONE = "done", _("Đã nhập")


class PeriodicReportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ tạo")
    RENDERING = "rendering", _("Đang tạo văn bản")
    FINDINGS = "findings", _("Có sai lệch số liệu")
    CHECKED = "checked", _("Đã kiểm tra, chờ ban hành")
    ISSUED = "issued", _("Đã ban hành")
    FAILED = "failed", _("Lỗi")


class DossierStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã nộp, chờ tiếp nhận")
    RECEIVED = "received", _("Đang giải quyết")
    SUPPLEMENT = "supplement", _("Chờ bổ sung hồ sơ")
    SIGNATURE = "signature", _("Chờ lãnh đạo ký")
    APPROVED = "approved", _("Đã có kết quả")
    REFUSED = "refused", _("Từ chối giải quyết")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")


class ApplicationStatus(models.TextChoices):
    """An application for support under a programme (``dost.grants``); its dossier has its own status."""

    DRAFT = "draft", _("Chờ thẩm định")
    APPRAISED = "appraised", _("Đã thẩm định")
    DECIDED = "decided", _("Đã quyết định hỗ trợ")
    REJECTED = "rejected", _("Không hỗ trợ")
    PAID = "paid", _("Đã chi trả đủ")


# Bootstrap colour names per status value; one table for the whole interface.
STATUS_COLOURS: dict[str, str] = {
    PlanStatus.DRAFT: "secondary",
    PlanStatus.ISSUED: "info",
    PlanStatus.IN_PROGRESS: "primary",
    PlanStatus.CLOSED: "success",
    PlanStatus.REPLACED: "dark",
    TaskStatus.NOT_STARTED: "secondary",
    TaskStatus.ON_TRACK: "primary",
    TaskStatus.DUE_SOON: "warning",
    TaskStatus.OVERDUE: "danger",
    TaskStatus.DONE: "success",
    ReportStatus.SUBMITTED: "warning",
    ReportStatus.ACCEPTED: "success",
    ReportStatus.RETURNED: "danger",
    ImportStatus.QUEUED: "secondary",
    ImportStatus.RUNNING: "info",
    ImportStatus.PARSED: "warning",
    ImportStatus.FAILED: "danger",
    ImportStatus.DONE: "success",
    PeriodicReportStatus.RENDERING: "info",
    PeriodicReportStatus.FINDINGS: "warning",
    PeriodicReportStatus.CHECKED: "primary",
    DossierStatus.SUBMITTED: "secondary",
    DossierStatus.RECEIVED: "primary",
    DossierStatus.SUPPLEMENT: "warning",
    DossierStatus.SIGNATURE: "info",
    DossierStatus.APPROVED: "success",
    DossierStatus.REFUSED: "danger",
    DossierStatus.WITHDRAWN: "dark",
    # ApplicationStatus.DRAFT shares the value "draft" (and the default colour) with PlanStatus.DRAFT.
    ApplicationStatus.APPRAISED: "info",
    ApplicationStatus.DECIDED: "primary",
    ApplicationStatus.REJECTED: "danger",
    ApplicationStatus.PAID: "success",
}

_LABELS: dict[str, str] = {**dict(PlanStatus.choices), **dict(TaskStatus.choices)}


def status_label(value: str) -> str:
    return str(_LABELS.get(value, value))


def status_colour(value: str) -> str:
    return STATUS_COLOURS.get(value, "secondary")
