from django.urls import path, register_converter

from . import views


class KindConverter:
    """``indicators`` or ``budgets``: the two kinds of figure tables that share line and sheet views."""

    regex = "indicators|budgets"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "figkind")

urlpatterns = [
    path("figures/", views.figures_home, name="figures_home"),
    path("figures/indicators/new/", views.indicator_set_edit, name="indicator_set_create"),
    path("figures/indicators/<int:pk>/", views.indicator_set_detail, name="indicator_set_detail"),
    path("figures/indicators/<int:pk>/edit/", views.indicator_set_edit, name="indicator_set_edit"),
    path("figures/indicators/<int:pk>/refresh/", views.indicator_set_refresh, name="indicator_set_refresh"),
    path("figures/budgets/new/", views.budget_table_edit, name="budget_table_create"),
    path("figures/budgets/<int:pk>/", views.budget_table_detail, name="budget_table_detail"),
    path("figures/budgets/<int:pk>/edit/", views.budget_table_edit, name="budget_table_edit"),
    path("figures/<figkind:kind>/<int:pk>/lines/new/", views.line_add, name="figures_line_add"),
    path("figures/<figkind:kind>/lines/<int:pk>/delete/", views.line_delete, name="figures_line_delete"),
    path("figures/<figkind:kind>/<int:pk>/export.xlsx", views.export_xlsx, name="figures_export"),
    path("figures/<figkind:kind>/<int:pk>/import/", views.import_xlsx, name="figures_import_upload"),
    path("figures/imports/<int:pk>/", views.import_status, name="figures_import"),
    path("figures/compare/", views.compare, name="figures_compare"),
    path("figures/charts.json", views.charts, name="figures_charts"),
]
