"""The .docx read back with python-docx: Decree 30/2020/NĐ-CP layout, item by item."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from dost.documents.docx import render_docx
from dost.documents.model import BLANK, PageBreak, Paragraph, Row, Table

from .samples import indicator_table, official_letter, six_month_report

pytestmark = pytest.mark.pure

FONT = "Times New Roman"


@pytest.fixture(scope="module")
def report_bytes() -> bytes:
    return render_docx(six_month_report())


@pytest.fixture(scope="module")
def report(report_bytes):
    return Document(io.BytesIO(report_bytes))


@pytest.fixture(scope="module")
def letter():
    return Document(io.BytesIO(render_docx(official_letter())))


def size_pt(run, paragraph) -> float:
    """The run's effective size: its own, else its paragraph style's, else the paragraph mark's."""
    if run.font.size is not None:
        return run.font.size.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    raise AssertionError("no size found")


def texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def para(container, text: str):
    found = [p for p in container.paragraphs if p.text == text]
    assert found, f"no paragraph {text!r}"
    return found[0]


def is_bold(run, paragraph) -> bool:
    return bool(run.bold if run.bold is not None else paragraph.style.font.bold)


# ------------------------------------------------------------------------------------------------- page


def test_a4_portrait_with_decree_margins(report):
    section = report.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert 20 <= round(section.top_margin.mm, 1) <= 25
    assert 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20


def test_times_new_roman_everywhere_and_no_theme_fonts(report_bytes, report):
    with zipfile.ZipFile(io.BytesIO(report_bytes)) as zf:
        parts = [n for n in zf.namelist() if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", n)]
        assert "word/styles.xml" in parts and any(n.startswith("word/header") for n in parts)
        for name in parts:
            xml = zf.read(name).decode()
            assert "Theme=" not in xml and "w:cstheme" not in xml, f"{name} refers to theme fonts"
            rfonts = re.findall(r"<w:rFonts [^>]*>", xml)
            fonts = set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', " ".join(rfonts)))
            assert fonts <= {FONT}, f"{name} uses {fonts - {FONT}}"
    defaults = report.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = defaults.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:ascii")) == rfonts.get(qn("w:hAnsi")) == FONT


def test_page_numbers_in_the_header_from_page_two(report):
    section = report.sections[0]
    assert section.different_first_page_header_footer
    assert all(not p.text.strip() for p in section.first_page_header.paragraphs)
    header = section.header
    assert not header.is_linked_to_previous
    xml = header._element.xml
    assert "PAGE" in "".join(t.text for t in header._element.iter(qn("w:instrText")))
    assert 'w:fldCharType="begin"' in xml
    assert header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert 13 <= size_pt(header.paragraphs[0].runs[-2], header.paragraphs[0]) <= 14


# --------------------------------------------------------------------------------------------- header


def test_header_block_is_a_borderless_two_column_table(report):
    table = report.tables[0]
    assert len(table.columns) == 2
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and {b.get(qn("w:val")) for b in borders} == {"nil"}
    issuer, national = table.cell(0, 0), table.cell(0, 1)
    number, date = table.cell(1, 0), table.cell(1, 1)
    assert texts(issuer) == ["UBND TỈNH BẮC NINH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
    assert texts(national) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert texts(number) == ["Số: 125/BC-KHCN"]
    assert texts(date) == ["Bắc Ninh, ngày 05 tháng 6 năm 2024"]

    parent, name = issuer.paragraphs[0], issuer.paragraphs[1]
    assert not is_bold(parent.runs[0], parent) and 12 <= size_pt(parent.runs[0], parent) <= 13
    assert is_bold(name.runs[0], name) and 12 <= size_pt(name.runs[0], name) <= 13
    title, motto = national.paragraphs[0], national.paragraphs[1]
    assert is_bold(title.runs[0], title) and 12 <= size_pt(title.runs[0], title) <= 13
    assert is_bold(motto.runs[0], motto) and 13 <= size_pt(motto.runs[0], motto) <= 14
    num = number.paragraphs[0]
    assert size_pt(num.runs[0], num) == 13
    dl = date.paragraphs[0]
    assert dl.runs[0].italic and 13 <= size_pt(dl.runs[0], dl) <= 14
    for p in (parent, name, title, motto, num, dl):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def rule_length_mm(paragraph, container_mm: float) -> float:
    ppr = paragraph._p.pPr
    assert ppr.find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:val")) == "single"
    pf = paragraph.paragraph_format
    return container_mm - pf.left_indent.mm - pf.right_indent.mm


def test_short_lines_under_the_issuer_and_the_motto(report):
    from dost.documents.docx import measure_mm

    table = report.tables[0]
    issuer, national = table.cell(0, 0), table.cell(0, 1)
    issuer_width, national_width = issuer.width.mm, national.width.mm
    issuer_rule = issuer.paragraphs[-1]
    assert not issuer_rule.text
    name_width = measure_mm("SỞ KHOA HỌC VÀ CÔNG NGHỆ", 12, bold=True)
    assert name_width / 3 - 0.5 <= rule_length_mm(issuer_rule, issuer_width) <= name_width / 2 + 0.5
    motto_rule = national.paragraphs[-1]
    motto_width = measure_mm("Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    assert rule_length_mm(motto_rule, national_width) == pytest.approx(motto_width, abs=0.5)
    # Centred: equal indents on both sides.
    pf = motto_rule.paragraph_format
    assert pf.left_indent == pf.right_indent


def test_kind_and_title_centred_bold(report):
    kind = para(report, "BÁO CÁO")
    title = para(report, "Kết quả thực hiện nhiệm vụ khoa học và công nghệ 6 tháng đầu năm 2024")
    for p in (kind, title):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert p.runs[0].bold
        assert 13 <= size_pt(p.runs[0], p) <= 14
    # followed by the short line under the trích yếu
    body = report.element.body
    following = title._p.getnext()
    assert following.find(qn("w:pPr")).find(qn("w:pBdr")) is not None
    assert following.getparent() is body


def test_body_paragraphs_follow_the_decree(report):
    body = para(report, six_month_report().blocks[0].text)
    assert body.style.name == "Body Text"
    fmt = body.style.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert 1.0 <= fmt.first_line_indent.cm <= 1.27 + 1e-6
    assert fmt.space_after.pt >= 6
    assert 1.0 <= fmt.line_spacing <= 1.5
    assert 13 <= body.style.font.size.pt <= 14
    assert body.style.font.name == FONT


def test_headings_use_word_heading_styles(report):
    h1 = para(report, "I. KẾT QUẢ THỰC HIỆN")
    h2 = para(report, "1. Quản lý nhiệm vụ khoa học và công nghệ")
    assert (h1.style.name, h2.style.name) == ("Heading 1", "Heading 2")
    for p in (h1, h2):
        assert p.style.font.bold and p.style.font.name == FONT
        assert str(p.style.font.color.rgb) == "000000"
        assert 13 <= p.style.font.size.pt <= 14
    assert report.styles["Heading 3"].font.italic and report.styles["Heading 3"].font.bold
    bullet = para(report, "- Cấp 05 giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ.")
    assert bullet.style.name == "Body Text"


# ----------------------------------------------------------------------------------------- signature


def signature_table(document):
    return next(t for t in document.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")


def test_signer_block_on_the_right(report):
    right = signature_table(report).cell(0, 1)
    assert texts(right) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    for p in right.paragraphs:
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert is_bold(p.runs[0], p) and 13 <= size_pt(p.runs[0], p) <= 14
    name = right.paragraphs[-1]
    assert name.paragraph_format.space_before.pt >= 60  # room to sign and stamp


def test_recipients_on_the_left(report):
    left = signature_table(report).cell(0, 0)
    label, *items = left.paragraphs
    assert label.text == "Nơi nhận:"
    assert label.runs[0].bold and label.runs[0].italic and size_pt(label.runs[0], label) == 12
    assert [p.text for p in items] == ["- UBND tỉnh (b/c);", "- Bộ Khoa học và Công nghệ (b/c);",
                                       "- Lãnh đạo Sở;", "- Lưu: VT, KHTC."]
    assert all(size_pt(p.runs[0], p) == 11 for p in items)
    assert signature_table(report).rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_collective_signer_prints_both_authority_lines(letter):
    right = signature_table(letter).cell(0, 1)
    assert texts(right) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "Trần Thị Bình"]


# ---------------------------------------------------------------------------------------------- letter


def test_official_letter_has_vv_under_the_number_and_no_kind(letter):
    header = letter.tables[0]
    assert texts(header.cell(1, 0)) == [f"Số:{BLANK}/KHCN-QLKH",
                                        "V/v đề xuất đặt hàng nhiệm vụ KH&CN cấp tỉnh năm 2027"]
    vv = header.cell(1, 0).paragraphs[1]
    assert 12 <= size_pt(vv.runs[0], vv) <= 13
    assert texts(header.cell(1, 1)) == [f"Bắc Ninh, ngày{BLANK}tháng{BLANK}năm 2026"]
    body_texts = [p.text for p in letter.paragraphs]
    assert "Kính gửi:" in body_texts and "- UBND các xã, phường;" in body_texts
    assert not any(t in ("BÁO CÁO", "CÔNG VĂN") for t in body_texts)


# -------------------------------------------------------------------------------------------- appendix


def appendix_table(document):
    return next(t for t in document.tables if t.cell(0, 0).text == "STT")


def test_appendix_starts_a_landscape_section(report):
    assert len(report.sections) == 2
    section = report.sections[1]
    assert section.start_type == 2  # WD_SECTION.NEW_PAGE
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width.mm == pytest.approx(297, abs=0.1)
    assert section.page_height.mm == pytest.approx(210, abs=0.1)
    assert not section.different_first_page_header_footer  # numbered from its first page
    assert section.header.is_linked_to_previous


def test_appendix_heading_title_and_subtitle(report):
    heading = para(report, "Phụ lục I")
    title = para(report, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2024")
    subtitle = para(report, "(Kèm theo Báo cáo số 125/BC-KHCN ngày 05/6/2024 của Sở Khoa học và Công nghệ)")
    for p in (heading, title):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.runs[0].bold
    assert subtitle.runs[0].italic and subtitle.alignment == WD_ALIGN_PARAGRAPH.CENTER
    unit = para(report, "ĐVT: như cột 3")
    assert unit.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_appendix_table_merged_header_cells(report):
    table = appendix_table(report)
    assert len(table.columns) == 6
    # STT spans both header rows, "Năm 2024" spans two columns over "Kế hoạch" and "Thực hiện".
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc
    assert table.cell(0, 3)._tc is table.cell(0, 4)._tc
    assert table.cell(0, 3).text == "Năm 2024"
    assert (table.cell(1, 3).text, table.cell(1, 4).text) == ("Kế hoạch", "Thực hiện")
    assert table.cell(0, 3)._tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert table.cell(0, 5)._tc is table.cell(1, 5)._tc
    for r in (0, 1):
        for cell in table.rows[r].cells:
            p = cell.paragraphs[0]
            assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
            assert all(run.bold for run in p.runs)


def test_appendix_table_header_rows_repeat_on_each_page(report):
    rows = appendix_table(report).rows
    assert [r._tr.trPr.find(qn("w:tblHeader")) is not None for r in rows[:3]] == [True, True, False]


def test_appendix_table_text_size_and_number_alignment(report):
    table = appendix_table(report)
    row = table.rows[3]  # "1 | Nhiệm vụ cấp tỉnh triển khai | … | 12 | 11 | 91,7%"
    assert [c.text for c in row.cells] == ["1", "Nhiệm vụ cấp tỉnh triển khai", "Nhiệm vụ", "12", "11", "91,7%"]
    for c in (3, 4, 5):
        assert row.cells[c].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    label = row.cells[1].paragraphs[0]
    assert label.alignment == WD_ALIGN_PARAGRAPH.LEFT and label.paragraph_format.left_indent.cm > 0
    assert 11 <= size_pt(label.runs[0], label) <= 12
    assert all(run.bold for run in table.rows[2].cells[1].paragraphs[0].runs)  # "I Nhiệm vụ KH&CN"
    assert all(run.italic for run in table.rows[6].cells[1].paragraphs[0].runs)


def test_relative_column_widths_fill_the_landscape_text_width(report):
    table = appendix_table(report)
    widths = [col.w.mm for col in table._tbl.tblGrid.gridCol_lst]
    assert sum(widths) == pytest.approx(297 - 30 - 15, abs=0.5)
    assert widths[1] == pytest.approx(widths[0] * 4.0 / 0.6, rel=0.01)


def test_body_tables_and_page_breaks_in_portrait_width():
    doc = six_month_report()
    doc.blocks += [PageBreak(), Table(header=[["STT", "Nội dung"]], rows=[Row(["1", "Hội thảo"])]),
                   Paragraph("Ghi chú: số liệu ước đến 30/6.", "note")]
    document = Document(io.BytesIO(render_docx(doc)))
    body_table = next(t for t in document.tables if t.cell(0, 1).text == "Nội dung")
    widths = [col.w.mm for col in body_table._tbl.tblGrid.gridCol_lst]
    assert sum(widths) == pytest.approx(210 - 30 - 15, abs=0.5)
    assert 'w:type="page"' in document.element.body.xml
    note = para(document, "Ghi chú: số liệu ước đến 30/6.")
    assert note.runs[0].italic and note.runs[0].font.size.pt == 12


def test_column_widths_must_match_the_columns():
    doc = six_month_report()
    table = indicator_table()
    table.column_widths = [1, 2]
    doc.blocks.append(table)
    with pytest.raises(ValueError, match="column_widths"):
        render_docx(doc)


@pytest.mark.parametrize("make", [six_month_report, official_letter])
def test_property_elements_follow_the_schema_order(make):
    """Word refuses files whose pPr/tblPr children are out of order; LibreOffice would not tell us."""
    from dost.documents.docx import P_PR_ORDER, TBL_PR_ORDER

    document = Document(io.BytesIO(render_docx(make())))
    for tag, order in (("w:pPr", P_PR_ORDER), ("w:tblPr", TBL_PR_ORDER)):
        for props in document.element.body.iter(qn(tag)):
            names = [child.tag.split("}", 1)[1] for child in props]
            positions = [order.index(n) for n in names]
            assert positions == sorted(positions), f"{tag} children out of order: {names}"
            assert len(set(names)) == len(names), f"duplicate {tag} children: {names}"
