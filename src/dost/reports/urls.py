from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/regenerate/", views.report_regenerate, name="report_regenerate"),
    path("reports/<int:pk>/issue/", views.report_issue, name="report_issue"),
]
