"""Formats of Decree 30 (date line, number line) and reading Vietnamese numbers."""

from __future__ import annotations

import datetime

import pytest

from dost.documents.model import (
    BLANK,
    HeaderCell,
    Paragraph,
    Row,
    Table,
    format_date_line,
    format_number_line,
    parse_vn_number,
)

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(("date", "expected"), [
    (datetime.date(2019, 2, 5), "Bắc Ninh, ngày 05 tháng 02 năm 2019"),
    (datetime.date(2019, 2, 25), "Bắc Ninh, ngày 25 tháng 02 năm 2019"),
    (datetime.date(2024, 1, 9), "Bắc Ninh, ngày 09 tháng 01 năm 2024"),
    (datetime.date(2024, 3, 1), "Bắc Ninh, ngày 01 tháng 3 năm 2024"),  # March and later: no zero
    (datetime.date(2024, 11, 25), "Bắc Ninh, ngày 25 tháng 11 năm 2024"),
    (datetime.date(2024, 9, 10), "Bắc Ninh, ngày 10 tháng 9 năm 2024"),
])
def test_date_line_pads_days_below_10_and_january_february(date, expected):
    assert format_date_line("Bắc Ninh", date) == expected


def test_draft_date_line_leaves_day_and_month_blank():
    assert format_date_line("Bắc Ninh", None, year=2026) == f"Bắc Ninh, ngày{BLANK}tháng{BLANK}năm 2026"
    assert format_date_line("Bắc Ninh", None) == f"Bắc Ninh, ngày{BLANK}tháng{BLANK}năm {BLANK}"


@pytest.mark.parametrize(("number", "expected"), [
    ("12", "Số: 12/BC-KHCN"), ("5", "Số: 05/BC-KHCN"), ("05", "Số: 05/BC-KHCN"), ("125", "Số: 125/BC-KHCN"),
    ("", f"Số:{BLANK}/BC-KHCN"), ("  ", f"Số:{BLANK}/BC-KHCN"),
])
def test_number_line(number, expected):
    assert format_number_line(number, "BC-KHCN") == expected


@pytest.mark.parametrize(("text", "value", "decimals", "grouped", "percent"), [
    ("12", 12, 0, False, False),
    ("800.000.000", 800_000_000, 0, True, False),
    ("1.022,16", 1022.16, 2, True, False),
    ("47,5%", 0.475, 1, False, True),
    ("-3", -3, 0, False, False),
    ("18.216,45", 18216.45, 2, True, False),
])
def test_vietnamese_numbers(text, value, decimals, grouped, percent):
    n = parse_vn_number(text)
    assert n is not None
    assert n.value == pytest.approx(value)
    assert (n.decimals, n.grouped, n.percent) == (decimals, grouped, percent)


@pytest.mark.parametrize("text", ["1.5", "I", "a)", "1.1", "Quý II/2024", "-", "", "12.34.567"])
def test_not_numbers(text):
    assert parse_vn_number(text) is None


def test_header_grid_places_cells_after_rowspans():
    table = Table(header=[[HeaderCell("STT", rowspan=2), HeaderCell("Năm 2024", colspan=2), "Ghi chú"],
                          ["KH", "TH"]], rows=[])
    placed = [(r, c, cell.text) for r, c, cell in table.header_grid()]
    assert placed == [(0, 0, "STT"), (0, 1, "Năm 2024"), (0, 3, "Ghi chú"), (1, 1, "KH"), (1, 2, "TH")]
    assert table.column_count == 4


def test_numeric_columns_are_right_aligned_and_stt_centred_by_default():
    table = Table(header=[["STT", "Nội dung", "Kinh phí"]],
                  rows=[Row(["1", "Hỗ trợ", "800.000"]), Row(["2", "Đào tạo", "-"])])
    assert table.column_alignments() == ["center", "left", "right"]


def test_unknown_paragraph_style_is_refused():
    with pytest.raises(ValueError, match="unknown paragraph style"):
        Paragraph("x", "heading9")
