import pytest

from dost.core.numbering import NumberSymbolError, normalise_number_symbol, parse_number_symbol

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("raw", "text", "year", "kind"),
    [
        ("25/KH-KHCN", "25/KH-KHCN", None, "Kế hoạch"),
        ("Số: 25 / kh–khcn", "25/KH-KHCN", None, "Kế hoạch"),
        ("43/2022/NQ-HĐND", "43/2022/NQ-HĐND", 2022, "Nghị quyết"),
        ("5/BNV-VP", "05/BNV-VP", None, None),
        ("36-NQ/TW", "36-NQ/TW", None, "Nghị quyết"),
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP", 2020, "Nghị định"),
    ],
)
def test_parse_normalises_number_symbols(raw, text, year, kind):
    parsed = parse_number_symbol(raw)
    assert (parsed.text, parsed.year, parsed.kind) == (text, year, kind)


def test_blank_draft_number_keeps_the_symbol():
    parsed = parse_number_symbol("Số: /KH-KHCN")
    assert parsed.number is None and parsed.symbol == "KH-KHCN"


def test_key_ignores_case_diacritics_and_leading_zeros():
    assert parse_number_symbol("05/qđ-ubnd").key == parse_number_symbol("5/QĐ-UBND").key


def test_garbage_is_refused():
    with pytest.raises(NumberSymbolError):
        parse_number_symbol("không phải số hiệu")


def test_normalise_returns_canonical_text():
    assert normalise_number_symbol(" 754 / QĐ-UBND ") == "754/QĐ-UBND"
