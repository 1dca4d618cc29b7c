"""The minutes (biên bản) of a round and the decision recognising its results, through ``dost.documents``.

Both are built from what the round stored at closing (results on the entries, the rules' snapshot on the
round), never recomputed, so the documents say exactly what the council decided. Rendered on request as
.docx (python-docx) or PDF (LibreOffice); a fixed number of queries whatever the number of entries.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch

from dost.core.formatting import format_date, format_number
from dost.core.permissions import memberships_for
from dost.core.status import CouncilRole, Role
from dost.documents.model import AdministrativeDocument, Paragraph, Row, Signer, Table

from . import rules
from .models import ConflictOfInterest, Entry, Round

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
KINDS = ("minutes", "decision")


def _loaded(rnd: Round) -> Round:
    return (Round.objects.select_related("council__organisation__parent", "rule_set", "closed_by", "previous")
            .prefetch_related("council__members", "present",
                              Prefetch("entries", queryset=Entry.objects.order_by("rank", "position", "id")
                                       .annotate(sheet_count=Count("sheets"))),
                              Prefetch("entries__conflicts",
                                       queryset=ConflictOfInterest.objects.select_related("member")))
            .get(pk=rnd.pk))


def _num(value: Any) -> str:
    return format_number(value, 2) if value is not None else "—"


def _rule_lines(rnd: Round) -> list[str]:
    """The rule applied, in words, from the snapshot taken at closing."""
    snapshot = rnd.rules_snapshot or {}
    params = rules.params_from_dict(snapshot) if snapshot else rnd.rule_set.params()
    info = snapshot.get("rule_set") or {"name": rnd.rule_set.name, "legal_basis": rnd.rule_set.legal_basis}
    lines = [f"Bộ quy tắc: {info['name']}."]
    if info.get("legal_basis"):
        lines.append(info["legal_basis"])
    if params.method == rules.SCORE:
        lines.append(f"Điểm của mỗi hồ sơ là trung bình cộng tổng điểm các phiếu hợp lệ (thang điểm "
                     f"{rules.vn(params.sheet_max)}); tiêu chí “không áp dụng” không được tính.")
    if params.outlier_share is not None:
        lines.append(f"Phiếu có tổng điểm lệch quá {rules.share_text(params.outlier_share)} so với điểm trung bình "
                     "các phiếu là phiếu không hợp lệ.")
    if params.min_mean is not None:
        lines.append(f"Điểm trung bình tối thiểu để đạt: {rules.vn(params.min_mean)}.")
    if params.quorum_share is not None:
        lines.append(f"Phiên họp hợp lệ khi có ít nhất {rules.share_text(params.quorum_share)} số thành viên có mặt.")
    return lines


def _members_lines(rnd: Round) -> tuple[list[str], list[str]]:
    roles = dict(CouncilRole.choices)
    present_ids = {m.pk for m in rnd.present.all()}
    present, absent = [], []
    for member in sorted(rnd.council.members.all(), key=lambda m: (m.position, m.pk)):
        text = f"{member.display} — {roles.get(member.role, member.role)}"
        if member.affiliation:
            text += f", {member.affiliation}"
        (present if member.pk in present_ids else absent).append(text)
    return present, absent


def _results_table(rnd: Round, entries: list[Entry], only_passed: bool = False) -> Table:
    rows = []
    for i, entry in enumerate([e for e in entries if e.passed or not only_passed], start=1):
        rank = "" if entry.rank is None else f"{entry.rank}{' (đồng hạng)' if entry.tied else ''}"
        rows.append(Row([str(i), entry.code, entry.title, entry.author or entry.organisation_name,
                         str(entry.valid_sheet_count), _num(entry.mean), rank,
                         entry.rating_label or ("Đạt" if entry.passed else "Không đạt")]))
    return Table(header=[["STT", "Mã", "Tên hồ sơ", "Tác giả / tổ chức", "Phiếu hợp lệ", "Điểm TB", "Xếp hạng",
                          "Kết quả"]],
                 rows=rows, column_widths=[5, 9, 30, 18, 8, 9, 9, 12],
                 align=["center", "left", "left", "left", "center", "right", "center", "left"])


def _issuer(rnd: Round) -> tuple[str, str]:
    organisation = rnd.council.organisation
    parent = organisation.parent
    return (parent.name if parent else "").upper(), organisation.name.upper()


def build_minutes(rnd: Round) -> AdministrativeDocument:
    rnd = _loaded(rnd)
    council = rnd.council
    entries = list(rnd.entries.all())
    present, absent = _members_lines(rnd)
    blocks: list = [
        Paragraph(f"Thời gian: {format_date(rnd.meeting_date) or '……'}. Địa điểm: {rnd.place or '……'}."),
        Paragraph(f"Hội đồng: {council.name}"
                  + (f", thành lập theo Quyết định số {council.decision_number}" if council.decision_number else "")
                  + (f" ngày {format_date(council.decision_date)}" if council.decision_date else "")
                  + (f" của {council.decision_signer}" if council.decision_signer else "") + "."),
        Paragraph("I. THÀNH PHẦN THAM DỰ", "heading1"),
        Paragraph(f"Thành viên có mặt: {len(present)}/{len(present) + len(absent)}.", "body"),
        *[Paragraph(f"- {line}", "bullet") for line in present],
    ]
    if absent:
        blocks += [Paragraph(f"Thành viên vắng mặt: {len(absent)}."), *[Paragraph(f"- {line}", "bullet") for line in absent]]
    conflicts = [(e, c) for e in entries for c in e.conflicts.all()]
    if conflicts:
        blocks.append(Paragraph("Thành viên có xung đột lợi ích (không chấm, không được tính đối với hồ sơ):"))
        blocks += [Paragraph(f"- {c.member.name}: hồ sơ {e.code or e.title} ({c.reason})", "bullet")
                   for e, c in conflicts]
    blocks.append(Paragraph("II. NGUYÊN TẮC ĐÁNH GIÁ", "heading1"))
    blocks += [Paragraph(line) for line in _rule_lines(rnd)]
    if rnd.previous_id:
        blocks.append(Paragraph(f"Các hồ sơ của phiên này được chọn từ kết quả “{rnd.previous.title}” "
                                f"({rnd.advance_count or ''} hồ sơ xếp hạng cao nhất)."))
    blocks.append(Paragraph("III. KẾT QUẢ ĐÁNH GIÁ", "heading1"))
    blocks.append(_results_table(rnd, entries))
    for entry in entries:
        line = f"- {entry.code or entry.title}: {entry.explanation}"
        invalid = "; ".join(f"{i.get('name', '')}: {i.get('reason', '')}" for i in entry.invalid_sheets or [])
        if invalid:
            line += f" Phiếu không hợp lệ — {invalid}"
        blocks.append(Paragraph(line, "bullet"))
    secretary = next((m for m in council.members.all() if m.role == CouncilRole.SECRETARY), None)
    chair = next((m for m in council.members.all() if m.role == CouncilRole.CHAIR), None)
    blocks.append(Paragraph(f"Biên bản được lập lúc kết thúc phiên họp và được các thành viên có mặt thống nhất. "
                            f"Thư ký hội đồng: {secretary.display if secretary else '……'}."))
    parent, issuer = _issuer(rnd)
    return AdministrativeDocument(
        issuer_parent=parent, issuer=issuer, symbol="BB-HĐ", place=council.organisation.place_name,
        date=rnd.meeting_date, year=rnd.meeting_date.year if rnd.meeting_date else council.year,
        kind="BIÊN BẢN", title=f"Họp {council.name[0].lower() + council.name[1:]} — {rnd.title}", blocks=blocks,
        signer=Signer(title="CHỦ TỊCH HỘI ĐỒNG", name=chair.display if chair else ""),
        recipients=["Thành viên hội đồng;", f"Lưu: VT, {council.organisation.short_name or 'HĐ'}."],
    )


def _signing(rnd: Round) -> tuple[Any, Signer | None]:
    """The organisation that issues the decision and its signer: the leader who closed the round, for the
    organisation of their leader role over the owner (a Department's deputy director signs "KT. GIÁM ĐỐC" for
    a council its unit runs); without one, the owner and no signer."""
    organisation, user = rnd.council.organisation, rnd.closed_by
    if user is None:
        return organisation, None
    name = user.get_full_name() or user.username
    found = memberships_for(user, organisation, {Role.LEADER})
    if not found:
        return organisation, Signer(title=(organisation.head_title or "").upper(), name=name)
    membership = found[0]
    parts = [p.strip() for p in membership.capacity.split("/")]
    head = (membership.organisation.head_title or "").upper()
    if len(parts) == 2:
        return membership.organisation, Signer(title=parts[1], name=name, capacity=parts[0])
    return membership.organisation, Signer(title=parts[0] or head, name=name)


def build_decision(rnd: Round) -> AdministrativeDocument:
    rnd = _loaded(rnd)
    council = rnd.council
    organisation, signer = _signing(rnd)
    entries = list(rnd.entries.all())
    passed = [e for e in entries if e.passed]
    parent = organisation.parent.name.upper() if organisation.parent_id else ""
    basis = []
    if council.decision_number:
        basis.append(f"Căn cứ Quyết định số {council.decision_number}"
                     + (f" ngày {format_date(council.decision_date)}" if council.decision_date else "")
                     + f" về việc thành lập {council.name[0].lower() + council.name[1:]};")
    basis.append(f"Căn cứ Biên bản họp hội đồng ngày {format_date(rnd.meeting_date) or '……'} ({rnd.title});")
    basis.append("Theo đề nghị của Thư ký hội đồng.")
    blocks = [
        Paragraph(f"Điều 1. Công nhận kết quả {rnd.title[0].lower() + rnd.title[1:]} của {council.name[0].lower()}"
                  f"{council.name[1:]} đối với {len(passed)}/{len(entries)} hồ sơ đạt, theo danh sách sau:"),
        _results_table(rnd, entries, only_passed=True),
        Paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
        Paragraph("Điều 3. Thành viên hội đồng, các tổ chức, cá nhân có hồ sơ nêu tại Điều 1 và các đơn vị liên "
                  "quan chịu trách nhiệm thi hành Quyết định này."),
    ]
    decision_date = rnd.result_decision_date
    # "102/QĐ-KHCN" as recorded keeps its own symbol; a bare "12" gets the owner's.
    number, _slash, symbol = rnd.result_decision_number.partition("/")
    return AdministrativeDocument(
        issuer_parent=parent, issuer=organisation.name.upper(), symbol=symbol or f"QĐ-{_abbreviation(organisation)}",
        number=number, place=organisation.place_name, date=decision_date,
        year=None if decision_date else (rnd.closed_at.year if rnd.closed_at else council.year),
        kind="QUYẾT ĐỊNH", title=f"Công nhận kết quả {rnd.title[0].lower() + rnd.title[1:]}",
        authority=f"{(organisation.head_title or 'THỦ TRƯỞNG').upper()} {organisation.name.upper()}",
        basis=basis, blocks=blocks, signer=signer,
        recipients=["Như Điều 3;", f"Lưu: VT, {organisation.short_name or 'HĐ'}."],
    )


def _abbreviation(organisation: Any) -> str:
    """The issuer part of a symbol: "Sở KH&CN Bắc Ninh" → "KHCN", "Chi cục TCĐLCL" → "TCĐLCL", "VP" → "VP".

    Used only when the recorded decision number carries no symbol of its own ("12" rather than "12/QĐ-KHCN").
    """
    short = organisation.short_name or organisation.name
    for token in short.split():
        letters = token.replace("&", "").replace("-", "")
        if len(letters) >= 2 and letters.isalpha() and letters.isupper():
            return letters
    return "".join(word[0] for word in short.split() if word[:1].isupper())[:8] or "HĐ"


BUILDERS = {"minutes": build_minutes, "decision": build_decision}


def render(rnd: Round, kind: str, fmt: str) -> tuple[bytes, str, str]:
    """(data, MIME type, file name) of the minutes or the decision as .docx or .pdf."""
    from dost.documents.render import docx_to_pdf, render_docx

    data = render_docx(BUILDERS[kind](rnd))
    name = f"{'bien-ban' if kind == 'minutes' else 'quyet-dinh'}-phien-{rnd.pk}"
    if fmt == "pdf":
        return docx_to_pdf(data), PDF_MIME, f"{name}.pdf"
    return data, DOCX_MIME, f"{name}.docx"
