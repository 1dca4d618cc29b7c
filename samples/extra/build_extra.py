"""Build the extra test plans of dost.docparse (run from the repository root with the project's venv).

    .venv/bin/python samples/extra/build_extra.py

Two invented but realistic plans exercise every input path:
- ``ktdn_2025``: a Department plan with header and signature layout tables and a real task table, written as
  .docx (python-docx), printed to .pdf with a text layer and to .doc by LibreOffice, then "scanned": rendered
  at 200 dpi to a multi-page TIFF and an image-only PDF.
- ``khoinghiep_2024``: a provincial plan with prose task sections, written as .txt with a BOM and CRLF line
  ends, and as a one-page .png scan.
The plans are fictitious; names and numbers are made up in the style of the real samples.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image

HERE = Path(__file__).resolve().parent


def _font(doc: docx.document.Document) -> None:
    style = doc.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(13)
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def _p(doc, text: str = "", bold: bool = False, italic: bool = False, center: bool = False, size: int = 13,
       indent: bool = False):
    para = doc.add_paragraph()
    run = para.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        para.paragraph_format.first_line_indent = Cm(1.0)
    para.paragraph_format.space_after = Pt(4)
    return para


def _cell(cell, lines: list[str], bold: bool = False, italic: bool = False, center: bool = True,
          size: int = 13) -> None:
    cell.text = ""
    first = True
    for line in lines:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = para.add_run(line)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT


def _borders(table) -> None:
    tbl = table._tbl
    props = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "8")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    props.append(borders)


def build_ktdn(path: Path) -> None:
    doc = docx.Document()
    _font(doc)
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell(head.cell(0, 0), ["UBND TỈNH BẮC GIANG"], size=12)
    head.cell(0, 0).add_paragraph().add_run("SỞ KHOA HỌC VÀ CÔNG NGHỆ").bold = True
    head.cell(0, 0).paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.cell(0, 0).add_paragraph().add_run("Số: 47/KH-KHCN")
    head.cell(0, 0).paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _cell(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], bold=True, size=12)
    head.cell(0, 1).add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    head.cell(0, 1).paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.cell(0, 1).add_paragraph().add_run("Bắc Giang, ngày 14 tháng 3 năm 2025")
    run.italic = True
    head.cell(0, 1).paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.columns[0].width = Cm(6.5)
    head.columns[1].width = Cm(10)
    _p(doc)
    _p(doc, "KẾ HOẠCH", bold=True, center=True, size=14)
    _p(doc, "Triển khai áp dụng và quản lý hệ thống truy xuất nguồn gốc sản phẩm, hàng hóa", bold=True,
       center=True, size=14)
    _p(doc, "trên địa bàn tỉnh Bắc Giang năm 2025", bold=True, center=True, size=14)
    _p(doc)
    _p(doc, "Căn cứ Thông tư số 02/2024/TT-BKHCN ngày 28/3/2024 của Bộ trưởng Bộ Khoa học và Công nghệ quy định "
            "về quản lý truy xuất nguồn gốc sản phẩm, hàng hóa;", indent=True)
    _p(doc, "Thực hiện Kế hoạch số 239/KH-UBND ngày 16/8/2020 của UBND tỉnh về việc thực hiện Đề án "
            "“Triển khai, áp dụng và quản lý hệ thống truy xuất nguồn gốc” trên địa bàn tỉnh Bắc Giang giai "
            "đoạn 2021-2025, Sở Khoa học và Công nghệ ban hành Kế hoạch thực hiện năm 2025 như sau:",
       indent=True)
    _p(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _p(doc, "1. Mục đích", bold=True, indent=True)
    _p(doc, "Nâng cao nhận thức của cơ quan, tổ chức, doanh nghiệp và người dân về truy xuất nguồn gốc sản "
            "phẩm, hàng hóa; từng bước kết nối hệ thống truy xuất nguồn gốc của tỉnh với Cổng thông tin truy "
            "xuất nguồn gốc sản phẩm, hàng hóa quốc gia.", indent=True)
    _p(doc, "2. Yêu cầu", bold=True, indent=True)
    _p(doc, "Các nhiệm vụ được triển khai đúng tiến độ, có sản phẩm cụ thể; phân công rõ đơn vị chủ trì, "
            "đơn vị phối hợp.", indent=True)
    _p(doc, "II. MỤC TIÊU", bold=True)
    _p(doc, "- Hỗ trợ ít nhất 15 doanh nghiệp, hợp tác xã áp dụng hệ thống truy xuất nguồn gốc;", indent=True)
    _p(doc, "- 100% sản phẩm OCOP từ 4 sao trở lên được gắn mã truy xuất nguồn gốc;", indent=True)
    _p(doc, "- Tổ chức tối thiểu 03 lớp tập huấn về truy xuất nguồn gốc cho doanh nghiệp.", indent=True)
    _p(doc, "III. NHIỆM VỤ VÀ GIẢI PHÁP", bold=True)
    rows = [
        ("1", "Rà soát, cập nhật dữ liệu doanh nghiệp, sản phẩm trên hệ thống truy xuất nguồn gốc của tỉnh",
         "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Sở Công Thương; UBND các huyện, thị xã, thành phố",
         "Quý II/2025", "Cơ sở dữ liệu được cập nhật"),
        ("2", "Tổ chức 03 lớp tập huấn về truy xuất nguồn gốc cho doanh nghiệp, hợp tác xã",
         "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Liên minh Hợp tác xã tỉnh, Hiệp hội Doanh nghiệp tỉnh",
         "Tháng 6/2025", "03 lớp tập huấn"),
        ("3", "Hỗ trợ doanh nghiệp, hợp tác xã áp dụng hệ thống truy xuất nguồn gốc và gắn mã sản phẩm",
         "Phòng Quản lý Công nghệ và Thị trường công nghệ", "Các doanh nghiệp, hợp tác xã",
         "Tháng 10/2025", "15 doanh nghiệp, hợp tác xã được hỗ trợ"),
        ("4", "Tuyên truyền về truy xuất nguồn gốc trên Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh",
         "Trung tâm Ứng dụng KH&CN", "Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh", "Thường xuyên",
         "Tin, bài, phóng sự"),
        ("5", "Kết nối hệ thống truy xuất nguồn gốc của tỉnh với Cổng thông tin truy xuất nguồn gốc quốc gia",
         "Trung tâm Ứng dụng KH&CN", "Sở Thông tin và Truyền thông", "2025-2026",
         "Hệ thống được kết nối"),
        ("6", "Sơ kết, đánh giá kết quả thực hiện Kế hoạch, báo cáo UBND tỉnh",
         "Văn phòng Sở", "Các phòng, đơn vị thuộc Sở", "Tháng 12/2025", "Báo cáo sơ kết"),
    ]
    table = doc.add_table(rows=1, cols=6)
    _borders(table)
    for i, h in enumerate(("STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp",
                           "Thời gian hoàn thành", "Sản phẩm")):
        _cell(table.rows[0].cells[i], [h], bold=True, size=11)
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            _cell(cells[i], [value], center=i in (0, 4), size=11)
    for i, w in enumerate((1.0, 5.0, 3.2, 3.2, 2.2, 2.4)):
        for cell in table.columns[i].cells:
            cell.width = Cm(w)
    _p(doc)
    _p(doc, "IV. KINH PHÍ THỰC HIỆN", bold=True)
    _p(doc, "Tổng kinh phí thực hiện Kế hoạch: 1.250.000.000 đồng (Một tỷ, hai trăm năm mươi triệu đồng), từ "
            "nguồn sự nghiệp khoa học và công nghệ năm 2025 đã giao cho Sở.", indent=True)
    _p(doc, "V. TỔ CHỨC THỰC HIỆN", bold=True)
    _p(doc, "1. Chi cục Tiêu chuẩn Đo lường Chất lượng là đầu mối theo dõi, tổng hợp kết quả thực hiện Kế "
            "hoạch; báo cáo Giám đốc Sở trước ngày 15/12/2025.", indent=True)
    _p(doc, "2. Các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao chủ động triển khai thực hiện.",
       indent=True)
    _p(doc, "Kế hoạch này thay thế Kế hoạch số 12/KH-KHCN ngày 20/01/2025 của Sở Khoa học và Công nghệ./.",
       indent=True)
    sign = doc.add_table(rows=1, cols=2)
    left = sign.cell(0, 0)
    _cell(left, ["Nơi nhận:"], bold=True, italic=True, center=False, size=12)
    for line in ("- UBND tỉnh (b/c);", "- Bộ Khoa học và Công nghệ (b/c);", "- Lãnh đạo Sở;",
                 "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, TĐC."):
        para = left.add_paragraph()
        para.add_run(line).font.size = Pt(11)
    right = sign.cell(0, 1)
    _cell(right, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "Lê Văn Hùng"], bold=True)
    doc.save(str(path))


KHOINGHIEP = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 112/KH-UBND

Hòa Bình, ngày 05 tháng 6 năm 2024

KẾ HOẠCH
Tổ chức Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh Hòa Bình năm 2024

Căn cứ Quyết định số 844/QĐ-TTg ngày 18/5/2016 của Thủ tướng Chính phủ phê duyệt Đề án “Hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo quốc gia đến năm 2025”;
Căn cứ Nghị quyết số 25/2023/NQ-HĐND ngày 12/7/2023 của HĐND tỉnh về chính sách hỗ trợ khởi nghiệp đổi mới sáng tạo;
Ủy ban nhân dân tỉnh ban hành Kế hoạch tổ chức Ngày hội như sau:

I. MỤC ĐÍCH, YÊU CẦU
Tôn vinh, kết nối các dự án khởi nghiệp đổi mới sáng tạo; tổ chức chu đáo, tiết kiệm, hiệu quả.

II. NỘI DUNG VÀ NHIỆM VỤ
1. Xây dựng và ban hành Thể lệ cuộc thi khởi nghiệp đổi mới sáng tạo
- Đơn vị chủ trì: Sở Khoa học và Công nghệ.
- Đơn vị phối hợp: Tỉnh đoàn; Hội Liên hiệp Phụ nữ tỉnh.
- Thời gian hoàn thành: Tháng 7/2024.
2. Tổ chức vòng sơ khảo và chung khảo cuộc thi
- Đơn vị chủ trì: Sở Khoa học và Công nghệ.
- Đơn vị phối hợp: Hiệp hội Doanh nghiệp tỉnh.
- Thời gian thực hiện: Quý III/2024.
3. Tổ chức khu trưng bày sản phẩm khởi nghiệp và hội thảo kết nối đầu tư
- Đơn vị chủ trì: Sở Kế hoạch và Đầu tư.
- Đơn vị phối hợp: Sở Công Thương, Sở Khoa học và Công nghệ.
- Thời gian thực hiện: Từ ngày 15/10 đến ngày 17/10/2024.
4. Truyền thông về Ngày hội trên các phương tiện thông tin đại chúng
- Đơn vị chủ trì: Sở Thông tin và Truyền thông.
- Thời gian thực hiện: Thường xuyên.

III. KINH PHÍ
Kinh phí tổ chức Ngày hội: 2,5 tỷ đồng từ nguồn ngân sách tỉnh năm 2024.

IV. TỔ CHỨC THỰC HIỆN
Sở Khoa học và Công nghệ là cơ quan thường trực, tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 30/11/2024./.

Nơi nhận:
- Bộ KH&CN (b/c);
- TT Tỉnh ủy, TT HĐND tỉnh (b/c);
- Chủ tịch, các PCT UBND tỉnh;
- Các sở, ban, ngành tỉnh;
- Lưu: VT, KGVX.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Bùi Văn Khánh
"""


def soffice(args: list[str], cwd: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("LibreOffice (soffice) is required to build the PDF and .doc variants")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", *args], cwd=cwd,
                       check=True, capture_output=True, timeout=300)


def render(pdf: Path, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(str(pdf))
    pages = [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    doc.close()
    return pages


def text_to_docx(text: str, path: Path) -> None:
    doc = docx.Document()
    _font(doc)
    for line in text.splitlines():
        _p(doc, line, size=12, center=line.isupper() and len(line) < 60)
    doc.save(str(path))


def main() -> None:
    out = HERE
    build_ktdn(out / "ktdn_2025.docx")
    soffice(["--convert-to", "pdf", "--outdir", str(out), "ktdn_2025.docx"], out)
    soffice(["--convert-to", "doc:MS Word 97", "--outdir", str(out), "ktdn_2025.docx"], out)
    pages = render(out / "ktdn_2025.pdf", 200)
    bilevel = [p.point(lambda v: 255 if v > 170 else 0).convert("1") for p in pages]
    bilevel[0].save(out / "ktdn_2025.scan.tif", save_all=True, append_images=bilevel[1:],
                    compression="group4", dpi=(200, 200))
    pages[0].save(out / "ktdn_2025.scan.pdf", save_all=True, append_images=pages[1:], resolution=200.0,
                  quality=70)
    (out / "khoinghiep_2024.txt").write_bytes(b"\xef\xbb\xbf" + KHOINGHIEP.replace("\n", "\r\n").encode())
    with tempfile.TemporaryDirectory() as tmp:
        text_to_docx(KHOINGHIEP, Path(tmp) / "khoinghiep_2024.docx")
        soffice(["--convert-to", "pdf", "--outdir", tmp, "khoinghiep_2024.docx"], Path(tmp))
        scan = render(Path(tmp) / "khoinghiep_2024.pdf", 300)
    if len(scan) > 1:
        width, height = scan[0].width, sum(p.height for p in scan)
        sheet = Image.new("L", (width, height), 255)
        y = 0
        for p in scan:
            sheet.paste(p, (0, y))
            y += p.height
        scan = [sheet]
    scan[0].save(out / "khoinghiep_2024.png", dpi=(300, 300), optimize=True)


if __name__ == "__main__":
    main()
