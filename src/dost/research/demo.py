"""Demo S&T tasks: a portfolio across levels, fields and states, the 2023 call, and an acceptance council.

Titles, hosts and facts follow sample 001 (the Department of Bắc Giang's 2023 mid-year report: 82 tasks
managed, 109 proposals in the 2023 call, a fund recovery, four extensions, an acceptance rated "Khá", a
national task whose model site was changed). Figures the sample does not give (budgets, dates, people) are
demo values. The Bắc Giang tasks are managed by its Phòng Quản lý Khoa học and seen by the merged Bắc Ninh
Department's staff through the successor link; the 2026–2027 ones are Bắc Ninh's.

Every state change goes through ``services.transition`` (each with its decision) and every council through
the councils engine's services, so the demo shows timelines, council entries and minutes as users make them:

- the 2023 call: 36 proposals (a few duplicates written differently, as organisations send them), three sent
  to the identification council, which recommended two;
- the acceptance council of a provincial research task (nursing practice in public hospitals): seven
  members, one excluded from the entry by a conflict of interest, three sheets entered online by members
  with accounts and three from paper by the secretary; rated Đạt;
- the 2027 call, open, with an identification council round still preparing, so "send to council" can be
  tried.

Idempotent: nothing is added when the 2023 call exists.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from dost.core.audit import acting_as
from dost.core.models import Organisation
from dost.core.status import CouncilRole, OrganisationKind

from . import services
from .models import CallRound, Project, Proposal
from .services import Decision, transition

D = datetime.date
ROUND_2023 = "Đề xuất đặt hàng nhiệm vụ KH&CN cấp tỉnh năm 2023"
ROUND_2027 = "Đề xuất đặt hàng nhiệm vụ KH&CN cấp tỉnh năm 2027"
UBND_SIGNER = "Phó Chủ tịch UBND tỉnh"
SO_SIGNER = "Giám đốc Sở KH&CN"

HOSTS = [
    ("Viện Thổ nhưỡng Nông hóa", OrganisationKind.SCIENCE_ORG),
    ("Trung tâm Nghiên cứu và Phát triển Nông nghiệp công nghệ cao", OrganisationKind.SCIENCE_ORG),
    ("Hợp tác xã Dược liệu Bồ Đà", OrganisationKind.COOPERATIVE),
    ("Trường Cao đẳng Y tế Bắc Giang", OrganisationKind.SCIENCE_ORG),
    ("Viện Văn hóa Nghệ thuật quốc gia Việt Nam", OrganisationKind.SCIENCE_ORG),
    ("Trường Chính trị tỉnh Bắc Giang", OrganisationKind.OTHER),
    ("Trường Đại học Nông Lâm Bắc Giang", OrganisationKind.SCIENCE_ORG),
    ("Công ty Cổ phần Môi trường Kinh Bắc", OrganisationKind.ENTERPRISE),
]

# 2023 call: (title, proposer, field, kind); a few say the same thing in other words.
PROPOSALS_2023 = [
    ("Nghiên cứu bảo tồn giá trị văn hóa dân tộc Nùng, Dao phục vụ xây dựng mô hình làng văn hóa du lịch ở huyện "
     "Lục Ngạn, Sơn Động", "Sở Văn hóa, Thể thao và Du lịch", "culture_health_education", "de_tai"),
    ("Bảo tồn giá trị văn hóa dân tộc Nùng, Dao gắn với phát triển du lịch Lục Ngạn, Sơn Động",
     "UBND huyện Lục Ngạn", "culture_health_education", "de_tai"),
    ("Nghiên cứu nâng cao năng lực thực hành chăm sóc của đội ngũ điều dưỡng trong các cơ sở y tế công lập tỉnh "
     "Bắc Giang", "Sở Y tế", "culture_health_education", "de_tai"),
    ("Nghiên cứu đề xuất giải pháp nâng cao giá trị chuẩn mực con người Bắc Giang thời kỳ mới",
     "Trường Chính trị tỉnh Bắc Giang", "other", "de_tai"),
    ("Ứng dụng KH&CN xây dựng mô hình sản xuất giống, dược liệu xạ can theo tiêu chuẩn GACP-WHO trên địa bàn "
     "tỉnh Bắc Giang", "Hợp tác xã Dược liệu Bồ Đà", "agriculture", "du_an"),
    ("Xây dựng mô hình sản xuất giống và trồng dược liệu xạ can đạt GACP-WHO tại Bắc Giang",
     "UBND huyện Yên Thế", "agriculture", "du_an"),
    ("Ứng dụng tiến bộ KH&CN xây dựng mô hình phát triển giống vú sữa Tân Yên", "UBND huyện Tân Yên",
     "agriculture", "du_an"),
    ("Ứng dụng công nghệ cao xây dựng mô hình sản xuất nho Hạ Đen nhằm phát triển kinh tế nông nghiệp",
     "Sở Nông nghiệp và Phát triển nông thôn", "agriculture", "du_an"),
    ("Xây dựng mô hình ứng dụng các giải pháp kỹ thuật quản lý hiện tượng vàng lá cam", "UBND huyện Lục Ngạn",
     "agriculture", "du_an"),
    ("Nghiên cứu xây dựng mô hình rừng trồng thâm canh Vù hương", "Sở Nông nghiệp và Phát triển nông thôn",
     "agriculture", "de_tai"),
    ("Nghiên cứu bảo tồn nguồn gen loài Lim xanh tại tỉnh Bắc Giang", "Trường Đại học Nông Lâm Bắc Giang",
     "agriculture", "de_tai"),
    ("Bảo tồn và phát triển nguồn gen cây Lim xanh trên địa bàn tỉnh", "Ban quản lý rừng phòng hộ Sơn Động",
     "agriculture", "de_tai"),
    ("Ứng dụng TBKT, sử dụng chế phẩm MF1 xây dựng mô hình trồng rừng gỗ lớn thông Caribe",
     "Công ty TNHH MTV Lâm nghiệp Yên Thế", "agriculture", "du_an"),
    ("Nghiên cứu, khảo nghiệm các dòng lúa thuần mới có năng suất cao, chất lượng tốt phù hợp với các vùng sản "
     "xuất của tỉnh", "Trung tâm Khuyến nông tỉnh", "agriculture", "de_tai"),
    ("Nghiên cứu, xây dựng mô hình trồng thâm canh loài Giổi ăn hạt tại tỉnh Bắc Giang",
     "Trường Đại học Nông Lâm Bắc Giang", "agriculture", "de_tai"),
    ("Nghiên cứu, gây trồng thử nghiệm cây Thanh Thất phục vụ trồng rừng gỗ lớn", "Hạt Kiểm lâm Sơn Động",
     "agriculture", "de_tai"),
    ("Nghiên cứu đặc điểm tình hình bệnh dịch tả lợn Châu Phi trên địa bàn tỉnh Bắc Giang và biện pháp phòng, "
     "chống", "Chi cục Chăn nuôi và Thú y", "agriculture", "de_tai"),
    ("Nghiên cứu đặc điểm dịch tễ và biện pháp phòng chống bệnh Viêm da nổi cục ở trâu, bò trên địa bàn tỉnh",
     "Chi cục Chăn nuôi và Thú y", "agriculture", "de_tai"),
    ("Đặc điểm dịch tễ, biện pháp phòng chống bệnh viêm da nổi cục trên trâu bò tại Bắc Giang",
     "UBND huyện Lạng Giang", "agriculture", "de_tai"),
    ("Nghiên cứu ứng dụng tiến bộ KH&CN để cải tạo và phát triển đàn dê lai trên địa bàn tỉnh",
     "UBND huyện Sơn Động", "agriculture", "du_an"),
    ("Ứng dụng tiến bộ KH&CN xây dựng mô hình chăn nuôi ngựa bạch tại huyện Lục Ngạn", "UBND huyện Lục Ngạn",
     "agriculture", "du_an"),
    ("Xây dựng, quản lý và phát triển nhãn hiệu chứng nhận “Dừa Lạng Giang” cho sản phẩm dừa của huyện Lạng Giang",
     "UBND huyện Lạng Giang", "other", "du_an"),
    ("Hỗ trợ phát triển chỉ dẫn địa lý Na dai Lục Nam", "UBND huyện Lục Nam", "other", "du_an"),
    ("Nghiên cứu giải pháp và đề xuất mô hình phát triển du lịch nông thôn gắn với làng nghề, bảo tồn di sản làng "
     "cổ xã Vân Hà, huyện Việt Yên", "UBND huyện Việt Yên", "culture_health_education", "de_tai"),
    ("Ứng dụng công nghệ IoT giám sát môi trường nuôi trồng thủy sản tập trung", "Công ty TNHH Thủy sản Hà Bắc",
     "industry", "du_an"),
    ("Nghiên cứu chế tạo hệ thống sấy nông sản sử dụng năng lượng mặt trời quy mô hộ gia đình",
     "Trường Cao đẳng Kỹ thuật Công nghiệp", "industry", "de_tai"),
    ("Ứng dụng công nghệ xử lý nước thải làng nghề nấu rượu Vân Hà", "UBND huyện Việt Yên", "industry", "du_an"),
    ("Xây dựng hệ thống truy xuất nguồn gốc vải thiều Lục Ngạn trên nền tảng số", "Sở Công Thương", "industry",
     "du_an"),
    ("Truy xuất nguồn gốc sản phẩm vải thiều Lục Ngạn bằng nền tảng số", "Hội Nông dân tỉnh", "industry", "du_an"),
    ("Nghiên cứu thực trạng và giải pháp nâng cao chất lượng khám chữa bệnh tuyến xã", "Sở Y tế",
     "culture_health_education", "de_tai"),
    ("Nghiên cứu ứng dụng kỹ thuật nội soi can thiệp tại Bệnh viện Đa khoa tỉnh", "Bệnh viện Đa khoa tỉnh",
     "culture_health_education", "de_tai"),
    ("Giải pháp nâng cao chất lượng dạy học ngoại ngữ cho học sinh vùng đồng bào dân tộc thiểu số",
     "Sở Giáo dục và Đào tạo", "culture_health_education", "de_tai"),
    ("Nghiên cứu giải pháp phát triển kinh tế tập thể, hợp tác xã nông nghiệp kiểu mới",
     "Liên minh Hợp tác xã tỉnh", "other", "de_tai"),
    ("Nghiên cứu giải pháp nâng cao chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "Sở Kế hoạch và Đầu tư", "other",
     "de_an"),
    ("Đề án phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh Bắc Giang", "Tỉnh Đoàn Bắc Giang", "other",
     "de_an"),
    ("Nghiên cứu sản xuất và sử dụng phân bón chuyên dùng cho cây vải thiều tại tỉnh Bắc Giang",
     "Viện Thổ nhưỡng Nông hóa", "agriculture", "de_tai"),
]

PROPOSALS_2027 = [
    ("Ứng dụng trí tuệ nhân tạo hỗ trợ giải quyết thủ tục hành chính cấp xã", "Sở Nội vụ", "other", "de_tai"),
    ("Trí tuệ nhân tạo hỗ trợ tiếp nhận, giải quyết thủ tục hành chính tại xã, phường", "UBND phường Kinh Bắc",
     "other", "de_tai"),
    ("Nghiên cứu giải pháp giảm phát thải khí nhà kính trong các khu công nghiệp tỉnh Bắc Ninh",
     "Ban Quản lý các Khu công nghiệp tỉnh Bắc Ninh", "industry", "de_tai"),
    ("Xây dựng mô hình sản xuất rau hữu cơ gắn với chuỗi tiêu thụ tại Gia Bình", "UBND xã Gia Bình",
     "agriculture", "du_an"),
    ("Bảo tồn và phát huy giá trị Dân ca Quan họ trong trường học", "Sở Văn hóa, Thể thao và Du lịch",
     "culture_health_education", "de_tai"),
    ("Ứng dụng công nghệ in 3D trong phục hồi chức năng tại Bệnh viện Đa khoa tỉnh", "Bệnh viện Đa khoa tỉnh",
     "culture_health_education", "de_tai"),
    ("Nghiên cứu giải pháp phát triển làng nghề gốm Phù Lãng gắn với du lịch", "UBND xã Phù Lãng",
     "culture_health_education", "de_tai"),
    ("Phát triển làng nghề gốm Phù Lãng kết hợp du lịch trải nghiệm", "Hội Nông dân tỉnh",
     "culture_health_education", "de_tai"),
]


def _org(name: str, kind: str) -> Organisation:
    org = Organisation.objects.filter(name=name, parent__isnull=True).first()
    if org is None:
        org = Organisation(name=name, kind=kind)
        org.save()
    return org


def _experts() -> list[Any]:
    """Three external experts with accounts, who score online (password: the demo password). They belong to
    no organisation in dost: their council seats alone let them see and score the entries they sit on."""
    from dost.core.demo import DEMO_PASSWORD

    User = get_user_model()
    people = [("chuyengia1", "Vũ Văn Thành"), ("chuyengia2", "Đinh Thị Hằng"), ("chuyengia3", "Mai Xuân Trường")]
    users = []
    for username, name in people:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=name, email=f"{username}@dost.local")
            user.set_password(DEMO_PASSWORD)
            user.save()
        users.append(user)
    return users


class _Runner:
    """Moves projects with the right person for each move and numbered decisions of the right year."""

    def __init__(self, officer, leader):
        self.officer, self.leader, self.n = officer, leader, 0

    def move(self, project: Project, action: str, day: D, kind: str = "QĐ-UBND", signer: str = UBND_SIGNER,
             number: str | None = None, **data) -> Project:
        from .lifecycle import OFFICER, TRANSITIONS

        self.n += 1
        decision = Decision(number=number or f"{100 + self.n * 7}/{kind}", date=day, signer=signer)
        by = self.officer if TRANSITIONS[action].role == OFFICER else self.leader
        return transition(project, action, by, decision, **data).project

    def path(self, project: Project, until: str, *, start: D, end: D, state: int, other: int = 0,
             host=None, host_name: str = "", pi: str = "", pi_title: str = "TS.", method: str = "direct") -> Project:
        """Along the main path up to ``until`` (a state), with the dates a real task would have."""
        steps = ["identification", "selection", "appraisal", "contracting", "implementing"]
        year = start.year
        plan = [
            ("send_identification", D(year - 1, 7, 10), {}, "QĐ-KHCN", SO_SIGNER),
            ("recommend", D(year - 1, 9, 15), {}, "QĐ-UBND", UBND_SIGNER),
            ("select", D(year - 1, 11, 20), {"assignment_method": method, "host": host, "host_name": host_name,
                                             "principal_investigator": pi, "pi_title": pi_title}, "QĐ-UBND",
             UBND_SIGNER),
            ("approve_budget", D(year - 1, 12, 15), {"budget_state_vnd": state, "budget_other_vnd": other},
             "QĐ-UBND", UBND_SIGNER),
            ("sign_contract", start, {"start_date": start, "end_date": end}, "HĐ-KHCN", SO_SIGNER),
        ]
        for target, (action, day, data, kind, signer) in zip(steps, plan, strict=True):
            project = self.move(project, action, day, kind, signer, **{k: v for k, v in data.items() if v})
            if target == until:
                break
        return project


def _checked(run: _Runner, project: Project, before: D) -> Project:
    """Results of the progress checks due before ``before`` (the demo's past checks were all held)."""
    for check in list(project.checks.filter(done_on__isnull=True, due_date__lt=before).order_by("due_date")):
        project = run.move(project, "check", check.due_date + datetime.timedelta(days=5), "BB-KHCN", SO_SIGNER,
                           check=check, done_on=check.due_date + datetime.timedelta(days=5), outcome="on_track",
                           note="Thực hiện đúng nội dung, tiến độ theo thuyết minh.")
    return project


def _project(organisation: Organisation, title: str, level: str, field: str, kind: str, year: int,
             by: Any, **extra) -> Project:
    return services.save_project(by, Project(organisation=organisation, title=title, level=level, field=field,
                                             kind=kind, year=year, **extra))


def _portfolio(bg: dict, bn: dict, run: _Runner, hosts: dict[str, Organisation], users: dict[str, Any]) -> dict:
    officer = users["chuyenvien2"]
    qlkh_bg, qlkh_bn = bg["qlkh"], bn["qlkh"]
    out: dict[str, Project] = {}

    # National: the fertiliser for litchi — implementing, its model site changed (adjustment), extended once.
    p = _project(qlkh_bg, "Nghiên cứu sản xuất và sử dụng phân bón chuyên dùng cho cây vải thiều tại tỉnh Bắc Giang",
                 "national", "agriculture", "de_tai", 2022, officer, code="ĐTĐL.CN-15/22",
                 ordering_organisation=bg["ubnd"])
    p = run.path(p, "implementing", start=D(2022, 7, 1), end=D(2025, 6, 30), state=4_850_000_000,
                 other=600_000_000, host=hosts["Viện Thổ nhưỡng Nông hóa"], pi="Nguyễn Văn Bộ", pi_title="GS.TS.")
    p = run.move(p, "check", D(2023, 7, 12), "BB-KHCN", SO_SIGNER, check=p.checks.order_by("due_date").first(),
                 done_on=D(2023, 7, 12), outcome="on_track", note="Đã hoàn thành thí nghiệm năm thứ nhất.")
    p = run.move(p, "adjust", D(2023, 6, 20), "QĐ-BKHCN", "Thứ trưởng Bộ KH&CN",
                 note="Thay đổi địa điểm thực hiện mô hình từ xã Hồng Giang sang xã Quý Sơn, huyện Lục Ngạn.")
    p = run.move(p, "extend", D(2025, 4, 10), "QĐ-BKHCN", "Thứ trưởng Bộ KH&CN", requested_on=D(2025, 3, 20),
                 new_end=D(2026, 6, 30), note="Mùa vụ 2024 mất mùa do rét đậm kéo dài.")
    out["phan_bon"] = p

    # National, authorised to the province: rated "Khá" (the province's scale), registered.
    p = _project(qlkh_bg, "Ứng dụng tiến bộ KH&CN xây dựng mô hình nhân giống, trồng và sơ chế cây ba kích, cà gai "
                 "leo đạt tiêu chuẩn GACP-WHO tại tỉnh Bắc Giang", "national", "agriculture", "du_an", 2020, officer,
                 code="NTMN.TW.15-2020")
    p = run.path(p, "implementing", start=D(2020, 9, 1), end=D(2022, 12, 31), state=3_200_000_000,
                 other=1_100_000_000, host=hosts["Trung tâm Nghiên cứu và Phát triển Nông nghiệp công nghệ cao"],
                 pi="Trần Văn Tuấn", pi_title="ThS.")
    p = run.move(p, "submit_acceptance", D(2023, 1, 5), "QĐ-KHCN", SO_SIGNER, dossier_on=D(2023, 1, 5))
    p = run.move(p, "accept", D(2023, 4, 18), "QĐ-BKHCN", "Thứ trưởng Bộ KH&CN", rating_label="Khá", rating="kha")
    p = run.move(p, "register", D(2023, 5, 10), "GCN-KHCN", SO_SIGNER)
    out["ba_kich"] = p

    # Provincial: potato trial, terminated, funds recovered in part.
    p = _project(qlkh_bg, "Ứng dụng tiến bộ kỹ thuật xây dựng mô hình sản xuất khoai tây Hà Lan, Pháp nhập khẩu "
                 "theo chuỗi giá trị, phục vụ phát triển sản xuất khoai tây tỉnh Bắc Giang", "provincial",
                 "agriculture", "du_an", 2021, officer, code="DA.NN-04/21")
    p = run.path(p, "implementing", start=D(2021, 9, 1), end=D(2023, 8, 31), state=1_450_000_000,
                 host_name="Công ty TNHH Nông sản Hà Bắc", pi="Lê Thị Thu", pi_title="KS.")
    p = run.move(p, "terminate", D(2023, 3, 28), note="Tổ đánh giá kết luận không triển khai được mô hình vụ đông "
                 "2022; thanh lý hợp đồng.", recovery_required_vnd=612_000_000)
    p = run.move(p, "recover", D(2023, 6, 15), "GNT-KBNN", "Kho bạc Nhà nước tỉnh", amount_vnd=400_000_000,
                 recovered_on=D(2023, 6, 15))
    out["khoai_tay"] = p

    # Provincial, from the 2023 call: medicinal plant (HTX Bồ Đà), implementing, a check coming.
    p = _project(qlkh_bg, "Ứng dụng KH&CN xây dựng mô hình sản xuất giống, dược liệu xạ can theo tiêu chuẩn GACP-WHO "
                 "trên địa bàn tỉnh Bắc Giang", "provincial", "agriculture", "du_an", 2023, officer,
                 code="DA.NN-02/23")
    p = run.path(p, "implementing", start=D(2023, 6, 1), end=D(2026, 12, 31), state=1_980_000_000,
                 other=450_000_000, host=hosts["Hợp tác xã Dược liệu Bồ Đà"], pi="Nguyễn Văn Đà", pi_title="KS.")
    out["xa_can"] = _checked(run, p, D(2026, 11, 1))

    # Provincial culture: Nùng and Dao heritage — implementing, late (ended 31/12/2025 without acceptance).
    p = _project(qlkh_bg, "Bảo tồn giá trị văn hóa dân tộc Nùng, Dao phục vụ xây dựng mô hình làng văn hóa du lịch ở "
                 "huyện Lục Ngạn, Sơn Động, góp phần phát triển du lịch tỉnh Bắc Giang", "provincial",
                 "culture_health_education", "de_tai", 2023, officer, code="ĐT.XH-05/23")
    p = run.path(p, "implementing", start=D(2023, 7, 1), end=D(2025, 12, 31), state=1_250_000_000,
                 host=hosts["Viện Văn hóa Nghệ thuật quốc gia Việt Nam"], pi="Phạm Thị Hương", pi_title="PGS.TS.")
    out["nung_dao"] = p

    # Provincial social science: Trường Chính trị — implementing.
    p = _project(qlkh_bg, "Nghiên cứu đề xuất giải pháp nâng cao giá trị chuẩn mực con người Bắc Giang thời kỳ mới",
                 "provincial", "other", "de_tai", 2023, officer, code="ĐT.XH-09/23")
    p = run.path(p, "implementing", start=D(2023, 9, 1), end=D(2026, 2, 28), state=780_000_000,
                 host=hosts["Trường Chính trị tỉnh Bắc Giang"], pi="Hoàng Văn Kiên", pi_title="TS.")
    p = run.move(p, "extend", D(2026, 1, 20), requested_on=D(2026, 1, 12), new_end=D(2027, 2, 28),
                 note="Bổ sung khảo sát sau khi sắp xếp đơn vị hành chính cấp xã.")
    out["chuan_muc"] = _checked(run, p, D(2026, 11, 1))

    # National, proposed by the province: Trần dynasty relics — at the ministry's identification council.
    p = _project(qlkh_bg, "Nghiên cứu bảo tồn giá trị hệ thống di tích thời Trần khu vực Tây Yên Tử, gắn với phát "
                 "triển du lịch ở tỉnh Bắc Giang và vùng lân cận", "national", "culture_health_education", "de_tai",
                 2024, officer, ordering_organisation=bg["ubnd"])
    p = run.move(p, "send_identification", D(2023, 5, 9), "QĐ-BKHCN", "Thứ trưởng Bộ KH&CN", number="842/QĐ-BKHCN")
    out["tay_yen_tu"] = p

    # Grassroots: V2/CS1 oranges — registered and replicated.
    p = _project(qlkh_bg, "Xây dựng mô hình trồng mới thâm canh giống cam sạch bệnh V2 và CS1 trên địa bàn huyện Lạng "
                 "Giang", "grassroots", "agriculture", "du_an", 2021, officer, code="CS.LG-01/21")
    p = run.path(p, "implementing", start=D(2021, 3, 1), end=D(2022, 12, 31), state=320_000_000,
                 other=180_000_000, host_name="Trạm Khuyến nông huyện Lạng Giang", pi="Đỗ Văn Hải", pi_title="KS.")
    p = run.move(p, "submit_acceptance", D(2023, 1, 10), "QĐ-KHCN", SO_SIGNER, dossier_on=D(2023, 1, 10))
    p = run.move(p, "accept", D(2023, 2, 20), "QĐ-KHCN", SO_SIGNER, rating_label="Đạt", rating="dat")
    p = run.move(p, "register", D(2023, 3, 2), "GCN-KHCN", SO_SIGNER)
    p = run.move(p, "apply", D(2023, 6, 1), "KH-UBND", "Chủ tịch UBND huyện Lạng Giang", year=2023,
                 place="Xã Tân Thanh và xã Hương Sơn, huyện Lạng Giang: 35 ha cam V2, CS1",
                 organisation=None)
    out["cam"] = p

    # Provincial veterinary research: suspended (lumpy skin disease outbreak diverted the team).
    p = _project(qlkh_bg, "Nghiên cứu đặc điểm dịch tễ và biện pháp phòng chống bệnh Viêm da nổi cục ở trâu, bò trên "
                 "địa bàn tỉnh Bắc Giang", "provincial", "agriculture", "de_tai", 2023, officer, code="ĐT.NN-07/23")
    p = run.path(p, "implementing", start=D(2023, 3, 1), end=D(2025, 2, 28), state=920_000_000,
                 host=hosts["Trường Đại học Nông Lâm Bắc Giang"], pi="Ngô Thị Lan", pi_title="TS.")
    p = run.move(p, "suspend", D(2024, 5, 6), note="Nhóm nghiên cứu được điều động chống dịch; tạm dừng 6 tháng.")
    out["viem_da"] = p

    # Provincial high-tech grapes: in acceptance, the dossier filed late but within six months.
    p = _project(qlkh_bg, "Ứng dụng công nghệ cao xây dựng mô hình sản xuất nho Hạ Đen nhằm phát triển kinh tế nông "
                 "nghiệp trên địa bàn tỉnh Bắc Giang", "provincial", "agriculture", "du_an", 2023, officer,
                 code="DA.NN-06/23")
    p = run.path(p, "implementing", start=D(2023, 4, 1), end=D(2025, 3, 31), state=1_150_000_000,
                 other=300_000_000, host_name="Trung tâm Khuyến nông tỉnh", pi="Vũ Đức Minh", pi_title="ThS.")
    p = run.move(p, "submit_acceptance", D(2025, 6, 2), "QĐ-KHCN", SO_SIGNER, dossier_on=D(2025, 6, 2))
    out["nho"] = p

    # Bắc Ninh 2026: IoT for industrial zones — budget appraisal; an e-government scheme being contracted.
    p = _project(qlkh_bn, "Nghiên cứu ứng dụng công nghệ IoT giám sát chất lượng nước thải tại các khu công nghiệp "
                 "tỉnh Bắc Ninh", "provincial", "industry", "de_tai", 2026, officer,
                 ordering_organisation=bn["bqlkcn"])
    p = run.path(p, "appraisal", start=D(2026, 1, 1), end=D(2027, 12, 31), state=0,
                 host=hosts["Công ty Cổ phần Môi trường Kinh Bắc"], pi="Trịnh Quốc Việt", method="selection")
    out["iot"] = p
    p = _project(qlkh_bn, "Ứng dụng phần mềm quản lý hồ sơ một cửa tích hợp chữ ký số cấp xã", "grassroots",
                 "other", "de_an", 2026, officer)
    p = run.path(p, "contracting", start=D(2026, 1, 1), end=D(2026, 12, 31), state=180_000_000,
                 host_name="UBND phường Kinh Bắc", pi="Nguyễn Thu Hà", pi_title="ThS.")
    out["mot_cua"] = p
    return out


def _call_2023(qlkh: Organisation, by: Any) -> CallRound:
    call = services.save_round(by, CallRound(organisation=qlkh, year=2023, title=ROUND_2023, level="provincial",
                                             notice="1234/SKHCN-QLKH", opens_on=D(2022, 3, 1), closes_on=D(2022, 4, 30),
                                             note="Năm 2023 các tổ chức, cá nhân đề xuất 109 nhiệm vụ; dữ liệu mẫu gồm "
                                                  "36 đề xuất."))
    for i, (title, proposer, field, kind) in enumerate(PROPOSALS_2023, start=1):
        services.save_proposal(by, Proposal(round=call, number=i, title=title, proposer_name=proposer, field=field,
                                            kind=kind, level="provincial", received_on=D(2022, 4, 1 + i % 28),
                                            duration_months=24 if kind == "de_tai" else 30,
                                            budget_estimate_vnd=(600 + 25 * i) * 1_000_000))
    return call


def _identification_2023(call: CallRound, bg: dict, users: dict[str, Any]) -> None:
    """Three proposals through a real identification council: two recommended, one not."""
    from dost.councils import services as councils
    from dost.councils.defaults import seed_default_rule_sets
    from dost.councils.services import MemberSpec

    admin, leader = users["quantri"], users["lanhdao"]
    rule_set = seed_default_rule_sets()["xac-dinh-nhiem-vu"]
    council = councils.create_council(
        name="Hội đồng tư vấn xác định nhiệm vụ KH&CN cấp tỉnh năm 2023 (lĩnh vực nông nghiệp)",
        purpose="identification", organisation=bg["qlkh"], rule_set=rule_set, by=admin,
        decision_number="156/QĐ-KHCN", decision_date=D(2022, 6, 20), decision_signer=SO_SIGNER,
        members=[MemberSpec("Nguyễn Quang Thạch", CouncilRole.CHAIR, title="GS.TS.", external=True),
                 MemberSpec("Phạm Văn Hùng", CouncilRole.SECRETARY, title="Chuyên viên"),
                 MemberSpec("Lương Thị Nga", CouncilRole.REVIEWER, title="PGS.TS.", external=True),
                 MemberSpec("Đặng Văn Toàn", CouncilRole.REVIEWER, title="TS.", external=True),
                 MemberSpec("Tạ Minh Quân", CouncilRole.MEMBER, title="ThS.", affiliation="Sở NN&PTNT", external=True)])
    rnd = councils.open_round(council, title="Phiên họp ngày 05/7/2022", by=admin, meeting_date=D(2022, 7, 5),
                              place="Phòng họp Sở KH&CN Bắc Giang")
    chosen = list(call.proposals.filter(number__in=[11, 14, 16]).order_by("number"))
    projects = services.send_to_identification(users["chuyenvien2"], chosen, rnd)
    members = list(council.members.order_by("position"))
    councils.start_scoring(rnd, present=members, by=admin, meeting_date=D(2022, 7, 5))
    verdicts = {chosen[0].title: [True] * 5, chosen[1].title: [True] * 4 + [False],
                chosen[2].title: [True, False, False, True, False]}
    for entry in rnd.entries.all():
        for member, verdict in zip(members, verdicts[entry.title], strict=True):
            councils.submit_sheet(entry, member, verdict=verdict, source="paper", by=admin)
    councils.close_round(rnd, by=leader)  # the projects move on through round_closed
    duplicates = {p.number: p for p in call.proposals.filter(number__in=[2, 6, 12, 29])}
    keep = {2: 1, 6: 5, 12: 11, 29: 28}  # 18 and 19 are left for the officer to merge (a duplicate group)
    for number, kept in keep.items():
        services.merge_proposals(users["chuyenvien2"], call.proposals.get(number=kept), [duplicates[number]])
    return projects


def _acceptance_council(project: Project, bg: dict, users: dict[str, Any], experts: list[Any], run: _Runner):
    """The acceptance council of seven for the nursing-practice task (Trường Cao đẳng Y tế Bắc Giang)."""
    from dost.councils import services as councils
    from dost.councils.defaults import seed_default_rule_sets
    from dost.councils.services import MemberSpec

    admin, leader, secretary = users["quantri"], users["lanhdao"], users["chuyenvien2"]
    rule_set = seed_default_rule_sets()["nghiem-thu"]
    council = councils.create_council(
        name="Hội đồng tư vấn đánh giá, nghiệm thu đề tài “Nâng cao năng lực thực hành chăm sóc của điều dưỡng”",
        purpose="acceptance", organisation=bg["qlkh"], rule_set=rule_set, by=admin,
        decision_number="88/QĐ-KHCN", decision_date=D(2024, 7, 5), decision_signer=SO_SIGNER,
        members=[MemberSpec("Vũ Văn Thành", CouncilRole.CHAIR, title="PGS.TS.", affiliation="Trường Đại học Y Hà Nội",
                            external=True, user=experts[0]),
                 MemberSpec("Phạm Văn Hùng", CouncilRole.SECRETARY, title="Chuyên viên Phòng QLKH", user=secretary),
                 MemberSpec("Đinh Thị Hằng", CouncilRole.REVIEWER, title="TS.", affiliation="Sở Y tế", external=True,
                            user=experts[1]),
                 MemberSpec("Mai Xuân Trường", CouncilRole.REVIEWER, title="TS.", affiliation="Bệnh viện Đa khoa tỉnh",
                            external=True, user=experts[2]),
                 MemberSpec("Hà Thị Phương", CouncilRole.MEMBER, title="ThS.", affiliation="Trường Cao đẳng Y tế Bắc Giang",
                            external=True),
                 MemberSpec("Lã Văn Cường", CouncilRole.MEMBER, title="BSCKII", affiliation="Bệnh viện Sản Nhi",
                            external=True),
                 MemberSpec("Kiều Thị Oanh", CouncilRole.MEMBER, title="ThS.", affiliation="Bệnh viện Phổi",
                            external=True)])
    rnd = councils.open_round(council, title="Phiên nghiệm thu ngày 18/7/2024", by=admin, meeting_date=D(2024, 7, 18),
                              place="Phòng họp Sở KH&CN Bắc Giang")
    project = run.move(project, "submit_acceptance", D(2024, 7, 5), dossier_on=D(2024, 7, 2), council_round=rnd,
                       number="88/QĐ-KHCN", kind="QĐ-KHCN", signer=SO_SIGNER)
    entry = rnd.entries.get()
    members = list(council.members.order_by("position"))
    excluded = members[4]  # works at the host
    councils.declare_conflict(entry, excluded, reason="Công tác tại cơ quan chủ trì nhiệm vụ", by=admin)
    councils.start_scoring(rnd, present=members, by=admin, meeting_date=D(2024, 7, 18))
    online = {experts[0].pk: "dat", experts[1].pk: "xuat-sac", experts[2].pk: "dat"}
    for member in members:
        if member.user_id in online:
            councils.submit_sheet(entry, member, rating=online[member.user_id], source="online", by=member.user,
                                  comment="Đạt yêu cầu; đề nghị bổ sung phụ lục số liệu khảo sát.")
    paper = {members[1].pk: "dat", members[5].pk: "xuat-sac", members[6].pk: "dat"}
    for member in members:
        if member.pk in paper:
            councils.submit_sheet(entry, member, rating=paper[member.pk], source="paper", by=secretary)
    councils.close_round(rnd, by=leader)
    councils.record_decision(rnd, number="102/QĐ-KHCN", date=D(2024, 8, 2), by=leader)
    project.refresh_from_db()
    return project


@transaction.atomic
def seed_research(orgs: dict[str, dict], users: dict[str, Any]) -> dict[str, Any]:
    """The research demo (``orgs`` and ``users`` from ``core.demo``); nothing when it exists already."""
    bg, bn = orgs["bac_giang"], orgs["bac_ninh"]
    if CallRound.objects.filter(title=ROUND_2023).exists():
        return {}
    with acting_as(users["quantri"], "seed"):
        hosts = {name: _org(name, kind) for name, kind in HOSTS}
        run = _Runner(users["chuyenvien2"], users["lanhdao"])
        portfolio = _portfolio(bg, bn, run, hosts, users)
        call = _call_2023(bg["qlkh"], users["chuyenvien2"])
        recommended = _identification_2023(call, bg, users)
        # The nursing-practice task: from the call, commissioned to the college, accepted by a council of seven.
        nursing_proposal = call.proposals.get(number=3)
        nursing = services.send_to_identification(
            users["chuyenvien2"], [nursing_proposal], None,
            Decision(number="160/QĐ-KHCN", date=D(2022, 8, 1), signer=SO_SIGNER))[0]
        nursing.code = "ĐT.YT-01/23"
        nursing.save()
        nursing = run.move(nursing, "recommend", D(2022, 9, 15))
        for action, day, data in (
                ("select", D(2022, 11, 20), {"assignment_method": "direct",
                                             "host": hosts["Trường Cao đẳng Y tế Bắc Giang"],
                                             "principal_investigator": "Nguyễn Thị Thanh Hương", "pi_title": "ThS."}),
                ("approve_budget", D(2022, 12, 20), {"budget_state_vnd": 690_000_000}),
                ("sign_contract", D(2023, 2, 1), {"start_date": D(2023, 2, 1), "end_date": D(2024, 6, 30)})):
            contract = action == "sign_contract"
            nursing = run.move(nursing, action, day, kind="HĐ-KHCN" if contract else "QĐ-UBND",
                               signer=SO_SIGNER if contract else UBND_SIGNER, **data)
        experts = _experts()
        nursing = _acceptance_council(nursing, bg, users, experts, run)
        call_2027 = services.save_round(users["chuyenvien2"], CallRound(
            organisation=bn["qlkh"], year=2027, title=ROUND_2027, level="provincial", notice="915/SKHCN-QLKH",
            opens_on=D(2026, 3, 1), closes_on=D(2026, 12, 31)))
        for i, (title, proposer, field, kind) in enumerate(PROPOSALS_2027, start=1):
            services.save_proposal(users["chuyenvien2"], Proposal(round=call_2027, number=i, title=title,
                                                                  proposer_name=proposer, field=field, kind=kind,
                                                                  received_on=D(2026, 4, i)))
        _open_identification_2027(bn, users)
        _sourced_indicator_set(bg["so"], users["quantri"])
    return {"portfolio": portfolio, "call": call, "recommended": recommended, "nursing": nursing}


def _sourced_indicator_set(department: Organisation, admin: Any) -> None:
    """An indicator table whose research lines count the projects above (no hand entry of actual figures)."""
    from dost.figures import services as figures
    from dost.figures.models import IndicatorSet

    from .indicators import code
    from .models import Level, ScienceField

    indicator_set = figures.save_container(admin, IndicatorSet(
        organisation=department, year=2024, title="Chỉ tiêu nhiệm vụ KH&CN (số liệu tự động)",
        note="Số thực hiện của các dòng được tính từ danh mục nhiệm vụ KH&CN trong dost."))
    for measure, label in (("started", "Số đề tài, dự án"),
                           ("applied", "Số đề tài, dự án được hỗ trợ ứng dụng, nhân rộng")):
        top = figures.add_line(admin, indicator_set, None, figures.LineSpec(
            level=1, label=label, unit="ĐT, DA", source=code(measure)))
        for level in Level:
            parent = figures.add_line(admin, indicator_set, top, figures.LineSpec(
                level=2, label=str(level.label), unit="ĐT, DA", source=code(measure, level)))
            for field in ScienceField:
                figures.add_line(admin, indicator_set, parent, figures.LineSpec(
                    level=3, label=f"- Lĩnh vực {str(field.label).lower()}", unit="ĐT, DA",
                    source=code(measure, level, field)))
    figures.refresh_sourced_actuals(admin, indicator_set)


def _open_identification_2027(bn: dict, users: dict[str, Any]) -> None:
    from dost.councils import services as councils
    from dost.councils.defaults import seed_default_rule_sets
    from dost.councils.services import MemberSpec

    admin = users["quantri"]
    council = councils.create_council(
        name="Hội đồng tư vấn xác định nhiệm vụ KH&CN cấp tỉnh năm 2027", purpose="identification",
        organisation=bn["qlkh"], rule_set=seed_default_rule_sets()["xac-dinh-nhiem-vu"], by=admin,
        decision_number="301/QĐ-KHCN", decision_date=D(2026, 11, 2), decision_signer=SO_SIGNER,
        members=[MemberSpec("Lê Thị Hoa", CouncilRole.CHAIR, title="Phó Giám đốc Sở", user=users["phogiamdoc"]),
                 MemberSpec("Phạm Văn Hùng", CouncilRole.SECRETARY, user=users["chuyenvien2"]),
                 MemberSpec("Trần Đình Phong", CouncilRole.REVIEWER, title="PGS.TS.", external=True),
                 MemberSpec("Bạch Thị Yến", CouncilRole.REVIEWER, title="TS.", external=True),
                 MemberSpec("Quách Văn Lợi", CouncilRole.MEMBER, title="ThS.", external=True)])
    councils.open_round(council, title="Phiên họp xác định nhiệm vụ năm 2027", by=admin, meeting_date=D(2026, 12, 10),
                        place="Phòng họp Sở KH&CN Bắc Ninh")
