"""Periodic reports rendered from tracked data: body from plans and progress, appendices from figures."""

from __future__ import annotations

import datetime
import io

import docx
import openpyxl
import pytest

from dost.reports import services
from dost.reports.models import PeriodKind

H1_2023 = (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30))


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.mark.django_db
def test_report_has_the_administrative_frame_and_the_appendices(world, consistent_sample):
    rendered = services.render(world.department, PeriodKind.FIRST_HALF, *H1_2023, formats=("docx",))
    text = _text(rendered.files["docx"])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO" in text
    assert "6 tháng đầu năm 2023" in rendered.document.title
    headings = [a.heading for a in rendered.document.appendices]
    assert headings[:2] == ["Phụ lục I", "Phụ lục II"]
    assert "105,88" in text and "47,49" in text  # comparisons computed, two decimals, decimal comma


@pytest.mark.django_db
def test_body_says_what_was_done_and_what_is_late_with_the_reason(world):
    from dost.plans.services import accept_report

    world.plan.period_start = world.plan.period_end = 2026
    world.plan.save()
    world.task.due_date = datetime.date(2026, 3, 31)
    world.task.save()
    world.report.report_date = datetime.date(2026, 3, 15)
    world.report.difficulties = "Chờ ý kiến thẩm định của Sở Tư pháp"
    world.report.save()
    accept_report(world.users["leader"], world.report, "Đồng ý.")
    rendered = services.render(world.department, PeriodKind.FIRST_HALF, datetime.date(2026, 1, 1),
                               datetime.date(2026, 6, 30), formats=("docx",))
    text = _text(rendered.files["docx"])
    assert "NHIỆM VỤ CHẬM TIẾN ĐỘ VÀ NGUYÊN NHÂN" in text
    assert "Chờ ý kiến thẩm định của Sở Tư pháp" in text
    assert rendered.summary["late"] == 1 and rendered.summary["reported"] == 1


@pytest.mark.django_db
def test_xlsx_holds_one_sheet_per_appendix(world, consistent_sample):
    rendered = services.render(world.department, PeriodKind.FIRST_HALF, *H1_2023, formats=("docx", "xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(rendered.files["xlsx"]))
    assert len(workbook.sheetnames) == len(rendered.document.appendices) >= 3


@pytest.mark.django_db
def test_a_generated_report_is_checked_and_a_disagreement_blocks_it(world, sample):
    rendered = services.render(world.department, PeriodKind.FIRST_HALF, *H1_2023, formats=("docx",))
    assert [(f["row"], f["stated"], f["expected"]) for f in rendered.findings] == [("1 Cấp Quốc gia (1)", 1, 2)]


@pytest.mark.django_db
def test_a_consistent_report_has_no_findings(world, consistent_sample):
    rendered = services.render(world.department, PeriodKind.FIRST_HALF, *H1_2023, formats=("docx",))
    assert rendered.findings == []


@pytest.mark.django_db
def test_rendering_the_xlsx_leaves_the_document_unchanged(world, consistent_sample):
    rendered = services.render(world.department, PeriodKind.FIRST_HALF, *H1_2023, formats=("docx", "xlsx"))
    assert all(block.caption == "" for appendix in rendered.document.appendices for block in appendix.blocks)


@pytest.mark.django_db
def test_support_programme_results_are_an_appendix_and_pass_the_check(world):
    from dost.grants.demo import seed_demo_applications, seed_grants
    from dost.procedures.demo import seed_dossiers

    programme = seed_grants(world.department, world.users["admin"])
    made = seed_dossiers(programme.procedure, world.users["officer"], world.users["leader"], "Mat-khau-2026!")
    seed_demo_applications(programme, made, world.users["officer"])
    rendered = services.render(world.department, PeriodKind.ANNUAL, datetime.date(2026, 1, 1),
                               datetime.date(2026, 12, 31), formats=("docx",))
    assert any("KẾT QUẢ THỰC HIỆN" in a.title for a in rendered.document.appendices)
    assert rendered.findings == []
