"""The year's summaries: demand per content, decisions and payments by content, district and kind."""

from __future__ import annotations

import datetime

import pytest

from dost.core.status import OrganisationKind
from dost.documents.model import Table
from dost.grants import reports, services


def _rows(summary) -> dict[str, list[int]]:
    return dict(summary.rows)


@pytest.mark.django_db
def test_demand_counts_applications_and_sums_proposals_per_content(grants):
    grants.appraised(cost=80_000_000)  # proposes 40.000.000
    grants.appraised(cost=240_000_000, quantity=2)  # proposes 100.000.000
    grants.application(grants.per_org)
    services.reject(grants.officer, grants.application(), "Không đủ điều kiện.")
    rows = _rows(reports.demand(grants.programme, 2026))
    # applications, items, appraised, proposed, not supported
    assert rows["ISO. Áp dụng ISO 14000, ISO 50001"] == [3, 4, 2, 140_000_000, 1]
    assert rows["TXNG. Áp dụng truy xuất nguồn gốc"] == [1, 1, 0, 0, 0]
    assert rows["GT. Đạt giải thưởng chất lượng"] == [0, 0, 0, 0, 0]


@pytest.mark.django_db
def test_decisions_and_payments_by_district(grants):
    district = grants.organisation("Huyện Yên Thế", OrganisationKind.DISTRICT)
    commune = grants.organisation("Xã Bố Hạ", OrganisationKind.COMMUNE, parent=district)
    in_district = grants.decided(40_000_000, applicant=grants.organisation("Công ty Yên Thế", parent=district))
    grants.decided(30_000_000, cost=60_000_000, applicant=grants.organisation("HTX Bố Hạ", "cooperative", commune))
    grants.decided(20_000_000, cost=40_000_000)  # the desk's enterprise, not placed under a district
    services.record_payment(grants.officer, in_district, 10_000_000, datetime.date(2026, 1, 5))
    summary = reports.by_district(grants.programme, 2026)
    assert summary.rows[0] == ("Huyện Yên Thế", [2, 70_000_000, 10_000_000, 60_000_000])
    assert summary.rows[-1][1] == [1, 20_000_000, 0, 20_000_000]
    assert summary.totals == [3, 90_000_000, 10_000_000, 80_000_000]


@pytest.mark.django_db
def test_decisions_by_kind_and_by_content(grants):
    grants.decided(40_000_000)
    grants.decided(30_000_000, cost=60_000_000, applicant=grants.organisation("HTX Thử", "cooperative"))
    assert _rows(reports.by_kind(grants.programme, 2026)) == {
        "Doanh nghiệp": [1, 40_000_000, 0, 40_000_000], "Hợp tác xã": [1, 30_000_000, 0, 30_000_000]}
    assert _rows(reports.by_content(grants.programme, 2026)) == {
        "ISO. Áp dụng ISO 14000, ISO 50001": [2, 70_000_000, 0, 70_000_000]}


@pytest.mark.django_db
def test_summary_tables_are_document_tables_with_a_total_row(grants):
    grants.decided(40_000_000)
    tables = reports.summary_tables(grants.programme, 2026)
    assert len(tables) == 4 and all(isinstance(t, Table) for t in tables)
    by_content = tables[1]
    assert by_content.caption == "Quyết định và chi trả hỗ trợ theo nội dung năm 2026"
    assert by_content.rows[-1].bold and by_content.rows[-1].cells[3] == "40.000.000"
