"""Pages of indicators and budgets: lists, entry grids, line editing, Excel export/import, comparison, charts."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dost.core.mixins import StaleEditError
from dost.core.permissions import scope_for
from dost.core.uploads import check_upload

from . import permissions, queries, services, sheets, sources
from .compute import (
    BUDGET_COLUMNS,
    INDICATOR_COLUMNS,
    budget_column_labels,
    fmt_figure,
    indicator_column_label,
)
from .filtersets import BudgetTableFilterSet, IndicatorSetFilterSet
from .forms import XLSX_MIME, BudgetTableForm, IndicatorSetForm, LineForm, SheetUploadForm
from .models import BudgetKind, BudgetLine, BudgetTable, CarryBasis, Indicator, IndicatorSet, SheetImport
from .tasks import enqueue

PAGE_SIZE = 20


def _visible_or_404(request: HttpRequest, model: type, pk: int):
    record = get_object_or_404(model.objects.select_related("organisation"), pk=pk)
    if not permissions.can_view(request.user, record):
        raise PermissionDenied(_("Bạn không có quyền xem số liệu của đơn vị này."))
    return record


def _editable_or_403(request: HttpRequest, model: type, pk: int):
    record = _visible_or_404(request, model, pk)
    if not permissions.can_edit(request.user, record):
        raise PermissionDenied(_("Bạn không có quyền nhập số liệu của đơn vị này."))
    return record


def _page(request: HttpRequest, filterset) -> tuple:
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@login_required
@require_GET
def figures_home(request: HttpRequest) -> HttpResponse:
    """Indicator sets and budget tables in the user's scope, filterable, one paginated list each."""
    base_sets = permissions.visible(request.user, IndicatorSet.objects.select_related("organisation"))
    base_tables = permissions.visible(request.user, BudgetTable.objects.select_related("organisation"))
    sets = IndicatorSetFilterSet(request.GET or None, queryset=base_sets, prefix=None)
    tables = BudgetTableFilterSet(request.GET or None, queryset=base_tables)
    set_page, querystring = _page(request, sets)
    table_page, _qs = _page(request, tables)
    context = {
        "filter": tables,
        "set_page": set_page,
        "table_page": table_page,
        "querystring": querystring,
        "can_create": permissions.can_edit(request.user),
        "can_compare": permissions.can_compare(request.user),
    }
    return render(request, "figures/home.html", context)


def _save_form(request: HttpRequest, form, record, template: str, title: str):
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_container(request.user, form.save(commit=False),
                                            form.cleaned_data.get("expected_version"))
        except StaleEditError as error:
            form.add_error(None, str(error.args[0]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(saved.get_absolute_url())
    return render(request, template, {"form": form, "record": record, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_set_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    record = _editable_or_403(request, IndicatorSet, pk) if pk else None
    if record is None and not permissions.can_edit(request.user):
        raise PermissionDenied(_("Bạn không có quyền tạo bảng chỉ tiêu."))
    form = IndicatorSetForm(request.POST or None, instance=record, user=request.user)
    return _save_form(request, form, record, "figures/container_form.html",
                      _("Sửa bảng chỉ tiêu") if record else _("Thêm bảng chỉ tiêu"))


@login_required
@require_http_methods(["GET", "POST"])
def budget_table_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    record = _editable_or_403(request, BudgetTable, pk) if pk else None
    if record is None and not permissions.can_edit(request.user):
        raise PermissionDenied(_("Bạn không có quyền tạo bảng kinh phí."))
    form = BudgetTableForm(request.POST or None, instance=record, user=request.user)
    return _save_form(request, form, record, "figures/container_form.html",
                      _("Sửa bảng kinh phí") if record else _("Thêm bảng kinh phí"))


def _grid_cells(request: HttpRequest, columns: tuple[str, ...]) -> tuple[dict, dict]:
    """``v-<line>-<column>`` inputs as Decimals; errors keyed the same way, in Vietnamese."""
    cells: dict[tuple[int, str], Decimal | None] = {}
    errors: dict[str, str] = {}
    for name, raw in request.POST.items():
        if not name.startswith("v-"):
            continue
        try:
            _prefix, line_id, column = name.split("-", 2)
            key = (int(line_id), column)
        except ValueError:
            continue
        if column not in columns:
            continue
        try:
            cells[key] = sheets.parse_figure(raw)
        except ValueError:
            errors[name] = _("“%(value)s” không phải là số.") % {"value": raw}
    return cells, errors


@login_required
@require_http_methods(["GET", "POST"])
def indicator_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator_set = _visible_or_404(request, IndicatorSet, pk)
    can_edit = permissions.can_edit(request.user, indicator_set)
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("Bạn không có quyền nhập số liệu của đơn vị này."))
        cells, errors = _grid_cells(request, INDICATOR_COLUMNS)
        posted = {k: v for k, v in request.POST.items() if k.startswith("v-")}
        if not errors:
            try:
                changed = services.save_indicator_grid(request.user, indicator_set, cells,
                                                       _int(request.POST.get("expected_version")))
            except (StaleEditError, ValidationError) as error:
                messages.error(request, _message(error))
            else:
                messages.success(request, _("Đã lưu %(n)s số liệu.") % {"n": changed})
                return redirect(indicator_set.get_absolute_url())
        else:
            messages.error(request, _("Có %(n)s ô không hợp lệ; chưa lưu gì.") % {"n": len(errors)})
    rows = queries.indicator_set_rows(indicator_set)
    _attach_cells(rows, "indicator", INDICATOR_COLUMNS, posted, errors, lambda row, column: getattr(row, column))
    for row in rows:
        row.source_label = sources.source_label(row.indicator.source) if row.indicator.source else ""
    context = {
        "record": indicator_set,
        "rows": rows,
        "columns": [(c, indicator_column_label(indicator_set, c)) for c in INDICATOR_COLUMNS],
        "can_edit": can_edit,
        "errors": errors,
        "posted": posted,
        "line_form": LineForm(lines=[(r.indicator, r.depth) for r in rows]) if can_edit else None,
        "imports": indicator_set.imports.all()[:5],
        "upload_form": SheetUploadForm() if can_edit else None,
        "warning_count": sum(len(r.warnings) for r in rows),
        "has_sources": any(r.indicator.source for r in rows),
    }
    return render(request, "figures/indicator_set.html", context)


@login_required
@require_POST
def indicator_set_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    """Rewrite the actual figures of the sourced lines from their providers (e.g. research projects)."""
    indicator_set = _editable_or_403(request, IndicatorSet, pk)
    changed = services.refresh_sourced_actuals(request.user, indicator_set)
    messages.success(request, _("Đã cập nhật %(n)s số liệu từ nguồn tự động.") % {"n": changed})
    return redirect(indicator_set.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def budget_table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = _visible_or_404(request, BudgetTable, pk)
    can_edit = permissions.can_edit(request.user, table)
    columns = BUDGET_COLUMNS[table.kind]
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("Bạn không có quyền nhập số liệu của đơn vị này."))
        cells, errors = _grid_cells(request, columns)
        posted = {k: v for k, v in request.POST.items() if k.startswith("v-")}
        for name, value in request.POST.items():
            if name.startswith("basis-") and value in CarryBasis.values:
                cells[(int(name.split("-", 1)[1]), "carry_basis")] = value
        if not errors:
            try:
                changed = services.save_budget_grid(request.user, table, cells,
                                                    _int(request.POST.get("expected_version")))
            except (StaleEditError, ValidationError) as error:
                messages.error(request, _message(error))
            else:
                messages.success(request, _("Đã lưu %(n)s dòng.") % {"n": changed})
                return redirect(table.get_absolute_url())
        else:
            messages.error(request, _("Có %(n)s ô không hợp lệ; chưa lưu gì.") % {"n": len(errors)})
    rows = queries.budget_table_rows(table)
    # Parents show their sum (read-only); leaves and parents without figures below them are editable.
    _attach_cells(rows, "line", columns, posted, errors, lambda row, column: row.values[column])
    labels = budget_column_labels(table)
    context = {
        "record": table,
        "rows": rows,
        "columns": [(c, labels[c]) for c in columns],
        "labels": labels,
        "execution": table.kind == BudgetKind.EXECUTION,
        "carry_choices": CarryBasis.choices,
        "can_edit": can_edit,
        "errors": errors,
        "posted": posted,
        "line_form": LineForm(lines=[(r.line, r.depth) for r in rows], indicator=False) if can_edit else None,
        "imports": table.imports.all()[:5],
        "upload_form": SheetUploadForm() if can_edit else None,
        "warning_count": sum(len(r.warnings) for r in rows),
    }
    return render(request, "figures/budget_table.html", context)


def _attach_cells(rows, line_attr: str, columns: tuple[str, ...], posted: dict, errors: dict, entered) -> None:
    """Give each row its editable cells: input name, the text to show (what was typed, if refused) and error."""
    for row in rows:
        line = getattr(row, line_attr)
        row.cells = []
        for column in columns:
            name = f"v-{line.pk}-{column}"
            row.cells.append({"name": name, "text": posted.get(name, fmt_figure(entered(row, column))),
                              "error": errors.get(name), "column": column,
                              "readonly": column in getattr(row, "summed", ())
                              or (getattr(line, "source", "") and column in services.SOURCED_COLUMNS)})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error.args[0]) if error.args else str(error)


@login_required
@require_POST
def line_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = IndicatorSet if kind == "indicators" else BudgetTable
    container = _editable_or_403(request, model, pk)
    line_model = Indicator if model is IndicatorSet else BudgetLine
    owner_field = "indicator_set" if model is IndicatorSet else "table"
    lines = list(line_model.objects.filter(**{owner_field: container}))
    form = LineForm(request.POST, lines=[(line, 0) for line in lines], indicator=model is IndicatorSet)
    if form.is_valid():
        data = form.cleaned_data
        parent = next((line for line in lines if line.pk == data["parent"]), None)
        try:
            services.add_line(request.user, container, parent, services.LineSpec(
                level=1, label=data["label"], ref=data["ref"], unit=data.get("unit") or "",
                is_heading=bool(data.get("is_heading")), carry_basis=data.get("carry_basis") or "",
                source=data.get("source") or ""))
        except ValidationError as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("Đã thêm dòng “%(label)s”.") % {"label": data["label"]})
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(container.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def line_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = Indicator if kind == "indicators" else BudgetLine
    line = get_object_or_404(model, pk=pk)
    container = line.indicator_set if model is Indicator else line.table
    container = _editable_or_403(request, type(container), container.pk)
    if request.method == "POST":
        services.delete_line(request.user, line)
        messages.success(request, _("Đã xoá dòng “%(label)s” và các dòng con.") % {"label": line.label})
        return redirect(container.get_absolute_url())
    descendants = queries.descendant_count(line)
    return render(request, "figures/line_delete.html", {"line": line, "record": container,
                                                         "descendants": descendants})


@login_required
@require_GET
def export_xlsx(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "indicators":
        record = _visible_or_404(request, IndicatorSet, pk)
        data = sheets.export_indicator_set(record)
        name = f"chi-tieu-{slugify(record.organisation.short_name or record.organisation.name)}-{record.year}.xlsx"
    else:
        record = _visible_or_404(request, BudgetTable, pk)
        data = sheets.export_budget_table(record)
        name = f"kinh-phi-{slugify(record.organisation.short_name or record.organisation.name)}-{record.year}.xlsx"
    response = HttpResponse(data, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def import_xlsx(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = IndicatorSet if kind == "indicators" else BudgetTable
    record = _editable_or_403(request, model, pk)
    form = SheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp Excel."))
        return redirect(record.get_absolute_url())
    uploaded = form.cleaned_data["file"]
    try:
        checked = check_upload(uploaded)
        if checked.mime_type != XLSX_MIME:
            raise ValidationError(_("Tệp “%(name)s” không phải là tệp Excel .xlsx.") % {"name": uploaded.name})
    except ValidationError as error:
        messages.error(request, _message(error))
        return redirect(record.get_absolute_url())
    job = SheetImport(created_by=request.user, original_name=checked.name,
                      **({"indicator_set": record} if model is IndicatorSet else {"budget_table": record}))
    job.file.save(checked.name, uploaded, save=False)
    job.save()
    enqueue(job)
    return redirect("figures_import", pk=job.pk)


@login_required
@require_GET
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(SheetImport.objects.select_related("indicator_set__organisation",
                                                               "budget_table__organisation"), pk=pk)
    if not (scope_for(request.user).is_admin or job.created_by_id == request.user.pk):
        raise PermissionDenied(_("Bạn không có quyền xem lượt nhập này."))
    template = "figures/import_status.html#status" if request.htmx else "figures/import_status.html"
    return render(request, template, {"job": job, "record": job.target})


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """The same indicator or budget line across organisations and years (leaders and administrators)."""
    if not permissions.can_compare(request.user):
        raise PermissionDenied(_("Chỉ lãnh đạo được xem so sánh giữa các đơn vị."))
    comparison = queries.Comparison.from_request(request.user, request.GET)
    if request.GET.get("format") == "xlsx" and comparison.key:
        response = HttpResponse(comparison.to_xlsx(), content_type=XLSX_MIME)
        response["Content-Disposition"] = 'attachment; filename="so-sanh.xlsx"'
        return response
    return render(request, "figures/compare.html", {"c": comparison})


@login_required
@require_GET
def charts(request: HttpRequest) -> JsonResponse:
    """Chart data for the dashboard: plan vs actual of the latest indicator set, budget execution over time."""
    return JsonResponse(queries.dashboard_charts(request.user))

