"""Excel export and import of indicator sets and budget tables (openpyxl).

The exported file *is* the import format: a title row, an "Đơn vị / Năm" row, a blank row, one header row,
then one row per line with its level in the tree ("Cấp" 1, 2, 3 …). Computed columns are exported for
reading and ignored on import. Import collects every row's errors before writing anything.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dost.core.text import fold

from .compute import BUDGET_COLUMNS, budget_column_labels, budget_rows, indicator_rows
from .models import BudgetKind, BudgetLine, BudgetTable, CarryBasis, Indicator, IndicatorSet, IndicatorValue
from .services import LineSpec

HEADER_ROW = 4
FIRST_DATA_ROW = 5
MAX_ROWS = 5000
NUMBER_FORMAT = "#,##0.###"
PERCENT_FORMAT = "0.00"
CARRY_TEXT = {CarryBasis.INHERIT: "", CarryBasis.WITH: "có chuyển nguồn", CarryBasis.WITHOUT: "không chuyển nguồn"}


@dataclass
class SheetError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class SheetRejected(Exception):
    def __init__(self, errors: list[SheetError]):
        super().__init__(f"{len(errors)} lỗi")
        self.errors = errors


def indicator_headers(indicator_set: IndicatorSet) -> list[str]:
    previous, current, following = indicator_set.years
    return ["Cấp", "STT", "Chỉ tiêu", "Đơn vị tính", "Dòng tiêu đề", f"Thực hiện {previous}",
            f"Kế hoạch {current}", f"Thực hiện {current}", f"Kế hoạch {following}",
            f"TH {current}/TH {previous} (%)", f"KH {following}/TH {current} (%)"]


INDICATOR_INPUT = ("prev_actual", "plan", "actual", "next_plan")


def budget_headers(table: BudgetTable) -> list[str]:
    labels = budget_column_labels(table)
    headers = ["Cấp", "TT", "Nội dung"]
    if table.kind == BudgetKind.EXECUTION:
        headers.append("Cơ sở tỷ lệ")
    headers += [labels[c] for c in BUDGET_COLUMNS[table.kind]]
    if table.kind == BudgetKind.EXECUTION:
        headers += [labels["relative"], labels["absolute"]]
    return headers


def _sheet_head(ws, title: str, organisation: str, year: int, headers: list[str]) -> None:
    ws.append([title])
    ws.append(["Đơn vị:", organisation, "", "Năm:", year])
    ws.append([])
    ws.append(headers)
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    ws.freeze_panes = f"D{FIRST_DATA_ROW}"  # a string: creating the cell would push the data down a row
    for index, width in enumerate([6, 6, 60] + [16] * (len(headers) - 3), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def export_indicator_set(indicator_set: IndicatorSet) -> bytes:
    rows = indicator_rows(indicator_set, Indicator.objects.filter(indicator_set=indicator_set),
                          IndicatorValue.objects.filter(indicator__indicator_set=indicator_set))
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    _sheet_head(ws, f"{indicator_set.title} năm {indicator_set.year}", indicator_set.organisation.name,
                indicator_set.year, indicator_headers(indicator_set))
    for row in rows:
        item = row.indicator
        ratios = [row.growth, row.next_ratio]
        ws.append([row.depth + 1, item.ref, item.label, item.unit, "x" if item.is_heading else "",
                   *[_num(getattr(row, c)) for c in INDICATOR_INPUT],
                   *[float(round(r, 2)) if r is not None else None for r in ratios]])
        for cell in ws[ws.max_row][5:9]:
            cell.number_format = NUMBER_FORMAT
        for cell in ws[ws.max_row][9:11]:
            cell.number_format = PERCENT_FORMAT
    return _save(wb)


def export_budget_table(table: BudgetTable) -> bytes:
    rows = budget_rows(table, BudgetLine.objects.filter(table=table))
    columns = BUDGET_COLUMNS[table.kind]
    wb = Workbook()
    ws = wb.active
    ws.title = "Kinh phí"
    _sheet_head(ws, table.title, table.organisation.name, table.year, budget_headers(table))
    execution = table.kind == BudgetKind.EXECUTION
    sheet_row = {row.line.pk: FIRST_DATA_ROW + i for i, row in enumerate(rows)}
    children: dict[int, list[int]] = {}
    for row in rows:
        if row.line.parent_id in sheet_row:
            children.setdefault(row.line.parent_id, []).append(sheet_row[row.line.pk])
    first_value_col = 4 + execution
    for row in rows:
        line = row.line
        # A parent's figure is a SUM formula over its children (what Excel users expect to see); an entered
        # parent figure that disagrees is exported as entered so the disagreement survives the round trip.
        values: list[Any] = []
        for offset, column in enumerate(columns):
            entered = getattr(line, column)
            kids = children.get(line.pk)
            if kids and column in row.summed and (entered is None or entered == row.values[column]):
                letter = get_column_letter(first_value_col + offset)
                values.append("=SUM(" + ",".join(f"{letter}{r}" for r in kids) + ")")
            else:
                values.append(_num(entered))
        cells: list[Any] = [row.depth + 1, line.ref, line.label]
        if execution:
            cells.append(CARRY_TEXT[line.carry_basis])
        cells += values
        if execution:
            cells += [float(round(row.relative, 2)) if row.relative is not None else None, _num(row.absolute)]
        ws.append(cells)
        for cell in ws[ws.max_row][3 + execution:]:
            cell.number_format = NUMBER_FORMAT
    ws.cell(row=2, column=7, value=_("Đơn vị tính: %(unit)s") % {"unit": table.get_unit_display()})
    return _save(wb)


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_VN_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$|^[+-]?\d+(,\d+)?$")


def parse_figure(value: Any) -> Decimal | None:
    """A cell as a number: Excel numbers, or text written the Vietnamese way ("1.022,16"); blank → None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if _VN_NUMBER.match(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def _read_rows(data: bytes, expected_headers: list[str], year: int) -> tuple[list[tuple[int, tuple]], list[SheetError]]:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SheetRejected([SheetError(0, "", _("Không đọc được tệp Excel: %(error)s") % {"error": exc})]) from exc
    ws = wb.worksheets[0]
    errors: list[SheetError] = []
    rows = list(ws.iter_rows(min_row=1, max_row=FIRST_DATA_ROW + MAX_ROWS, values_only=True))
    wb.close()
    if len(rows) > FIRST_DATA_ROW + MAX_ROWS - 1:
        raise SheetRejected([SheetError(0, "", _("Tệp có quá %(n)s dòng số liệu.") % {"n": MAX_ROWS})])
    header = [str(c or "").strip() for c in (rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else [])]
    header = header[: len(expected_headers)]
    if [fold(h) for h in header] != [fold(h) for h in expected_headers]:
        raise SheetRejected([SheetError(HEADER_ROW, "", _(
            "Tiêu đề cột không đúng mẫu. Hãy tải mẫu Excel của bảng này (nút “Xuất Excel”) và nhập vào đó. "
            "Cần: %(expected)s") % {"expected": " | ".join(expected_headers)})])
    stated_year = rows[1][4] if len(rows) > 1 and len(rows[1]) > 4 else None
    if stated_year not in (None, "") and str(stated_year).strip() != str(year):
        errors.append(SheetError(2, "Năm", _("Tệp ghi năm %(stated)s, bảng đang nhập là năm %(year)s.")
                                 % {"stated": stated_year, "year": year}))
    data_rows = [(index, row) for index, row in enumerate(rows[FIRST_DATA_ROW - 1:], start=FIRST_DATA_ROW)
                 if any(c not in (None, "") for c in row)]
    return data_rows, errors


def _level(value: Any, row: int, errors: list[SheetError]) -> int:
    try:
        level = int(str(value).strip())
        if level < 1 or level > 9:
            raise ValueError(level)
        return level
    except (TypeError, ValueError):
        errors.append(SheetError(row, "Cấp", _("“%(value)s” không phải là cấp hợp lệ (1 đến 9).")
                                 % {"value": value if value is not None else ""}))
        return 1


def _check_levels(specs: list[tuple[int, LineSpec]], errors: list[SheetError]) -> None:
    depth = 0
    for row, spec in specs:
        if spec.level > depth + 1:
            errors.append(SheetError(row, "Cấp", _("Cấp %(level)s ngay sau một dòng cấp %(prev)s: mỗi lần chỉ "
                                                   "xuống thêm một cấp.") % {"level": spec.level, "prev": depth}))
            spec.level = depth + 1
        depth = spec.level


def _figures(row: int, cells: tuple, start: int, columns: tuple[str, ...], headers: list[str],
             errors: list[SheetError]) -> dict[str, Decimal | None]:
    values: dict[str, Decimal | None] = {}
    for offset, column in enumerate(columns):
        raw = cells[start + offset] if start + offset < len(cells) else None
        try:
            values[column] = parse_figure(raw)
        except ValueError:
            errors.append(SheetError(row, headers[start + offset],
                                     _("“%(value)s” không phải là số.") % {"value": raw}))
    return values


def parse_indicator_sheet(indicator_set: IndicatorSet, data: bytes) -> list[LineSpec]:
    """The lines of an indicator workbook; raises ``SheetRejected`` listing every bad row."""
    headers = indicator_headers(indicator_set)
    rows, errors = _read_rows(data, headers, indicator_set.year)
    specs: list[tuple[int, LineSpec]] = []
    for index, cells in rows:
        cells = tuple(cells) + (None,) * (len(headers) - len(cells))
        label = str(cells[2] or "").strip()
        if not label:
            errors.append(SheetError(index, "Chỉ tiêu", _("Thiếu tên chỉ tiêu.")))
        heading = fold(str(cells[4] or "")).strip() in {"x", "co", "1", "true"}
        spec = LineSpec(level=_level(cells[0], index, errors), ref=str(cells[1] or "").strip(), label=label,
                        unit=str(cells[3] or "").strip(), is_heading=heading,
                        values=_figures(index, cells, 5, INDICATOR_INPUT, headers, errors))
        if heading and any(v is not None for v in spec.values.values()):
            errors.append(SheetError(index, "Dòng tiêu đề", _("Dòng tiêu đề không có số liệu.")))
        specs.append((index, spec))
    _check_levels(specs, errors)
    if errors:
        raise SheetRejected(errors)
    return [spec for _row, spec in specs]


def parse_budget_sheet(table: BudgetTable, data: bytes) -> list[LineSpec]:
    headers = budget_headers(table)
    rows, errors = _read_rows(data, headers, table.year)
    execution = table.kind == BudgetKind.EXECUTION
    carry_by_text = {fold(text): value for value, text in CARRY_TEXT.items()}
    specs: list[tuple[int, LineSpec]] = []
    for index, cells in rows:
        cells = tuple(cells) + (None,) * (len(headers) - len(cells))
        label = str(cells[2] or "").strip()
        if not label:
            errors.append(SheetError(index, "Nội dung", _("Thiếu nội dung của dòng.")))
        carry = ""
        if execution:
            text = fold(str(cells[3] or "")).strip()
            if text not in carry_by_text:
                errors.append(SheetError(index, "Cơ sở tỷ lệ", _(
                    "“%(value)s” không hợp lệ: để trống, “có chuyển nguồn” hoặc “không chuyển nguồn”.")
                    % {"value": cells[3]}))
            carry = carry_by_text.get(text, "")
        spec = LineSpec(level=_level(cells[0], index, errors), ref=str(cells[1] or "").strip(), label=label,
                        carry_basis=carry,
                        values=_figures(index, cells, 3 + execution, BUDGET_COLUMNS[table.kind], headers, errors))
        specs.append((index, spec))
    _check_levels(specs, errors)
    if errors:
        raise SheetRejected(errors)
    result = [spec for _row, spec in specs]
    _drop_agreeing_totals(result)
    return result


def _drop_agreeing_totals(specs: list[LineSpec]) -> None:
    """A parent figure equal to its children's sum (a file saved by Excel keeps the SUM results) is not
    stored: it is derived, so later edits of the children cannot make it disagree."""
    stack: list[int] = []
    children: dict[int, list[int]] = {}
    for index, spec in enumerate(specs):
        del stack[spec.level - 1:]
        if stack:
            children.setdefault(stack[-1], []).append(index)
        stack.append(index)
    effective = [dict(spec.values) for spec in specs]
    for index in range(len(specs) - 1, -1, -1):
        if index not in children:
            continue
        parent = specs[index]
        for column, value in list(parent.values.items()):
            parts = [effective[c].get(column) for c in children[index]]
            parts = [p for p in parts if p is not None]
            if parts:
                effective[index][column] = sum(parts)
                if value is not None and sum(parts) == value:
                    parent.values[column] = None
