"""The national default rule sets (DOMAIN.md, "State-funded S&T tasks"), seeded as data a province can change.

``seed_default_rule_sets()`` is idempotent: a rule set that exists (by code) is left exactly as it is, so
a province's edits (a "Khá" level, another threshold) survive every re-seed. The values:

- identification: recommend "Thực hiện" when more than 3/4 of the valid sheets pass; quorum 2/3 with the
  chair, the reviewers and the secretary present;
- selection: 100-point sheets; a sheet more than 20 % from the mean is invalid; the winner needs the highest
  mean, at least 70, and no criterion given 0 by more than 1/4 of the members present; same quorum;
- acceptance: Xuất sắc when at least 3/4 of the members present say so and none says Không đạt; Không đạt
  when more than 1/3 say so; else Đạt; more than 6 months late is Không đạt; same quorum.

The criteria of the selection sheet are a default frame (100 points); provinces replace them with their own.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from dost.core.status import CouncilRole

from .models import Criterion, Method, Purpose, RatingLevel, RuleSet

IDENTIFICATION = "xac-dinh-nhiem-vu"
SELECTION = "tuyen-chon"
ACCEPTANCE = "nghiem-thu"
RESEARCH_ROLES = [CouncilRole.CHAIR, CouncilRole.SECRETARY, CouncilRole.REVIEWER]

DEFAULTS: list[dict] = [
    {
        "code": IDENTIFICATION, "name": "Tư vấn xác định nhiệm vụ KH&CN (mặc định toàn quốc)",
        "purpose": Purpose.IDENTIFICATION, "method": Method.PASS_SHARE,
        "legal_basis": "Quy định về xác định nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước: đề nghị "
                       "thực hiện khi có trên 3/4 số phiếu hợp lệ đánh giá đạt; phiên họp hợp lệ khi có ít nhất 2/3 "
                       "số thành viên, trong đó có chủ tịch, các ủy viên phản biện và thư ký.",
        "quorum_share": "2/3", "required_roles": RESEARCH_ROLES, "pass_share": "3/4", "pass_inclusive": False,  # nosec B105
        "levels": [("thuc-hien", "Đề nghị thực hiện", True, {}),
                   ("khong-thuc-hien", "Không đề nghị thực hiện", False, {})],
        "criteria": [],
    },
    {
        "code": SELECTION, "name": "Tuyển chọn, giao trực tiếp nhiệm vụ KH&CN (mặc định toàn quốc)",
        "purpose": Purpose.SELECTION, "method": Method.SCORE,
        "legal_basis": "Quy định về tuyển chọn, giao trực tiếp tổ chức, cá nhân thực hiện nhiệm vụ khoa học và "
                       "công nghệ: phiếu 100 điểm; phiếu lệch quá 20% so với điểm trung bình là không hợp lệ; hồ sơ "
                       "trúng tuyển có điểm trung bình cao nhất, không dưới 70 điểm và không có tiêu chí nào bị quá "
                       "1/4 số thành viên có mặt cho 0 điểm.",
        "quorum_share": "2/3", "required_roles": RESEARCH_ROLES, "outlier_share": "1/5",
        "min_mean": Decimal("70"), "zero_share": "1/4", "single_winner": True,
        "levels": [("trung-tuyen", "Đề nghị trúng tuyển", True, {}),
                   ("khong-trung-tuyen", "Không trúng tuyển", False, {})],
        "criteria": [
            ("tong-quan", "Tổng quan tình hình nghiên cứu, luận giải sự cần thiết", Decimal("15")),
            ("muc-tieu", "Mục tiêu, nội dung và phương pháp thực hiện", Decimal("30")),
            ("san-pham", "Sản phẩm, khả năng ứng dụng và hiệu quả", Decimal("25")),
            ("nang-luc", "Năng lực của tổ chức chủ trì và chủ nhiệm nhiệm vụ", Decimal("20")),
            ("kinh-phi", "Tính hợp lý của dự toán kinh phí", Decimal("10")),
        ],
    },
    {
        "code": ACCEPTANCE, "name": "Nghiệm thu nhiệm vụ KH&CN (mặc định toàn quốc)",
        "purpose": Purpose.ACCEPTANCE, "method": Method.RATING_VOTE,
        "legal_basis": "Quy định về đánh giá, nghiệm thu kết quả thực hiện nhiệm vụ khoa học và công nghệ: Xuất sắc "
                       "khi ít nhất 3/4 số thành viên có mặt xếp loại Xuất sắc và không có thành viên nào xếp loại "
                       "Không đạt; Không đạt khi trên 1/3 số thành viên có mặt xếp loại Không đạt; còn lại là Đạt; "
                       "nộp hồ sơ chậm quá 6 tháng là Không đạt.",
        "quorum_share": "2/3", "required_roles": RESEARCH_ROLES, "late_fail_months": 6,
        "levels": [
            ("xuat-sac", "Xuất sắc", True, {"vote_share": "3/4", "vote_inclusive": True, "vetoed_by": "khong-dat"}),
            ("dat", "Đạt", True, {"is_default": True}),
            ("khong-dat", "Không đạt", False, {"vote_share": "1/3", "vote_inclusive": False}),
        ],
        "criteria": [],
    },
]


def _create(spec: dict) -> RuleSet:
    fields = {k: v for k, v in spec.items() if k not in ("levels", "criteria", "code")}
    rule_set = RuleSet.objects.create(code=spec["code"], **fields)
    add_levels(rule_set, spec["levels"])
    add_criteria(rule_set, spec["criteria"])
    return rule_set


def add_levels(rule_set: RuleSet, levels: list[tuple]) -> None:
    """Levels given best first as (code, label, passing, extra fields)."""
    for position, (code, label, passing, extra) in enumerate(levels, start=1):
        RatingLevel.objects.create(rule_set=rule_set, position=position, code=code, label=label, passing=passing,
                                   **extra)


def add_criteria(rule_set: RuleSet, criteria: list[tuple]) -> None:
    """Criteria as (code, label, max points[, weight[, allow n/a]]) or groups as (code, label, [criteria])."""
    for position, item in enumerate(criteria, start=1):
        code, label, third, *rest = item
        if isinstance(third, list):
            group = Criterion.objects.create(rule_set=rule_set, position=position, code=code, label=label,
                                             max_points=Decimal("0"))
            for child_position, (c_code, c_label, c_max, *c_rest) in enumerate(third, start=1):
                Criterion.objects.create(rule_set=rule_set, parent=group, position=child_position, code=c_code,
                                         label=c_label, max_points=c_max,
                                         weight=c_rest[0] if c_rest else None,
                                         allow_na=c_rest[1] if len(c_rest) > 1 else False)
        else:
            Criterion.objects.create(rule_set=rule_set, position=position, code=code, label=label, max_points=third,
                                     weight=rest[0] if rest else None, allow_na=rest[1] if len(rest) > 1 else False)


@transaction.atomic
def seed_rule_sets(specs: list[dict]) -> dict[str, RuleSet]:
    """Create the rule sets that do not exist yet (by code); existing ones are kept as the province edited them."""
    out = {}
    for spec in specs:
        existing = RuleSet.objects.filter(code=spec["code"]).first()
        out[spec["code"]] = existing or _create(spec)
    return out


def seed_default_rule_sets() -> dict[str, RuleSet]:
    """The national defaults: ``{"xac-dinh-nhiem-vu": …, "tuyen-chon": …, "nghiem-thu": …}``."""
    return seed_rule_sets(DEFAULTS)
