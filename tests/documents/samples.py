"""Fixed sample documents of the renderer tests (and of the golden pages)."""

from __future__ import annotations

import datetime

from dost.documents.model import (
    AdministrativeDocument,
    Appendix,
    HeaderCell,
    Paragraph,
    Row,
    Signer,
    Table,
)


def indicator_table() -> Table:
    """Plan vs actual with a two-row header: "Năm 2024" spans two columns, STT and the label span two rows."""
    return Table(
        header=[
            [HeaderCell("STT", rowspan=2), HeaderCell("Chỉ tiêu", rowspan=2), HeaderCell("ĐVT", rowspan=2),
             HeaderCell("Năm 2024", colspan=2), HeaderCell("So sánh (%)", rowspan=2)],
            ["Kế hoạch", "Thực hiện"],
        ],
        rows=[
            Row(["I", "Nhiệm vụ KH&CN", "", "", "", ""], bold=True),
            Row(["1", "Nhiệm vụ cấp tỉnh triển khai", "Nhiệm vụ", "12", "11", "91,7%"], level=1),
            Row(["2", "Nhiệm vụ cấp cơ sở", "Nhiệm vụ", "25", "27", "108,0%"], level=1),
            Row(["II", "Kinh phí sự nghiệp KH&CN", "Triệu đồng", "22.500", "18.216,45", "81,0%"], bold=True),
            Row(["", "Trong đó: hỗ trợ doanh nghiệp", "Triệu đồng", "800", "647,5", "80,9%"], italic=True, level=1),
        ],
        column_widths=[0.6, 4.0, 1.4, 1.3, 1.3, 1.2],
        align=["center", "left", "center", "right", "right", "right"],
        unit_note="ĐVT: như cột 3",
    )


def six_month_report(*, title: str = "Kết quả thực hiện nhiệm vụ khoa học và công nghệ 6 tháng đầu năm 2024",
                     number: str = "125", date: datetime.date | None = datetime.date(2024, 6, 5),
                     landscape_appendix: bool = True) -> AdministrativeDocument:
    """A short 6-month report: one body section and one appendix table."""
    return AdministrativeDocument(
        issuer_parent="UBND tỉnh Bắc Ninh",
        issuer="Sở Khoa học và Công nghệ",
        number=number,
        symbol="BC-KHCN",
        place="Bắc Ninh",
        date=date,
        kind="Báo cáo",
        title=title,
        blocks=[
            Paragraph("Thực hiện Kế hoạch số 25/KH-UBND ngày 25/02/2024 của UBND tỉnh, Sở Khoa học và Công nghệ "
                      "báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024 như sau:"),
            Paragraph("I. KẾT QUẢ THỰC HIỆN", "heading1"),
            Paragraph("1. Quản lý nhiệm vụ khoa học và công nghệ", "heading2"),
            Paragraph("Trong 6 tháng đầu năm, Sở đã tổ chức xác định 12 nhiệm vụ cấp tỉnh, tuyển chọn và giao "
                      "trực tiếp 11 nhiệm vụ; kiểm tra tiến độ 18 nhiệm vụ và nghiệm thu 07 nhiệm vụ, trong đó "
                      "02 nhiệm vụ đạt loại Xuất sắc (chi tiết tại Phụ lục I kèm theo)."),
            Paragraph("Hỗ trợ 16 doanh nghiệp áp dụng tiêu chuẩn, hệ thống quản lý tiên tiến;", "bullet"),
            Paragraph("Cấp 05 giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ.", "bullet"),
        ],
        signer=Signer(title="Phó Giám đốc", name="Nguyễn Văn An", capacity="KT. Giám đốc"),
        recipients=["UBND tỉnh (b/c);", "Bộ Khoa học và Công nghệ (b/c);", "Lãnh đạo Sở;",
                    "Lưu: VT, KHTC."],
        appendices=[Appendix(
            heading="Phụ lục I",
            title="Kết quả thực hiện các chỉ tiêu 6 tháng đầu năm 2024",
            subtitle="(Kèm theo Báo cáo số 125/BC-KHCN ngày 05/6/2024 của Sở Khoa học và Công nghệ)",
            blocks=[indicator_table()],
            landscape=landscape_appendix,
        )],
    )


def official_letter() -> AdministrativeDocument:
    """A công văn: no kind, trích yếu as "V/v …" under the number, addressed with "Kính gửi"."""
    return AdministrativeDocument(
        issuer_parent="UBND tỉnh Bắc Ninh",
        issuer="Sở Khoa học và Công nghệ",
        number="",
        symbol="KHCN-QLKH",
        place="Bắc Ninh",
        date=None,
        year=2026,
        kind="",
        title="đề xuất đặt hàng nhiệm vụ KH&CN cấp tỉnh năm 2027",
        addressees=["UBND các xã, phường;", "Các doanh nghiệp trên địa bàn tỉnh."],
        blocks=[Paragraph("Sở Khoa học và Công nghệ đề nghị các cơ quan, đơn vị gửi đề xuất đặt hàng trước ngày "
                          "30/4/2026.")],
        signer=Signer(title="Chủ tịch", name="Trần Thị Bình", capacity="TM. Ủy ban nhân dân\nKT. Chủ tịch"),
        recipients=["Như trên;", "Lưu: VT, QLKH."],
    )
