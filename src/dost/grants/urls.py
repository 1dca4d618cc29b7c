from django.urls import path

from . import views

urlpatterns = [
    path("grants/", views.programme_list, name="grants_programme_list"),
    path("grants/programmes/<int:pk>/", views.programme_detail, name="grants_programme_detail"),
    path("grants/programmes/<int:pk>/reports/<slug:report>/", views.report, name="grants_report"),
    path("grants/programmes/<int:pk>/reports/<slug:report>.xlsx", views.report_xlsx, name="grants_report_xlsx"),
    path("grants/applications/<int:pk>/appraise/", views.appraise, name="grants_appraise"),
    path("grants/applications/<int:pk>/decide/", views.decide, name="grants_decide"),
    path("grants/applications/<int:pk>/payments/", views.payment, name="grants_payment"),
    path("grants/applications/<int:pk>/reject/", views.reject, name="grants_reject"),
    path("grants/dossiers/<int:dossier_pk>/apply/", views.apply, name="grants_apply"),
]
