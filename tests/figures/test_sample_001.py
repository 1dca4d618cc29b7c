"""Entering the raw figures of sample 001's appendices reproduces every derived figure the document got right."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from dost.figures.queries import budget_table_rows, indicator_set_rows


def rounded(value, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def by_label(rows, attr):
    out = {}
    for row in rows:
        line = getattr(row, attr)
        out.setdefault(f"{line.ref} {line.label}".strip(), []).append(row)
    return out


# Phụ lục II, as printed: label → (TH2023/TH2022, KH2024/TH2023); None where the document left it blank.
APPENDIX_II_RATIOS = [
    ("I Số đề tài, dự án", "105,88", "77,78"),
    ("1 Cấp Quốc gia", "300", None),
    ("- Lĩnh vực nông nghiệp", "200", None),
    ("- Lĩnh vực văn hoá, y tế, giáo dục", "100", None),
    ("2 Cấp tỉnh", "93,75", "93,33"),
    ("- Lĩnh vực nông nghiệp", "112,50", "44,44"),
    ("- Lĩnh vực khác", "120", "100"),
    ("1 Cấp Quốc gia", "100", "66,67"),
    ("- Lĩnh vực nông nghiệp", "100", "66,67"),
    ("2 Cấp tỉnh", "50", "150"),
    ("- Lĩnh vực nông nghiệp", "66,67", "200"),
    ("- Lĩnh vực khác", "40", "100"),
]


def _printed(text: str) -> tuple[Decimal, int]:
    places = len(text.split(",")[1]) if "," in text else 0
    return Decimal(text.replace(",", ".")), places


def test_indicator_comparisons_match_every_printed_percentage(sample):
    rows = [r for r in indicator_set_rows(sample["indicators"]) if r.growth is not None or r.next_ratio is not None]
    printed = list(APPENDIX_II_RATIOS)
    for label, growth, next_ratio in printed:
        row = next(r for r in rows if f"{r.indicator.ref} {r.indicator.label}".strip() == label)
        rows.remove(row)
        value, places = _printed(growth)
        assert rounded(row.growth, places) == value, label
        if next_ratio is not None:
            value, places = _printed(next_ratio)
            assert rounded(row.next_ratio, places) == value, label


def test_indicator_breakdown_that_disagrees_is_flagged(sample):
    rows = indicator_set_rows(sample["indicators"])
    national = next(r for r in rows if r.indicator.label == "Cấp Quốc gia")
    assert national.warnings and "2" in national.warnings[0]  # stated 1, its fields sum to 2
    assert sum(len(r.warnings) for r in rows) == 1


# Phụ lục III: label → (carry, allocation, execution, relative %) as printed (triệu đồng).
APPENDIX_III = [
    ("A Phần thu", None, "1.701", "700", "41,2"),
    ("1 Phí, lệ phí", None, "101", "55", "54,5"),
    ("2 Thu sự nghiệp", None, "1.600", "645", "40,3"),
    ("A Phần chi ngân sách nhà nước", "9.460", "64.346", "35.048", "47,5"),
    ("I Quản lý nhà nước", "1.022", "13.508", "5.660", "41,9"),
    ("1 Khối Văn phòng Sở", "1.022", "9.228", "4.650", "50,4"),
    ("2 Chi cục TCĐLCL", "0", "4.280", "1.010", "23,6"),
    ("II Chi sự nghiệp khoa học", "8.438", "34.838", "21.788", "50,3"),
    ("1 Chi thường xuyên", "0", "2.541", "1.050", "41,3"),
    ("2 Chi không thường xuyên", "8.438", "32.297", "20.738", "50,9"),
    ("III Chi đầu tư phát triển", "0", "16.000", "7.600", "47,5"),
]


def _number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def test_budget_execution_sums_and_relative_figures_match_the_document(sample):
    rows = {f"{r.line.ref} {r.line.label}".strip(): r for r in budget_table_rows(sample["execution"])}
    for label, carry, allocated, executed, relative in APPENDIX_III:
        row = rows[label]
        if carry is not None:
            assert rounded(row.values["carried_over"], 0) == _number(carry), label
        assert rounded(row.values["allocated"], 0) == _number(allocated), label
        assert rounded(row.values["executed"], 0) == _number(executed), label
        value, places = _printed(relative)
        assert rounded(row.relative, places) == value, label


def test_budget_leaves_relative_figures_match(sample):
    rows = budget_table_rows(sample["execution"])
    leaves = [(r.line.label, rounded(r.relative, 1)) for r in rows if not r.has_children]
    assert leaves == [
        ("Phí, lệ phí", Decimal("54.5")), ("Thu sự nghiệp", Decimal("40.3")),
        ("Kinh phí thực hiện tự chủ", Decimal("48.7")), ("Kinh phí không thực hiện tự chủ", Decimal("52.4")),
        ("Kinh phí thực hiện tự chủ", Decimal("48.3")), ("Kinh phí không thực hiện tự chủ", Decimal("6.0")),
        ("Trung tâm ứng dụng KH&CN", Decimal("41.3")), ("Khối Văn phòng Sở", Decimal("52.1")),
        ("Chi cục TCĐLCL", Decimal("33.8")), ("Trung tâm ứng dụng KH&CN", Decimal("28.3")),
        (rows[-1].line.label, Decimal("47.5")),
    ]


def test_budget_absolute_difference_is_execution_minus_base(sample):
    # The document printed −(allocation + execution) on every row (−2.401 for 1.701 and 700): a formula
    # error dost does not reproduce.
    rows = {f"{r.line.ref} {r.line.label}".strip(): r for r in budget_table_rows(sample["execution"])}
    assert rows["A Phần thu"].absolute == Decimal(700 - 1701)
    assert rows["III Chi đầu tư phát triển"].absolute == Decimal(7600 - 16000)


def test_the_relative_basis_is_a_visible_setting_per_table_and_line(sample):
    table = sample["execution"]
    rows = {f"{r.line.ref} {r.line.label}".strip(): r for r in budget_table_rows(table)}
    assert table.relative_includes_carry_over is True
    assert rows["II Chi sự nghiệp khoa học"].includes_carry_over is True
    assert rows["I Quản lý nhà nước"].includes_carry_over is False


APPENDIX_V = [
    ("A Kinh phí sự nghiệp KH&CN", "30.909", "35.289", "35.289", "42.251"),
    ("II Chi hoạt động KH&CN phục vụ quản lý nhà nước", None, "7.595", "7.595", "8.776"),
    ("B Các nhiệm vụ KH&CN được cấp kinh phí từ ngân sách sự nghiệp KH&CN Trung ương", "1.750", "1.750", "1.750", "0"),
    ("C Kinh phí đầu tư phát triển", None, "16.000", "16.000", "279.288"),
]


def test_next_year_budget_sums_match_the_document(sample):
    rows = {f"{r.line.ref} {r.line.label}".strip(): r for r in budget_table_rows(sample["estimate"])}
    for label, central, allocated, executed, proposed in APPENDIX_V:
        row = rows[label]
        if central is not None:
            assert row.values["central_notified"] == _number(central), label
        assert row.values["allocated"] == _number(allocated), label
        assert row.values["executed"] == _number(executed), label
        assert row.values["proposed"] == _number(proposed), label
    assert not any(r.warnings for r in rows.values())
