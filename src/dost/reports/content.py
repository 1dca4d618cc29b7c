"""What a periodic report says, gathered from tracked data and laid out as an administrative document.

The body comes from the organisation's plans and tasks (what was done, what is late and why, from the
progress reports up to the end of the period); the appendices from its indicator set, budget tables and key
tasks. A fixed number of queries per report, whatever the number of tasks.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Prefetch, Q

from dost.core.formatting import format_date, format_number
from dost.core.models import Membership, Organisation
from dost.core.status import PlanStatus, ReportStatus, Role
from dost.documents.model import (
    AdministrativeDocument,
    Appendix,
    HeaderCell,
    Paragraph,
    Row,
    Signer,
    Table,
)
from dost.figures.compute import BUDGET_COLUMNS, budget_column_labels, fmt_figure, fmt_ratio
from dost.figures.models import BudgetKind, BudgetTable, IndicatorSet
from dost.figures.queries import budget_table_rows, indicator_set_rows
from dost.grants.models import Programme
from dost.grants.reports import summary_tables
from dost.plans.models import Plan, Precision, ProgressReport, Task

from .models import PeriodKind

HUNDRED = Decimal(100)


@dataclass
class TaskAtEnd:
    """A task as it stood at the end of the period."""

    task: Task
    percent: Decimal | None
    narrative: str
    difficulties: str
    reported_in_period: bool

    @property
    def done(self) -> bool:
        return self.percent is not None and self.percent >= HUNDRED


@dataclass
class ReportData:
    organisation: Organisation
    start: datetime.date
    end: datetime.date
    plans: list[Plan] = field(default_factory=list)
    tasks: dict[int, list[TaskAtEnd]] = field(default_factory=dict)
    indicator_set: IndicatorSet | None = None
    execution: BudgetTable | None = None
    estimate: BudgetTable | None = None
    programmes: list = field(default_factory=list)

    @property
    def all_tasks(self) -> list[TaskAtEnd]:
        return [t for tasks in self.tasks.values() for t in tasks]

    @property
    def late(self) -> list[TaskAtEnd]:
        return [t for t in self.all_tasks if t.task.due_date and t.task.due_date <= self.end and not t.done]

    def summary(self) -> dict[str, int]:
        tasks = self.all_tasks
        return {"plans": len(self.plans), "tasks": len(tasks), "done": sum(t.done for t in tasks),
                "late": len(self.late), "reported": sum(t.reported_in_period for t in tasks)}


def gather(organisation: Organisation, start: datetime.date, end: datetime.date) -> ReportData:
    data = ReportData(organisation, start, end)
    years = Q(period_start__lte=end.year, period_end__gte=start.year) | Q(
        period_start__isnull=True, date_year__gte=start.year, date_year__lte=end.year)
    data.plans = list(Plan.objects.filter(years, owner=organisation).exclude(status=PlanStatus.REPLACED)
                      .order_by("date_year", "date_month", "id"))
    reports = ProgressReport.objects.filter(report_date__lte=end).exclude(status=ReportStatus.DRAFT).order_by(
        "-report_date", "-id")
    tasks = (Task.objects.filter(plan__in=data.plans).select_related("lead")
             .prefetch_related(Prefetch("reports", queryset=reports, to_attr="reports_to_end"))
             .order_by("plan_id", "order", "id"))
    by_plan: dict[int, list[TaskAtEnd]] = defaultdict(list)
    for task in tasks:
        accepted = [r for r in task.reports_to_end if r.status == ReportStatus.ACCEPTED]
        latest = accepted[0] if accepted else None
        any_latest = task.reports_to_end[0] if task.reports_to_end else None
        by_plan[task.plan_id].append(TaskAtEnd(
            task=task,
            percent=latest.percent if latest else None,
            narrative=latest.narrative if latest else "",
            difficulties=(any_latest.difficulties if any_latest else "") or "",
            reported_in_period=bool(latest and latest.report_date >= start),
        ))
    data.tasks = dict(by_plan)
    data.indicator_set = (IndicatorSet.objects.filter(organisation=organisation, year=end.year)
                          .order_by("-updated_at").first())
    data.execution = (BudgetTable.objects.filter(organisation=organisation, year=end.year, kind=BudgetKind.EXECUTION)
                      .filter(Q(as_of__isnull=True) | Q(as_of__lte=end)).order_by("-as_of").first())
    data.programmes = list(Programme.objects.filter(organisation=organisation, is_active=True,
                                                    start_year__lte=end.year, end_year__gte=start.year))
    data.estimate = (BudgetTable.objects.filter(organisation=organisation, year=end.year, kind=BudgetKind.ESTIMATE)
                     .order_by("-updated_at").first())
    return data


def period_title(kind: str, start: datetime.date, end: datetime.date) -> str:
    if kind == PeriodKind.FIRST_HALF:
        return f"Kết quả thực hiện nhiệm vụ 6 tháng đầu năm {end.year}, phương hướng nhiệm vụ 6 tháng cuối năm {end.year}"
    if kind == PeriodKind.ANNUAL:
        return f"Kết quả thực hiện nhiệm vụ năm {end.year}, phương hướng nhiệm vụ năm {end.year + 1}"
    return f"Kết quả thực hiện nhiệm vụ từ ngày {format_date(start)} đến ngày {format_date(end)}"


def _due(task: Task) -> str:
    if task.due_date is None:
        return ""
    if task.due_precision == Precision.DAY:
        return format_date(task.due_date)
    if task.due_precision == Precision.YEAR:
        return f"Năm {task.due_date.year}"
    return f"Tháng {task.due_date.month:02d}/{task.due_date.year}"


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{format_number(value.normalize())}%"


def _plan_heading(plan: Plan) -> str:
    number = plan.number_symbol
    label = f"Kế hoạch số {number}" if plan.number else "Kế hoạch"
    if plan.date_year:
        label += f" ngày {plan.date_display}" if plan.date_day else f" năm {plan.date_year}"
    return f"{label}: {plan.title}"


def body(data: ReportData, appendix_names: dict[str, str]) -> list:
    s = data.summary()
    blocks: list = [
        Paragraph("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "heading1"),
        Paragraph(
            f"Trong kỳ báo cáo (từ ngày {format_date(data.start)} đến ngày {format_date(data.end)}), "
            f"{data.organisation.name} theo dõi {s['plans']} kế hoạch với {s['tasks']} nhiệm vụ; "
            f"{s['done']} nhiệm vụ đã hoàn thành, {s['late']} nhiệm vụ chậm so với thời hạn; "
            f"{s['reported']} nhiệm vụ có báo cáo tiến độ được chấp nhận trong kỳ."),
    ]
    for index, plan in enumerate(data.plans, start=1):
        tasks = [t for t in data.tasks.get(plan.pk, []) if t.reported_in_period]
        blocks.append(Paragraph(f"{index}. {_plan_heading(plan)}", "heading2"))
        if not tasks:
            blocks.append(Paragraph("Chưa có báo cáo tiến độ được chấp nhận trong kỳ.", "italic"))
        for item in tasks:
            text = item.narrative.strip().rstrip(".")
            blocks.append(Paragraph(f"- {item.task.title.strip().rstrip('.')}: {text} (đạt {_percent(item.percent)}).",
                                    "bullet"))
    blocks.append(Paragraph("II. NHIỆM VỤ CHẬM TIẾN ĐỘ VÀ NGUYÊN NHÂN", "heading1"))
    late = data.late
    if not late:
        blocks.append(Paragraph("Không có nhiệm vụ chậm so với thời hạn."))
    for item in late:
        lead = item.task.lead.name if item.task.lead else item.task.lead_name
        reason = item.difficulties.strip().rstrip(".") or "Đơn vị chưa báo cáo nguyên nhân"
        progress = f"mới đạt {_percent(item.percent)}" if item.percent is not None else "chưa có báo cáo tiến độ"
        blocks.append(Paragraph(
            f"- {item.task.title.strip().rstrip('.')} ({lead or 'chưa giao đơn vị chủ trì'}; hạn {_due(item.task)}; "
            f"{progress}): {reason}.", "bullet"))
    if appendix_names:
        blocks.append(Paragraph("III. CHỈ TIÊU, KINH PHÍ VÀ NHIỆM VỤ TRỌNG TÂM", "heading1"))
        for key, sentence in (("indicators", "Kết quả thực hiện các chỉ tiêu kế hoạch: chi tiết tại {}."),
                              ("execution", "Tình hình thực hiện kinh phí: chi tiết tại {}."),
                              ("tasks", "Kết quả triển khai các nhiệm vụ trọng tâm: chi tiết tại {}."),
                              ("estimate", "Dự kiến kinh phí năm sau: chi tiết tại {}."),
                              ("grants", "Kết quả hỗ trợ doanh nghiệp theo các chương trình: chi tiết tại {}.")):
            if key in appendix_names:
                blocks.append(Paragraph(sentence.format(appendix_names[key])))
    return blocks


def indicator_table(indicator_set: IndicatorSet) -> Table:
    previous, current, following = indicator_set.years
    header = [
        [HeaderCell("STT", rowspan=2), HeaderCell("CHỈ TIÊU", rowspan=2), HeaderCell("Đơn vị", rowspan=2),
         HeaderCell(f"Thực hiện {previous}", rowspan=2), HeaderCell(f"Năm {current}", colspan=2),
         HeaderCell(f"Kế hoạch {following}", rowspan=2), HeaderCell("So sánh (%)", colspan=2)],
        ["Kế hoạch", "Thực hiện", f"TH {current}/ TH {previous}", f"KH {following}/ TH {current}"],
    ]
    rows = []
    for row in indicator_set_rows(indicator_set):
        item = row.indicator
        if item.is_heading:
            rows.append(Row([item.ref, item.label, item.unit, "", "", "", "", "", ""], italic=True, level=row.depth))
            continue
        rows.append(Row([item.ref, item.label, item.unit, fmt_figure(row.prev_actual), fmt_figure(row.plan),
                         fmt_figure(row.actual), fmt_figure(row.next_plan), fmt_ratio(row.growth),
                         fmt_ratio(row.next_ratio)], bold=row.depth == 0, level=row.depth))
    return Table(header=header, rows=rows, column_widths=[6, 40, 9, 10, 10, 10, 10, 10, 10])


def budget_table(table: BudgetTable) -> Table:
    labels = budget_column_labels(table)
    columns = BUDGET_COLUMNS[table.kind]
    execution = table.kind == BudgetKind.EXECUTION
    if execution:
        header = [
            [HeaderCell("TT", rowspan=2), HeaderCell("Nội dung", rowspan=2),
             *[HeaderCell(labels[c], rowspan=2) for c in columns],
             HeaderCell("So sánh thực hiện với dự toán", colspan=2)],
            ["Tương đối (%)", "Tuyệt đối (+) (-)"],
        ]
    else:
        header = [["TT", "NỘI DUNG", *[labels[c].upper() for c in columns]]]
    rows = []
    for row in budget_table_rows(table):
        cells = [row.line.ref, row.line.label, *[fmt_figure(row.values[c]) for c in columns]]
        if execution:
            cells += [fmt_ratio(row.relative), fmt_figure(row.absolute)]
        rows.append(Row(cells, bold=row.has_children, level=row.depth))
    widths = [6, 44, *[12] * (len(header[0]) - 2 + (1 if execution else 0))]
    return Table(header=header, rows=rows, column_widths=widths,
                 unit_note=f"ĐVT: {table.get_unit_display()}")


def tasks_table(data: ReportData) -> Table:
    header = [["STT", "Nội dung nhiệm vụ chính", "Thời gian hoàn thành", "Tiến độ thực hiện"]]
    rows = []
    for plan_index, plan in enumerate(data.plans, start=1):
        rows.append(Row([_roman(plan_index), _plan_heading(plan), "", ""], bold=True))
        for index, item in enumerate(data.tasks.get(plan.pk, []), start=1):
            progress = item.narrative.strip() or "Chưa có báo cáo tiến độ được chấp nhận."
            if item.percent is not None:
                progress = f"{progress} ({_percent(item.percent)})"
            rows.append(Row([item.task.ref or str(index), item.task.title, _due(item.task), progress]))
    return Table(header=header, rows=rows, column_widths=[7, 45, 14, 45])


def _roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letter in numerals:
        while n >= value:
            out += letter
            n -= value
    return out


def signer_for(organisation: Organisation, user=None) -> Signer | None:
    """The signer: the user if a leader of the organisation (as deputy "KT." or head), else its head."""
    memberships = Membership.objects.filter(organisation=organisation, role=Role.LEADER).select_related(
        "organisation", "user")
    chosen = next((m for m in memberships if user is not None and m.user_id == user.pk), None)
    chosen = chosen or next((m for m in memberships if m.is_head), None) or next(iter(memberships), None)
    if chosen is None:
        return None
    parts = [p.strip() for p in chosen.capacity.split("/")]
    name = chosen.user.get_full_name() or chosen.user.username
    if len(parts) == 2:
        return Signer(title=parts[1], name=name, capacity=parts[0])
    return Signer(title=parts[0] or (organisation.head_title or "").upper(), name=name)


def build_document(data: ReportData, *, kind: str, title: str, symbol: str = "BC-KHCN", number: str = "",
                   date: datetime.date | None = None, signer: Signer | None = None) -> AdministrativeDocument:
    appendices: list[Appendix] = []
    names: dict[str, str] = {}
    subtitle = f"(Kèm theo Báo cáo số {number or '      '}/{symbol} của {data.organisation.name})"

    def add(key: str, title_text: str, table: Table, landscape: bool = True) -> None:
        heading = f"Phụ lục {_roman(len(appendices) + 1)}"
        names[key] = heading
        appendices.append(Appendix(heading=heading, title=title_text.upper(), subtitle=subtitle, blocks=[table],
                                   landscape=landscape))

    if data.indicator_set is not None:
        add("indicators", f"{data.indicator_set.title}", indicator_table(data.indicator_set))
    if data.execution is not None:
        add("execution", data.execution.title, budget_table(data.execution))
    if any(data.tasks.values()):
        add("tasks", f"Kết quả triển khai nhiệm vụ trọng tâm đến ngày {format_date(data.end)}", tasks_table(data))
    if data.estimate is not None:
        add("estimate", data.estimate.title, budget_table(data.estimate))
    for programme in data.programmes:
        tables = summary_tables(programme, data.end.year)
        if tables:
            heading = f"Phụ lục {_roman(len(appendices) + 1)}"
            names.setdefault("grants", heading)
            appendices.append(Appendix(heading=heading, title=f"KẾT QUẢ THỰC HIỆN {programme.name.upper()} "
                                       f"NĂM {data.end.year}", subtitle=subtitle, blocks=tables, landscape=True))
    organisation = data.organisation
    parent = organisation.parent
    place = next((p.place for p in reversed(data.plans) if p.place), "") or organisation.place_name
    return AdministrativeDocument(
        issuer_parent=(parent.name if parent else "").upper(),
        issuer=organisation.name.upper(),
        symbol=symbol,
        number=number,
        place=place,
        date=date,
        year=data.end.year if date is None else None,
        kind="BÁO CÁO",
        title=title or period_title(kind, data.start, data.end),
        blocks=body(data, names),
        signer=signer,
        recipients=[f"{parent.name} (b/c);" if parent else "Như trên;", "Lãnh đạo đơn vị;",
                    f"Lưu: VT, {organisation.short_name or 'TH'}."],
        appendices=appendices,
    )


def appendix_tables(document: AdministrativeDocument) -> list[tuple[str, Table]]:
    """The appendices' tables, one sheet each, for the .xlsx rendering of a report."""
    out = []
    for appendix in document.appendices:
        for block in appendix.blocks:
            if isinstance(block, Table):  # a copy: the document itself must not change
                out.append((appendix.heading, replace(block, caption=block.caption or appendix.title)))
    return out
