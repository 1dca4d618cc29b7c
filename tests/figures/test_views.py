"""The entry grid over HTTP: a bad cell saves nothing and says why; a good one saves and recomputes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dost.figures.models import BudgetLine
from tests.factories import PASSWORD


@pytest.fixture
def leader(client, world):
    client.login(username="leader", password=PASSWORD)
    return client


@pytest.mark.django_db
def test_a_bad_cell_saves_nothing_and_is_shown(leader, sample):
    table = sample["execution"]
    fee = BudgetLine.objects.get(table=table, label="Phí, lệ phí")
    income = BudgetLine.objects.get(table=table, label="Thu sự nghiệp")
    response = leader.post(reverse("budget_table_detail", args=[table.pk]),
                           {"expected_version": table.version, f"v-{fee.pk}-executed": "60",
                            f"v-{income.pk}-executed": "sáu trăm"})
    assert response.status_code == 200
    assert "không phải là số" in response.content.decode()
    fee.refresh_from_db()
    assert fee.executed == 55


@pytest.mark.django_db
def test_a_good_grid_saves_with_vietnamese_numbers(leader, sample):
    table = sample["execution"]
    fee = BudgetLine.objects.get(table=table, label="Phí, lệ phí")
    response = leader.post(reverse("budget_table_detail", args=[table.pk]),
                           {"expected_version": table.version, f"v-{fee.pk}-executed": "1.060,5"})
    assert response.status_code == 302
    fee.refresh_from_db()
    assert str(fee.executed) == "1060.500"


@pytest.mark.django_db
def test_a_stale_grid_is_refused(leader, sample):
    table = sample["execution"]
    fee = BudgetLine.objects.get(table=table, label="Phí, lệ phí")
    leader.post(reverse("budget_table_detail", args=[table.pk]),
                {"expected_version": table.version - 1, f"v-{fee.pk}-executed": "1"})
    fee.refresh_from_db()
    assert fee.executed == 55


@pytest.mark.django_db
def test_compare_exports_xlsx(leader, sample):
    response = leader.get(reverse("figures_compare") + "?kind=budget&key=phan+thu&measure=allocated&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
