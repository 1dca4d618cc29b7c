"""Derived figures of indicator sets and budget tables, computed on read and never stored.

- Indicators: TH Y / TH Y-1 and KH Y+1 / TH Y, in per cent; undefined (None, shown blank) without both
  inputs or when dividing by zero.
- Budget lines: a parent's figure is the sum of its children's in every column where a child has one;
  an entered parent figure that disagrees is kept for the record and reported as a warning. The relative
  figure divides execution by the allocation, plus carried-over funds when the line's basis (its own, or
  the table's default) says so; the absolute figure is the matching difference.

These functions take model instances already loaded (one query per table) and touch no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from dost.core.formatting import format_number

from .models import BudgetKind, BudgetLine, BudgetTable, CarryBasis, Indicator, IndicatorSet, IndicatorValue

HUNDRED = Decimal(100)
BUDGET_COLUMNS = {
    BudgetKind.EXECUTION: ("carried_over", "allocated", "executed"),
    BudgetKind.ESTIMATE: ("central_notified", "allocated", "executed", "proposed"),
}


def fmt_figure(value: Decimal | None) -> str:
    """An entered or summed figure as printed: ``1.022,16``, ``1.701`` (no trailing zeros)."""
    if value is None:
        return ""
    return format_number(Decimal(value).normalize())


def fmt_ratio(value: Decimal | None) -> str:
    """A comparison with a decimal comma and two decimals; blank where undefined."""
    return "" if value is None else format_number(value, 2)


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """``numerator / denominator`` in per cent; None when undefined."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator * HUNDRED / denominator


def _depths(items: list[Any]) -> dict[int, int]:
    by_id = {item.pk: item for item in items}
    depth: dict[int, int] = {}

    def of(item: Any) -> int:
        if item.pk not in depth:
            parent = by_id.get(item.parent_id)
            depth[item.pk] = 0 if parent is None else of(parent) + 1
        return depth[item.pk]

    for item in items:
        of(item)
    return depth


def _preorder(items: list[Any]) -> list[Any]:
    """Items in tree order (parents before children, siblings by position) whatever order they came in."""
    children: dict[int | None, list[Any]] = defaultdict(list)
    ids = {item.pk for item in items}
    for item in items:
        children[item.parent_id if item.parent_id in ids else None].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.position, i.pk))
    out: list[Any] = []

    def walk(parent: int | None) -> None:
        for item in children.get(parent, []):
            out.append(item)
            walk(item.pk)

    walk(None)
    return out


@dataclass
class IndicatorRow:
    indicator: Indicator
    depth: int
    prev_actual: Decimal | None = None
    plan: Decimal | None = None
    actual: Decimal | None = None
    next_plan: Decimal | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def growth(self) -> Decimal | None:
        """Actual this year as a share of actual last year (TH Y / TH Y-1)."""
        return ratio(self.actual, self.prev_actual)

    @property
    def next_ratio(self) -> Decimal | None:
        """Plan next year as a share of actual this year (KH Y+1 / TH Y)."""
        return ratio(self.next_plan, self.actual)

    def figures(self) -> dict[str, Decimal | None]:
        return {"prev_actual": self.prev_actual, "plan": self.plan, "actual": self.actual,
                "next_plan": self.next_plan}


INDICATOR_COLUMNS = ("prev_actual", "plan", "actual", "next_plan")


def indicator_rows(indicator_set: IndicatorSet, indicators: Iterable[Indicator],
                   values: Iterable[IndicatorValue]) -> list[IndicatorRow]:
    """Rows of an indicator set in tree order with their four figures and warnings."""
    previous, current, following = indicator_set.years
    by_indicator: dict[int, dict[int, IndicatorValue]] = defaultdict(dict)
    for value in values:
        by_indicator[value.indicator_id][value.year] = value
    items = _preorder(list(indicators))
    depth = _depths(items)
    rows: dict[int, IndicatorRow] = {}
    for item in items:
        own = by_indicator.get(item.pk, {})
        row = IndicatorRow(item, depth[item.pk])
        if not item.is_heading:
            row.prev_actual = getattr(own.get(previous), "actual", None)
            row.plan = getattr(own.get(current), "plan", None)
            row.actual = getattr(own.get(current), "actual", None)
            row.next_plan = getattr(own.get(following), "plan", None)
        rows[item.pk] = row
    children: dict[int, list[IndicatorRow]] = defaultdict(list)
    for item in items:
        if item.parent_id in rows and not item.is_heading:
            children[item.parent_id].append(rows[item.pk])
    for parent_id, kids in children.items():
        parent = rows[parent_id]
        for column in INDICATOR_COLUMNS:
            entered = getattr(parent, column)
            parts = [getattr(k, column) for k in kids if getattr(k, column) is not None]
            if entered is not None and parts and sum(parts) != entered:
                parent.warnings.append(
                    _("%(column)s: số đã nhập %(entered)s khác tổng các dòng con %(total)s")
                    % {"column": indicator_column_label(indicator_set, column), "entered": fmt_figure(entered),
                       "total": fmt_figure(sum(parts))}
                )
    return [rows[item.pk] for item in items]


def indicator_column_label(indicator_set: IndicatorSet, column: str) -> str:
    previous, current, following = indicator_set.years
    return {
        "prev_actual": _("Thực hiện %(year)s") % {"year": previous},
        "plan": _("Năm %(year)s / Kế hoạch") % {"year": current},
        "actual": _("Năm %(year)s / Thực hiện") % {"year": current},
        "next_plan": _("Kế hoạch %(year)s") % {"year": following},
    }[column]


@dataclass
class BudgetRow:
    line: BudgetLine
    depth: int
    has_children: bool
    includes_carry_over: bool
    values: dict[str, Decimal | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    summed: set[str] = field(default_factory=set)  # columns whose figure is the sum of the children's

    @property
    def base(self) -> Decimal | None:
        allocated = self.values.get("allocated")
        if allocated is None:
            return None
        if self.includes_carry_over:
            return allocated + (self.values.get("carried_over") or 0)
        return allocated

    @property
    def relative(self) -> Decimal | None:
        return ratio(self.values.get("executed"), self.base)

    @property
    def absolute(self) -> Decimal | None:
        executed, base = self.values.get("executed"), self.base
        if executed is None or base is None:
            return None
        return executed - base


def includes_carry_over(table: BudgetTable, line: BudgetLine) -> bool:
    if line.carry_basis == CarryBasis.WITH:
        return True
    if line.carry_basis == CarryBasis.WITHOUT:
        return False
    return table.relative_includes_carry_over


def budget_rows(table: BudgetTable, lines: Iterable[BudgetLine]) -> list[BudgetRow]:
    """Rows of a budget table in tree order with effective (summed) figures and disagreement warnings."""
    columns = BUDGET_COLUMNS[table.kind]
    items = _preorder(list(lines))
    depth = _depths(items)
    child_ids: dict[int, list[int]] = defaultdict(list)
    for item in items:
        if item.parent_id is not None:
            child_ids[item.parent_id].append(item.pk)
    rows = {
        item.pk: BudgetRow(item, depth[item.pk], bool(child_ids.get(item.pk)), includes_carry_over(table, item))
        for item in items
    }
    labels = budget_column_labels(table)
    for item in reversed(items):  # children before parents
        row = rows[item.pk]
        for column in columns:
            entered = getattr(item, column)
            parts = [rows[c].values[column] for c in child_ids.get(item.pk, []) if rows[c].values[column] is not None]
            if parts:
                total = sum(parts)
                row.values[column] = total
                row.summed.add(column)
                if entered is not None and entered != total:
                    row.warnings.append(
                        _("%(column)s: số đã nhập %(entered)s khác tổng các dòng con %(total)s")
                        % {"column": labels[column], "entered": fmt_figure(entered), "total": fmt_figure(total)}
                    )
            else:
                row.values[column] = entered
    return [rows[item.pk] for item in items]


MEASURE_LABELS = {
    "carried_over": _("Chuyển nguồn"),
    "central_notified": _("Trung ương thông báo"),
    "allocated": _("Dự toán giao, phê duyệt"),
    "executed": _("Thực hiện"),
    "proposed": _("Dự kiến năm sau"),
}


def budget_column_labels(table: BudgetTable) -> dict[str, str]:
    year = table.year
    return {
        "carried_over": _("Chuyển nguồn từ năm %(prev)s sang %(year)s") % {"prev": year - 1, "year": year},
        "central_notified": _("Kinh phí Trung ương thông báo năm %(year)s") % {"year": year},
        "allocated": (_("Dự toán giao năm %(year)s") if table.kind == BudgetKind.EXECUTION
                      else _("Kinh phí UBND tỉnh phê duyệt %(year)s")) % {"year": year},
        "executed": (_("Thực hiện đến %(date)s") % {"date": table.as_of.strftime("%d/%m/%Y")}
                     if table.kind == BudgetKind.EXECUTION and table.as_of
                     else _("Kinh phí thực hiện năm %(year)s") % {"year": year}),
        "proposed": _("Kinh phí dự kiến năm %(year)s") % {"year": year + 1},
        "relative": _("So sánh / Tương đối (%)"),
        "absolute": _("So sánh / Tuyệt đối (+) (-)"),
    }
