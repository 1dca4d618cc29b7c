"""Excel export of the tables of a report, for the staff who re-aggregate figures in spreadsheets.

Cells that show a number in Vietnamese notation ("1.022,16", "47,5%") are written as numbers with a number
format that reproduces the shown decimals, grouping and percent sign, so sums work in Excel; Excel displays
the separators of the reader's locale ("." thousands and "," decimals under vi-VN). Everything else stays text.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .model import Table, VnNumber, parse_vn_number

FONT_NAME = "Times New Roman"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(tables: list[tuple[str, Table]]) -> bytes:
    """One sheet per (sheet title, table): merged header cells, bordered grid, numbers as numbers."""
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for title, table in tables:
        ws = wb.create_sheet(_sheet_title(title, used))
        _write_table(ws, table)
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def number_format(number: VnNumber) -> str:
    """The Excel format that shows ``number`` as it was printed (decimals, grouping, percent)."""
    decimals = "." + "0" * number.decimals if number.decimals else ""
    base = "#,##0" if number.grouped else "0"
    return f"{base}{decimals}%" if number.percent else f"{base}{decimals}"


def _write_table(ws: Worksheet, table: Table) -> None:
    n = table.column_count
    row = 1
    if table.caption:
        ws.cell(row=row, column=1, value=table.caption).font = Font(name=FONT_NAME, size=12, bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(n, 1))
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
        row += 1
    if table.unit_note:
        cell = ws.cell(row=row, column=max(n, 1), value=table.unit_note)
        cell.font = Font(name=FONT_NAME, size=11, italic=True)
        cell.alignment = Alignment(horizontal="right")
        row += 1

    head_top = row
    header_font = Font(name=FONT_NAME, size=11, bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r in range(len(table.header)):
        for c in range(n):  # border every cell of a merged range, not only its anchor
            ws.cell(row=head_top + r, column=c + 1).border = _BORDER
    for r, c, hcell in table.header_grid():
        cell = ws.cell(row=head_top + r, column=c + 1, value=hcell.text)
        cell.font, cell.alignment = header_font, centre
        if hcell.colspan > 1 or hcell.rowspan > 1:
            ws.merge_cells(start_row=head_top + r, start_column=c + 1,
                           end_row=head_top + r + hcell.rowspan - 1, end_column=c + hcell.colspan)
    row = head_top + len(table.header)
    if table.header:
        ws.freeze_panes = ws.cell(row=row, column=1)
        ws.print_title_rows = f"{head_top}:{row - 1}"

    aligns = table.column_alignments()
    label_col = next((i for i, a in enumerate(aligns) if a == "left"), 0)
    for body_row in table.rows:
        font = Font(name=FONT_NAME, size=11, bold=body_row.bold, italic=body_row.italic)
        for c in range(n):
            text = body_row.cells[c] if c < len(body_row.cells) else ""
            cell = ws.cell(row=row, column=c + 1)
            number = parse_vn_number(text) if text.strip() else None
            if number is not None:
                cell.value = number.value
                cell.number_format = number_format(number)
            else:
                cell.value = text if text != "" else None
            indent = body_row.level if c == label_col else 0
            cell.font, cell.border = font, _BORDER
            cell.alignment = Alignment(horizontal=aligns[c], vertical="center", wrap_text=True, indent=indent)
        row += 1

    rel = table.column_widths or [1.0] * n
    total = sum(rel) or 1
    for c, w in enumerate(rel[:n]):
        ws.column_dimensions[get_column_letter(c + 1)].width = max(5.0, 120 * w / total)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if n > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _sheet_title(title: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique (case-insensitive)."""
    base = _BAD_TITLE.sub("-", title).strip("' ") or "Bảng"
    base = base[:31]
    candidate, i = base, 2
    while candidate.lower() in used:
        suffix = f" ({i})"
        candidate = base[:31 - len(suffix)] + suffix
        i += 1
    used.add(candidate.lower())
    return candidate
