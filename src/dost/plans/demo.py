"""The five sample plans of ``samples/``, structured by hand as the documents state them.

Each plan records its number-symbol (blank numbers stay blank), place and partial date, legal bases,
signer and recipients, and its tasks with lead units, partners, months and the monthly roadmap of the
detailed appendix. Where a document contradicts itself (sample 002: the body says "Tháng 6/2022" and the
appendix "Tháng 5" for task 2.1) the appendix's detailed value is kept, as CONTRACTS.md decides.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from django.db import transaction

from dost.core.audit import acting_as
from dost.core.services import find_organisation, get_or_create_legal_document
from dost.core.status import DocumentKind, PlanStatus

from . import services
from .models import Milestone, Plan, Precision, Recurrence, ReportingSchedule, Task


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def d(text: str) -> datetime.date:
    day, month, year = (int(x) for x in text.split("/"))
    return datetime.date(year, month, day)


PLANS = [
    {
        "key": "000",
        "owner": ("bac_ninh", "so"), "issuer": ("bac_ninh", "so"),
        "issuer_name": "Sở Khoa học và Công nghệ tỉnh Bắc Ninh",
        "number": "", "symbol": "KH-SKHCN", "place": "Bắc Ninh", "date": (2026, 2, None),
        "title": "Triển khai thực hiện Nghị quyết số 43/2022/NQ-HĐND ngày 09/12/2022 của HĐND tỉnh Bắc Giang năm 2026",
        "period": (2026, 2026), "status": PlanStatus.IN_PROGRESS,
        "purpose": "Cụ thể hóa các nội dung triển khai thực hiện Nghị quyết số 43/2022/NQ-HĐND trong năm 2026.",
        "budget_vnd": 800_000_000,
        "budget_note": "Hỗ trợ doanh nghiệp, hợp tác xã, liên hiệp hợp tác xã áp dụng tiêu chuẩn, công cụ, mô hình, "
                       "phương pháp quản lý tiên tiến: hỗ trợ 16-50 tiêu chuẩn, công cụ, mô hình. Nguồn chi quản lý "
                       "nhà nước không thực hiện tự chủ giao cho Chi cục Tiêu chuẩn Đo lường Chất lượng năm 2026.",
        "bases": [
            ("43/2022/NQ-HĐND", DocumentKind.RESOLUTION, "09/12/2022", "HĐND tỉnh Bắc Giang",
             "Quy định hỗ trợ áp dụng tiêu chuẩn, công cụ, mô hình, phương pháp quản lý tiên tiến, đạt giải thưởng "
             "chất lượng, có sản phẩm, hàng hóa công bố tiêu chuẩn cơ sở, công bố hợp chuẩn và áp dụng truy xuất "
             "nguồn gốc"),
            ("17/NQ-HĐND", DocumentKind.RESOLUTION, "14/07/2025", "HĐND tỉnh Bắc Ninh",
             "Ban hành quy định áp dụng, bãi bỏ văn bản quy phạm pháp luật trong lĩnh vực khoa học và công nghệ"),
        ],
        "signer": ("Triệu Ngọc Trung", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
        "recipients": ["Lãnh đạo Sở", "Các phòng, đơn vị thuộc Sở (thực hiện)", "Lưu: VT, TĐC."],
        "tasks": [
            {"ref": "1", "title": "Tăng cường hoạt động tuyên truyền chính sách hỗ trợ của tỉnh theo Nghị quyết số "
                                  "43/2022/NQ-HĐND",
             "description": "Qua các phương tiện truyền thông, website của Sở; qua kiểm tra, khảo sát trực tiếp tại "
                            "doanh nghiệp, hợp tác xã; qua hội nghị, hội thảo; trong hoạt động chuyên môn; gửi văn bản "
                            "đề nghị UBND các xã, phường, Ban Quản lý các KCN tỉnh, Liên minh Hợp tác xã tăng cường "
                            "tuyên truyền.",
             "lead": ("bac_ninh", "tdc"), "lead_name": "Chi cục Tiêu chuẩn Đo lường Chất lượng",
             "partners": [("bac_ninh", "bqlkcn"), ("bac_ninh", "lmhtx")],
             "partners_text": "Các phòng, đơn vị thuộc Sở; UBND các xã, phường; Ban Quản lý các KCN tỉnh; Liên minh "
                              "Hợp tác xã; Đảng ủy Khối Doanh nghiệp tỉnh",
             "recurrence": Recurrence.ONGOING, "start": (d("01/01/2026"), Precision.MONTH)},
            {"ref": "2", "title": "Tiếp nhận, thẩm định và hỗ trợ kinh phí",
             "description": "Tiếp nhận và thẩm định hồ sơ đề nghị hỗ trợ của các tổ chức đảm bảo theo đúng trình tự, "
                            "thủ tục và thời gian quy định, trình Giám đốc Sở xem xét quyết định hỗ trợ. Tổng hợp nhu "
                            "cầu hỗ trợ của năm 2026.",
             "lead": ("bac_ninh", "tdc"), "lead_name": "Chi cục Tiêu chuẩn Đo lường Chất lượng",
             "start": (d("01/01/2026"), Precision.MONTH), "due": (month_end(2026, 12), Precision.YEAR),
             "budget_vnd": 800_000_000, "reporting_schedule": ReportingSchedule.QUARTERLY,
             "deliverables": "Hỗ trợ 16-50 tiêu chuẩn, công cụ, mô hình"},
        ],
    },
    {
        "key": "001",
        "owner": ("bac_giang", "so"), "issuer": ("bac_giang", "so"),
        "issuer_name": "Sở Khoa học và Công nghệ tỉnh Bắc Giang",
        "number": "", "symbol": "KH-KHCN", "place": "Bắc Giang", "date": (2023, 7, None),
        "title": "Phát triển kinh tế-xã hội năm 2024",
        "period": (2024, 2024), "status": PlanStatus.CLOSED,
        "purpose": "Đánh giá tình hình thực hiện kế hoạch phát triển kinh tế-xã hội năm 2023 và xây dựng kế hoạch, "
                   "dự toán ngân sách năm 2024 của Sở KH&CN.",
        "budget_vnd": 340_039_000_000,
        "budget_note": "Dự toán chi NSNN năm 2024 (Phụ lục V): quản lý hành chính 18.500 triệu đồng; sự nghiệp KH&CN "
                       "42.251 triệu đồng; đầu tư phát triển KH&CN 279.288 triệu đồng.",
        "bases": [
            ("3328/UBND-TH", DocumentKind.OFFICIAL_LETTER, "19/06/2023", "UBND tỉnh Bắc Giang",
             "Về việc xây dựng kế hoạch phát triển KT-XH và kế hoạch đầu tư công, chương trình mục tiêu quốc gia năm 2024"),
            ("1716/SKHĐT-THQH", DocumentKind.OFFICIAL_LETTER, "23/06/2023", "Sở Kế hoạch và Đầu tư tỉnh Bắc Giang",
             "Về việc hướng dẫn xây dựng kế hoạch phát triển KT-XH năm 2024"),
        ],
        "signer": ("Nguyễn Thanh Bình", "GIÁM ĐỐC", ""),
        "recipients": ["Sở Kế hoạch và Đầu tư", "phong_thqh_skhdt@bacgiang.gov.vn", "Lãnh đạo Sở",
                       "Các phòng, đơn vị trực thuộc Sở", "Lưu: VT, VP."],
        "tasks": [
            {"ref": "III.1", "title": "Hoạt động tiêu chuẩn đo lường chất lượng", "lead": ("bac_giang", "tdc"),
             "description": "Tiếp tục triển khai Kế hoạch 408/KH-UBND, 239/KH-UBND, 409/KH-UBND; hỗ trợ doanh nghiệp "
                            "theo Nghị quyết 43/2022/NQ-HĐND; thanh tra, kiểm tra TCĐLCL; ISO hành chính công."},
            {"ref": "III.2", "title": "Hoạt động sở hữu trí tuệ và hoạt động sáng kiến", "lead": ("bac_giang", "shtt"),
             "description": "Thực hiện Kế hoạch 488/KH-UBND về chiến lược SHTT; 03 hội nghị tập huấn SHTT; Hội đồng "
                            "Sáng kiến tỉnh đợt 2 năm 2023 và đợt 1 năm 2024."},
            {"ref": "III.3", "title": "Hoạt động quản lý công nghệ và thị trường công nghệ", "lead": ("bac_giang", "qlcn"),
             "description": "Thẩm định công nghệ dự án đầu tư; 02 lớp tập huấn an toàn bức xạ; cấp giấy chứng nhận "
                            "hợp đồng chuyển giao công nghệ, giấy phép X-quang, doanh nghiệp KH&CN."},
            {"ref": "III.4", "title": "Hoạt động ứng dụng, thông tin, thống kê KH&CN", "lead": ("bac_giang", "ttud"),
             "description": "Duy trì 03 trang thông tin; 12 phóng sự, 12 chuyên trang, 12 clip; thống kê KH&CN."},
            {"ref": "III.5", "title": "Hoạt động nghiên cứu khoa học và công nghệ", "lead": ("bac_giang", "qlkh"),
             "description": "Kiểm tra tiến độ, họp Hội đồng tư vấn xác định nhiệm vụ, tuyển chọn, giao trực tiếp, "
                            "thẩm định kinh phí và đánh giá kết quả nhiệm vụ KH&CN."},
            {"ref": "III.6", "title": "Hoạt động thanh tra KH&CN", "lead": ("bac_giang", "ttra"),
             "description": "Thanh tra TCĐLCL, nhiệm vụ KH&CN, an toàn bức xạ; tiếp công dân, giải quyết khiếu nại."},
            {"ref": "III.7", "title": "Hoạt động khác: cải cách hành chính, dự toán NSNN, thi đua khen thưởng",
             "lead": ("bac_giang", "vp")},
        ],
        "task_defaults": {"start": (d("01/01/2024"), Precision.MONTH), "due": (d("31/12/2024"), Precision.YEAR),
                          "reporting_schedule": ReportingSchedule.SEMIANNUAL},
        "accepted": {"III.1": 100, "III.2": 100, "III.3": 100, "III.4": 100, "III.5": 100, "III.6": 100, "III.7": 100},
    },
    {
        "key": "002",
        "owner": ("bac_giang", "so"), "issuer": ("bac_giang", "so"),
        "issuer_name": "Sở Khoa học và Công nghệ tỉnh Bắc Giang",
        "number": "", "symbol": "KH-KHCN", "place": "Bắc Giang", "date": (2022, 2, None),
        "title": "Thực hiện nhiệm vụ trọng tâm của Giám đốc Sở Khoa học và Công nghệ năm 2022",
        "period": (2022, 2022), "status": PlanStatus.CLOSED,
        "purpose": "Triển khai kịp thời, có hiệu quả các nội dung được giao trong Quyết định số 180/QĐ-UBND ngày "
                   "28/01/2022 của Chủ tịch UBND tỉnh. Các phòng, đơn vị được giao nhiệm vụ phải xây dựng kế hoạch "
                   "cụ thể, giao rõ người, rõ việc, đáp ứng tiến độ và chất lượng.",
        "budget_vnd": None,
        "bases": [
            ("180/QĐ-UBND", DocumentKind.DECISION, "28/01/2022", "Chủ tịch UBND tỉnh Bắc Giang",
             "Về việc giao nhiệm vụ trọng tâm, chấp thuận nhiệm vụ của người đứng đầu cơ quan, đơn vị thuộc UBND tỉnh"),
            ("455/UBND-KGVX", DocumentKind.OFFICIAL_LETTER, "29/01/2022", "Chủ tịch UBND tỉnh Bắc Giang",
             "Về việc chuẩn bị nội dung triển khai thực hiện nhiệm vụ trọng tâm năm 2022"),
        ],
        "replaces": [("33/KH-KH&CN", DocumentKind.PLAN, "14/02/2022", "Sở KH&CN Bắc Giang",
                      "Kế hoạch thực hiện nhiệm vụ trọng tâm năm 2022")],
        "signer": ("Nguyễn Thanh Bình", "GIÁM ĐỐC", ""),
        "recipients": ["Phó Chủ tịch UBND tỉnh Mai Sơn (b/cáo)", "Văn phòng UBND tỉnh", "Lãnh đạo Sở",
                       "Các phòng, đơn vị thuộc Sở", "Tranggt@bacgiang.gov.vn", "Lưu: VT, VP."],
        "task_defaults": {"start": (d("01/01/2022"), Precision.MONTH)},
        "tasks": [
            {"ref": "1.1", "title": "Tham mưu UBND tỉnh ban hành Chỉ thị hoặc Kế hoạch nâng cao chất lượng các nhiệm vụ "
                                    "KHCN (bao gồm cả đề tài, dự án); nâng cao chất lượng thẩm định, xét duyệt đề tài của "
                                    "Hội đồng khoa học công nghệ tỉnh",
             "lead": ("bac_giang", "qlkh"), "lead_name": "Phòng Quản lý Khoa học",
             "due": (month_end(2022, 3), Precision.MONTH),
             "deliverables": "Hoàn thiện Dự thảo 1; Hoàn thiện Dự thảo 2; Chỉ thị được Phó Chủ tịch UBND tỉnh ký ban "
                             "hành chậm nhất trong tháng 4/2022",
             "milestones": [
                 (1, "Tháng 1", "Phân công nhiệm vụ cho người chịu trách nhiệm xây dựng dự thảo; thu thập các văn bản, tài liệu liên quan.", "Hoàn thiện Dự thảo 1"),
                 (2, "Tháng 2", "Gửi dự thảo xin ý kiến các phòng, đơn vị trực thuộc Sở và Lãnh đạo Sở; gửi dự thảo xin ý kiến thành viên Hội đồng KH&CN tỉnh.", "Hoàn thiện Dự thảo 2"),
                 (3, "Tháng 3", "Tiếp thu ý kiến, hoàn thiện dự thảo; báo cáo xin ý kiến Phó Chủ tịch UBND tỉnh; trình ký ban hành.", "Chỉ thị được ký ban hành"),
             ]},
            {"ref": "1.2", "title": "Thực hiện có hiệu quả việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
                                    "theo Tiêu chuẩn quốc gia vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành "
                                    "chính nhà nước trên địa bàn tỉnh",
             "lead": ("bac_giang", "tdc"), "lead_name": "Chi cục Tiêu chuẩn Đo lường Chất lượng",
             "due": (month_end(2022, 12), Precision.MONTH),
             "deliverables": "Bảng tổng hợp, theo dõi kế hoạch của các cơ quan; Kế hoạch hoạt động của Ban chỉ đạo ISO "
                             "tỉnh; Hướng dẫn chấm điểm; Báo cáo 6 tháng; 11 cuộc đào tạo tập huấn chấm điểm; xếp hạng "
                             "kết quả áp dụng ISO của các cơ quan",
             "milestones": [
                 (1, "Tháng 1", "Đôn đốc, hướng dẫn các cơ quan xây dựng kế hoạch ISO năm 2022.", "Bảng tổng hợp, theo dõi kế hoạch của các cơ quan"),
                 (2, "Tháng 2", "Tham mưu ban hành kế hoạch hoạt động của Ban chỉ đạo ISO tỉnh.", "Kế hoạch hoạt động của Ban chỉ đạo ISO tỉnh được ban hành"),
                 (5, "Tháng 4-5", "Ban hành hướng dẫn chấm điểm theo Quyết định 2532/QĐ-UBND ngày 10/12/2021.", "Hướng dẫn chấm điểm được ban hành"),
                 (6, "Tháng 6", "Xây dựng báo cáo 6 tháng.", "Báo cáo 6 tháng"),
                 (9, "Tháng 7-9", "Đào tạo, tập huấn chấm điểm cho các cơ quan.", "Tổ chức 11 cuộc đào tạo tập huấn chấm điểm"),
                 (11, "Tháng 8-11", "Tham mưu triển khai công tác chấm điểm ISO các cơ quan.", "Ban hành kế hoạch chấm điểm; thực hiện chấm điểm"),
                 (12, "Tháng 12", "Xây dựng báo cáo năm 2022 theo Quyết định số 19/2014/QĐ-TTg.", "Báo cáo năm 2022"),
             ]},
            {"ref": "1.3", "title": "Chỉ đạo tổ chức thành công Giải thưởng Báo chí về KH&CN tỉnh Bắc Giang, lần thứ nhất",
             "lead": ("bac_giang", "ttud"), "lead_name": "Trung tâm Ứng dụng KH&CN",
             "due": (month_end(2022, 5), Precision.MONTH),
             "deliverables": "Kế hoạch số 14/KH-KHCN ngày 19/01/2022; Công văn số 63/BTC-KHCN ngày 18/01/2022; 01 phóng "
                             "sự tuyên truyền; báo cáo tổng hợp hồ sơ; Hội đồng Giám khảo; danh sách tác phẩm đạt giải; "
                             "báo cáo kết quả giải thưởng",
             "milestones": [
                 (1, "Tháng 1", "Tham mưu ban hành Kế hoạch tổ chức Giải thưởng; đôn đốc hưởng ứng; phối hợp tuyên truyền.", "Kế hoạch số 14/KH-KHCN"),
                 (2, "Tháng 2", "Tiếp nhận, tổng hợp danh sách tác phẩm, tác giả; Ban Tổ chức họp thống nhất phương thức chấm.", ""),
                 (3, "Tháng 3", "Tổng hợp hồ sơ; thành lập Hội đồng Giám khảo.", "Hội đồng Giám khảo được thành lập"),
                 (4, "Tháng 4", "Họp các Hội đồng chấm Giải thưởng: vòng sơ khảo và chung khảo.", "Danh sách tác phẩm đạt giải"),
                 (5, "Tháng 5", "Tổ chức Lễ công bố và trao Giải thưởng Báo chí.", "Báo cáo kết quả giải thưởng"),
             ]},
            {"ref": "2.1", "title": "Kế hoạch đẩy mạnh hoạt động nghiên cứu - ứng dụng công nghệ sinh học trên địa bàn "
                                    "tỉnh Bắc Giang, giai đoạn 2022-2025",
             "lead": ("bac_giang", "qlkh"), "lead_name": "Phòng Quản lý Khoa học",
             "due": (month_end(2022, 5), Precision.MONTH),
             "deliverables": "Tổng hợp ý kiến đề xuất; Quyết định thành lập Tổ Biên tập; Đề cương Kế hoạch; Dự thảo 1, 2; "
                             "Kế hoạch được UBND tỉnh ban hành chậm nhất trong tháng 6/2022",
             "milestones": [
                 (1, "Tháng 1", "Gửi văn bản đề nghị đề xuất nội dung; thành lập Tổ biên tập; thu thập tài liệu; dự thảo Đề cương.", "Quyết định thành lập Tổ Biên tập"),
                 (2, "Tháng 2", "Xây dựng dự thảo Kế hoạch xin ý kiến các phòng, đơn vị và Lãnh đạo Sở.", "Dự thảo Kế hoạch 1"),
                 (3, "Tháng 3", "Gửi dự thảo xin ý kiến các sở, cơ quan, UBND các huyện, thành phố.", "Dự thảo Kế hoạch 2"),
                 (4, "Tháng 4", "Hoàn thiện dự thảo; báo cáo xin ý kiến Phó Chủ tịch UBND tỉnh.", "Hồ sơ gửi Văn phòng UBND tỉnh"),
                 (5, "Tháng 5", "Báo cáo UBND tỉnh; tiếp thu ý kiến, trình ký ban hành.", "Kế hoạch được ban hành"),
             ]},
            {"ref": "2.2", "title": "Quyết định ban hành Quy chế phối hợp giữa các cơ quan chức năng của tỉnh trong thực "
                                    "thi, bảo vệ quyền SHTT",
             "lead": ("bac_giang", "shtt"), "lead_name": "Phòng Quản lý KHCN cơ sở và sở hữu trí tuệ",
             "due": (month_end(2022, 8), Precision.MONTH),
             "deliverables": "Quyết định thành lập Tổ soạn thảo; Đề cương Quy chế; Dự thảo 1, 2; Quy chế được ký ban "
                             "hành chậm nhất trong tháng 9/2022",
             "milestones": [
                 (2, "Tháng 1-2", "Thành lập tổ biên tập, phân công nhiệm vụ; thu thập các văn bản, tài liệu liên quan.", "Quyết định thành lập Tổ soạn thảo"),
                 (4, "Tháng 3-4", "Xây dựng dự thảo Đề cương xin ý kiến Lãnh đạo Sở.", "Đề cương Quy chế phối hợp"),
                 (6, "Tháng 5-6", "Gửi dự thảo xin ý kiến các phòng, đơn vị và Lãnh đạo Sở; hoàn thiện dự thảo.", "Dự thảo 1"),
                 (8, "Tháng 7-8", "Gửi dự thảo xin ý kiến các cơ quan phối hợp; báo cáo Phó Chủ tịch UBND tỉnh; trình ký.", "Dự thảo 2"),
             ]},
            {"ref": "2.3", "title": "Nghị quyết HĐND tỉnh quy định mức hỗ trợ áp dụng Hệ thống, công cụ quản lý tiên tiến, "
                                    "đạt giải thưởng chất lượng, có sản phẩm, hàng phù hợp tiêu chuẩn và áp dụng truy xuất "
                                    "nguồn gốc",
             "lead": ("bac_giang", "tdc"), "lead_name": "Chi cục Tiêu chuẩn Đo lường Chất lượng",
             "partners": [("bac_giang", "stp")],
             "due": (month_end(2022, 12), Precision.MONTH),
             "deliverables": "Hồ sơ đề nghị xây dựng Nghị quyết được thẩm định; dự thảo Nghị quyết; văn bản thẩm tra của "
                             "Sở Tư pháp và Văn phòng UBND tỉnh; Nghị quyết được thông qua",
             "milestones": [
                 (3, "Tháng 1-3", "Nghiên cứu các văn bản, tài liệu; tham khảo chính sách các tỉnh.", "Các văn bản, chính sách có liên quan của các tỉnh"),
                 (4, "Tháng 4", "Xây dựng hồ sơ đề nghị xây dựng Nghị quyết xin ý kiến lãnh đạo Sở.", "Hồ sơ đề nghị xây dựng Nghị quyết"),
                 (5, "Tháng 5", "Hoàn thiện hồ sơ, xin ý kiến các cơ quan; đăng tải lên Cổng thông tin điện tử tỉnh.", ""),
                 (6, "Tháng 6", "Tổng hợp ý kiến; gửi Sở Tư pháp thẩm định.", "Hồ sơ được thẩm định"),
                 (7, "Tháng 7", "Báo cáo, xin ý kiến chỉ đạo của Lãnh đạo UBND tỉnh.", ""),
                 (8, "Tháng 8", "Trình UBND tỉnh đề nghị xây dựng Nghị quyết; xin ý kiến dự thảo Nghị quyết.", "Dự thảo Nghị quyết"),
                 (9, "Tháng 9", "Gửi Sở Tư pháp thẩm định; gửi Văn phòng UBND tỉnh thẩm tra.", "Văn bản thẩm tra"),
                 (10, "Tháng 10", "Trình UBND tỉnh dự thảo Nghị quyết.", "Dự thảo được UBND tỉnh thông qua"),
                 (12, "Tháng 11-12", "Tham mưu UBND tỉnh trình HĐND tỉnh xem xét, thông qua.", "Nghị quyết được thông qua"),
             ]},
        ],
        "accepted": {"1.1": 100, "1.2": 100, "1.3": 100, "2.1": 100, "2.2": 100, "2.3": 90},
    },
    {
        "key": "003",
        "owner": ("bac_giang", "so"), "issuer": ("bac_giang", "so"),
        "issuer_name": "Sở Khoa học và Công nghệ tỉnh Bắc Giang",
        "number": "25", "symbol": "KH-KHCN", "place": "Bắc Giang", "date": (2019, 2, 25),
        "title": "Tham mưu xây dựng văn bản quy phạm pháp luật về quy định “Hỗ trợ doanh nghiệp đổi mới công nghệ trên "
                 "địa bàn tỉnh, giai đoạn 2020-2025” trình UBND, HĐND ban hành",
        "period": (2019, 2019), "status": PlanStatus.CLOSED,
        "purpose": "Tham mưu UBND tỉnh về cơ chế đổi mới công nghệ trong quá trình sản xuất; nâng cao trình độ công "
                   "nghệ, năng suất lao động, hạ giá thành sản phẩm; bảo vệ môi trường.",
        "budget_vnd": None, "budget_note": "Kinh phí thực hiện được giao cho Sở Khoa học Công nghệ năm 2019.",
        "bases": [("754/QĐ-UBND", DocumentKind.DECISION, "30/11/2018", "Chủ tịch UBND tỉnh Bắc Giang",
                   "Về ban hành nội dung, chương trình công tác của UBND tỉnh năm 2019")],
        "signer": ("Nguyễn Phúc Thương", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
        "recipients": ["Lưu: VT, QLCN.", "PCT UBND tỉnh Dương Văn Thái (b/cáo)", "khanhtq@bacgiang.gov.vn",
                       "namth@bacgiang.gov.vn", "Các phòng, đơn vị thuộc Sở (t/hiện)", "Phòng QLCN"],
        "task_defaults": {"lead": ("bac_giang", "qlcn"), "lead_name": "Phòng Quản lý công nghệ và Thị trường công nghệ"},
        "tasks": [
            {"ref": "1", "title": "Thành lập Tổ biên tập; thu thập, nghiên cứu các văn bản của Trung ương, các tỉnh, thành "
                                  "phố về cơ chế hỗ trợ đổi mới công nghệ",
             "start": (d("01/03/2019"), Precision.DAY), "due": (d("31/03/2019"), Precision.DAY)},
            {"ref": "2", "title": "Xây dựng dự thảo (lần 1) Quy định về “Hỗ trợ doanh nghiệp đổi mới công nghệ trên địa "
                                  "bàn tỉnh Bắc Giang, giai đoạn 2020-2025”",
             "start": (d("01/04/2019"), Precision.DAY), "due": (d("15/04/2019"), Precision.DAY)},
            {"ref": "3", "title": "Lấy ý kiến các phòng, đơn vị thuộc Sở; báo cáo, xin chủ trương lãnh đạo Sở (dự thảo lần 1)",
             "start": (d("16/04/2019"), Precision.DAY), "due": (d("30/04/2019"), Precision.DAY)},
            {"ref": "4", "title": "Tổ chức họp lấy ý kiến các Sở, ngành, UBND các huyện, thành phố; hoàn thiện dự thảo "
                                  "(lần 2); lấy ý kiến trên Cổng thông tin điện tử UBND tỉnh",
             "start": (d("01/05/2019"), Precision.DAY), "due": (d("31/05/2019"), Precision.DAY)},
            {"ref": "5", "title": "Lấy ý kiến thẩm định của Sở Tư pháp; tổng hợp, tiếp thu, giải trình để hoàn thiện dự "
                                  "thảo (lần 3)",
             "partners": [("bac_giang", "stp")],
             "start": (d("01/06/2019"), Precision.DAY), "due": (d("15/06/2019"), Precision.DAY)},
            {"ref": "7", "title": "Báo cáo, xin ý kiến Lãnh đạo Sở (dự thảo lần 3); hoàn chỉnh dự thảo (lần 4)",
             "start": (d("16/06/2019"), Precision.DAY), "due": (d("30/06/2019"), Precision.DAY)},
            {"ref": "8", "title": "Gửi hồ sơ (Tờ trình, dự thảo Quyết định) đề Văn phòng UBND tỉnh thẩm tra; tiếp tục "
                                  "hoàn thiện dự thảo (lần 4)",
             "start": (d("01/07/2019"), Precision.DAY), "due": (d("31/07/2019"), Precision.DAY)},
            {"ref": "9", "title": "Hoàn thiện hồ sơ, báo cáo xin ý kiến Phó Chủ tịch UBND tỉnh phụ trách khối; hoàn chỉnh "
                                  "dự thảo (lần 4)",
             "start": (d("01/08/2019"), Precision.DAY), "due": (d("30/08/2019"), Precision.DAY)},
            {"ref": "10", "title": "Hoàn chỉnh hồ sơ và các nội dung cần thiết để chuẩn bị báo cáo UBND tỉnh (thời gian "
                                   "dự phòng)",
             "start": (d("01/09/2019"), Precision.DAY), "due": (d("30/09/2019"), Precision.DAY)},
            {"ref": "11", "title": "Trình kỳ họp UBND tỉnh",
             "start": (d("01/10/2019"), Precision.MONTH), "due": (month_end(2019, 10), Precision.MONTH)},
        ],
        "accepted": {"1": 100, "2": 100, "3": 100, "4": 100, "5": 100, "7": 100, "8": 100, "9": 100, "10": 100, "11": 100},
    },
    {
        "key": "004",
        "owner": ("hoa_binh", "so"), "issuer": ("hoa_binh", "ubnd"),
        "issuer_name": "Ủy ban nhân dân tỉnh Hòa Bình",
        "number": "", "symbol": "KH-UBND", "place": "Hòa Bình", "date": (2021, 9, None),
        "title": "Thực hiện Chương trình quốc gia Hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng "
                 "hóa giai đoạn 2021-2025 trên địa bàn tỉnh Hòa Bình",
        "period": (2021, 2025), "status": PlanStatus.IN_PROGRESS,
        "purpose": "Hỗ trợ doanh nghiệp, hợp tác xã, tổ chức khoa học và công nghệ trên địa bàn tỉnh nâng cao năng "
                   "suất và chất lượng sản phẩm, hàng hóa trên cơ sở áp dụng các giải pháp về tiêu chuẩn, quy chuẩn kỹ "
                   "thuật, hệ thống quản lý, công cụ cải tiến năng suất chất lượng.",
        "budget_vnd": None,
        "budget_note": "Nguồn kinh phí ngân sách nhà nước và các nguồn huy động hợp pháp khác theo quy định.",
        "bases": [("1322/QĐ-TTg", DocumentKind.DECISION, "31/08/2020", "Thủ tướng Chính phủ",
                   "Phê duyệt Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng "
                   "hóa giai đoạn 2021-2030")],
        "signer": ("Đinh Công Sứ", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"),
        "recipients": ["Bộ KH&CN", "Chủ tịch, các PCT UBND tỉnh", "Các Sở, Ban, ngành tỉnh",
                       "Ban Quản lý các Khu công nghiệp tỉnh", "UBND các huyện, thành phố", "Liên minh HTX, Hiệp hội DN tỉnh",
                       "Chánh VP, Phó CVP UBND tỉnh", "Lưu: VT, KTN(Đg)."],
        "task_defaults": {
            "lead": ("hoa_binh", "so"), "lead_name": "Sở KH&CN",
            "partners": [("hoa_binh", "lmhtx"), ("hoa_binh", "hhdn")],
            "partners_text": "Các sở, ngành, UBND huyện/TP, doanh nghiệp, Liên minh HTX, Hiệp hội DN tỉnh",
            "start": (d("01/09/2021"), Precision.MONTH), "reporting_schedule": ReportingSchedule.ANNUAL,
        },
        "tasks": [
            {"ref": "1", "title": "Rà soát cơ chế, chính sách, các giải pháp về khoa học công nghệ nhằm thúc đẩy hoạt động "
                                  "nâng cao năng suất, chất lượng",
             "due": (d("31/12/2023"), Precision.YEAR)},
            {"ref": "2", "title": "Tăng cường công tác thông tin, truyền thông về năng suất, chất lượng; tôn vinh, khen "
                                  "thưởng tập thể, cá nhân có thành tích cao; khuyến khích, hỗ trợ doanh nghiệp tham gia "
                                  "Giải thưởng Chất lượng quốc gia",
             "recurrence": Recurrence.ANNUAL},
            {"ref": "3", "title": "Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, quy chuẩn kỹ thuật, hệ thống quản lý, công cụ "
                                  "cải tiến năng suất chất lượng, truy xuất nguồn gốc sản phẩm, hàng hóa",
             "recurrence": Recurrence.ANNUAL},
            {"ref": "4", "title": "Đào tạo nguồn nhân lực cho hoạt động nâng cao năng suất, chất lượng sản phẩm, hàng hóa",
             "recurrence": Recurrence.ANNUAL},
            {"ref": "5", "title": "Tăng cường đầu tư thiết bị thử nghiệm thông qua dự án đầu tư phát triển khoa học và "
                                  "công nghệ giai đoạn 2021-2026; hỗ trợ hoạt động thử nghiệm, kiểm định, giám định, chứng "
                                  "nhận sự phù hợp",
             "partners": [], "partners_text": "Tổ chức khoa học và công nghệ công lập, doanh nghiệp",
             "start": (d("01/01/2021"), Precision.YEAR), "due": (d("31/12/2023"), Precision.YEAR)},
        ],
        "accepted": {"1": 100, "5": 60},
    },
]


def _resolve(orgs, ref):
    province, key = ref
    return orgs[province][key]


def _legal(entry):
    number, kind, issued, issuer_name, title = entry
    issuer = find_organisation(issuer_name)
    return get_or_create_legal_document(
        number, kind=kind, issued_on=d(issued), issuer=issuer, issuer_name=issuer_name, title=title
    )


@transaction.atomic
def seed_plans(orgs, users) -> list[Plan]:
    """Create the five sample plans once; running again changes nothing."""
    created = []
    admin = users["quantri"]
    for spec in PLANS:
        owner = _resolve(orgs, spec["owner"])
        if Plan.objects.filter(owner=owner, symbol=spec["symbol"], title=spec["title"]).exists():
            continue
        with acting_as(admin, "seed"):
            plan = Plan(
                owner=owner, issuer=_resolve(orgs, spec["issuer"]), issuer_name=spec["issuer_name"],
                number=spec["number"], symbol=spec["symbol"], place=spec["place"],
                date_year=spec["date"][0], date_month=spec["date"][1], date_day=spec["date"][2],
                title=spec["title"], period_start=spec["period"][0], period_end=spec["period"][1],
                purpose=spec.get("purpose", ""), budget_vnd=spec.get("budget_vnd"),
                budget_note=spec.get("budget_note", ""), signer_name=spec["signer"][0],
                signer_title=spec["signer"][1], signer_on_behalf=spec["signer"][2],
                recipients=spec["recipients"], status=spec["status"],
            )
            plan.save()
            plan.legal_bases.set([_legal(entry) for entry in spec["bases"]])
            plan.replaces.set([_legal(entry) for entry in spec.get("replaces", [])])
            by_ref = {}
            for order, task_spec in enumerate(spec["tasks"], start=1):
                data = {**spec.get("task_defaults", {}), **task_spec}
                lead = _resolve(orgs, data["lead"]) if data.get("lead") else None
                task = Task(
                    plan=plan, ref=data["ref"], order=order, title=data["title"],
                    description=data.get("description", ""), lead=lead,
                    lead_name=data.get("lead_name", ""), partners_text=data.get("partners_text", ""),
                    recurrence=data.get("recurrence", Recurrence.NONE), deliverables=data.get("deliverables", ""),
                    budget_vnd=data.get("budget_vnd"),
                    reporting_schedule=data.get("reporting_schedule", ReportingSchedule.NONE),
                )
                if data.get("start"):
                    task.start_date, task.start_precision = data["start"]
                if data.get("due"):
                    task.due_date, task.due_precision = data["due"]
                task.save()
                task.partners.set([_resolve(orgs, ref) for ref in data.get("partners", [])])
                year = spec["period"][0]
                for month, label, text, result in data.get("milestones", []):
                    Milestone(task=task, due_date=month_end(year, month), label=label, text=text,
                              expected_result=result).save()
                by_ref[task.ref] = task
        _accept_progress(plan, by_ref, spec.get("accepted", {}), users)
        created.append(plan)
    return created


def _accept_progress(plan: Plan, tasks: dict[str, Task], accepted: dict[str, int], users) -> None:
    """Historical progress, reported by an officer and accepted by a leader, through the real services."""
    if not accepted:
        return
    leader = users["lanhdaohb"] if plan.owner.name.endswith("Hòa Bình") else users["lanhdao"]
    for ref, percent in accepted.items():
        task = tasks[ref]
        reporter = leader
        end = task.due_date or datetime.date(plan.period_end or plan.date_year, 12, 31)
        with acting_as(reporter, "seed"):
            report = services.create_report(
                reporter, task,
                {"report_date": min(end, datetime.date.today()), "period_label": f"Năm {end.year}",
                 "percent": Decimal(percent),
                 "narrative": "Đã hoàn thành các nội dung theo kế hoạch." if percent >= 100
                 else "Đang triển khai, một số nội dung còn chậm so với lộ trình."},
                submit=True, milestones=list(task.milestones.all()) if percent >= 100 else [],
            )
        with acting_as(leader, "seed"):
            services.accept_report(leader, report, "Đồng ý.")

