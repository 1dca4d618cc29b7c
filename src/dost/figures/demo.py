"""The raw figures of sample 001's appendices II, III and V (Sở KH&CN Bắc Giang, mid-2023), as entered data.

Only what the document states as input is entered: leaves, and parent figures that have no parts below
them. Everything derived (parent sums, percentages, differences) is left to dost to compute, which is how
the tests show that dost reproduces every derived figure the document got right.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from dost.core.audit import acting_as

from . import services
from .models import BudgetKind, BudgetTable, CarryBasis, IndicatorSet, MoneyUnit
from .services import LineSpec

UNIT = "ĐT, DA"


def _ind(level: int, ref: str, label: str, *figures, unit: str = UNIT, heading: bool = False) -> LineSpec:
    names = ("prev_actual", "plan", "actual", "next_plan")
    values = {name: (Decimal(str(v)) if v is not None else None) for name, v in zip(names, figures, strict=False)}
    return LineSpec(level=level, ref=ref, label=label, unit=unit, is_heading=heading, values=values)


FIELDS = ("- Lĩnh vực nông nghiệp", "- Lĩnh vực công nghiệp", "- Lĩnh vực văn hoá, y tế, giáo dục",
          "- Lĩnh vực khác")

# Phụ lục II: (prev actual 2022, plan 2023, actual 2023, plan 2024)
APPENDIX_II = [
    _ind(1, "I", "Số đề tài, dự án", 17, 18, 18, 14),
    _ind(2, "1", "Cấp Quốc gia", 1, 3, 3, 0),
    _ind(3, "", "Trong đó:", heading=True),
    _ind(3, "", FIELDS[0], 1, 2, 2, None),
    _ind(3, "", FIELDS[1], 0),
    _ind(3, "", FIELDS[2], 1, 1, 1, None),
    _ind(3, "", FIELDS[3], 0),
    _ind(2, "2", "Cấp tỉnh", 16, 15, 15, 14),
    _ind(3, "", "Trong đó:", heading=True),
    _ind(3, "", FIELDS[0], 8, 9, 9, 4),
    _ind(3, "", FIELDS[1], 2, None, None, 1),
    _ind(3, "", FIELDS[2], 1, None, None, 3),
    _ind(3, "", FIELDS[3], 5, 6, 6, 6),
    _ind(1, "II", "Số đề tài, dự án được hỗ trợ ứng dụng, nhân rộng", 11, None, None, 8, unit=""),
    _ind(2, "1", "Cấp Quốc gia", 3, 3, 3, 2),
    _ind(3, "", "Trong đó:", heading=True),
    _ind(3, "", FIELDS[0], 3, 3, 3, 2),
    _ind(3, "", FIELDS[1]),
    _ind(3, "", FIELDS[2]),
    _ind(3, "", FIELDS[3]),
    _ind(2, "2", "Cấp tỉnh", 8, 4, 4, 6),
    _ind(3, "", "Trong đó:", heading=True),
    _ind(3, "", FIELDS[0], 3, 2, 2, 4),
    _ind(3, "", FIELDS[1]),
    _ind(3, "", FIELDS[2]),
    _ind(3, "", FIELDS[3], 5, 2, 2, 2),
]


def _budget(level: int, ref: str, label: str, basis: str = "", **figures) -> LineSpec:
    return LineSpec(level=level, ref=ref, label=label, carry_basis=basis,
                    values={k: Decimal(str(v)) for k, v in figures.items()})


WITHOUT = CarryBasis.WITHOUT
# Phụ lục III (triệu đồng): carried over from 2022, allocation 2023, estimated execution to 30/06/2023.
APPENDIX_III = [
    _budget(1, "A", "Phần thu"),
    _budget(2, "1", "Phí, lệ phí", allocated=101, executed=55),
    _budget(2, "2", "Thu sự nghiệp", allocated=1600, executed=645),
    _budget(1, "A", "Phần chi ngân sách nhà nước"),
    _budget(2, "I", "Quản lý nhà nước", WITHOUT),
    _budget(3, "1", "Khối Văn phòng Sở", WITHOUT),
    _budget(4, "", "Kinh phí thực hiện tự chủ", allocated=5029, executed=2450),
    _budget(4, "", "Kinh phí không thực hiện tự chủ", WITHOUT, carried_over="1022.16", allocated=4199, executed=2200),
    _budget(3, "2", "Chi cục TCĐLCL", carried_over=0),
    _budget(4, "", "Kinh phí thực hiện tự chủ", allocated=1780, executed=860),
    _budget(4, "", "Kinh phí không thực hiện tự chủ", allocated=2500, executed=150),
    _budget(2, "II", "Chi sự nghiệp khoa học"),
    _budget(3, "1", "Chi thường xuyên", carried_over=0),
    _budget(4, "", "Trung tâm ứng dụng KH&CN", allocated=2541, executed=1050),
    _budget(3, "2", "Chi không thường xuyên"),
    _budget(4, "", "Khối Văn phòng Sở", carried_over="8437.8", allocated=30170, executed=20096),
    _budget(4, "", "Chi cục TCĐLCL", allocated=740, executed=250),
    _budget(4, "", "Trung tâm ứng dụng KH&CN", allocated=1387, executed=392),
    _budget(2, "III", "Chi đầu tư phát triển", carried_over=0),
    _budget(3, "1", "Dự án \"Nâng cao năng lực Trung tâm Ứng dụng KH&CN tỉnh Bắc Giang giai đoạn 2021-2023\"",
            allocated=16000, executed=7600),
]

# Phụ lục V (triệu đồng): central notification 2023, provincial approval 2023, execution 2023, estimate 2024.
APPENDIX_V = [
    _budget(1, "A", "Kinh phí sự nghiệp KH&CN", central_notified=30909),
    _budget(2, "I", "Hoạt động nghiên cứu-ứng dụng tiến bộ KH&CN vào sản xuất và đời sống",
            allocated=27694, executed=27694, proposed=33475),
    _budget(2, "II", "Chi hoạt động KH&CN phục vụ quản lý nhà nước"),
    _budget(3, "1", "Hoạt động Tiêu chuẩn Đo lường Chất lượng", allocated=740, executed=740, proposed=947),
    _budget(3, "2", "Hoạt động khoa học công nghệ cơ sở và sở hữu trí tuệ", allocated=302, executed=302,
            proposed=371),
    _budget(3, "3", "Hoạt động quản lý công nghệ và thị trường công nghệ (gồm: Phát triển ứng dụng năng lượng "
                    "nguyên tử, an toàn bức xạ và hạt nhân và đánh giá, thẩm định, giám định và CGCN)",
            allocated=209, executed=209, proposed=179),
    _budget(3, "4", "Tổ chức và tham dự hội nghị, hội thảo khoa học; đào tạo, tập huấn; hợp tác quốc tế về KH&CN; "
                    "các hoạt động nhân ngày KH&CN Việt Nam 18/5; khởi nghiệp đổi mới sáng tạo và một số nội dung khác",
            allocated=900, executed=900, proposed=1500),
    _budget(3, "5", "Thanh tra KH&CN", allocated=15, executed=15, proposed=40),
    _budget(3, "6", "Chi hoạt động KH&CN cấp huyện", allocated=500, executed=500, proposed=500),
    _budget(3, "7", "Chi các đơn vị sự nghiệp", allocated=4379, executed=4379, proposed=4750),
    _budget(3, "8", "Hoạt động quản lý khoa học", allocated=550, executed=550, proposed=489),
    _budget(1, "B", "Các nhiệm vụ KH&CN được cấp kinh phí từ ngân sách sự nghiệp KH&CN Trung ương"),
    _budget(2, "", "Kinh phí hỗ trợ công nghệ và hỗ trợ doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo triển khai "
                   "Luật Hỗ trợ doanh nghiệp và Nghị định 80/2021/NĐ-CP ngày 26/8/2021",
            central_notified=1750, allocated=1750, executed=1750, proposed=0),
    _budget(1, "C", "Kinh phí đầu tư phát triển"),
    _budget(2, "1", "Dự án \"Nâng cao năng lực Trung tâm ứng dụng khoa học và công nghệ tỉnh Bắc Giang giai "
                    "đoạn 2021-2023\"", central_notified=0, allocated=16000, executed=16000, proposed=2400),
    _budget(2, "2", "Đầu tư tiềm lực KH&CN khác (Phục vụ quản lý nhà nước lĩnh vực KH&CN; tại các ngành, huyện)",
            proposed=276888),
    _budget(1, "D", "Kinh phí quản lý nhà nước", central_notified=0, allocated=14374, executed=14374, proposed=18500),
]

INDICATOR_TITLE = "Chỉ tiêu kế hoạch khoa học - công nghệ"
EXECUTION_TITLE = "Đánh giá tình hình thực hiện kinh phí 6 tháng đầu năm 2023"
ESTIMATE_TITLE = "Dự kiến kinh phí sự nghiệp khoa học và công nghệ năm 2024"


@transaction.atomic
def seed_sample_figures(organisation, user) -> dict[str, object]:
    """Create the three tables once for ``organisation`` (idempotent)."""
    with acting_as(user, "seed"):
        indicator_set = IndicatorSet.objects.filter(organisation=organisation, year=2023, title=INDICATOR_TITLE).first()
        if indicator_set is None:
            indicator_set = services.save_container(user, IndicatorSet(organisation=organisation, year=2023,
                                                                       title=INDICATOR_TITLE))
            services.replace_indicators(user, indicator_set, APPENDIX_II)
        execution = BudgetTable.objects.filter(organisation=organisation, year=2023, title=EXECUTION_TITLE).first()
        if execution is None:
            execution = services.save_container(user, BudgetTable(
                organisation=organisation, year=2023, kind=BudgetKind.EXECUTION, title=EXECUTION_TITLE,
                as_of=datetime.date(2023, 6, 30), unit=MoneyUnit.MILLION, relative_includes_carry_over=True,
                note="Theo Phụ lục III của dự thảo Kế hoạch /KH-KHCN tháng 7/2023; Mục I (quản lý nhà nước) tính "
                     "tỷ lệ trên dự toán giao, không gồm chuyển nguồn."))
            services.replace_budget_lines(user, execution, APPENDIX_III)
        estimate = BudgetTable.objects.filter(organisation=organisation, year=2023, title=ESTIMATE_TITLE).first()
        if estimate is None:
            estimate = services.save_container(user, BudgetTable(
                organisation=organisation, year=2023, kind=BudgetKind.ESTIMATE, title=ESTIMATE_TITLE,
                unit=MoneyUnit.MILLION))
            services.replace_budget_lines(user, estimate, APPENDIX_V)
    return {"indicators": indicator_set, "execution": execution, "estimate": estimate}
