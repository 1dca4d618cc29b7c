"""Official calendars we are confident of, for ``seed_official_calendars`` (pure data, no Django import).

Sources: the government's announcements of the days off for public servants (công chức, viên chức), as
published in 2024–2025 for the year 2025 and in 2025 for Tết 2026. The document numbers are not recorded
here because we could not verify them; an administrator fills in ``decision`` in the admin.

2025 (entered in full, so ``complete``):
    * Tết Dương lịch: Wednesday 01/01.
    * Tết Âm lịch: off Saturday 25/01 to Sunday 02/02 (26 tháng Chạp Giáp Thìn to mùng 5 Ất Tỵ); Monday
      27/01 swapped with Saturday 08/02, which is worked. Work resumed on Monday 03/02: the government did
      not grant the compensatory day that art. 111 §3 would give for mùng 4 falling on Saturday 01/02 —
      the reason this year must be marked complete.
    * Giỗ Tổ Hùng Vương: Monday 07/04.
    * 30/4 and 1/5: off Wednesday 30/04 to Sunday 04/05; Friday 02/05 swapped with Saturday 26/04.
    * Quốc khánh: off Saturday 30/08 to Tuesday 02/09 (adjoining day Monday 01/09).
2026 (only Tết is known to us, so not complete: the other holidays follow the statutory rules):
    * Tết Âm lịch: off Saturday 14/02 to Sunday 22/02 (27 tháng Chạp Ất Tỵ to mùng 6 Bính Ngọ); the five
      Tết days are Monday 16/02 (29 tháng Chạp) to Friday 20/02, with no swapped day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class OfficialDay:
    date: date
    is_workday: bool
    name: str


@dataclass(frozen=True)
class OfficialYear:
    year: int
    complete: bool
    note: str
    days: tuple[OfficialDay, ...]


def _off(d: date, name: str) -> OfficialDay:
    return OfficialDay(d, False, name)


def _work(d: date, name: str) -> OfficialDay:
    return OfficialDay(d, True, name)


OFFICIAL_CALENDARS: tuple[OfficialYear, ...] = (
    OfficialYear(
        2025,
        complete=True,
        note=(
            "Theo các thông báo lịch nghỉ năm 2025 của Chính phủ đối với cán bộ, công chức, viên chức "
            "(Tết Âm lịch 25/01–02/02, làm bù 08/02; 30/4–04/5, làm bù 26/4; Quốc khánh 30/8–02/9). "
            "Cần bổ sung số hiệu văn bản."
        ),
        days=(
            _off(date(2025, 1, 1), "Tết Dương lịch"),
            _off(date(2025, 1, 27), "Tết Âm lịch: nghỉ hoán đổi (28 tháng Chạp), làm bù thứ Bảy 08/02/2025"),
            _off(date(2025, 1, 28), "Tết Âm lịch (29 tháng Chạp)"),
            _off(date(2025, 1, 29), "Tết Âm lịch (mùng 1 tháng Giêng)"),
            _off(date(2025, 1, 30), "Tết Âm lịch (mùng 2 tháng Giêng)"),
            _off(date(2025, 1, 31), "Tết Âm lịch (mùng 3 tháng Giêng)"),
            _off(date(2025, 2, 1), "Tết Âm lịch (mùng 4 tháng Giêng)"),
            _work(date(2025, 2, 8), "Làm bù cho thứ Hai 27/01/2025"),
            _off(date(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            _work(date(2025, 4, 26), "Làm bù cho thứ Sáu 02/05/2025"),
            _off(date(2025, 4, 30), "Ngày Chiến thắng (30/4)"),
            _off(date(2025, 5, 1), "Ngày Quốc tế lao động (1/5)"),
            _off(date(2025, 5, 2), "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025"),
            _off(date(2025, 9, 1), "Quốc khánh (ngày liền kề, 1/9)"),
            _off(date(2025, 9, 2), "Quốc khánh (2/9)"),
        ),
    ),
    OfficialYear(
        2026,
        complete=False,
        note=(
            "Chỉ nhập kỳ nghỉ Tết Âm lịch Bính Ngọ (nghỉ 14/02–22/02/2026); các ngày lễ khác tính theo "
            "Bộ luật Lao động cho đến khi nhập quyết định của năm. Cần bổ sung số hiệu văn bản."
        ),
        days=(
            _off(date(2026, 2, 16), "Tết Âm lịch (29 tháng Chạp)"),
            _off(date(2026, 2, 17), "Tết Âm lịch (mùng 1 tháng Giêng)"),
            _off(date(2026, 2, 18), "Tết Âm lịch (mùng 2 tháng Giêng)"),
            _off(date(2026, 2, 19), "Tết Âm lịch (mùng 3 tháng Giêng)"),
            _off(date(2026, 2, 20), "Tết Âm lịch (mùng 4 tháng Giêng)"),
        ),
    ),
)
