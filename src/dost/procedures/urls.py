from django.urls import include, path

from . import views

urlpatterns = [
    path("dossiers/", views.queue, name="dossier_queue"),
    path("dossiers/dashboard/", views.dossier_dashboard, name="dossier_dashboard"),
    path("dossiers/batch/", views.batch, name="dossier_batch"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/action/", views.dossier_action, name="dossier_action"),
    path("", include("dost.procedures.applicant_urls")),
]
