"""Vietnamese enterprise tax codes: shape, check digit (weights 31…3, mod 11, 10 is invalid), branches."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dost.procedures import taxcode

pytestmark = pytest.mark.pure


@pytest.mark.parametrize("code", [
    "0100233488",  # python-stdnum's example
    "0100047516",  # the worked example of the tax administration (check digit 6)
    "0100109106",
    "0314409058-002",  # a branch: the parent's 10 digits, a dash, 3 digits
])
def test_valid_codes(code):
    assert taxcode.is_valid(code)
    assert taxcode.validate_tax_code(code) == code


def test_check_digit_by_hand():
    # 0·31 + 1·29 + 0·23 + 0·19 + 0·17 + 4·13 + 7·7 + 5·5 + 1·3 = 158; 158 mod 11 = 4; 10 − 4 = 6
    assert taxcode.check_digit("010004751") == 6


def test_a_check_result_of_ten_has_no_valid_code():
    # 0·31 + 1·29 + 0·23 + 9·(19 + 17 + 13 + 7 + 5 + 3) = 605 = 55·11: remainder 0, check 10
    assert taxcode.check_digit("010999999") is None
    assert not any(taxcode.is_valid(f"010999999{d}") for d in range(10))


@pytest.mark.parametrize("code", ["0100233480", "0100233487", "0100047515", "0314409058-002".replace("8-", "7-")])
def test_wrong_check_digit_is_refused(code):
    assert "chữ số kiểm tra" in taxcode.problem(code)


def test_only_the_right_digit_passes():
    assert [d for d in range(10) if taxcode.is_valid(f"010023348{d}")] == [8]


@pytest.mark.parametrize("code", ["12345", "01002334881", "010023348", "0100233488-01", "0100233488-0012",
                                  "01OO233488", "001087123456"])
def test_wrong_shapes_are_refused(code):
    assert "10 chữ số" in taxcode.problem(code)


def test_branch_suffix_000_and_empty_sequence_are_refused():
    assert "001 đến 999" in taxcode.problem("0314409058-000")
    assert taxcode.problem("0000000000") is not None


def test_branch_check_digit_is_the_parents():
    assert not taxcode.is_valid("0314409059-002")


@pytest.mark.parametrize(("typed", "stored"), [
    (" 0100 233 488 ", "0100233488"),
    ("01.00.233.488", "0100233488"),
    ("0314409058002", "0314409058-002"),
    ("0314409058 – 002", "0314409058-002"),
])
def test_separators_are_normalised(typed, stored):
    assert taxcode.validate_tax_code(typed) == stored


def test_digits_compare_branches_with_or_without_dash():
    assert taxcode.digits("0314409058-002") == taxcode.digits("0314409058002") == "0314409058002"


def test_empty_is_refused_with_a_vietnamese_message():
    with pytest.raises(ValidationError) as caught:
        taxcode.validate_tax_code("  ")
    assert caught.value.messages == ["Vui lòng nhập mã số thuế."]
