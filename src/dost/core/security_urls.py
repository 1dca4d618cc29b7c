"""URLs of the two-factor pages (included under ``account/2fa/`` by ``dost.urls``)."""

from django.urls import path

from . import twofactor

urlpatterns = [
    path("setup/", twofactor.two_factor_setup, name="two_factor_setup"),
    path("qr.svg", twofactor.two_factor_qr, name="two_factor_qr"),
    path("verify/", twofactor.two_factor_verify, name="two_factor_verify"),
    path("backup-codes/", twofactor.two_factor_backup_codes, name="two_factor_backup_codes"),
]
