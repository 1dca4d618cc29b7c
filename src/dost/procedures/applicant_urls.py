"""Applicant-side and public URLs (registration, online applications, status look-up)."""

from django.urls import path

from . import applicant_views as views

urlpatterns = [
    path("register/", views.register, name="applicant_register"),
    path("lookup/", views.lookup, name="public_lookup"),
    path("applicant/", views.home, name="applicant_home"),
    path("applicant/new/", views.procedures, name="applicant_procedures"),
    path("applicant/new/<int:pk>/", views.submit, name="applicant_submit"),
    path("applicant/dossiers/<int:pk>/", views.dossier_detail, name="applicant_dossier"),
    path("applicant/dossiers/<int:pk>/submitted/", views.submitted, name="applicant_submitted"),
    path("applicant/dossiers/<int:pk>/supplement/", views.supplement, name="applicant_supplement"),
]
