"""Excel export is the import format; imports check every row and write all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from dost.core.models import AuditEntry
from dost.figures import services, sheets
from dost.figures.models import BudgetLine, Indicator, IndicatorValue
from dost.figures.queries import budget_table_rows, indicator_set_rows


def _snapshot_indicators(indicator_set):
    return [(r.depth, r.indicator.ref, r.indicator.label, r.indicator.unit, r.indicator.is_heading,
             r.prev_actual, r.plan, r.actual, r.next_plan) for r in indicator_set_rows(indicator_set)]


def _snapshot_budget(table):
    return [(r.depth, r.line.ref, r.line.label, r.line.carry_basis, dict(r.values)) for r in budget_table_rows(table)]


@pytest.mark.django_db
def test_indicator_export_reimports_to_the_same_table(world, sample):
    indicator_set = sample["indicators"]
    before = _snapshot_indicators(indicator_set)
    specs = sheets.parse_indicator_sheet(indicator_set, sheets.export_indicator_set(indicator_set))
    services.replace_indicators(world.users["admin"], indicator_set, specs)
    assert _snapshot_indicators(indicator_set) == before


@pytest.mark.django_db
def test_reimport_keeps_line_ids_so_history_stays(world, sample):
    indicator_set = sample["indicators"]
    ids = list(Indicator.objects.filter(indicator_set=indicator_set).order_by("position").values_list("pk", flat=True))
    specs = sheets.parse_indicator_sheet(indicator_set, sheets.export_indicator_set(indicator_set))
    services.replace_indicators(world.users["admin"], indicator_set, specs)
    assert list(Indicator.objects.filter(indicator_set=indicator_set).order_by("position")
                .values_list("pk", flat=True)) == ids


@pytest.mark.django_db
def test_budget_export_reimports_to_the_same_table(world, sample):
    table = sample["execution"]
    before = _snapshot_budget(table)
    specs = sheets.parse_budget_sheet(table, sheets.export_budget_table(table))
    services.replace_budget_lines(world.users["admin"], table, specs)
    assert _snapshot_budget(table) == before


@pytest.mark.django_db
def test_budget_export_writes_sum_formulas_for_parents(sample):
    workbook = openpyxl.load_workbook(io.BytesIO(sheets.export_budget_table(sample["execution"])))
    sheet = workbook.active
    assert str(sheet.cell(row=sheets.FIRST_DATA_ROW, column=6).value).startswith("=SUM(")


def _edited(data: bytes, edits: dict[tuple[int, int], object]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.active
    for (row, column), value in edits.items():
        sheet.cell(row=row, column=column).value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_bad_rows_are_all_reported_and_nothing_is_written(world, sample):
    indicator_set = sample["indicators"]
    values_before = IndicatorValue.objects.count()
    data = _edited(sheets.export_indicator_set(indicator_set), {
        (sheets.FIRST_DATA_ROW, 6): "mười bảy",          # not a number
        (sheets.FIRST_DATA_ROW + 1, 1): 4,               # jumps from level 1 to 4
        (sheets.FIRST_DATA_ROW + 2, 3): None,            # missing label
    })
    with pytest.raises(sheets.SheetRejected) as rejected:
        sheets.parse_indicator_sheet(indicator_set, data)
    rows = sorted({e.row for e in rejected.value.errors})
    assert rows == [sheets.FIRST_DATA_ROW, sheets.FIRST_DATA_ROW + 1, sheets.FIRST_DATA_ROW + 2]
    assert IndicatorValue.objects.count() == values_before


@pytest.mark.django_db
def test_a_file_of_another_shape_is_refused_with_the_expected_headers(sample):
    with pytest.raises(sheets.SheetRejected) as rejected:
        sheets.parse_budget_sheet(sample["execution"], sheets.export_indicator_set(sample["indicators"]))
    assert "Tiêu đề cột không đúng mẫu" in rejected.value.errors[0].message


@pytest.mark.django_db
def test_a_damaged_file_is_refused(sample):
    with pytest.raises(sheets.SheetRejected):
        sheets.parse_indicator_sheet(sample["indicators"], b"PK\x03\x04 not really a workbook")


@pytest.mark.parametrize(("text", "expected"), [("1.022,16", Decimal("1022.16")), ("800.000.000", Decimal(800000000)),
                                                ("47,5", Decimal("47.5")), (12, Decimal(12)), ("", None)])
def test_vietnamese_numbers_in_cells(text, expected):
    assert sheets.parse_figure(text) == expected


@pytest.mark.django_db
def test_import_task_applies_a_good_file_and_audits_it(world, sample):
    from django.core.files.base import ContentFile

    from dost.figures.models import SheetImport
    from dost.figures.tasks import run_import

    table = sample["execution"]
    leaf = BudgetLine.objects.get(table=table, label="Phí, lệ phí")
    data = sheets.export_budget_table(table)
    row = sheets.FIRST_DATA_ROW + next(i for i, r in enumerate(budget_table_rows(table)) if r.line.pk == leaf.pk)
    data = _edited(data, {(row, 7): 80})  # executed
    job = SheetImport(budget_table=table, original_name="kp.xlsx", created_by=world.users["leader"])
    job.file.save("kp.xlsx", ContentFile(data), save=False)
    job.save()
    run_import(job)
    leaf.refresh_from_db()
    assert job.status == "done" and leaf.executed == 80
    assert AuditEntry.objects.filter(object_id=str(leaf.pk), action="update").exists()


@pytest.mark.django_db
def test_import_task_records_row_errors(world, sample):
    from django.core.files.base import ContentFile

    from dost.figures.models import SheetImport
    from dost.figures.tasks import run_import

    table = sample["execution"]
    data = _edited(sheets.export_budget_table(table), {(sheets.FIRST_DATA_ROW + 1, 5): "abc"})
    job = SheetImport(budget_table=table, original_name="kp.xlsx", created_by=world.users["leader"])
    job.file.save("kp.xlsx", ContentFile(data), save=False)
    job.save()
    run_import(job)
    assert job.status == "failed"
    assert job.errors == [{"row": sheets.FIRST_DATA_ROW + 1, "column": job.errors[0]["column"],
                           "message": "“abc” không phải là số."}]
