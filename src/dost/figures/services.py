"""Write paths of indicator sets and budget tables: every write is atomic, permission-checked and audited."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import permissions, sources
from .compute import BUDGET_COLUMNS, INDICATOR_COLUMNS
from .models import BudgetLine, BudgetTable, Indicator, IndicatorSet, IndicatorValue, line_key


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@dataclass
class LineSpec:
    """One line of a table as entered or imported: its level in the tree, labels and raw figures."""

    level: int
    label: str
    ref: str = ""
    unit: str = ""
    is_heading: bool = False
    carry_basis: str = ""
    source: str = ""  # an indicator whose actual figures come from ``dost.figures.sources``
    values: dict[str, Decimal | None] = field(default_factory=dict)


@transaction.atomic
def save_container(user: Any, record: IndicatorSet | BudgetTable, expected_version: int | None = None):
    """Create or edit an indicator set or budget table (its heading data, not its lines)."""
    _require(permissions.can_edit(user, organisation=record.organisation),
             _("Bạn không có quyền nhập số liệu của đơn vị này."))
    record.save_checked(expected_version)
    return record


def _assign_keys(items: list[Any]) -> None:
    """Key = folded label path; repeated paths get "#2", "#3" so that re-imports match line by line."""
    by_id = {item.pk: item for item in items}
    seen: Counter[str] = Counter()

    def labels(item: Any) -> list[str]:
        parent = by_id.get(item.parent_id)
        return ([*labels(parent)] if parent else []) + [item.label]

    for item in sorted(items, key=lambda i: i.position):
        key = line_key(labels(item))
        seen[key] += 1
        item.key = key if seen[key] == 1 else f"{key}#{seen[key]}"[:255]


def _parents_from_levels(specs: list[LineSpec]) -> list[int | None]:
    """Index of each spec's parent; levels start at 1 and may only go one deeper at a time."""
    stack: list[int] = []
    parents: list[int | None] = []
    for index, spec in enumerate(specs):
        if spec.level < 1 or spec.level > len(stack) + 1:
            raise ValidationError(_("Dòng %(row)s: cấp %(level)s không hợp lệ sau dòng cấp %(prev)s.")
                                  % {"row": index + 1, "level": spec.level, "prev": len(stack)})
        del stack[spec.level - 1:]
        parents.append(stack[-1] if stack else None)
        stack.append(index)
    return parents


def _sync_lines(model: type, owner_field: str, owner: Any, specs: list[LineSpec], attrs) -> list[Any]:
    """Make the owner's lines equal to ``specs``: matching lines (by key) are updated, others created or deleted.

    Matching keeps ids (and so history) stable across re-imports.
    """
    parents = _parents_from_levels(specs)
    existing = list(model.objects.filter(**{owner_field: owner}))
    by_key = {line.key: line for line in existing}
    items: list[Any] = []
    for position, spec in enumerate(specs):
        item = model(**{owner_field: owner}, position=position, label=spec.label.strip(), ref=spec.ref.strip())
        item.parent_index = parents[position]
        for name, value in attrs(spec).items():
            setattr(item, name, value)
        items.append(item)
    # Keys need the tree: compute them on temporary ids.
    for index, item in enumerate(items):
        item.pk = -(index + 1)
    for item in items:
        item.parent_id = -(item.parent_index + 1) if item.parent_index is not None else None
    _assign_keys(items)
    kept: dict[int, Any] = {}
    for item in items:
        match = by_key.pop(item.key, None)
        item.pk = None
        if match is not None:
            kept[id(item)] = match
    saved: list[Any] = []
    for item in items:
        target = kept.get(id(item))
        parent = saved[item.parent_index] if item.parent_index is not None else None
        if target is None:
            target = item
        else:
            for name in ("position", "label", "ref", *attrs(LineSpec(1, "")).keys()):
                setattr(target, name, getattr(item, name))
        target.parent = parent
        target.key = item.key
        target.save()
        saved.append(target)
    if by_key:  # after the kept lines moved to their new parents, so no cascade reaches them
        doomed = [line.pk for line in by_key.values()]
        if model is Indicator:
            IndicatorValue.objects.filter(indicator_id__in=doomed).delete()
        model.objects.filter(pk__in=doomed).delete()
    return saved


@transaction.atomic
def replace_indicators(user: Any, indicator_set: IndicatorSet, specs: list[LineSpec]) -> list[Indicator]:
    """Replace an indicator set's lines and figures with ``specs`` (an import, or a whole-table edit)."""
    _require(permissions.can_edit(user, indicator_set), _("Bạn không có quyền nhập số liệu của đơn vị này."))
    lines = _sync_lines(Indicator, "indicator_set", indicator_set, specs,
                        lambda s: {"unit": s.unit.strip(), "is_heading": s.is_heading})
    cells = {(line.pk, column): spec.values.get(column)
             for line, spec in zip(lines, specs, strict=True) for column in INDICATOR_COLUMNS
             if not spec.is_heading}
    _write_indicator_cells(indicator_set, cells, replace=True)
    indicator_set.save_checked(indicator_set.version)
    return lines


@transaction.atomic
def replace_budget_lines(user: Any, table: BudgetTable, specs: list[LineSpec]) -> list[BudgetLine]:
    _require(permissions.can_edit(user, table), _("Bạn không có quyền nhập số liệu của đơn vị này."))
    columns = BUDGET_COLUMNS[table.kind]

    def attrs(spec: LineSpec) -> dict[str, Any]:
        return {"carry_basis": spec.carry_basis,
                **{c: spec.values.get(c) if c in columns else None for c in ALL_BUDGET_COLUMNS}}

    lines = _sync_lines(BudgetLine, "table", table, specs, attrs)
    table.save_checked(table.version)
    return lines


ALL_BUDGET_COLUMNS = ("carried_over", "central_notified", "allocated", "executed", "proposed")


def _indicator_year_field(indicator_set: IndicatorSet, column: str) -> tuple[int, str]:
    previous, current, following = indicator_set.years
    return {"prev_actual": (previous, "actual"), "plan": (current, "plan"), "actual": (current, "actual"),
            "next_plan": (following, "plan")}[column]


def _write_indicator_cells(indicator_set: IndicatorSet, cells: dict[tuple[int, str], Decimal | None],
                           replace: bool = False) -> int:
    """Upsert the values behind grid cells; returns how many stored values changed."""
    ids = {indicator_id for indicator_id, _column in cells}
    stored = {(v.indicator_id, v.year): v for v in IndicatorValue.objects.filter(indicator_id__in=ids)}
    wanted: dict[tuple[int, int], dict[str, Decimal | None]] = {}
    for (indicator_id, column), value in cells.items():
        year, name = _indicator_year_field(indicator_set, column)
        wanted.setdefault((indicator_id, year), {})[name] = value
    to_create, to_update = [], []
    for (indicator_id, year), fields in wanted.items():
        value = stored.get((indicator_id, year))
        if value is None:
            if any(v is not None for v in fields.values()):
                to_create.append(IndicatorValue(indicator_id=indicator_id, year=year, **fields))
            continue
        changed = False
        for name, new in fields.items():
            if getattr(value, name) != new:
                setattr(value, name, new)
                changed = True
        if changed:
            to_update.append(value)
    IndicatorValue.objects.bulk_create(to_create)
    IndicatorValue.objects.bulk_update(to_update, ["plan", "actual", "updated_at"])
    return len(to_create) + len(to_update)


@transaction.atomic
def save_indicator_grid(user: Any, indicator_set: IndicatorSet, cells: dict[tuple[int, str], Decimal | None],
                        expected_version: int | None) -> int:
    """Save the figures typed into the entry grid; refused whole if someone saved the table meanwhile."""
    _require(permissions.can_edit(user, indicator_set), _("Bạn không có quyền nhập số liệu của đơn vị này."))
    lines = dict(Indicator.objects.filter(indicator_set=indicator_set, is_heading=False)
                 .values_list("pk", "source"))
    if any(indicator_id not in lines for indicator_id, _c in cells):
        raise ValidationError(_("Dữ liệu gửi lên không thuộc bảng chỉ tiêu này."))
    if any(lines[indicator_id] and column in SOURCED_COLUMNS for indicator_id, column in cells):
        raise ValidationError(_("Số liệu thực hiện của dòng có nguồn tự động không nhập tay được; "
                                "dùng nút “Cập nhật từ nguồn”."))
    indicator_set.save_checked(expected_version)
    return _write_indicator_cells(indicator_set, cells)


# The grid columns a source writes: actual figures of the previous and the current year (plans stay typed).
SOURCED_COLUMNS = ("prev_actual", "actual")


def refresh_from_sources(indicator_set: IndicatorSet) -> int:
    """Write the actual figures of the set's sourced lines from their providers; returns the values changed.

    Internal: callers check rights (``refresh_sourced_actuals``) or act for the system (report generation,
    which refreshes first so a report never shows stale counts). Audited like every write.
    """
    lines = list(Indicator.objects.filter(indicator_set=indicator_set, is_heading=False).exclude(source=""))
    if not lines:
        return 0
    codes = {line.source for line in lines}
    cells: dict[tuple[int, str], Decimal | None] = {}
    previous, current, _following = indicator_set.years
    for year, column in ((previous, "prev_actual"), (current, "actual")):
        values = sources.resolve(codes, indicator_set.organisation, year)
        for line in lines:
            if line.source in values:
                cells[(line.pk, column)] = values[line.source]
    return _write_indicator_cells(indicator_set, cells)


@transaction.atomic
def refresh_sourced_actuals(user: Any, indicator_set: IndicatorSet) -> int:
    _require(permissions.can_edit(user, indicator_set), _("Bạn không có quyền nhập số liệu của đơn vị này."))
    return refresh_from_sources(indicator_set)


@transaction.atomic
def save_budget_grid(user: Any, table: BudgetTable, cells: dict[tuple[int, str], Any],
                     expected_version: int | None) -> int:
    """Save entered budget figures (and per-line bases); refused whole on a stale version."""
    _require(permissions.can_edit(user, table), _("Bạn không có quyền nhập số liệu của đơn vị này."))
    allowed = {*BUDGET_COLUMNS[table.kind], "carry_basis"}
    lines = {line.pk: line for line in BudgetLine.objects.filter(table=table)}
    changed: dict[int, BudgetLine] = {}
    for (line_id, column), value in cells.items():
        line = lines.get(line_id)
        if line is None or column not in allowed:
            raise ValidationError(_("Dữ liệu gửi lên không thuộc bảng kinh phí này."))
        if getattr(line, column) != value:
            setattr(line, column, value)
            changed[line_id] = line
    table.save_checked(expected_version)
    BudgetLine.objects.bulk_update(list(changed.values()), [*allowed, "updated_at"])
    return len(changed)


@transaction.atomic
def add_line(user: Any, container: IndicatorSet | BudgetTable, parent: Any, spec: LineSpec) -> Any:
    """Append a line under ``parent`` (or at the top level), after that parent's last descendant."""
    _require(permissions.can_edit(user, container), _("Bạn không có quyền nhập số liệu của đơn vị này."))
    model, owner_field = (Indicator, "indicator_set") if isinstance(container, IndicatorSet) else (BudgetLine, "table")
    if not spec.label.strip():
        raise ValidationError(_("Cần nhập nội dung của dòng."))
    items = list(model.objects.filter(**{owner_field: container}).order_by("position"))
    if parent is not None and parent.pk not in {i.pk for i in items}:
        raise ValidationError(_("Dòng cha không thuộc bảng này."))
    position = len(items)
    if parent is not None:
        descendants = {parent.pk}
        for item in items:
            if item.parent_id in descendants:
                descendants.add(item.pk)
        position = max(i.position for i in items if i.pk in descendants) + 1
        shifted = [i for i in items if i.position >= position]
        for item in shifted:
            item.position += 1
        model.objects.bulk_update(shifted, ["position"])
    line = model(**{owner_field: container}, parent=parent, position=position, label=spec.label.strip(),
                 ref=spec.ref.strip())
    if model is Indicator:
        line.unit, line.is_heading = spec.unit.strip(), spec.is_heading
        if spec.source and (spec.is_heading or not sources.is_known(spec.source)):
            raise ValidationError(_("Nguồn số liệu không hợp lệ cho dòng này."))
        line.source = spec.source
    else:
        line.carry_basis = spec.carry_basis
    items.append(line)
    line.pk = -1
    _assign_keys(items)
    line.pk = None
    line.save()
    container.save_checked(container.version)
    return line


@transaction.atomic
def delete_line(user: Any, line: Indicator | BudgetLine) -> None:
    """Delete a line with everything beneath it (the page asks for confirmation first)."""
    container = line.indicator_set if isinstance(line, Indicator) else line.table
    _require(permissions.can_edit(user, container), _("Bạn không có quyền nhập số liệu của đơn vị này."))
    model = type(line)
    owner_field = "indicator_set" if isinstance(line, Indicator) else "table"
    items = list(model.objects.filter(**{owner_field: container}))
    doomed = {line.pk}
    for item in sorted(items, key=lambda i: i.position):
        if item.parent_id in doomed:
            doomed.add(item.pk)
    if model is Indicator:
        IndicatorValue.objects.filter(indicator_id__in=doomed).delete()
    model.objects.filter(pk__in=doomed).delete()
    container.save_checked(container.version)
