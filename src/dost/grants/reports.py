"""Summaries of a programme's year: the demand (tổng hợp nhu cầu hỗ trợ) and decisions and payments by
content, by district and by kind of organisation.

Each summary is a couple of GROUP BY queries whatever the number of applications; the page, the .xlsx
export and the periodic reports (``summary_tables``) all render the same ``Summary`` so they cannot
disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, Sum, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dost.core.formatting import format_number
from dost.core.models import Organisation
from dost.core.status import ApplicationStatus, DossierStatus, OrganisationKind
from dost.documents.model import Row, Table

from .models import Application, Payment, Programme
from .services import COMMITTED

WITHDRAWN = (DossierStatus.WITHDRAWN,)
NOT_SUPPORTED = Q(status=ApplicationStatus.REJECTED) | Q(dossier__status=DossierStatus.REFUSED)


@dataclass
class Summary:
    """A summary table: one row per group, integer columns, a total row computed from the rows."""

    key: str
    title: str
    year: int
    group_label: str
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)

    @property
    def totals(self) -> list[int]:
        return [sum(values[i] for _label, values in self.rows) for i in range(len(self.columns))]

    def table(self) -> Table:
        """The summary as a document table (Vietnamese number notation; money in đồng)."""
        body = [Row([str(i), label, *(format_number(v) for v in values)])
                for i, (label, values) in enumerate(self.rows, start=1)]
        body.append(Row(["", _("Tổng cộng"), *(format_number(v) for v in self.totals)], bold=True))
        return Table(header=[["STT", self.group_label, *self.columns]], rows=body,
                     column_widths=[0.6, 4.0, *([1.6] * len(self.columns))],
                     unit_note=_("Số tiền: đồng"), caption=_("%(title)s năm %(year)s") % {"title": self.title, "year": self.year})


def _base(programme: Programme, year: int, prefix: str = ""):
    return {f"{prefix}programme": programme, f"{prefix}year": year}


def demand(programme: Programme, year: int) -> Summary:
    """Per content: applications received, items asked for, appraised, proposed support, not supported."""
    summary = Summary("demand", _("Tổng hợp nhu cầu hỗ trợ"), year, _("Nội dung hỗ trợ"), [
        _("Số hồ sơ đề nghị"), _("Số lượng (tiêu chuẩn, hạng mục)"), _("Đã thẩm định"),
        _("Kinh phí đề xuất hỗ trợ"), _("Không hỗ trợ")])
    supported = ~NOT_SUPPORTED
    appraised = Q(status__in=(ApplicationStatus.APPRAISED, *COMMITTED)) & supported
    figures = {
        row["content_id"]: row for row in
        Application.objects.filter(**_base(programme, year)).exclude(dossier__status__in=WITHDRAWN)
        .values("content_id").annotate(
            n=Count("id"), quantity=Sum("quantity"), appraised=Count("id", filter=appraised),
            proposed=Sum("proposed_vnd", filter=appraised), refused=Count("id", filter=NOT_SUPPORTED))
        .order_by()
    }
    for content in programme.contents.order_by("position", "id"):
        row = figures.get(content.pk, {})
        summary.rows.append((f"{content.code}. {content.name}", [
            int(row.get(k) or 0) for k in ("n", "quantity", "appraised", "proposed", "refused")]))
    return summary


def _district(prefix: str = "") -> Case:
    """The applicant's parent of kind district, else its grandparent of that kind (a commune's district)."""
    applicant = f"{prefix}dossier__applicant__"
    return Case(
        When(**{f"{applicant}parent__kind": OrganisationKind.DISTRICT}, then=F(f"{applicant}parent_id")),
        When(**{f"{applicant}parent__parent__kind": OrganisationKind.DISTRICT}, then=F(f"{applicant}parent__parent_id")),
        default=None,
    )


def _decisions(programme: Programme, year: int, key: str, title: str, group_label: str,
               group: Callable[[str], object], labels: Callable[[list], dict]) -> Summary:
    """Decided and paid amounts per group: one GROUP BY on applications, one on payments.

    ``group(prefix)`` builds the grouping expression from the application ("") or from a payment
    ("application__"), so both queries group the same way.
    """
    summary = Summary(key, title, year, group_label, [
        _("Số hồ sơ được hỗ trợ"), _("Kinh phí quyết định hỗ trợ"), _("Đã chi trả"), _("Còn phải chi trả")])
    decided = {
        row["g"]: row for row in
        Application.objects.filter(**_base(programme, year), status__in=COMMITTED)
        .annotate(g=group("")).values("g").annotate(n=Count("id"), decided=Sum("decided_vnd")).order_by()
    }
    paid = dict(
        Payment.objects.filter(application__programme=programme, application__year=year,
                               application__status__in=COMMITTED)
        .annotate(g=group("application__")).values("g").annotate(total=Sum("amount_vnd"))
        .order_by().values_list("g", "total"))
    names = labels(list(decided))  # in the order rows are shown
    order = {k: i for i, k in enumerate(names)}
    for g in sorted(decided, key=lambda k: (k is None, order.get(k, len(order)))):
        n, amount, done = decided[g]["n"], int(decided[g]["decided"] or 0), int(paid.get(g) or 0)
        summary.rows.append((str(names.get(g, _("Không xác định"))), [n, amount, done, amount - done]))
    return summary


def by_content(programme: Programme, year: int) -> Summary:
    contents = {c.pk: f"{c.code}. {c.name}" for c in programme.contents.all()}
    return _decisions(programme, year, "by-content", _("Quyết định và chi trả hỗ trợ theo nội dung"),
                      _("Nội dung hỗ trợ"), lambda p: F(f"{p}content_id"), lambda keys: contents)


def by_district(programme: Programme, year: int) -> Summary:
    def names(keys: list) -> dict:
        found = dict(Organisation.objects.filter(pk__in=[k for k in keys if k]).order_by("name")
                     .values_list("pk", "name"))
        return {**found, None: _("Không thuộc huyện nào (hoặc chưa xác định)")}

    return _decisions(programme, year, "by-district", _("Quyết định và chi trả hỗ trợ theo địa bàn (huyện)"),
                      _("Huyện, thành phố"), _district, names)


def by_kind(programme: Programme, year: int) -> Summary:
    return _decisions(programme, year, "by-kind", _("Quyết định và chi trả hỗ trợ theo loại tổ chức"),
                      _("Loại tổ chức"), lambda p: F(f"{p}dossier__applicant__kind"),
                      lambda keys: {k: str(v) for k, v in OrganisationKind.choices})


SUMMARIES: dict[str, tuple[object, Callable[[Programme, int], Summary]]] = {
    "demand": (gettext_lazy("Tổng hợp nhu cầu hỗ trợ"), demand),
    "by-content": (gettext_lazy("Theo nội dung"), by_content),
    "by-district": (gettext_lazy("Theo địa bàn"), by_district),
    "by-kind": (gettext_lazy("Theo loại tổ chức"), by_kind),
}


def summary_tables(programme: Programme, year: int) -> list[Table]:
    """Every summary of the year as document tables, for the periodic reports to include."""
    return [build(programme, year).table() for _label, build in SUMMARIES.values()]
