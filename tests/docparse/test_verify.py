"""``dost verify``: recomputing the derived figures in a document's tables (pure: no database).

The facts about sample 001 were checked by hand: its Phụ lục III prints every "Tuyệt đối" figure as
−(allocation + execution), its "Tương đối" column mixes two bases, and its Phụ lục II states 1 national project
in 2022 while the breakdown sums to 2; everything else adds up.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from dost.docparse.verify import parse_figure, verify_file, verify_grid, verify_text

from .conftest import SAMPLES, needs_soffice

SAMPLE = SAMPLES / "001_cfb6b72ad2394691.txt"
KEYS = ["table", "row", "column", "stated", "expected", "rule", "note"]
RELATIVE = "So sánh ước thực hiện 6 tháng với giao dự toán / Tương đối (%)"
ABSOLUTE = "So sánh ước thực hiện 6 tháng với giao dự toán / Tuyệt đối (+) (-)"


@cache
def sample() -> dict:
    return verify_file(SAMPLE)


def in_table(result: dict, prefix: str) -> list[dict]:
    return [f for f in result["findings"] if f["table"].startswith(prefix + " ")]


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def doc(header: list[list[str]], rows: list[list[str]], title: str = "BẢNG SỐ LIỆU", unit: str | None = None) -> str:
    """A document holding one tab-separated table under its title."""
    lines = [title] + ([f"ĐVT: {unit}"] if unit else []) + [""]
    lines += ["\t".join(r) for r in header + rows]
    return "\n".join(lines) + "\n"


PLAN_HEADER = [["STT", "Nội dung", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"]]


# ------------------------------------------------------------------------------------------- sample 001


def test_sample_result_has_exactly_the_contract_shape() -> None:
    result = sample()
    assert sorted(result) == ["findings", "notes"]
    assert all(list(f) == KEYS for f in result["findings"])
    assert all(isinstance(f["stated"], int | float) and isinstance(f["expected"], int | float)
               for f in result["findings"])


def test_sample_phu_luc_ii_national_breakdown_is_its_only_finding() -> None:
    found = in_table(sample(), "Phụ lục II")
    assert len(found) == 1
    f = found[0]
    assert f["table"] == "Phụ lục II CHỈ TIÊU KẾ HOẠCH KHOA HỌC-CÔNG NGHỆ"
    assert f["row"].startswith("1 Cấp Quốc gia")
    assert (f["column"], f["stated"], f["expected"], f["rule"]) == ("Thực hiện 2022", 1, 2, "sum_of_children")
    assert "Trong đó" in f["note"]


def test_sample_phu_luc_ii_percentages_are_all_right() -> None:
    assert not [f for f in in_table(sample(), "Phụ lục II") if f["rule"] == "ratio"]


def test_sample_phu_luc_ii_percentages_are_really_checked() -> None:
    text = sample_text().replace("\t105,88\t77,78", "\t105,99\t77,78")
    found = [f for f in in_table(verify_text(text), "Phụ lục II") if f["rule"] == "ratio"]
    assert [(f["row"], f["column"], f["stated"], f["expected"]) for f in found] == [
        ("I Số đề tài, dự án", "So sánh (%) / TH 2023/ TH 2022", 105.99, 105.88)]


def test_sample_blank_cells_are_never_findings() -> None:
    assert not [f for f in sample()["findings"] if f["row"].startswith("II Số đề tài")]


def test_sample_phu_luc_iii_relative_column_is_a_note_not_findings() -> None:
    assert not [f for f in sample()["findings"] if f["column"] == RELATIVE]
    notes = [n for n in sample()["notes"] if RELATIVE in n]
    assert len(notes) == 1
    allocation, _, carried = notes[0].partition("; ")
    for row in ("A Phần thu", "I Quản lý nhà nước", "1 Khôi Văn phòng Sở"):
        assert row in allocation and row not in carried
    for row in ("A Phần chi ngân sách nhà nước", "II Chi sự nghiệp khoa học", "2 Chi không thường xuyên",
                ": A Phần chi ngân sách nhà nước", "Khối Văn phòng Sở."):
        assert row in carried
    assert "Chuyển nguồn" in carried and "Chuyển nguồn" not in allocation


def test_sample_phu_luc_iii_absolute_column_is_wrong_on_every_row() -> None:
    found = in_table(sample(), "Phụ lục III")
    assert len(found) == 20
    assert {(f["column"], f["rule"]) for f in found} == {(ABSOLUTE, "difference")}
    first = found[0]
    assert first["table"] == "Phụ lục III ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KINH PHÍ 6 THÁNG ĐẦU NĂM 2023"
    assert (first["row"], first["stated"], first["expected"]) == ("A Phần thu", -2401, -1001)


def test_sample_phu_luc_iii_absolute_expected_follows_the_rows_basis() -> None:
    expected = {f["row"]: f["expected"] for f in in_table(sample(), "Phụ lục III")}
    assert expected["I Quản lý nhà nước"] == 5660 - 13508  # its relative figure uses the allocation
    assert expected["A Phần chi ngân sách nhà nước"] == 35048 - (9460 + 64346)  # carried-over + allocation
    assert expected["Khối Văn phòng Sở"] == -18512  # 20.096 − (8437,8 + 30.170), printed without decimals


def test_sample_phu_luc_iii_absolute_error_pattern_is_explained() -> None:
    notes = [n for n in sample()["notes"] if ABSOLUTE in n]
    assert len(notes) == 1
    assert "mọi dòng" in notes[0] and "cộng thay vì trừ" in notes[0]


def test_sample_phu_luc_iii_sums_are_right() -> None:
    assert not [f for f in in_table(sample(), "Phụ lục III") if f["rule"] != "difference"]


def test_sample_phu_luc_iii_sums_are_really_checked() -> None:
    text = sample_text().replace("\t1022,16\t", "\t1032,16\t")
    found = [f for f in in_table(verify_text(text), "Phụ lục III") if f["rule"] == "sum_of_children"]
    assert [(f["row"], f["stated"], f["expected"]) for f in found] == [("1 Khôi Văn phòng Sở", 1022, 1032.16)]


def test_sample_phu_luc_v_sums_are_right() -> None:
    assert in_table(sample(), "Phụ lục V") == []


def test_sample_phu_luc_v_breakdown_of_c_is_really_checked() -> None:
    text = sample_text().replace("\t276.888", "\t276.988")
    found = in_table(verify_text(text), "Phụ lục V")
    assert [(f["row"][:1], f["stated"], f["expected"], f["rule"]) for f in found] == [
        ("C", 279288, 279388, "sum_of_children")]


def test_sample_phu_luc_v_grand_total_follows_its_formula() -> None:
    text = sample_text().replace("\t340.039", "\t340.139")
    found = in_table(verify_text(text), "Phụ lục V")
    assert [(f["row"], f["stated"], f["expected"], f["rule"]) for f in found] == [
        ("Tổng số (A+B+C+D)", 340139, 340039, "total")]


def test_sample_phu_luc_i_and_iv_have_no_findings() -> None:
    assert in_table(sample(), "Phụ lục I") == [] and in_table(sample(), "Phụ lục IV") == []


# ----------------------------------------------------------------------------------------------- rounding


@pytest.mark.parametrize("stated", ["12", "13", "12,5"])
def test_rounding_half_up_and_half_even_are_both_right(stated: str) -> None:
    text = doc(PLAN_HEADER, [["1", "Một phần tám", "8", "1", stated]])
    assert verify_text(text)["findings"] == []


def test_wrong_last_decimal_of_a_percentage_is_a_finding() -> None:
    text = doc(PLAN_HEADER, [["1", "Phần thu", "1.701", "700", "41,1"]])
    [f] = verify_text(text)["findings"]
    assert (f["row"], f["column"], f["stated"], f["expected"], f["rule"]) == (
        "1 Phần thu", "Tỷ lệ (%)", 41.1, 41.2, "ratio")


def test_total_rounded_from_a_part_with_decimals_is_right() -> None:
    header = [["STT", "Nội dung", "Chuyển nguồn", "Dự toán"]]
    rows = [["1", "Văn phòng", "1.022", "9.228"], ["", "Tự chủ", "", "5.029"], ["", "Không tự chủ", "1022,16", "4.199"]]
    assert verify_text(doc(header, rows))["findings"] == []


def test_counts_must_add_up_exactly() -> None:
    header = [["STT", "Chỉ tiêu", "Số lượng"]]
    rows = [["1", "Đề tài", "3"], ["a", "Cấp tỉnh", "1"], ["b", "Cấp cơ sở", "1"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["row"], f["stated"], f["expected"]) == ("1 Đề tài", 3, 2)


def test_parts_in_trieu_dong_may_differ_by_their_rounding() -> None:
    header = [["STT", "Nội dung", "Kinh phí"]]
    rows = [["1", "Tổng", "10"], ["a", "Phần một", "3"], ["b", "Phần hai", "3"], ["c", "Phần ba", "3"]]
    assert verify_text(doc(header, rows, unit="triệu đồng"))["findings"] == []
    assert len(verify_text(doc(header, rows, unit="đồng"))["findings"]) == 1


def test_decimals_of_money_rows_do_not_loosen_the_counts_beside_them() -> None:
    header = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "So sánh (%)"]]
    rows = [["1", "Nhiệm vụ cấp tỉnh", "Nhiệm vụ", "12", "11", "92,7%"],
            ["2", "Kinh phí", "Triệu đồng", "22.500", "18.216,45", "81,0%"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["row"], f["stated"], f["expected"]) == ("1 Nhiệm vụ cấp tỉnh", 92.7, 91.7)


# ------------------------------------------------------------------------------------------- hierarchy


def test_blank_part_is_not_given_rather_than_zero() -> None:
    header = [["STT", "Nội dung", "Kinh phí"]]
    rows = [["1", "Tổng", "10"], ["a", "Phần một", "4"], ["b", "Phần hai", ""]]
    assert verify_text(doc(header, rows))["findings"] == []


def test_given_parts_exceeding_the_total_are_a_finding_even_with_a_blank_part() -> None:
    header = [["STT", "Nội dung", "Kinh phí"]]
    rows = [["1", "Tổng", "9"], ["a", "Phần một", "4"], ["b", "Phần hai", "6"], ["c", "Phần ba", ""]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["stated"], f["expected"]) == (9, 10)


def test_trong_do_may_list_only_some_parts() -> None:
    header = [["STT", "Nội dung", "Số lượng"]]
    rows = [["1", "Doanh nghiệp", "10"], ["", "Trong đó:", ""], ["", "- Doanh nghiệp KH&CN", "2"],
            ["", "- Doanh nghiệp nhỏ", "5"]]
    assert verify_text(doc(header, rows))["findings"] == []


def test_trong_do_with_a_catch_all_part_must_add_up() -> None:
    header = [["STT", "Nội dung", "Số lượng"]]
    rows = [["1", "Doanh nghiệp", "10"], ["", "Trong đó:", ""], ["", "- Nông nghiệp", "2"], ["", "- Lĩnh vực khác", "5"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["row"], f["stated"], f["expected"], f["rule"]) == ("1 Doanh nghiệp", 10, 7, "sum_of_children")


def test_a_single_smaller_child_is_an_of_which_not_a_breakdown() -> None:
    header = [["STT", "Nội dung", "Số lượng"]]
    rows = [["1", "Doanh nghiệp", "100"], ["", "- Doanh nghiệp KH&CN", "5"]]
    assert verify_text(doc(header, rows))["findings"] == []


def test_total_row_is_the_sum_of_the_top_level_rows() -> None:
    header = [["STT", "Nội dung", "Kinh phí"]]
    rows = [["", "Tổng cộng", "60"], ["I", "Chi thường xuyên", "30"], ["1", "Lương", "30"],
            ["II", "Chi đầu tư", "20"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["row"], f["stated"], f["expected"], f["rule"]) == ("Tổng cộng", 60, 50, "total")


def test_repeated_labels_carry_their_ordinal() -> None:
    header = [["STT", "Nội dung", "Kinh phí"]]
    rows = [["1", "Văn phòng", "10"], ["", "Tự chủ", "4"], ["", "Không tự chủ", "6"],
            ["2", "Chi cục", "10"], ["", "Tự chủ", "3"], ["", "Không tự chủ", "6"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert f["row"] == "2 Chi cục"
    assert "(Tự chủ (2), Không tự chủ (2))" in f["note"]


# ------------------------------------------------------------------------------------------- comparisons


def test_years_in_the_header_pick_the_columns_compared() -> None:
    header = [["STT", "Chỉ tiêu", "KH 2024", "TH 2023", "TH 2022", "So sánh (%)", ""],
              ["", "", "", "", "", "KH 2024/ TH 2023", "TH 2023/ TH 2022"]]
    rows = [["1", "Đề tài", "14", "18", "17", "77,78", "105,88"], ["2", "Dự án", "6", "4", "8", "150", "40"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["row"], f["column"], f["stated"], f["expected"]) == ("2 Dự án", "So sánh (%) / TH 2023/ TH 2022",
                                                                    40, 50)


def test_mixed_bases_are_a_note_and_a_row_on_neither_is_a_finding_on_the_majority_basis() -> None:
    header = [["STT", "Đơn vị", "Chuyển nguồn", "Dự toán giao", "Thực hiện", "Tỷ lệ (%)"]]
    rows = [["1", "Đơn vị A", "100", "1.000", "550", "50,0"],   # 550 / (100 + 1.000)
            ["2", "Đơn vị B", "", "400", "200", "50,0"],        # 200 / 400
            ["3", "Đơn vị C", "0", "800", "600", "75,0"],       # either
            ["4", "Đơn vị D", "50", "500", "300", "61,0"],      # neither: 60,0 or 54,5
            ["5", "Đơn vị E", "", "300", "150", "50,0"]]
    result = verify_text(doc(header, rows))
    [f] = result["findings"]
    assert (f["row"], f["stated"], f["expected"], f["rule"]) == ("4 Đơn vị D", 61, 60, "ratio")
    [note] = result["notes"]
    assert "1 Đơn vị A" in note.partition("; ")[2] and "2 Đơn vị B" in note.partition("; ")[0]


def test_difference_column_follows_its_percentage_columns_basis() -> None:
    header = [["STT", "Đơn vị", "Chuyển nguồn", "Dự toán giao", "Thực hiện", "So sánh với dự toán", ""],
              ["", "", "", "", "", "Tương đối (%)", "Tuyệt đối (+) (-)"]]
    rows = [["1", "Đơn vị A", "100", "1.000", "550", "50,0", "-999"],
            ["2", "Đơn vị B", "", "400", "200", "50,0", "-200"],
            ["3", "Đơn vị C", "", "300", "150", "50,0", "-150"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["row"], f["rule"], f["expected"]) == ("1 Đơn vị A", "difference", 550 - 1100)


def test_growth_rate_against_the_previous_year() -> None:
    header = [["STT", "Chỉ tiêu", "TH 2022", "TH 2023", "Tăng, giảm (%)"]]
    rows = [["1", "Doanh thu", "100", "110", "10"], ["2", "Lợi nhuận", "50", "40", "-25"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["row"], f["stated"], f["expected"], f["rule"]) == ("2 Lợi nhuận", -25, -20, "growth")


def test_column_number_row_gives_the_formulas() -> None:
    header = [["STT", "Nội dung", "Vốn tỉnh", "Vốn huyện", "Tổng", "Tỷ lệ vốn tỉnh"]]
    rows = [["A", "B", "(1)", "(2)", "(3)=(1)+(2)", "(4)=(1)/(3)x100"],
            ["1", "Huyện A", "60", "40", "100", "60"],
            ["2", "Huyện B", "30", "20", "60", "50"],
            ["3", "Huyện C", "10", "30", "40", "30"]]
    found = verify_text(doc(header, rows))["findings"]
    assert [(f["row"], f["rule"], f["expected"]) for f in found] == [
        ("2 Huyện B", "sum_of_columns", 50), ("3 Huyện C", "ratio", 25)]


def test_year_row_under_the_header_is_part_of_the_header() -> None:
    header = [["STT", "Nội dung", "Thực hiện", ""]]
    rows = [["", "", "2022", "2023"], ["I", "Tổng", "10", "13"], ["1", "Phần một", "4", "5"], ["2", "Phần hai", "6", "7"]]
    [f] = verify_text(doc(header, rows))["findings"]
    assert (f["row"], f["column"], f["expected"]) == ("I Tổng", "Thực hiện / 2023", 12)


def test_comparison_column_without_known_inputs_is_a_note() -> None:
    header = [["STT", "Nội dung", "Kinh phí", "Tỷ trọng (%)"]]
    rows = [["1", "Phần một", "40", "40"], ["2", "Phần hai", "60", "60"]]
    result = verify_text(doc(header, rows))
    assert result["findings"] == []
    assert len(result["notes"]) == 1 and "Tỷ trọng (%)" in result["notes"][0]


def test_figures_use_vietnamese_notation() -> None:
    assert parse_figure("1.022").value == 1022 and parse_figure("1022,16").value.as_tuple().exponent == -2
    assert parse_figure("860,000").value == 860 and parse_figure("860,000").decimals == 3
    assert parse_figure("105,88%").value * 100 == 10588
    assert parse_figure("") is None and parse_figure("-") is None and parse_figure("ĐT, DA") is None


def test_table_held_in_memory() -> None:
    result = verify_grid("BÁO CÁO", PLAN_HEADER, [["1", "Phần một", "200", "150", "75,00"],
                                                  ["2", "Phần hai", "300", "200", "70,00"]])
    [f] = result["findings"]
    assert (f["table"], f["row"], f["expected"]) == ("BÁO CÁO", "2 Phần hai", 66.67)


def test_document_without_tables_has_nothing_to_report() -> None:
    assert verify_text("KẾ HOẠCH\nTriển khai nhiệm vụ năm 2024.\n") == {"findings": [], "notes": []}


# ------------------------------------------------------------------------------------------ docx and pdf

REPORT_ROWS = [
    ("A", "Tổng chi", "1.500.000.000", "1.250.000.000", "83,33"),  # wrong total: I + II = 1.230.000.000
    ("I", "Chi thường xuyên", "1.000.000.000", "800.000.000", "80,00"),
    ("1", "Chi lương", "600.000.000", "500.000.000", "83,33"),
    ("2", "Chi hoạt động", "400.000.000", "300.000.000", "75,00"),
    ("II", "Chi không thường xuyên", "500.000.000", "430.000.000", "86,00"),
    ("1", "Mua sắm", "300.000.000", "250.000.000", "88,33"),  # wrong percentage: 83,33
    ("2", "Sửa chữa", "200.000.000", "180.000.000", "90,00"),
    ("3", "Đào tạo", "0", "", ""),
]
REPORT_FINDINGS = [
    ("Biểu 01 TÌNH HÌNH THỰC HIỆN KINH PHÍ NĂM 2023", "A Tổng chi", "Năm 2023 / Thực hiện", 1250000000,
     1230000000, "sum_of_children"),
    ("Biểu 01 TÌNH HÌNH THỰC HIỆN KINH PHÍ NĂM 2023", "1 Mua sắm", "Tỷ lệ (%)", 88.33, 83.33, "ratio"),
]


def build_report_docx(path: Path) -> Path:
    """A Word table like dost's reports: "Năm 2023" merged across two columns, STT/Nội dung/Tỷ lệ down two rows."""
    d = docx.Document()
    for section in d.sections:
        section.left_margin = section.right_margin = Cm(2)
    d.add_paragraph("Biểu 01")
    d.add_paragraph("TÌNH HÌNH THỰC HIỆN KINH PHÍ NĂM 2023")
    d.add_paragraph("Đơn vị tính: đồng")
    table = d.add_table(rows=2 + len(REPORT_ROWS), cols=5)
    table.style = "Table Grid"
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(1.2), Cm(5.6), Cm(3.6), Cm(3.6), Cm(2.5)), strict=True):
            cell.width = width
    for col, text in ((0, "STT"), (1, "Nội dung"), (2, "Năm 2023"), (4, "Tỷ lệ (%)")):
        table.cell(0, col).text = text
    table.cell(1, 2).text = "Kế hoạch"
    table.cell(1, 3).text = "Thực hiện"
    table.cell(0, 2).merge(table.cell(0, 3))
    for col in (0, 1, 4):
        table.cell(0, col).merge(table.cell(1, col))
    for i, values in enumerate(REPORT_ROWS):
        for j, text in enumerate(values):
            table.cell(2 + i, j).text = text
    d.add_paragraph("")
    d.add_paragraph("Người lập biểu")
    d.save(str(path))
    return path


def as_tuples(result: dict) -> list[tuple]:
    return [tuple(f[k] for k in KEYS[:-1]) for f in result["findings"]]


def test_docx_table_with_merged_header_cells(tmp_path: Path) -> None:
    result = verify_file(build_report_docx(tmp_path / "bao_cao.docx"))
    assert as_tuples(result) == REPORT_FINDINGS
    assert result["notes"] == []


@needs_soffice
def test_pdf_made_from_the_docx_gives_the_same_findings(tmp_path: Path) -> None:
    source = build_report_docx(tmp_path / "bao_cao.docx")
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe is not None
    subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "bao_cao.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert as_tuples(verify_file(pdf)) == REPORT_FINDINGS
