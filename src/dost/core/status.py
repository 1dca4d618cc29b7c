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


class ProjectStatus(models.TextChoices):
    """A state-funded S&T task's lifecycle (``dost.research``); the transitions live in research.lifecycle."""

    PROPOSED = "proposed", _("Đề xuất")
    IDENTIFICATION = "identification", _("Hội đồng tư vấn xác định")
    SELECTION = "selection", _("Tuyển chọn / giao trực tiếp")
    APPRAISAL = "appraisal", _("Thẩm định kinh phí")
    CONTRACTING = "contracting", _("Chờ ký hợp đồng")
    IMPLEMENTING = "implementing", _("Đang thực hiện")
    SUSPENDED = "suspended", _("Tạm dừng")
    ACCEPTANCE = "acceptance", _("Đang nghiệm thu")
    COMPLETED = "completed", _("Đã nghiệm thu")
    NOT_PASSED = "not_passed", _("Nghiệm thu không đạt")
    REGISTERED = "registered", _("Đã đăng ký kết quả")
    APPLIED = "applied", _("Đang ứng dụng, nhân rộng")
    TERMINATED = "terminated", _("Đã chấm dứt")
    NOT_SELECTED = "not_selected", _("Không được phê duyệt")


class ProposalStatus(models.TextChoices):
    """A proposal collected in a call (đề xuất đặt hàng, ``dost.research``)."""

    FILED = "filed", _("Đã tiếp nhận")
    SENT = "sent", _("Đã đưa ra Hội đồng xác định")
    MERGED = "merged", _("Đã gộp vào đề xuất trùng")
    DECLINED = "declined", _("Không đưa vào danh mục")


class ProjectTiming(models.TextChoices):
    """A project's schedule, derived in SQL from its dates and progress checks (``research.queries``)."""

    LATE = "late", _("Quá thời hạn thực hiện")
    CHECK_OVERDUE = "check_overdue", _("Quá hạn kiểm tra tiến độ")
    ENDING_SOON = "ending_soon", _("Sắp hết thời hạn")
    CHECK_DUE = "check_due", _("Sắp kiểm tra tiến độ")
    ON_SCHEDULE = "on_schedule", _("Trong thời hạn")
    NOT_RUNNING = "not_running", _("Chưa/không thực hiện")


class RoundStatus(models.TextChoices):
    """An assessment round of a council (``dost.councils``)."""

    PREPARING = "preparing", _("Chuẩn bị")
    SCORING = "scoring", _("Đang chấm")
    CLOSED = "closed_round", _("Đã có kết quả")


class CouncilRole(models.TextChoices):
    """A member's role in a council or jury (``dost.councils``); quorum rules name the roles that must attend."""

    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
    SECRETARY = "secretary", _("Thư ký")
    REVIEWER = "reviewer", _("Ủy viên phản biện")
    MEMBER = "member", _("Ủy viên")


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
    ProjectStatus.PROPOSED: "secondary",
    ProjectStatus.IDENTIFICATION: "info",
    ProjectStatus.SELECTION: "info",
    ProjectStatus.APPRAISAL: "info",
    ProjectStatus.CONTRACTING: "warning",
    ProjectStatus.IMPLEMENTING: "primary",
    ProjectStatus.SUSPENDED: "warning",
    ProjectStatus.ACCEPTANCE: "info",
    ProjectStatus.COMPLETED: "success",
    ProjectStatus.NOT_PASSED: "danger",
    ProjectStatus.REGISTERED: "success",
    ProjectStatus.APPLIED: "success",
    ProjectStatus.TERMINATED: "dark",
    ProjectStatus.NOT_SELECTED: "dark",
    ProjectTiming.LATE: "danger",
    ProjectTiming.CHECK_OVERDUE: "danger",
    ProjectTiming.ENDING_SOON: "warning",
    ProjectTiming.CHECK_DUE: "warning",
    ProjectTiming.ON_SCHEDULE: "primary",
    ProjectTiming.NOT_RUNNING: "secondary",
    ProposalStatus.FILED: "secondary",
    ProposalStatus.SENT: "info",
    ProposalStatus.MERGED: "dark",
    ProposalStatus.DECLINED: "danger",
    RoundStatus.PREPARING: "secondary",
    RoundStatus.SCORING: "primary",
    RoundStatus.CLOSED: "success",
    CouncilRole.CHAIR: "primary",
    CouncilRole.VICE_CHAIR: "info",
    CouncilRole.SECRETARY: "warning",
    CouncilRole.REVIEWER: "dark",
    CouncilRole.MEMBER: "secondary",
}

_LABELS: dict[str, str] = {**dict(PlanStatus.choices), **dict(TaskStatus.choices)}


def status_label(value: str) -> str:
    return str(_LABELS.get(value, value))


def status_colour(value: str) -> str:
    return STATUS_COLOURS.get(value, "secondary")
