"""Entering figures: grid saves are atomic and versioned, lines are added and deleted with their subtree."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dost.core.mixins import StaleEditError
from dost.figures import services
from dost.figures.compute import ratio
from dost.figures.models import BudgetLine, BudgetTable, Indicator, IndicatorSet, IndicatorValue
from dost.figures.queries import budget_table_rows, indicator_set_rows


def test_ratio_is_undefined_without_both_inputs_or_dividing_by_zero():
    assert ratio(None, Decimal(3)) is None
    assert ratio(Decimal(3), None) is None
    assert ratio(Decimal(3), Decimal(0)) is None
    assert ratio(Decimal(3), Decimal(2)) == Decimal(150)


@pytest.fixture
def indicator_set(world):
    record = services.save_container(world.users["leader"], IndicatorSet(organisation=world.department, year=2026))
    services.replace_indicators(world.users["leader"], record, [
        services.LineSpec(1, "Số đề tài", ref="I", values={"prev_actual": Decimal(10), "actual": Decimal(12)}),
        services.LineSpec(2, "Cấp tỉnh", ref="1", values={"prev_actual": Decimal(10)}),
    ])
    record.refresh_from_db()
    return record


@pytest.mark.django_db
def test_grid_save_writes_values_per_year(world, indicator_set):
    line = Indicator.objects.get(indicator_set=indicator_set, label="Cấp tỉnh")
    services.save_indicator_grid(world.users["leader"], indicator_set,
                                 {(line.pk, "actual"): Decimal(12), (line.pk, "next_plan"): Decimal(14)},
                                 indicator_set.version)
    assert IndicatorValue.objects.get(indicator=line, year=2026).actual == 12
    assert IndicatorValue.objects.get(indicator=line, year=2027).plan == 14


@pytest.mark.django_db
def test_stale_grid_save_is_refused_and_writes_nothing(world, indicator_set):
    line = Indicator.objects.get(indicator_set=indicator_set, label="Cấp tỉnh")
    with pytest.raises(StaleEditError):
        services.save_indicator_grid(world.users["leader"], indicator_set, {(line.pk, "actual"): Decimal(1)},
                                     indicator_set.version - 1)
    assert not IndicatorValue.objects.filter(indicator=line, year=2026).exists()


@pytest.mark.django_db
def test_cells_of_another_table_are_refused(world, indicator_set):
    other = services.save_container(world.users["leader"], IndicatorSet(organisation=world.department, year=2025))
    line = Indicator.objects.get(indicator_set=indicator_set, label="Cấp tỉnh")
    with pytest.raises(ValidationError):
        services.save_indicator_grid(world.users["leader"], other, {(line.pk, "actual"): Decimal(1)}, other.version)


@pytest.mark.django_db
def test_officer_of_another_unit_cannot_enter_figures(world, indicator_set):
    with pytest.raises(PermissionDenied):
        services.save_indicator_grid(world.users["other_officer"], indicator_set, {}, indicator_set.version)


@pytest.mark.django_db
def test_parent_disagreeing_with_children_is_reported(world, indicator_set):
    rows = indicator_set_rows(indicator_set)
    assert not rows[0].warnings  # 10 = 10
    line = Indicator.objects.get(indicator_set=indicator_set, label="Cấp tỉnh")
    services.save_indicator_grid(world.users["leader"], indicator_set, {(line.pk, "prev_actual"): Decimal(9)},
                                 indicator_set.version)
    assert "khác tổng các dòng con" in indicator_set_rows(indicator_set)[0].warnings[0]


@pytest.mark.django_db
def test_budget_parent_is_the_sum_and_an_entered_total_that_disagrees_is_flagged(world):
    table = services.save_container(world.users["leader"], BudgetTable(organisation=world.department, year=2026,
                                                                       title="Kinh phí 2026"))
    services.replace_budget_lines(world.users["leader"], table, [
        services.LineSpec(1, "Chi", values={"allocated": Decimal(100)}),
        services.LineSpec(2, "Chi thường xuyên", values={"allocated": Decimal(30), "executed": Decimal(10)}),
        services.LineSpec(2, "Chi đầu tư", values={"allocated": Decimal(60), "executed": Decimal(20)}),
    ])
    parent = budget_table_rows(table)[0]
    assert parent.values["allocated"] == 90 and parent.values["executed"] == 30
    assert "100" in parent.warnings[0] and "90" in parent.warnings[0]


@pytest.mark.django_db
def test_relative_figure_follows_the_carry_basis(world):
    table = services.save_container(world.users["leader"], BudgetTable(organisation=world.department, year=2026,
                                                                       title="Kinh phí 2026"))
    services.replace_budget_lines(world.users["leader"], table, [services.LineSpec(1, "Chi", values={
        "carried_over": Decimal(50), "allocated": Decimal(150), "executed": Decimal(100)})])
    assert budget_table_rows(table)[0].relative == Decimal(100) * 100 / 150
    table.refresh_from_db()
    table.relative_includes_carry_over = True
    services.save_container(world.users["leader"], table, table.version)
    row = budget_table_rows(table)[0]
    assert row.relative == 50 and row.absolute == -100


@pytest.mark.django_db
def test_deleting_a_line_deletes_its_subtree_and_values(world, indicator_set):
    parent = Indicator.objects.get(indicator_set=indicator_set, label="Số đề tài")
    services.delete_line(world.users["leader"], parent)
    assert not Indicator.objects.filter(indicator_set=indicator_set).exists()
    assert not IndicatorValue.objects.filter(indicator__indicator_set=indicator_set).exists()


@pytest.mark.django_db
def test_added_line_goes_after_its_parents_last_descendant(world, indicator_set):
    parent = Indicator.objects.get(indicator_set=indicator_set, label="Số đề tài")
    indicator_set.refresh_from_db()
    services.add_line(world.users["leader"], indicator_set, parent, services.LineSpec(1, "Cấp cơ sở", ref="2"))
    labels = [r.indicator.label for r in indicator_set_rows(indicator_set)]
    assert labels == ["Số đề tài", "Cấp tỉnh", "Cấp cơ sở"]


@pytest.mark.django_db
def test_budget_lines_keep_keys_for_comparison_across_organisations(world):
    from dost.figures.queries import Comparison

    for organisation, value in ((world.department, 10), (world.unit, 7)):
        table = services.save_container(world.users["admin"], BudgetTable(organisation=organisation, year=2026,
                                                                          title="Kinh phí"))
        services.replace_budget_lines(world.users["admin"], table, [services.LineSpec(1, "Phần thu", values={
            "allocated": Decimal(value)})])
    assert BudgetLine.objects.filter(key="phan thu").count() == 2
    comparison = Comparison.from_request(world.users["leader"], {"kind": "budget", "key": "phan thu",
                                                                  "measure": "allocated"})
    assert [(org.pk, values) for org, values in comparison.rows] == sorted(
        [(world.department.pk, [10]), (world.unit.pk, [7])], key=lambda r: r[0] != world.unit.pk)
