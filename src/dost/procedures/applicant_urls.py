"""Applicant-side and public URLs (registration, online applications, status look-up)."""

urlpatterns: list = []
