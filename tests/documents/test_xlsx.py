"""Excel export read back with openpyxl: merged header cells, numbers as numbers shown as printed."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from dost.documents.model import HeaderCell, Row, Table
from dost.documents.xlsx import render_xlsx

from .samples import indicator_table

pytestmark = pytest.mark.pure


@pytest.fixture(scope="module")
def workbook():
    budget = Table(header=[["STT", "Nội dung", "Kinh phí (đồng)"]],
                   rows=[Row(["1", "Hỗ trợ ISO 9001", "800.000.000"]), Row(["2", "Ghi chú", "Quý II/2024"])],
                   caption="Dự toán kinh phí")
    data = render_xlsx([("Phụ lục I: Chỉ tiêu", indicator_table()), ("Phụ lục I: Chỉ tiêu", budget)])
    return load_workbook(io.BytesIO(data))


def test_one_sheet_per_table_with_valid_unique_titles(workbook):
    assert workbook.sheetnames == ["Phụ lục I- Chỉ tiêu", "Phụ lục I- Chỉ tiêu (2)"]


def test_merged_header_cells(workbook):
    ws = workbook.worksheets[0]
    # Row 1 is the unit note, the header occupies rows 2 and 3.
    assert ws["F1"].value == "ĐVT: như cột 3"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert merged == {"A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3"}
    assert ws["D2"].value == "Năm 2024"
    assert (ws["D3"].value, ws["E3"].value) == ("Kế hoạch", "Thực hiện")
    assert ws["D2"].font.bold and ws["D2"].alignment.horizontal == "center"
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$2:$3"


def test_numbers_are_numeric_with_the_printed_format(workbook):
    ws = workbook.worksheets[0]
    assert ws["A4"].value == "I" and ws["B4"].value == "Nhiệm vụ KH&CN"
    assert ws["D5"].value == 12 and ws["D5"].number_format == "0"
    assert ws["F5"].value == pytest.approx(0.917) and ws["F5"].number_format == "0.0%"
    assert ws["D7"].value == 22500 and ws["D7"].number_format == "#,##0"
    assert ws["E7"].value == pytest.approx(18216.45) and ws["E7"].number_format == "#,##0.00"
    assert ws["E8"].value == pytest.approx(647.5) and ws["E8"].number_format == "0.0"
    assert ws["B7"].font.bold and ws["B8"].font.italic
    assert ws["B5"].alignment.indent == 1
    assert ws["E5"].alignment.horizontal == "right"


def test_text_that_is_not_a_number_stays_text(workbook):
    ws = workbook.worksheets[1]
    assert ws["A1"].value == "Dự toán kinh phí"
    assert ws["C3"].value == 800_000_000 and ws["C3"].number_format == "#,##0"
    assert ws["C4"].value == "Quý II/2024"


def test_header_cell_spanning_rows_and_columns():
    table = Table(header=[[HeaderCell("Nội dung", rowspan=2, colspan=2), "Kinh phí"], ["Tổng"]],
                  rows=[Row(["a", "b", "1"])])
    ws = load_workbook(io.BytesIO(render_xlsx([("Bảng", table)]))).active
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:B2"}
    assert (ws["C1"].value, ws["C2"].value) == ("Kinh phí", "Tổng")
