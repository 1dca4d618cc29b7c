from django.urls import include, path

from . import views

urlpatterns = [
    path("dossiers/", views.queue, name="dossier_queue"),
    path("", include("dost.procedures.applicant_urls")),
]
