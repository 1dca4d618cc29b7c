"""Unit behaviour of the small readers: numbers, dates, amounts, units, cells."""

from __future__ import annotations

import pytest

from dost.docparse.amounts import parse_amount, parse_number
from dost.docparse.budget import parse_target
from dost.docparse.dates import parse_due, parse_period
from dost.docparse.header import doc_numbers, normalise_number, parse_header
from dost.docparse.similarity import similarity
from dost.docparse.tasks import parse_roadmap, split_units
from dost.docparse.text import cell_paragraphs, clean_inline, fold, normalise_document, split_lines


def header_of(text: str):
    return parse_header(split_lines(text), 50)


@pytest.mark.parametrize(("line", "number", "symbol"), [
    ("Số: 25/KH-KHCN", "25/KH-KHCN", "KH-KHCN"),
    ("Số: /KH-SKHCN", None, "KH-SKHCN"),
    ("Số:      /KH-UBND", None, "KH-UBND"),
    ("Số: …/KH-UBND", None, "KH-UBND"),
    ("Số: 05/KH-KH&CN", "05/KH-KH&CN", "KH-KH&CN"),
    ("Số 54-KH/TU", "54-KH/TU", "KH/TU"),
])
def test_number_and_symbol(line: str, number: str | None, symbol: str) -> None:
    h = header_of(f"{line}\n\nKẾ HOẠCH\nTiêu đề\n")
    assert (h.number, h.symbol) == (number, symbol)


@pytest.mark.parametrize(("line", "place", "date"), [
    ("Bắc Giang, ngày 25 tháng 02 năm 2019", "Bắc Giang", (2019, 2, 25)),
    ("Bắc Ninh, ngày tháng 02 năm 2026", "Bắc Ninh", (2026, 2, None)),
    ("Hòa Bình, ngày      tháng     năm 2021", "Hòa Bình", (2021, None, None)),
    ("Hà Nội, ngày ….. tháng 9 năm 2021", "Hà Nội", (2021, 9, None)),
])
def test_place_and_partial_date(line: str, place: str, date: tuple) -> None:
    h = header_of(f"Số: /KH-UBND\n{line}\nKẾ HOẠCH\nTiêu đề\n")
    assert h.place == place
    assert (h.date["year"], h.date["month"], h.date["day"]) == date


def test_title_spans_wrapped_lines_and_drops_markdown() -> None:
    h = header_of("Số: 1/KH-X\n\n## KẾ HOẠCH\n\n### **Triển khai áp dụng**\ntrên địa bàn tỉnh\n\nCăn cứ Luật…\n")
    assert h.title == "Triển khai áp dụng trên địa bàn tỉnh"


@pytest.mark.parametrize(("text", "value"), [
    ("800.000.000", 800000000), ("47,5", 47.5), ("1.022,16", 1022.16), ("1022,16", 1022.16), ("-2.401", -2401),
    ("abc", None), ("1.2.3", None),
])
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "amount"), [
    ("Tổng kinh phí: 800.000.000 đồng", 800000000),
    ("tổng kinh phí là 1 tỷ đồng", 10**9),
    ("340.039 triệu đồng", 340039 * 10**6),
    ("2,5 tỷ đồng", 2500 * 10**6),
    ("2 tỷ 500 triệu đồng", 2500 * 10**6),
    ("không có số tiền", None),
])
def test_parse_amount(text: str, amount: int | None) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(("text", "due"), [
    ("Tháng 3/2022.", "2022-03"),
    ("Quý II/2024", "2024-06"),
    ("Quý 4 năm 2023", "2023-12"),
    ("Tháng 4-5/2022", "2022-05"),
    ("2021-2023", "2023"),
    ("2023", "2023"),
    ("Hàng năm", "annual"),
    ("Hằng năm", "annual"),
    ("Thường xuyên", "ongoing"),
    ("Từ ngày 01/3 đến ngày 31/3/2019", "2019-03-31"),
    ("Tháng 12/Năm 2023", "2023-12"),
    ("trước ngày 30/6/2024", "2024-06-30"),
    ("6 tháng đầu năm 2024", "2024-06"),
    ("không rõ", None),
])
def test_due(text: str, due: str | None) -> None:
    assert parse_due(text, 2022) == due


def test_month_without_year_takes_the_plans_year() -> None:
    assert parse_due("Tháng 1", 2022) == "2022-01"
    assert parse_due("Tháng 1", None) is None


def test_period_start_of_day_range_takes_the_end_year() -> None:
    assert parse_period("Từ ngày 16/4 đến ngày 30/4/2019") == ("2019-04-16", "2019-04-30")


def test_ocr_confused_roman_quarter() -> None:
    assert parse_due("Quý II1/2024") == "2024-09"


def test_split_units_keeps_generic_groups_together() -> None:
    assert split_units("Các sở, ngành, UBND huyện/TP, doanh nghiệp, Liên minh HTX, Hiệp hội DN tỉnh") == [
        "Các sở, ngành", "UBND huyện/TP", "doanh nghiệp", "Liên minh HTX", "Hiệp hội DN tỉnh"]
    assert split_units("Sở Công Thương; UBND các huyện, thị xã, thành phố") == [
        "Sở Công Thương", "UBND các huyện, thị xã, thành phố"]


def test_doc_numbers_cover_decree_party_and_letter_styles() -> None:
    text = ("Căn cứ Quyết định số 1322/QĐ-TTg; Nghị quyết 43/2022/NQ-HĐND; Nghị quyết số 36-NQ/TW; "
            "Công văn số 3328/UBND-TH ngày 19/6/2023")
    assert doc_numbers(text) == ["1322/QĐ-TTg", "43/2022/NQ-HĐND", "36-NQ/TW", "3328/UBND-TH"]


def test_normalised_numbers_compare_across_spellings() -> None:
    assert normalise_number("33/KH-KH&CN") == normalise_number("33/kh-khcn")


def test_fold_maps_d_stroke() -> None:
    assert fold("ĐỀ ÁN  Kế hoạch") == "de an ke hoach"


def test_clean_inline_removes_marks() -> None:
    assert clean_inline("#### **III- Kinh phí** *thực hiện*¹") == "III- Kinh phí thực hiện"


def test_cell_paragraphs_split_html_and_inline_items() -> None:
    cell = "<p>- Tháng 1:</p> <ul style=\"x\"> + Phân công. + Thu thập tài liệu. <p>Tháng 1 - 2: Họp</p>"
    assert cell_paragraphs(cell) == ["- Tháng 1:", "+ Phân công.", "+ Thu thập tài liệu.", "Tháng 1 - 2: Họp"]


def test_roadmap_months_and_ranges() -> None:
    cell = "<ul> - Tháng 1: Đôn đốc. - Tháng 4-5: Ban hành hướng dẫn <p>- Tháng 6:</p> + Báo cáo"
    assert parse_roadmap(cell, 2022) == [
        {"month": "2022-01", "text": "Đôn đốc"},
        {"month": "2022-05", "text": "Ban hành hướng dẫn"},
        {"month": "2022-06", "text": "Báo cáo"},
    ]


def test_target_at_least() -> None:
    t = parse_target("- Đào tạo ít nhất 02 chuyên gia năng suất chất lượng;")
    assert (t["value"], t["unit"], t["comparator"]) == (2, "chuyên gia", ">=")


def test_target_percent_range_reads_lower_bound_yearly() -> None:
    t = parse_target("Số doanh nghiệp được hỗ trợ hàng năm tăng từ 3-5%")
    assert (t["value"], t["unit"], t["comparator"], t["due"]) == (3, "%", ">=", "annual")


def test_similarity_tolerates_truncation_and_typos() -> None:
    a = "Tham mưu UBND tỉnh ban hành Chỉ thị nâng cao chất lượng, chuyển giao công nghệ sẵn có"
    b = "Tham mưu UBND tỉnh ban hành Chỉ thị nâng cao chất lượng, chuyên giao"
    assert similarity(a, b) > 0.7
    assert similarity(a, "Tổ chức Lễ trao giải báo chí") < 0.3


def test_normalise_document_handles_bom_crlf_and_pipe_tables() -> None:
    text = normalise_document("\ufeffA\r\n| STT | Nội dung |\r\n|---|---|\r\n| 1 | Việc |\r\n")
    assert text.splitlines() == ["A", "STT\tNội dung", "", "1\tViệc"]


def test_html_table_blocks_become_rows() -> None:
    text = normalise_document("<table><tr><th>STT</th><th>Nội dung</th></tr><tr><td>1</td><td>Việc</td></tr></table>")
    assert "STT\tNội dung" in text and "1\tViệc" in text
