"""Fixtures of the renderer tests: the sample documents rendered once per session (LibreOffice is slow)."""

from __future__ import annotations

import shutil

import pytest

from .samples import official_letter, six_month_report

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui fonts-liberation2)")


@pytest.fixture(scope="session")
def report_pdf() -> bytes:
    from dost.documents.pdf import render_pdf

    return render_pdf(six_month_report())


@pytest.fixture(scope="session")
def letter_pdf() -> bytes:
    from dost.documents.pdf import render_pdf

    return render_pdf(official_letter())
