"""Shapes of plans beyond the samples: bullet task lists, inline attributes, tables in Markdown/HTML."""

from __future__ import annotations

from dost.docparse import parse_text
from dost.docparse.bench import throughput

from .conftest import SAMPLES

PLAN = """UBND TỈNH THÁI NGUYÊN
SỞ KHOA HỌC VÀ CÔNG NGHỆ
Số: 88/KH-SKHCN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Nguyên, ngày 03 tháng 4 năm 2024
KẾ HOẠCH
Phát triển tài sản trí tuệ năm 2024
Căn cứ Luật Sở hữu trí tuệ số 07/2022/QH15; Căn cứ Quyết định số 2205/QĐ-TTg ngày 24/12/2020;
I. MỤC TIÊU
Hỗ trợ tối thiểu 05 nhãn hiệu chứng nhận.
II. NHIỆM VỤ
- Khảo sát nhu cầu đăng ký nhãn hiệu tại các huyện (Chủ trì: Phòng QLKHCN cơ sở và SHTT; thời gian: Quý II/2024).
- Tổ chức 02 lớp tập huấn về sở hữu trí tuệ cho doanh nghiệp.
- Thời gian thực hiện: Tháng 9/2024.
- Hỗ trợ đăng ký bảo hộ nhãn hiệu cho sản phẩm OCOP.
- Đơn vị chủ trì: Trung tâm Ứng dụng KH&CN, phối hợp: UBND các huyện, thành phố
III. KINH PHÍ
Dự toán: 350 triệu đồng.
Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Hoàng Văn Nam
"""


def test_issuer_below_managing_body() -> None:
    assert parse_text(PLAN)["issuer"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"


def test_law_numbers_with_legislature_suffix_are_bases() -> None:
    assert parse_text(PLAN)["bases"] == ["07/2022/QH15", "2205/QĐ-TTg"]


def test_bullet_task_list_with_inline_attributes() -> None:
    tasks = parse_text(PLAN)["tasks"]
    assert [t["title"] for t in tasks] == [
        "Khảo sát nhu cầu đăng ký nhãn hiệu tại các huyện",
        "Tổ chức 02 lớp tập huấn về sở hữu trí tuệ cho doanh nghiệp",
        "Hỗ trợ đăng ký bảo hộ nhãn hiệu cho sản phẩm OCOP",
    ]
    assert (tasks[0]["lead"], tasks[0]["due"]) == ("Phòng QLKHCN cơ sở và SHTT", "2024-06")
    assert tasks[1]["due"] == "2024-09"
    assert (tasks[2]["lead"], tasks[2]["partners"]) == ("Trung tâm Ứng dụng KH&CN", ["UBND các huyện, thành phố"])


def test_budget_section_with_single_amount() -> None:
    assert parse_text(PLAN)["budget_vnd"] == 350_000_000


def test_signer_without_authority() -> None:
    assert parse_text(PLAN)["signer"] == {"name": "Hoàng Văn Nam", "title": "GIÁM ĐỐC", "on_behalf": None}


def test_markdown_pipe_task_table() -> None:
    text = PLAN.split("II. NHIỆM VỤ")[0] + (
        "II. NHIỆM VỤ\n\n| STT | Nội dung | Thời gian thực hiện | Đơn vị chủ trì | Đơn vị phối hợp |\n"
        "|---|---|---|---|---|\n| 1 | Xây dựng cơ sở dữ liệu sáng chế | Quý III/2024 | Trung tâm Ứng dụng KH&CN | |\n"
        "\nNơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nHoàng Văn Nam\n")
    task = parse_text(text)["tasks"][0]
    assert (task["title"], task["due"], task["lead"]) == (
        "Xây dựng cơ sở dữ liệu sáng chế", "2024-09", "Trung tâm Ứng dụng KH&CN")


def test_html_task_table_with_paragraph_cells() -> None:
    text = PLAN.split("II. NHIỆM VỤ")[0] + (
        "II. NHIỆM VỤ\n<table><tr><td>TT</td><td>Nội dung công việc</td><td>Đơn vị chịu trách nhiệm</td>"
        "<td>Thời gian hoàn thành</td></tr><tr><td>1</td><td><p>Tập huấn</p><p>cho doanh nghiệp</p></td>"
        "<td>Chi cục TCĐLCL</td><td>Tháng 11</td></tr></table>\nNơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nHoàng Văn Nam\n")
    task = parse_text(text)["tasks"][0]
    assert (task["lead"], task["due"]) == ("Chi cục TCĐLCL", "2024-11")


def test_throughput_returns_a_rate() -> None:
    assert throughput([SAMPLES / "003_939a8cc7529e5ded.txt"], seconds=0.05) > 0
