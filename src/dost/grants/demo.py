"""Demo data: the procedure and the programme of Resolution 43/2022/NQ-HĐND (Bắc Giang, applied in Bắc Ninh).

Only what the sources state is entered (``/work/shared/DOMAIN.md``, "Support programmes for enterprises",
and sample 000, the Department's 2026 plan for the resolution):

- 50 % of the cost of building, applying and assessing ISO 14000, ISO 50001, ISO 31000, ISO/IEC 17025,
  ISO 22000 or ISO 15189, up to 50.000.000 đ per standard;
- 50 % for SA8000, HACCP, GMP and other standards, with the cap not confirmed (left empty);
- the other contents (advanced management tools and models, quality awards, base standards and conformity
  announcements, traceability) without a level: an administrator enters it from the resolution's text,
  and until then they can be neither appraised nor decided;
- the 2026 envelope of 800.000.000 đ (sample 000, "III. KINH PHÍ"; 16–50 standards, tools or models).

Not stated anywhere we have, so chosen and marked as demo values: the processing time (15 working days),
the procedure's code ("NQ43-HT") and its dossier prefix. The resolution supports enterprises,
cooperatives and cooperative unions "operating in the province"; the eligible kinds are entered (a
cooperative union is a cooperative in core), but the location rule is left empty because the demo
enterprises are not placed under a commune or district; an administrator sets the areas once they are.
No "once per period" rule is entered either: the sources do not state one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from dost.core.audit import acting_as
from dost.core.models import Organisation
from dost.core.status import OrganisationKind, Role
from dost.procedures.models import ProcedureStep, ProcedureType, RequiredDocument, StepKind

from .models import CapUnit, Envelope, Programme, SupportContent

PROCEDURE_CODE = "NQ43-HT"
PROCEDURE_NAME = ("Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, công cụ quản lý theo Nghị quyết 43/2022/NQ-HĐND")
DEMO_PROCESSING_DAYS = 15  # demo value: no source we hold states the time limit of this procedure
PROGRAMME_CODE = "NQ43/2022"
LEGAL_BASIS = (
    "Nghị quyết số 43/2022/NQ-HĐND ngày 09/12/2022 của HĐND tỉnh Bắc Giang quy định chính sách hỗ trợ áp dụng "
    "tiêu chuẩn, công cụ, mô hình, phương pháp quản lý tiên tiến, đạt giải thưởng chất lượng, có sản phẩm, hàng "
    "hóa công bố tiêu chuẩn cơ sở, công bố hợp chuẩn và áp dụng truy xuất nguồn gốc, giai đoạn 2023–2030.\n"
    "Nghị quyết số 17/NQ-HĐND ngày 14/7/2025 của HĐND tỉnh Bắc Ninh ban hành quy định áp dụng, bãi bỏ văn bản "
    "quy phạm pháp luật trong lĩnh vực khoa học và công nghệ do HĐND tỉnh Bắc Giang và HĐND tỉnh Bắc Ninh (cũ) "
    "ban hành trên địa bàn tỉnh Bắc Ninh."
)
ELIGIBLE = [OrganisationKind.ENTERPRISE, OrganisationKind.COOPERATIVE]
NOT_ENTERED = ("Mức hỗ trợ chưa được nhập: quản trị viên nhập tỷ lệ, mức tối đa và đơn vị tính theo văn bản "
               "Nghị quyết trước khi thẩm định hồ sơ.")

REQUIRED_DOCUMENTS = [
    ("Đơn đề nghị hỗ trợ (theo mẫu)", "pdf"),
    ("Thuyết minh nội dung đề nghị hỗ trợ", "pdf,docx"),
    ("Chứng từ chứng minh chi phí (hợp đồng, hóa đơn, chứng từ thanh toán)", "pdf"),
]
STEPS = [
    (StepKind.RECEIVE, "Tiếp nhận hồ sơ", "Đã tiếp nhận hồ sơ", Role.OFFICER),
    (StepKind.APPRAISE, "Thẩm định hồ sơ, đề xuất mức hỗ trợ", "Đang thẩm định hồ sơ", Role.OFFICER),
    (StepKind.APPROVE, "Trình Giám đốc Sở quyết định hỗ trợ", "Đang trình lãnh đạo Sở quyết định", Role.LEADER),
    (StepKind.RETURN, "Trả kết quả", "Đã có kết quả", Role.OFFICER),
]

# code, name, share %, cap đồng, cap unit, item name, notes
CONTENTS: list[tuple[str, str, Decimal | None, int | None, str, str, str]] = [
    ("1", "Xây dựng, áp dụng và đánh giá phù hợp hệ thống quản lý theo tiêu chuẩn ISO 14000, ISO 50001, ISO 31000, "
          "ISO/IEC 17025, ISO 22000 hoặc ISO 15189", Decimal("50"), 50_000_000, CapUnit.PER_ITEM, "tiêu chuẩn", ""),
    ("2", "Xây dựng, áp dụng và đánh giá phù hợp tiêu chuẩn SA8000, HACCP, GMP và các tiêu chuẩn khác", Decimal("50"),
     None, CapUnit.PER_ITEM, "tiêu chuẩn", "Mức hỗ trợ tối đa chưa được xác nhận; quản trị viên nhập theo văn bản."),
    ("3", "Áp dụng công cụ, mô hình, phương pháp quản lý tiên tiến", None, None, CapUnit.PER_ITEM, "công cụ, mô hình",
     NOT_ENTERED),
    ("4", "Đạt giải thưởng chất lượng", None, None, CapUnit.PER_ORGANISATION, "giải thưởng", NOT_ENTERED),
    ("5", "Có sản phẩm, hàng hóa công bố tiêu chuẩn cơ sở, công bố hợp chuẩn", None, None, CapUnit.PER_ITEM,
     "sản phẩm", NOT_ENTERED),
    ("6", "Áp dụng truy xuất nguồn gốc", None, None, CapUnit.PER_ORGANISATION, "hệ thống", NOT_ENTERED),
]
ENVELOPES = [(2026, 800_000_000, "Kế hoạch triển khai Nghị quyết 43/2022/NQ-HĐND năm 2026 của Sở KH&CN: hỗ trợ "
                                 "16–50 tiêu chuẩn, công cụ, mô hình; nguồn chi quản lý nhà nước giao Chi cục "
                                 "Tiêu chuẩn Đo lường Chất lượng.")]


def _procedure(department: Organisation) -> ProcedureType:
    procedure = ProcedureType.objects.filter(code=PROCEDURE_CODE).first()
    if procedure is not None:
        return procedure
    procedure = ProcedureType.objects.create(
        code=PROCEDURE_CODE, name=PROCEDURE_NAME, organisation=department, processing_days=DEMO_PROCESSING_DAYS,
        legal_basis=LEGAL_BASIS + "\n(Thời hạn giải quyết 15 ngày làm việc là giá trị minh họa, cần đối chiếu văn bản.)",
        fee_vnd=0, allows_extension=True, max_extension_days=5, code_prefix="NQ43")
    for position, (name, formats) in enumerate(REQUIRED_DOCUMENTS, start=1):
        RequiredDocument.objects.create(procedure=procedure, position=position, name=name, accepted_formats=formats)
    for position, (kind, staff, public, role) in enumerate(STEPS):
        ProcedureStep.objects.create(procedure=procedure, position=position, kind=kind, staff_name=staff,
                                     public_name=public, role=role)
    return procedure


def _issuer() -> Organisation | None:
    return Organisation.objects.filter(kind=OrganisationKind.PEOPLES_COUNCIL, name="HĐND tỉnh Bắc Giang").first()


@transaction.atomic
def seed_grants(department: Organisation, admin_user: Any) -> Programme:
    """The NQ43 procedure and programme with its contents and the 2026 envelope; idempotent.

    Whatever already exists (matched by codes) is left as it is, so an administrator's later edits of the
    levels survive a second run.
    """
    with acting_as(admin_user, "seed"):
        procedure = _procedure(department)
        programme = Programme.objects.filter(code=PROGRAMME_CODE).first()
        if programme is None:
            programme = Programme.objects.create(
                code=PROGRAMME_CODE, name="Hỗ trợ áp dụng tiêu chuẩn, công cụ, mô hình, phương pháp quản lý tiên "
                "tiến, đạt giải thưởng chất lượng, công bố tiêu chuẩn cơ sở, công bố hợp chuẩn và áp dụng truy xuất "
                "nguồn gốc (Nghị quyết 43/2022/NQ-HĐND)", legal_basis=LEGAL_BASIS, issuer=_issuer(),
                organisation=department, start_year=2023, end_year=2030, procedure=procedure)
        for position, (code, name, share, cap, unit, item, notes) in enumerate(CONTENTS, start=1):
            if not programme.contents.filter(code=code).exists():
                SupportContent.objects.create(
                    programme=programme, position=position, code=code, name=name, share_percent=share, cap_vnd=cap,
                    cap_unit=unit, item_name=item, eligible_kinds=[str(k) for k in ELIGIBLE], notes=notes)
        for year, amount, note in ENVELOPES:
            if not programme.envelopes.filter(year=year).exists():
                Envelope.objects.create(programme=programme, year=year, amount_vnd=amount, note=note)
    return programme


def seed_demo_applications(programme: Programme, dossiers: list, officer: Any) -> list:
    """Support applications on the demo dossiers still open: one waiting for appraisal, one appraised and
    awaiting the leader's decision (so the demo can show the decision against the envelope)."""
    from dost.core.status import DossierStatus

    from . import services

    content = programme.contents.filter(share_percent__isnull=False, cap_vnd__isnull=False).order_by("code").first()
    if content is None:
        return []
    made = []
    with acting_as(officer, "seed"):
        for dossier in dossiers:
            dossier.refresh_from_db()
            if dossier.status in (DossierStatus.APPROVED, DossierStatus.REFUSED) or hasattr(dossier, "application"):
                continue
            application = services.create_application(officer, dossier, programme, content, 2026, quantity=1)
            if dossier.status in (DossierStatus.RECEIVED, DossierStatus.SIGNATURE):
                application = services.appraise(officer, application, 80_000_000, 1)
            made.append(application)
    return made
