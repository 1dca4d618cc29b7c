from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.report_list, name="periodic_report_list"),
    path("reports/new/", views.report_create, name="periodic_report_create"),
    path("reports/<int:pk>/", views.report_detail, name="periodic_report_detail"),
    path("reports/<int:pk>/regenerate/", views.report_regenerate, name="periodic_report_regenerate"),
    path("reports/<int:pk>/issue/", views.report_issue, name="periodic_report_issue"),
    path("reports/verify/", views.verify_upload, name="verify_upload"),
]
