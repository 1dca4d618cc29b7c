"""Demo dossiers in every state, made through the real services (so letters, history and audit exist)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from dost.core.audit import acting_as
from dost.core.models import Membership, Organisation
from dost.core.status import OrganisationKind, Role

from . import dossiers
from .models import Dossier, ProcedureType

DEMO_APPLICANTS = [
    # username, enterprise, tax code (valid check digit), representative
    ("doanhnghiep", "Công ty TNHH Nông sản Sạch Bắc Ninh", "2300123454", "Nguyễn Văn Bình"),
    ("htxvietyen", "Hợp tác xã Vải thiều Việt Yên", "0101234565", "Trần Thị Lan"),
]


def _pdf(name: str, body: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% " + body.encode() + b"\n%%EOF", content_type="application/pdf")


def _applicant(username: str, name: str, tax_code: str, representative: str, province: Organisation, password: str):
    enterprise = Organisation.objects.filter(tax_code=tax_code).first()
    if enterprise is None:
        kind = OrganisationKind.COOPERATIVE if name.startswith("Hợp tác xã") else OrganisationKind.ENTERPRISE
        enterprise = Organisation(name=name, kind=kind, tax_code=tax_code, parent=None)
        enterprise.save()
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=representative, email=f"{username}@dost.local")
        user.set_password(password)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=enterprise, role=Role.APPLICANT,
                                     defaults={"position": "Người đại diện theo pháp luật"})
    return enterprise, user


@transaction.atomic
def seed_dossiers(procedure: ProcedureType, officer, leader, password: str, province: Organisation | None = None):
    """Six dossiers of ``procedure``: submitted, received, waiting for supplements, awaiting signature,
    approved and refused. Idempotent: nothing is added when the procedure already has dossiers."""
    if Dossier.objects.filter(procedure=procedure).exists():
        return []
    applicants = [_applicant(*spec, province=province, password=password) for spec in DEMO_APPLICANTS]
    documents = list(procedure.required_documents.all())

    def submit(index: int):
        enterprise, user = applicants[index % len(applicants)]
        files = {doc.pk: [_pdf(f"tai-lieu-{doc.position}.pdf", doc.name)] for doc in documents if doc.mandatory}
        with acting_as(user, "seed"):
            return dossiers.submit(user, procedure, enterprise,
                                   {"name": user.first_name, "phone": "0912 345 678", "email": user.email}, files)

    made = [submit(i) for i in range(6)]
    with acting_as(officer, "seed"):
        for dossier in made[1:]:
            dossiers.receive(officer, dossier)
        dossiers.request_supplement(officer, made[2], [f"{documents[-1].name} có xác nhận của ngân hàng"
                                                      if documents else "Bản sao giấy chứng nhận"],
                                    "Hồ sơ chưa có chứng từ thanh toán hợp lệ.")
        dossiers.send_for_signature(officer, [made[3], made[4]])
        dossiers.refuse(officer, made[5], "Tổ chức đã được hỗ trợ cùng nội dung trong giai đoạn này.")
    with acting_as(leader, "seed"):
        dossiers.approve(leader, made[4], "Đồng ý.")
    return made
