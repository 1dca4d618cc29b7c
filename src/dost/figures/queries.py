"""Read paths of the figures pages: a fixed number of queries per page, whatever the table size."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Min
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from dost.core.formatting import format_date
from dost.core.models import Organisation
from dost.core.permissions import scope_for
from dost.core.status import OrganisationKind

from . import permissions
from .compute import BUDGET_COLUMNS, MEASURE_LABELS, budget_rows, indicator_rows
from .models import BudgetKind, BudgetLine, BudgetTable, Indicator, IndicatorSet, IndicatorValue


def indicator_set_rows(indicator_set: IndicatorSet):
    return indicator_rows(
        indicator_set,
        Indicator.objects.filter(indicator_set=indicator_set),
        IndicatorValue.objects.filter(indicator__indicator_set=indicator_set),
    )


def budget_table_rows(table: BudgetTable):
    return budget_rows(table, BudgetLine.objects.filter(table=table))


def descendant_count(line: Any) -> int:
    model = type(line)
    owner = {"indicator_set_id": line.indicator_set_id} if isinstance(line, Indicator) else {"table_id": line.table_id}
    items = list(model.objects.filter(**owner).values_list("pk", "parent_id", "position").order_by("position"))
    found = {line.pk}
    for pk, parent_id, _position in items:
        if parent_id in found:
            found.add(pk)
    return len(found) - 1


INDICATOR_MEASURES = {"actual": _("Thực hiện"), "plan": _("Kế hoạch")}


@dataclass
class Comparison:
    """One line (by key) across the organisations a leader oversees and a range of years."""

    kind: str = "indicator"
    key: str = ""
    measure: str = "actual"
    year_from: int | None = None
    year_to: int | None = None
    org_kind: str = ""
    keys: list[tuple[str, str]] = field(default_factory=list)
    measures: list[tuple[str, str]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    rows: list[tuple[Organisation, list[Decimal | None]]] = field(default_factory=list)
    label: str = ""
    org_kinds: list = field(default_factory=lambda: OrganisationKind.choices)

    @classmethod
    def from_request(cls, user: Any, params: Any) -> Comparison:
        def year(name: str) -> int | None:
            try:
                return int(params.get(name) or "") or None
            except ValueError:
                return None

        c = cls(kind="budget" if params.get("kind") == "budget" else "indicator", key=params.get("key", ""),
                measure=params.get("measure", ""), year_from=year("year_from"), year_to=year("year_to"),
                org_kind=params.get("org_kind", "") if params.get("org_kind") in OrganisationKind.values else "")
        c.load(user)
        return c

    def load(self, user: Any) -> None:
        if self.kind == "indicator":
            lines = Indicator.objects.filter(
                indicator_set__in=permissions.comparable(user, IndicatorSet.objects.all()), is_heading=False)
            self.measures = list(INDICATOR_MEASURES.items())
        else:
            lines = BudgetLine.objects.filter(table__in=permissions.comparable(user, BudgetTable.objects.all()))
            self.measures = [(c, str(label)) for c, label in MEASURE_LABELS.items()]
        if self.measure not in dict(self.measures):
            self.measure = self.measures[0][0]
        self.keys = [(k["key"], k["label"]) for k in lines.values("key").annotate(label=Min("label"))
                     .order_by("key")[:1000]]
        if not self.key:
            return
        self.label = dict(self.keys).get(self.key, "")
        values: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
        organisations: dict[int, Organisation] = {}
        if self.kind == "indicator":
            found = IndicatorValue.objects.filter(indicator__in=lines.filter(key=self.key)).select_related(
                "indicator__indicator_set__organisation")
            if self.org_kind:
                found = found.filter(indicator__indicator_set__organisation__kind=self.org_kind)
            # The set of the value's own year wins over neighbours' copies (a 2023 set also holds 2022 actuals).
            ranked = sorted(found, key=lambda v: v.indicator.indicator_set.year == v.year)
            for value in ranked:
                org = value.indicator.indicator_set.organisation
                organisations[org.pk] = org
                figure = getattr(value, self.measure)
                if figure is not None or value.year not in values[org.pk]:
                    values[org.pk][value.year] = figure
        else:
            tables = permissions.comparable(user, BudgetTable.objects.filter(lines__key=self.key)).select_related(
                "organisation").distinct()
            if self.org_kind:
                tables = tables.filter(organisation__kind=self.org_kind)
            tables = sorted(tables, key=lambda t: (t.as_of is not None, t.as_of or 0))
            lines_by_table: dict[int, list[BudgetLine]] = defaultdict(list)
            for line in BudgetLine.objects.filter(table__in=[t.pk for t in tables]):
                lines_by_table[line.table_id].append(line)
            for table in tables:  # later snapshots of the same year override earlier ones
                if self.measure not in BUDGET_COLUMNS[table.kind]:
                    continue
                for row in budget_rows(table, lines_by_table[table.pk]):
                    if row.line.key == self.key:
                        organisations[table.organisation_id] = table.organisation
                        values[table.organisation_id][table.year] = row.values[self.measure]
        years = sorted({y for per_org in values.values() for y in per_org})
        if self.year_from:
            years = [y for y in years if y >= self.year_from]
        if self.year_to:
            years = [y for y in years if y <= self.year_to]
        self.years = years
        self.rows = [(org, [values[org.pk].get(y) for y in years])
                     for org in sorted(organisations.values(), key=lambda o: o.name)]

    def to_xlsx(self) -> bytes:
        wb = Workbook()
        ws = wb.active
        ws.title = "So sánh"
        ws.append([self.label])
        ws.append([dict(self.measures).get(self.measure, "")])
        ws.append([_("Đơn vị"), *self.years])
        ws["A1"].font = Font(bold=True)
        for org, figures in self.rows:
            ws.append([org.name, *[float(v) if v is not None else None for v in figures]])
        ws.column_dimensions["A"].width = 50
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def dashboard_charts(user: Any) -> dict[str, Any]:
    """Plan vs actual of the latest indicator set in scope; budget execution over time of the same unit."""
    result: dict[str, Any] = {"plan_vs_actual": None, "execution": None}
    own = scope_for(user).org_ids
    sets = permissions.visible(user, IndicatorSet.objects.select_related("organisation"))
    latest = sets.filter(organisation_id__in=own).first() or sets.first()
    organisation = latest.organisation if latest else None
    if latest is not None:
        rows = [r for r in indicator_set_rows(latest) if not r.indicator.is_heading and r.depth <= 1
                and (r.plan is not None or r.actual is not None)][:12]
        result["plan_vs_actual"] = {
            "title": f"{latest.title} {latest.year} — {latest.organisation.short_name or latest.organisation.name}",
            "labels": [f"{r.indicator.ref} {r.indicator.label}".strip()[:40] for r in rows],
            "plan": [float(r.plan) if r.plan is not None else None for r in rows],
            "actual": [float(r.actual) if r.actual is not None else None for r in rows],
            "url": latest.get_absolute_url(),
        }
    tables = permissions.visible(user, BudgetTable.objects.filter(kind=BudgetKind.EXECUTION, as_of__isnull=False))
    if organisation is None:
        first = tables.select_related("organisation").first()
        organisation = first.organisation if first else None
    if organisation is not None:
        tables = list(tables.filter(organisation=organisation).order_by("as_of")[:24])
        lines_by_table: dict[int, list[BudgetLine]] = defaultdict(list)
        for line in BudgetLine.objects.filter(table__in=[t.pk for t in tables]):
            lines_by_table[line.table_id].append(line)
        labels: list[str] = []
        series: dict[str, dict[int, float | None]] = {}
        for index, table in enumerate(tables):
            labels.append(format_date(table.as_of))
            for row in budget_rows(table, lines_by_table[table.pk]):
                if row.depth == 0 and row.relative is not None:
                    name = f"{row.line.ref} {row.line.label}".strip()[:50]
                    series.setdefault(name, {})[index] = round(float(row.relative), 2)
        if series:
            result["execution"] = {
                "title": _("Tỷ lệ thực hiện kinh phí (%%) — %(org)s")
                % {"org": organisation.short_name or organisation.name},
                "labels": labels,
                "series": [{"label": name, "data": [points.get(i) for i in range(len(labels))]}
                           for name, points in list(series.items())[:6]],
            }
    return result
