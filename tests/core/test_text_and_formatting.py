import datetime
from decimal import Decimal

import pytest

from dost.core.formatting import format_date, format_money, format_number, format_partial_date, format_percent
from dost.core.text import fold

pytestmark = pytest.mark.pure


def test_fold_strips_diacritics():
    assert fold("Kế hoạch") == "ke hoach"


def test_fold_maps_d_with_stroke():
    assert fold("ĐỀ ÁN đổi mới") == "de an doi moi"


def test_money_uses_dot_thousands():
    assert format_money(800_000_000) == "800.000.000 đ"


def test_percent_uses_decimal_comma():
    assert format_percent(Decimal("47.5")) == "47,5%"


def test_number_keeps_decimals():
    assert format_number(Decimal("1022.16")) == "1.022,16"


def test_date_is_day_month_year():
    assert format_date(datetime.date(2019, 2, 25)) == "25/02/2019"


def test_partial_date_keeps_blanks():
    assert format_partial_date(2026, 2, None) == "../02/2026"
