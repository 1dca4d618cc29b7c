"""Word (.docx) rendering of administrative documents in the layout of Decree 30/2020/NĐ-CP, Appendix I.

The layout uses real Word features so that a clerk can keep editing the file: paragraph styles (body, headings),
a borderless two-column table for the header block and for the signature block, paragraph borders for the
short rules under the issuer, the motto and the trích yếu, merged cells and repeated header rows in tables,
a PAGE field for page numbers and one section per appendix (landscape where needed).

Font sizes follow the decree's ranges; where it allows a range we pick the value that keeps the header block
on one line per item at A4 width (national title and issuer 12 pt, motto 13 pt, body 14 pt, tables 12 pt).
"""

from __future__ import annotations

import io
import weakref
from copy import deepcopy
from functools import cache
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from lxml.etree import SubElement

from .model import (
    AdministrativeDocument,
    Appendix,
    Block,
    PageBreak,
    Paragraph,
    Table,
    format_date_line,
    format_number_line,
)

FONT = "Times New Roman"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20, 20, 30, 15
HEADER_DISTANCE_MM = 10
BODY_PT = 14
TABLE_PT = 12
FIRST_LINE_INDENT = Cm(1.27)
LINE_SPACING = 1.15
PARAGRAPH_SPACING_PT = 6

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
ISSUER_PT, NATIONAL_TITLE_PT, MOTTO_PT, NUMBER_PT, DATE_PT = 12, 12, 13, 13, 14
HEADER_LEFT_MM = 70  # the issuer column; the national title (12 pt bold, ~88 mm) needs the rest
RECIPIENTS_LEFT_MM = 80

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}

# Custom style names; the built-in "Body Text" and "Heading 1-3" are reused so Word's navigation pane works.
BODY_STYLE, TABLE_STYLE, RECIPIENT_STYLE = "Body Text", "Table Text", "Recipients"


def render_docx(doc: AdministrativeDocument) -> bytes:
    """The document as a .docx file (bytes)."""
    document = Document()
    _setup_styles(document)
    _setup_properties(document, doc)
    section = document.sections[0]
    _setup_page(section, landscape=False)
    _add_page_numbers(section)

    _add_header_block(document, doc)
    _add_title_block(document, doc)
    for block in doc.blocks:
        _add_block(document, block, _text_width_mm(section))
    _add_signature_block(document, doc)

    for appendix in doc.appendices:
        _add_appendix(document, appendix)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------------- styles


def _setup_styles(document: WordDocument) -> None:
    """Times New Roman everywhere, with no theme fonts left that Word would prefer over it."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _force_font(rpr)
    _set_child(rpr, "w:sz", val=str(BODY_PT * 2))
    _set_child(rpr, "w:szCs", val=str(BODY_PT * 2))
    _set_child(rpr, "w:lang", val="vi-VN", eastAsia="vi-VN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set_child(ppr, "w:spacing", after="0", line="240", lineRule="auto")
    # The template's styles name theme fonts and colours (Calibri/Cambria, blue headings): neutralise them all.
    for rfonts in styles_el.iter(qn("w:rFonts")):
        _force_font_element(rfonts)
    for color in styles_el.iter(qn("w:color")):
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)
        color.set(qn("w:val"), "000000")

    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    body = document.styles[BODY_STYLE]
    _body_format(body)

    for level, italic in ((1, False), (2, False), (3, True)):
        heading = document.styles[f"Heading {level}"]
        _body_format(heading)
        heading.font.size = Pt(BODY_PT)
        heading.font.bold = True
        heading.font.italic = italic
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.keep_with_next = True

    table_text = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_PT)
    tf = table_text.paragraph_format
    tf.space_before, tf.space_after, tf.line_spacing = Pt(2), Pt(2), 1.0

    recipients = document.styles.add_style(RECIPIENT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    recipients.base_style = normal
    recipients.font.size = Pt(11)
    recipients.paragraph_format.line_spacing = 1.0

    header = document.styles["Header"]
    header.font.size = Pt(BODY_PT)
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # Name the font on every style we use, not only in the defaults: pasted into another document, the text
    # keeps Times New Roman instead of taking that document's default font.
    for name in ("Normal", BODY_STYLE, "Heading 1", "Heading 2", "Heading 3", TABLE_STYLE, RECIPIENT_STYLE,
                 "Header"):
        _force_font(document.styles[name].element.get_or_add_rPr())


def _body_format(style) -> None:
    style.font.size = Pt(BODY_PT)
    pf = style.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = FIRST_LINE_INDENT
    pf.left_indent = pf.right_indent = Cm(0)
    pf.space_before = Pt(0)
    pf.space_after = Pt(PARAGRAPH_SPACING_PT)
    pf.line_spacing = LINE_SPACING
    pf.widow_control = True


def _force_font(rpr) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    _force_font_element(rfonts)


def _force_font_element(rfonts) -> None:
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def _set_child(parent, tag: str, **attrs: str):
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _setup_properties(document: WordDocument, doc: AdministrativeDocument) -> None:
    props = document.core_properties
    props.title = " ".join(p for p in (doc.kind, doc.title) if p)[:255]
    props.author = props.last_modified_by = doc.issuer
    props.language = "vi-VN"
    props.comments = ""
    props.revision = 1


# --------------------------------------------------------------------------------------------------- page


def _setup_page(section: Section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long_ = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.gutter = Mm(0)


def _text_width_mm(section: Section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 36000


def _add_page_numbers(section: Section) -> None:
    """Page numbers centred in the top margin from page 2 on (the first page has an empty first-page header)."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_field(p, "PAGE", "2")


def _add_field(paragraph: WordParagraph, instruction: str, placeholder: str) -> None:
    def fld(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = paragraph.add_run()
    run.font.size = Pt(BODY_PT)
    run._r.append(fld("begin"))
    run = paragraph.add_run()
    run.font.size = Pt(BODY_PT)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(fld("separate"))
    run = paragraph.add_run(placeholder)
    run.font.size = Pt(BODY_PT)
    run = paragraph.add_run()
    run._r.append(fld("end"))


# ------------------------------------------------------------------------------------------ header block


def _add_header_block(document: WordDocument, doc: AdministrativeDocument) -> None:
    """Issuer and number on the left, national title, motto and date on the right (two rows so that the
    "Số:" line and the date line share a baseline, as in the decree's model)."""
    width = _text_width_mm(document.sections[0])
    left_w, right_w = HEADER_LEFT_MM, width - HEADER_LEFT_MM
    table = _layout_table(document, 2, [left_w, right_w])
    issuer_cell, national_cell = table.cell(0, 0), table.cell(0, 1)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)

    first = True
    issuer_lines: list[str] = []
    if doc.issuer_parent.strip():
        _cell_text(issuer_cell, doc.issuer_parent.upper(), size=ISSUER_PT, first=first)
        issuer_lines.append(doc.issuer_parent.upper())
        first = False
    for line in doc.issuer.upper().splitlines() or [""]:
        _cell_text(issuer_cell, line, size=ISSUER_PT, bold=True, first=first)
        issuer_lines.append(line)
        first = False
    issuer_width = measure_mm(issuer_lines[-1], ISSUER_PT, bold=True)
    _rule(issuer_cell.add_paragraph(), min(issuer_width, left_w) * 0.4, left_w)

    _cell_text(national_cell, NATIONAL_TITLE, size=NATIONAL_TITLE_PT, bold=True, first=True)
    _cell_text(national_cell, MOTTO, size=MOTTO_PT, bold=True)
    _rule(national_cell.add_paragraph(), measure_mm(MOTTO, MOTTO_PT, bold=True), right_w)

    p = _cell_text(number_cell, format_number_line(doc.number, doc.symbol), size=NUMBER_PT, first=True)
    p.paragraph_format.space_before = Pt(6)
    if doc.is_letter and doc.title.strip():
        title = doc.title.strip()
        if not title.lower().startswith("v/v"):
            title = f"V/v {title}"
        vv = _cell_text(number_cell, title, size=12)
        vv.paragraph_format.space_before = Pt(3)

    p = _cell_text(date_cell, format_date_line(doc.place, doc.date, year=doc.year), size=DATE_PT, italic=True,
                   first=True)
    p.paragraph_format.space_before = Pt(6)


def _add_title_block(document: WordDocument, doc: AdministrativeDocument) -> None:
    width = _text_width_mm(document.sections[0])
    if not doc.is_letter:
        kind = _plain(document, doc.kind.upper(), size=BODY_PT, bold=True, align="center")
        kind.paragraph_format.space_before = Pt(18)
        kind.paragraph_format.keep_with_next = True
        lines = [line for line in doc.title.splitlines() if line.strip()]
        for line in lines:
            t = _plain(document, line.strip(), size=BODY_PT, bold=True, align="center")
            t.paragraph_format.keep_with_next = True
        if lines:
            longest = max(measure_mm(line, BODY_PT, bold=True) for line in lines)
            _rule(document.add_paragraph(), min(longest, width) * 0.4, width)
    if doc.addressees:
        _add_addressees(document, doc.addressees)
    if doc.authority.strip():
        a = _plain(document, doc.authority.upper(), size=BODY_PT, bold=True, align="center")
        a.paragraph_format.space_before = Pt(12)
        a.paragraph_format.space_after = Pt(6)
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    for line in doc.basis:
        p = document.add_paragraph(style=BODY_STYLE)
        p.add_run(line).italic = True
    if doc.basis and doc.kind.strip().upper() == "QUYẾT ĐỊNH":
        d = _plain(document, "QUYẾT ĐỊNH:", size=BODY_PT, bold=True, align="center")
        d.paragraph_format.space_before = Pt(6)
        d.paragraph_format.space_after = Pt(6)


def _add_addressees(document: WordDocument, addressees: list[str]) -> None:
    """"Kính gửi: …" centred for one addressee; a list under the label for several."""
    if len(addressees) == 1:
        p = _plain(document, "", size=BODY_PT, align="center")
        p.add_run("Kính gửi: ")
        p.add_run(addressees[0])
        p.paragraph_format.space_before = Pt(18)
        return
    label = _plain(document, "Kính gửi:", size=BODY_PT, align="left")
    label.paragraph_format.left_indent = Cm(3.5)
    label.paragraph_format.space_before = Pt(18)
    for name in addressees:
        text = name if name.lstrip().startswith("-") else f"- {name}"
        p = _plain(document, text, size=BODY_PT, align="left")
        p.paragraph_format.left_indent = Cm(5.5)


# --------------------------------------------------------------------------------------------------- body


def _add_block(document: WordDocument, block: Block, width_mm: float) -> None:
    if isinstance(block, Paragraph):
        _add_paragraph(document, block)
    elif isinstance(block, Table):
        _add_table(document, block, width_mm)
    elif isinstance(block, PageBreak):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    else:  # pragma: no cover - the type alias lists every block
        raise TypeError(f"unknown block {block!r}")


def _add_paragraph(document: WordDocument, block: Paragraph) -> None:
    text = block.text
    style = {"heading1": "Heading 1", "heading2": "Heading 2", "heading3": "Heading 3"}.get(block.style, BODY_STYLE)
    if block.style == "bullet" and not text.lstrip().startswith(("-", "+", "•")):
        text = f"- {text}"
    p = document.add_paragraph()
    p._p.style = _style_id(document, style)
    run = _add_text(p, text)
    if block.style == "italic":
        run.italic = True
    elif block.style == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Cm(0)
    elif block.style == "note":
        run.italic = True
        run.font.size = Pt(12)


def _add_table(document: WordDocument, table: Table, width_mm: float) -> None:
    if table.caption:
        c = _plain(document, table.caption, size=BODY_PT, bold=True, align="center")
        c.paragraph_format.space_before = Pt(6)
        c.paragraph_format.keep_with_next = True
    if table.unit_note:
        u = _plain(document, table.unit_note, size=TABLE_PT, italic=True, align="right")
        u.paragraph_format.keep_with_next = True
    n = table.column_count
    n_head = len(table.header)
    rel = table.column_widths or [1.0] * n
    if len(rel) != n:
        raise ValueError(f"column_widths has {len(rel)} values for {n} columns")
    widths = [width_mm * w / sum(rel) for w in rel]
    # Only the header rows go through python-docx; the body rows are appended as XML (``_append_rows``).
    word = document.add_table(rows=n_head, cols=n)
    word.style = document.styles["Table Grid"]
    _fix_layout(word, widths)
    _cell_margins(word, 1.0)  # dense statistical tables: 1 mm padding instead of Word's 1.9 mm
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    style_id = _style_id(document, TABLE_STYLE)

    for r in range(n_head):
        tr_pr = word.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
    for r, c, cell in table.header_grid():
        target = word.cell(r, c)
        if cell.colspan > 1 or cell.rowspan > 1:
            target = target.merge(word.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        p = target.paragraphs[0]
        p._p.style = style_id
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(p, cell.text).bold = True
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    _append_rows(word, table, widths, style_id)
    # A paragraph after every table keeps two consecutive tables from fusing into one.
    document.add_paragraph().paragraph_format.space_after = Pt(3)


# WordprocessingML tags of the body rows, which are built with lxml directly: python-docx's table proxies
# find a row or cell by walking the whole table, so a 2 000-row appendix took tens of seconds. The XML is
# exactly what the python-docx calls would write (tests/documents pin the rendering).
_TR, _TR_PR, _CANT_SPLIT, _TC, _TC_PR, _TC_W, _V_ALIGN = (
    qn(f"w:{t}") for t in ("tr", "trPr", "cantSplit", "tc", "tcPr", "tcW", "vAlign"))
_P, _P_PR, _P_STYLE, _IND, _JC, _R, _R_PR, _B, _I, _T, _TAB, _BR = (
    qn(f"w:{t}") for t in ("p", "pPr", "pStyle", "ind", "jc", "r", "rPr", "b", "i", "t", "tab", "br"))
_W_VAL, _W_W, _W_TYPE, _W_LEFT, _XML_SPACE = qn("w:val"), qn("w:w"), qn("w:type"), qn("w:left"), qn("xml:space")


def _append_rows(word: WordTable, table: Table, widths_mm: list[float], style_id: str | None) -> None:
    """The body rows of ``table``: one unsplittable row each, cells with a fixed width, vertically centred,
    one paragraph in the table style aligned by column, one run (bold/italic as the row says)."""
    aligns = table.column_alignments()
    label_col = next((i for i, a in enumerate(aligns) if a == "left"), 0)
    n = len(widths_mm)
    cell_props, paragraph_props = [], []
    for c, w in enumerate(widths_mm):
        tc_pr = OxmlElement("w:tcPr")
        tc_w = SubElement(tc_pr, _TC_W)
        tc_w.set(_W_TYPE, "dxa")
        tc_w.set(_W_W, str(Mm(w).twips))
        SubElement(tc_pr, _V_ALIGN).set(_W_VAL, "center")
        cell_props.append(tc_pr)
        p_pr = OxmlElement("w:pPr")
        if style_id is not None:
            SubElement(p_pr, _P_STYLE).set(_W_VAL, style_id)
        SubElement(p_pr, _JC).set(_W_VAL, ALIGN[aligns[c]].xml_value)
        paragraph_props.append(p_pr)
    tbl = word._tbl
    for row in table.rows:
        tr = SubElement(tbl, _TR)
        SubElement(SubElement(tr, _TR_PR), _CANT_SPLIT)
        for c in range(n):
            tc = SubElement(tr, _TC)
            tc.append(deepcopy(cell_props[c]))
            p = SubElement(tc, _P)
            p_pr = deepcopy(paragraph_props[c])
            p.append(p_pr)
            if c == label_col and row.level:
                ind = p_pr.makeelement(_IND, {_W_LEFT: str(Cm(0.4 * row.level).twips)})
                p_pr.find(_JC).addprevious(ind)
            r = SubElement(p, _R)
            r_pr = SubElement(r, _R_PR)
            if row.bold:
                SubElement(r_pr, _B)
            if row.italic:
                SubElement(r_pr, _I)
            _run_text(r, row.cells[c] if c < len(row.cells) else "")


def _run_text(r, text: str) -> None:
    """What ``_add_text`` writes into a run: the first line as ``Run.text`` (tabs and carriage returns become
    ``w:tab``/``w:br``), each further line after a ``w:br`` as one ``w:t``."""
    lines = text.split("\n")
    chunk: list[str] = []
    for char in lines[0]:
        if char == "\t" or char == "\r":
            _t(r, "".join(chunk))
            chunk.clear()
            SubElement(r, _TAB if char == "\t" else _BR)
        else:
            chunk.append(char)
    _t(r, "".join(chunk))
    for line in lines[1:]:
        SubElement(r, _BR)
        t = SubElement(r, _T)
        t.text = line
        if len(line.strip()) < len(line):
            t.set(_XML_SPACE, "preserve")


def _t(r, text: str) -> None:
    if text:
        t = SubElement(r, _T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_XML_SPACE, "preserve")


_STYLE_IDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _style_id(document: WordDocument, name: str) -> str | None:
    """The style id python-docx would write for the paragraph style ``name``, looked up once per document
    (python-docx looks it up, and the default style, by walking every style on each assignment)."""
    part = document.part
    ids = _STYLE_IDS.setdefault(part, {})
    if name not in ids:
        ids[name] = part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
    return ids[name]


# ------------------------------------------------------------------------------------------ signature


def _add_signature_block(document: WordDocument, doc: AdministrativeDocument) -> None:
    """"Nơi nhận:" with the recipients on the left, the signer's authority, title, room to sign and name on
    the right; one row that cannot split so the signature never lands alone on a page."""
    if not doc.signer and not doc.recipients:
        return
    width = _text_width_mm(document.sections[0])
    table = _layout_table(document, 1, [RECIPIENTS_LEFT_MM, width - RECIPIENTS_LEFT_MM])
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.cell(0, 0), table.cell(0, 1)
    if doc.recipients:
        label = _cell_text(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
        label.paragraph_format.space_before = Pt(6)
        for line in doc.recipients:
            text = line.strip()
            text = text if text.startswith("-") else f"- {text}"
            p = left.add_paragraph(style=document.styles[RECIPIENT_STYLE])
            p.add_run(text)
    if doc.signer:
        first = True
        for line in [*doc.signer.capacity_lines, doc.signer.title]:
            if not line.strip():
                continue
            p = _cell_text(right, line.upper(), size=BODY_PT, bold=True, first=first)
            if first:
                p.paragraph_format.space_before = Pt(6)
            first = False
        name = _cell_text(right, doc.signer.name, size=BODY_PT, bold=True, first=first)
        name.paragraph_format.space_before = Pt(78)  # room for the signature and the seal


# ---------------------------------------------------------------------------------------------- appendix


def _add_appendix(document: WordDocument, appendix: Appendix) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _setup_page(section, landscape=appendix.landscape)
    section.different_first_page_header_footer = False  # numbered from its first page (never page 1)
    width = _text_width_mm(section)
    heading = _plain(document, appendix.heading, size=BODY_PT, bold=True, align="center")
    heading.paragraph_format.keep_with_next = True
    for line in appendix.title.splitlines() or [""]:
        t = _plain(document, line.strip().upper(), size=BODY_PT, bold=True, align="center")
        t.paragraph_format.keep_with_next = True
    if appendix.subtitle:
        s = _plain(document, appendix.subtitle, size=13, italic=True, align="center")
        s.paragraph_format.keep_with_next = True
    document.add_paragraph().paragraph_format.space_after = Pt(3)
    for block in appendix.blocks:
        _add_block(document, block, width)


# --------------------------------------------------------------------------------------------- helpers


def _layout_table(document: WordDocument, rows: int, widths_mm: list[float]) -> WordTable:
    """A borderless table with no cell padding: the decree's two-column blocks, aligned to the margins."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    _fix_layout(table, widths_mm)
    tbl_pr = table._tbl.tblPr
    borders = _insert_ordered(tbl_pr, "w:tblBorders", TBL_PR_ORDER)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    _cell_margins(table, 0)
    return table


def _cell_margins(table: WordTable, mm: float) -> None:
    margins = _insert_ordered(table._tbl.tblPr, "w:tblCellMar", TBL_PR_ORDER)
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(round(mm * 1440 / 25.4)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)


def _fix_layout(table: WordTable, widths_mm: list[float]) -> None:
    """Fixed column widths in both the grid (read by LibreOffice) and every cell (read by Word)."""
    table.autofit = False  # writes <w:tblLayout w:type="fixed"/>
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        col.w = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)


def _cell_text(cell: _Cell, text: str, *, size: float, bold: bool = False, italic: bool = False,
               align: str = "center", first: bool = False) -> WordParagraph:
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    _format(p, text, size=size, bold=bold, italic=italic, align=align)
    return p


def _plain(document: WordDocument, text: str, *, size: float, bold: bool = False, italic: bool = False,
           align: str = "center") -> WordParagraph:
    p = document.add_paragraph()
    _format(p, text, size=size, bold=bold, italic=italic, align=align)
    return p


def _format(p: WordParagraph, text: str, *, size: float, bold: bool, italic: bool, align: str) -> None:
    p.alignment = ALIGN[align]
    if text:
        run = _add_text(p, text)
        run.font.size = Pt(size)
        run.bold = bold or None
        run.italic = italic or None
    _mark_size(p, size)


def _add_text(p: WordParagraph, text: str):
    """Add text as one run; newlines become line breaks inside the paragraph."""
    lines = text.split("\n")
    run = p.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)
    return run


def _mark_size(p: WordParagraph, size: float) -> None:
    """Size the paragraph mark too, so an empty or short line keeps the height of its text."""
    rpr = _insert_ordered(p._p.get_or_add_pPr(), "w:rPr", P_PR_ORDER)
    _set_child(rpr, "w:sz", val=str(round(size * 2)))


def _rule(p: WordParagraph, length_mm: float, container_mm: float) -> None:
    """A short centred horizontal line: a top border on an empty, 2 pt high paragraph, indented on both sides
    so the border is ``length_mm`` long (Decree 30's lines under the issuer, the motto and the trích yếu)."""
    side = max(0.0, (container_mm - length_mm) / 2)
    pf = p.paragraph_format
    pf.left_indent = pf.right_indent = Mm(side)
    pf.first_line_indent = Mm(0)
    pf.space_before, pf.space_after = Pt(4), Pt(0)  # keeps the line clear of descenders: not an underline
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(2)
    borders = _insert_ordered(p._p.get_or_add_pPr(), "w:pBdr", P_PR_ORDER)
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    _mark_size(p, 2)


# WordprocessingML fixes the order of these children (Word rejects a file that breaks it); python-docx only
# knows the order of the ones it writes itself.
TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                "tblLook", "tblCaption", "tblDescription", "tblPrChange")
P_PR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")


def _insert_ordered(parent, tag: str, order: tuple[str, ...]):
    """The existing ``tag`` child of ``parent``, or a new one inserted where the schema wants it."""
    existing = parent.find(qn(tag))
    if existing is not None:
        return existing
    el = OxmlElement(tag)
    local = tag.split(":", 1)[1]
    successors = {qn(f"w:{t}") for t in order[order.index(local) + 1:]}
    for child in parent:
        if child.tag in successors:
            child.addprevious(el)
            return el
    parent.append(el)
    return el


# ----------------------------------------------------------------------------------------- measurement

_FONT_DIRS = ("/usr/share/fonts/truetype/msttcorefonts", "/usr/share/fonts/truetype/liberation2",
              "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/liberation-serif")
_FONT_FILES = {False: ("Times_New_Roman.ttf", "LiberationSerif-Regular.ttf"),
               True: ("Times_New_Roman_Bold.ttf", "LiberationSerif-Bold.ttf")}


@cache
def _font(bold: bool):
    from PIL import ImageFont

    for directory in _FONT_DIRS:
        for name in _FONT_FILES[bold]:
            path = Path(directory) / name
            if path.exists():
                return ImageFont.truetype(str(path), 1000)
    return None


def measure_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Printed width of ``text`` in Times New Roman (or its metric twin Liberation Serif).

    Needed to size the rule under the motto and the trích yếu; without a font file an average glyph width
    of 0.55 em is close enough for a decorative line.
    """
    font = _font(bold)
    em = font.getlength(text) / 1000 if font is not None else 0.55 * len(text)
    return em * size_pt * 25.4 / 72
