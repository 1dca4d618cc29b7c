"""Fixtures of the docparse tests: the real samples, their hand-written gold and the extra plans."""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import pytest

from dost.docparse import parse_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
GOLD = SAMPLES / "gold"
EXTRA = SAMPLES / "extra"
EXTRA_GOLD = EXTRA / "gold"
SAMPLE_STEMS = sorted(p.stem for p in GOLD.glob("*.json"))

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract OCR is not installed (apt-get install tesseract-ocr-vie)")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                   reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")


def sample_path(stem: str) -> Path:
    return SAMPLES / f"{stem}.txt"


@cache
def parsed(path: str) -> dict:
    """Parse each document once per test session (OCR is slow)."""
    return parse_file(path)


def parsed_sample(stem: str) -> dict:
    return parsed(str(sample_path(stem)))


def gold(stem: str, directory: Path = GOLD) -> dict:
    return json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))
