"""Demo councils: the provincial initiatives council, the press award (preliminary → final) and ISO 9001 scoring.

The rule sets of these councils are what a province configures as data (criteria, scales, prizes); their
values here are demo values, not legal texts. The national default rule sets (identification, selection,
acceptance) are seeded by ``defaults``; the acceptance council of a research project is seeded by the
``research`` demo through the service API.

- Initiatives (sáng kiến): the provincial council scores novelty, replicability and effectiveness and
  recognises the scope of effect. The year's real figures (80 dossiers, 62 recognised) are recorded in the
  council's note; a handful of entries suffices to show the flow.
- Press award: a closed preliminary round (with a tie in the ranking) fed its top entries into a final
  round that is still scoring, so a demo user (``lanhdao``, ``phogiamdoc``, ``chuyenvien``) can score online.
- ISO 9001 in state bodies: agencies scored against criteria groups (build, apply, announce, maintain),
  ranked, with "not applicable" where no legal text changed during the year.

Idempotent: a council that exists (by name) is left as it is.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from dost.core.audit import acting_as
from dost.core.status import CouncilRole

from . import services
from .defaults import seed_default_rule_sets, seed_rule_sets
from .models import Council, Method, Purpose, SheetSource

D = Decimal
INITIATIVES = "Hội đồng sáng kiến cấp tỉnh năm 2025"
PRESS = "Hội đồng chấm Giải Báo chí về khoa học và công nghệ tỉnh Bắc Ninh năm 2025"
ISO = "Tổ chấm điểm áp dụng hệ thống quản lý chất lượng ISO 9001 năm 2025"

RULE_SETS: list[dict] = [
    {
        "code": "sang-kien-tinh", "name": "Xét công nhận sáng kiến cấp tỉnh (dữ liệu mẫu)",
        "purpose": Purpose.INITIATIVE, "method": Method.SCORE, "quorum_share": "2/3",
        "required_roles": [CouncilRole.CHAIR, CouncilRole.SECRETARY], "min_mean": D("50"),
        "legal_basis": "Nghị định 13/2012/NĐ-CP và quy định của tỉnh: sáng kiến có tính mới trong phạm vi cơ "
                       "sở, đã được áp dụng, mang lại hiệu quả; phạm vi ảnh hưởng theo điểm trung bình (khung "
                       "điểm mẫu, tỉnh sửa theo quy định của mình).",
        "levels": [("toan-tinh", "Công nhận — phạm vi ảnh hưởng toàn tỉnh", True, {"min_score": D("80")}),
                   ("co-so", "Công nhận — phạm vi cơ sở", True, {"min_score": D("50")}),
                   ("khong", "Không công nhận", False, {})],
        "criteria": [("tinh-moi", "Tính mới", D("30")),
                     ("nhan-rong", "Khả năng áp dụng, nhân rộng", D("30")),
                     ("hieu-qua", "Hiệu quả kinh tế – xã hội", D("40"))],
    },
    {
        "code": "bao-chi-so-khao", "name": "Giải báo chí — vòng sơ khảo (dữ liệu mẫu)", "purpose": Purpose.AWARD,
        "method": Method.SCORE, "quorum_share": "2/3", "required_roles": [CouncilRole.CHAIR], "advance_count": 4,
        "legal_basis": "Thể lệ giải: mỗi tác phẩm chấm theo thang 100 điểm; các tác phẩm xếp hạng cao nhất vào "
                       "chung khảo.",
        "levels": [],
        "criteria": [("noi-dung", "Nội dung, tư tưởng", D("50")), ("nghe-thuat", "Hình thức thể hiện", D("30")),
                     ("tac-dong", "Tính phát hiện, tác động xã hội", D("20"))],
    },
    {
        "code": "bao-chi-chung-khao", "name": "Giải báo chí — vòng chung khảo (dữ liệu mẫu)", "purpose": Purpose.AWARD,
        "method": Method.SCORE, "quorum_share": "2/3", "required_roles": [CouncilRole.CHAIR],
        "legal_basis": "Thể lệ giải: giải theo thứ hạng điểm trung bình chung khảo (đồng hạng cùng giải).",
        "levels": [("giai-a", "Giải A", True, {"max_rank": 1}), ("giai-b", "Giải B", True, {"max_rank": 2}),
                   ("giai-c", "Giải C", True, {"max_rank": 3}),
                   ("khuyen-khich", "Giải Khuyến khích", True, {"max_rank": 6, "min_score": D("60")})],
        "criteria": [("noi-dung", "Nội dung, tư tưởng", D("50")), ("nghe-thuat", "Hình thức thể hiện", D("30")),
                     ("tac-dong", "Tính phát hiện, tác động xã hội", D("20"))],
    },
    {
        "code": "iso-9001-co-quan", "name": "Chấm điểm áp dụng ISO 9001 trong cơ quan hành chính (dữ liệu mẫu)",
        "purpose": Purpose.ISO, "method": Method.SCORE, "quorum_share": "1/2",
        "required_roles": [CouncilRole.CHAIR],
        "legal_basis": "Quyết định 19/2014/QĐ-TTg, Quyết định 101/2018/QĐ-TTg: xây dựng, áp dụng, công bố, duy trì "
                       "và cải tiến hệ thống quản lý chất lượng; bộ tiêu chí chấm điểm do tỉnh ban hành (mẫu).",
        "levels": [("xuat-sac", "Xuất sắc", True, {"min_score": D("90")}), ("tot", "Tốt", True, {"min_score": D("75")}),
                   ("dat", "Đạt", True, {"min_score": D("50")}), ("chua-dat", "Chưa đạt", False, {})],
        "criteria": [
            ("1", "Xây dựng hệ thống", [("1.1", "Chính sách, mục tiêu chất lượng", D("10")),
                                         ("1.2", "Quy trình giải quyết công việc", D("15"))]),
            ("2", "Áp dụng hệ thống", [("2.1", "Đánh giá nội bộ", D("15")),
                                        ("2.2", "Xem xét của lãnh đạo", D("15"))]),
            ("3", "Công bố", [("3.1", "Công bố hệ thống phù hợp TCVN ISO 9001", D("10"))]),
            ("4", "Duy trì, cải tiến", [
                ("4.1", "Cập nhật trong 3 tháng khi văn bản pháp luật thay đổi", D("15"), None, True),
                ("4.2", "Đánh giá nội bộ hằng năm", D("10")),
                ("4.3", "Khắc phục, cải tiến", D("10"))]),
        ],
    },
]


def _score_round(rnd, by, sheets: dict[str, list[dict[str, Any]]]) -> None:
    """Paper sheets entered by ``by``: entry code → one dict of points per present member (in seat order)."""
    members = list(rnd.present.order_by("position"))
    for entry in rnd.entries.all():
        conflicted = set(entry.conflicts.values_list("member_id", flat=True))
        scorers = [m for m in members if m.pk not in conflicted]
        for member, scores in zip(scorers, sheets[entry.code], strict=False):
            services.submit_sheet(entry, member, scores=scores, source=SheetSource.PAPER, by=by)


def _initiatives(orgs, users, rule_set) -> Council:
    admin, leader = users["quantri"], users["lanhdao"]
    council = services.create_council(
        name=INITIATIVES, purpose=Purpose.INITIATIVE, organisation=orgs["shtt"], rule_set=rule_set, by=admin,
        decision_number="215/QĐ-KHCN", decision_date=datetime.date(2025, 9, 15), decision_signer="Giám đốc Sở KH&CN",
        note="Năm 2025 hội đồng xét 80 hồ sơ, công nhận 62 sáng kiến; dữ liệu mẫu gồm 6 hồ sơ.",
        members=[services.MemberSpec("Lê Thị Hoa", CouncilRole.CHAIR, title="Phó Giám đốc Sở", user=users["phogiamdoc"]),
                 services.MemberSpec("Phạm Văn Hùng", CouncilRole.SECRETARY, title="Chuyên viên",
                                     user=users["chuyenvien2"]),
                 services.MemberSpec("Đỗ Minh Tâm", CouncilRole.MEMBER, title="TS.", affiliation="Sở Công Thương",
                                     external=True),
                 services.MemberSpec("Vũ Thị Mai", CouncilRole.MEMBER, title="ThS.", affiliation="Sở Nông nghiệp và Môi trường",
                                     external=True),
                 services.MemberSpec("Ngô Quang Huy", CouncilRole.MEMBER, title="KS.", affiliation="Liên đoàn Lao động tỉnh",
                                     external=True)])
    rnd = services.open_round(council, title="Phiên xét công nhận sáng kiến đợt 2 năm 2025", by=admin,
                              meeting_date=datetime.date(2025, 10, 20), place="Phòng họp Sở KH&CN")
    titles = [("SK01", "Quy trình tiếp nhận hồ sơ trực tuyến một cửa liên thông", "Nguyễn Thu Hà", "UBND phường Kinh Bắc"),
              ("SK02", "Cải tiến máy sấy nông sản tiết kiệm năng lượng", "Trần Văn Lực", "HTX Nông nghiệp Yên Phong"),
              ("SK03", "Ứng dụng mã QR tra cứu hồ sơ bệnh án", "Phạm Thị Ngọc", "Bệnh viện Đa khoa tỉnh"),
              ("SK04", "Bộ công cụ kiểm tra đo lường nhanh tại chợ", "Lý Văn Bình", "Chi cục TCĐLCL"),
              ("SK05", "Sổ tay số hóa quy trình nội bộ trường học", "Hoàng Thị Yến", "Trường THPT Thuận Thành"),
              ("SK06", "Giải pháp quản lý kho thuốc bằng bảng tính", "Đặng Văn Nam", "Trung tâm Y tế thị xã")]
    for code, title, author, org in titles:
        services.add_entry(rnd, title=title, code=code, author=author, organisation_name=org, by=admin)
    services.start_scoring(rnd, present=list(council.members.all()), by=admin, meeting_date=rnd.meeting_date)

    def row(a, b, c):
        return {"tinh-moi": D(a), "nhan-rong": D(b), "hieu-qua": D(c)}
    base = {"SK01": (26, 27, 35), "SK02": (24, 22, 30), "SK03": (20, 18, 25), "SK04": (22, 21, 31),
            "SK05": (12, 10, 15), "SK06": (16, 14, 22)}
    _score_round(rnd, admin, {code: [row(a - i % 2, b, c - (i % 3)) for i in range(5)] for code, (a, b, c) in base.items()})
    services.close_round(rnd, by=leader)
    return council


def _press(orgs, users, preliminary_rules, final_rules) -> Council:
    admin, leader = users["quantri"], users["lanhdao"]
    council = services.create_council(
        name=PRESS, purpose=Purpose.AWARD, organisation=orgs["vp"], rule_set=preliminary_rules, by=admin,
        decision_number="250/QĐ-KHCN", decision_date=datetime.date(2025, 11, 3), decision_signer="Giám đốc Sở KH&CN",
        members=[services.MemberSpec("Trần Minh Đức", CouncilRole.CHAIR, title="Giám đốc Sở", user=users["lanhdao"]),
                 services.MemberSpec("Nguyễn Thị Lan", CouncilRole.SECRETARY, user=users["chuyenvien"]),
                 services.MemberSpec("Lê Thị Hoa", CouncilRole.MEMBER, title="Phó Giám đốc Sở", user=users["phogiamdoc"]),
                 services.MemberSpec("Bùi Đức Thắng", CouncilRole.MEMBER, title="Nhà báo",
                                     affiliation="Hội Nhà báo tỉnh", external=True),
                 services.MemberSpec("Cao Thị Thu", CouncilRole.MEMBER, title="ThS.", affiliation="Báo Bắc Ninh",
                                     external=True)])
    members = list(council.members.order_by("position"))
    preliminary = services.open_round(council, title="Vòng sơ khảo", kind="preliminary", by=admin,
                                      meeting_date=datetime.date(2025, 11, 20), place="Văn phòng Sở")
    works = [("BC01", "Loạt bài: Chuyển đổi số ở nông thôn Bắc Ninh", "Nhóm phóng viên Báo Bắc Ninh"),
             ("BC02", "Phóng sự: Những nhà khoa học chân đất", "Đài PT-TH tỉnh"),
             ("BC03", "Ký sự: Từ phòng thí nghiệm đến cánh đồng", "Cao Văn Dũng"),
             ("BC04", "Loạt bài: Truy xuất nguồn gốc nông sản", "Trần Hải Yến"),
             ("BC05", "Tọa đàm: Doanh nghiệp đổi mới sáng tạo", "Đài PT-TH tỉnh"),
             ("BC06", "Bài viết: Sở hữu trí tuệ cho sản phẩm OCOP", "Lương Thị Hạnh")]
    for code, title, author in works:
        services.add_entry(preliminary, title=title, code=code, author=author, by=admin)
    entries = {e.code: e for e in preliminary.entries.all()}
    services.declare_conflict(entries["BC05"], members[4], reason="Cùng cơ quan với nhóm tác giả", by=admin)
    services.start_scoring(preliminary, present=members, by=admin, meeting_date=preliminary.meeting_date)

    def row(a, b, c):
        return {"noi-dung": D(a), "nghe-thuat": D(b), "tac-dong": D(c)}
    # BC02 and BC04 tie (same sheets): the ranking shows "đồng hạng".
    _score_round(preliminary, admin, {
        "BC01": [row(45, 26, 18)] * 5, "BC02": [row(42, 25, 16)] * 5, "BC03": [row(38, 22, 14)] * 5,
        "BC04": [row(42, 25, 16)] * 5, "BC05": [row(40, 24, 15)] * 4, "BC06": [row(30, 20, 10)] * 5})
    services.close_round(preliminary, by=leader)
    final = services.open_round(council, title="Vòng chung khảo", rule_set=final_rules, previous=preliminary,
                                by=admin, meeting_date=datetime.date(2025, 12, 5), place="Hội trường Sở")
    services.start_scoring(final, present=members, by=admin, meeting_date=final.meeting_date)
    external = [m for m in members if m.user_id is None]
    for entry in final.entries.all():
        conflicted = set(entry.conflicts.values_list("member_id", flat=True))
        for member in (m for m in external if m.pk not in conflicted):
            # The external experts' paper sheets; the members with accounts score online in the demo.
            services.submit_sheet(entry, member, scores=row(40, 24, 15), source=SheetSource.PAPER, by=admin)
    return council


def _iso(orgs, users, rule_set) -> Council:
    admin, leader = users["quantri"], users["lanhdao"]
    council = services.create_council(
        name=ISO, purpose=Purpose.ISO, organisation=orgs["tdc"], rule_set=rule_set, by=admin,
        decision_number="35/QĐ-TĐC", decision_date=datetime.date(2025, 11, 10), decision_signer="Chi cục trưởng",
        members=[services.MemberSpec("Nguyễn Văn Khánh", CouncilRole.CHAIR, title="Chi cục trưởng"),
                 services.MemberSpec("Nguyễn Thị Lan", CouncilRole.SECRETARY, user=users["chuyenvien"]),
                 services.MemberSpec("Trịnh Thu Trang", CouncilRole.MEMBER, title="Chuyên gia đánh giá",
                                     external=True)])
    rnd = services.open_round(council, title="Chấm điểm, xếp hạng năm 2025", by=admin,
                              meeting_date=datetime.date(2025, 12, 15), place="Chi cục TCĐLCL")
    agencies = [("CQ01", "Sở Tư pháp"), ("CQ02", "Sở Tài chính"), ("CQ03", "UBND phường Võ Cường"),
                ("CQ04", "UBND xã Tiên Du")]
    for code, name in agencies:
        services.add_entry(rnd, title=name, code=code, organisation_name=name, by=admin)
    services.start_scoring(rnd, present=list(council.members.all()), by=admin, meeting_date=rnd.meeting_date)

    def row(*points, na=False):
        codes = ["1.1", "1.2", "2.1", "2.2", "3.1", "4.1", "4.2", "4.3"]
        values = dict(zip(codes, (D(p) for p in points), strict=True))
        if na:
            values["4.1"] = None
        return values
    _score_round(rnd, admin, {
        "CQ01": [row(10, 14, 14, 14, 10, 14, 9, 9)] * 3, "CQ02": [row(9, 12, 12, 13, 10, 0, 8, 8, na=True)] * 3,
        "CQ03": [row(8, 10, 10, 10, 10, 10, 7, 6)] * 3, "CQ04": [row(6, 8, 6, 7, 10, 5, 5, 4)] * 3})
    services.close_round(rnd, by=leader)
    return council


@transaction.atomic
def seed_councils(orgs: dict[str, dict], users: dict[str, Any]) -> dict[str, Council]:
    """The demo councils in Bắc Ninh (``orgs`` and ``users`` from ``core.demo``)."""
    bac_ninh = orgs["bac_ninh"]
    with acting_as(users["quantri"], "seed"):
        seed_default_rule_sets()
        rule_sets = seed_rule_sets(RULE_SETS)
        out = {}
        for name, build in ((INITIATIVES, lambda: _initiatives(bac_ninh, users, rule_sets["sang-kien-tinh"])),
                            (PRESS, lambda: _press(bac_ninh, users, rule_sets["bao-chi-so-khao"],
                                                   rule_sets["bao-chi-chung-khao"])),
                            (ISO, lambda: _iso(bac_ninh, users, rule_sets["iso-9001-co-quan"]))):
            out[name] = Council.objects.filter(name=name).first() or build()
    return out
