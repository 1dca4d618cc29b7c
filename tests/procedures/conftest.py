from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@dataclass
class Desk:
    procedure: object
    form: object  # mandatory application form
    plan: object  # mandatory business plan
    extra: object  # optional document
    enterprise: object
    applicant: object  # user of the enterprise


def pdf(name: str = "don.pdf", body: bytes = b"1") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body + b"\n%%EOF", content_type="application/pdf")


@pytest.fixture
def desk(world):
    from dost.core.status import OrganisationKind, Role
    from dost.procedures.models import ProcedureStep, ProcedureType, RequiredDocument, StepKind
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    procedure = ProcedureType.objects.create(code="KHCN-01", name="Hỗ trợ áp dụng tiêu chuẩn",
                                             organisation=world.department, processing_days=10,
                                             allows_extension=True, max_extension_days=5)
    form = RequiredDocument.objects.create(procedure=procedure, position=1, name="Đơn đề nghị hỗ trợ",
                                           accepted_formats="pdf")
    plan = RequiredDocument.objects.create(procedure=procedure, position=2, name="Thuyết minh dự án",
                                           accepted_formats="pdf,docx")
    extra = RequiredDocument.objects.create(procedure=procedure, position=3, name="Tài liệu khác", mandatory=False)
    for position, (kind, staff, public, role) in enumerate([
        (StepKind.RECEIVE, "Tiếp nhận", "Đã tiếp nhận", Role.OFFICER),
        (StepKind.APPRAISE, "Thẩm định hồ sơ", "Đang thẩm định", Role.OFFICER),
        (StepKind.APPROVE, "Trình lãnh đạo ký", "Đang trình ký", Role.LEADER),
        (StepKind.RETURN, "Trả kết quả", "Đã có kết quả", Role.OFFICER),
    ]):
        ProcedureStep.objects.create(procedure=procedure, position=position, kind=kind, staff_name=staff,
                                     public_name=public, role=role)
    enterprise = OrganisationFactory(name="Công ty TNHH Thử Nghiệm", kind=OrganisationKind.ENTERPRISE)
    applicant = UserFactory(username="doanhnghiep")
    MembershipFactory(user=applicant, organisation=enterprise, role=Role.APPLICANT)
    return Desk(procedure, form, plan, extra, enterprise, applicant)
