"""Golden pages: the sample report rendered to PDF and rasterised must match the committed images.

Rendering goes through LibreOffice and its fonts, so the comparison tolerates antialiasing noise (see
``dost.documents.images.compare_images``) but fails when a block moves or a text changes.
``DOST_UPDATE_GOLDEN=1 pytest tests/documents`` rewrites the images; look at them before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from dost.documents.images import compare_images, diff_image, pdf_page_png
from dost.documents.pdf import render_pdf

from .conftest import needs_soffice
from .samples import six_month_report

pytestmark = [pytest.mark.pure, needs_soffice]

GOLDEN = Path(__file__).parent / "golden"
DPI = 50
# Same LibreOffice and fonts render identical pixels; the margins absorb antialiasing differences elsewhere.
# mean grey difference; share of pixels differing by > 48 levels, on the page and in its worst 12 px tile.
TOLERANCE = {"max_mean": 1.5, "max_share": 0.001, "max_tile_share": 0.04}


def _update() -> bool:
    return os.environ.get("DOST_UPDATE_GOLDEN") == "1"


def check_golden(name: str, actual: Image.Image, out_dir: Path) -> None:
    path = GOLDEN / f"{name}.png"
    actual = actual.convert("L")
    if _update():
        GOLDEN.mkdir(exist_ok=True)
        actual.save(path, optimize=True)
        return
    if not path.exists():
        pytest.fail(f"no golden image {path}; create it with DOST_UPDATE_GOLDEN=1 pytest tests/documents")
    expected = Image.open(path)
    difference = compare_images(actual, expected)
    if not difference.within(**TOLERANCE):
        actual_path, diff_path = out_dir / f"{name}.actual.png", out_dir / f"{name}.diff.png"
        actual.save(actual_path)
        diff_image(actual, expected).save(diff_path)
        pytest.fail(f"{name} differs from {path}: {difference}; actual page: {actual_path}, "
                    f"differences in red: {diff_path} (if the change is intended, rerun with "
                    f"DOST_UPDATE_GOLDEN=1 and review the new images)")


@pytest.mark.parametrize(("page", "name"), [(0, "report_page1"), (1, "report_appendix")])
def test_report_pages_match_the_goldens(report_pdf, page, name, tmp_path):
    check_golden(name, pdf_page_png(report_pdf, page, dpi=DPI), tmp_path)


def test_golden_check_catches_a_different_title(tmp_path):
    if _update():
        pytest.skip("goldens are being rewritten")
    changed = render_pdf(six_month_report(title="Kết quả công tác quản lý nhà nước quý II năm 2024"))
    actual = pdf_page_png(changed, 0, dpi=DPI).convert("L")
    difference = compare_images(actual, Image.open(GOLDEN / "report_page1.png"))
    assert not difference.within(**TOLERANCE), difference
    with pytest.raises(pytest.fail.Exception, match="differs from") as failure:
        check_golden("report_page1", actual, tmp_path)
    assert (tmp_path / "report_page1.diff.png").exists()
    assert str(tmp_path / "report_page1.actual.png") in str(failure.value)


def test_golden_check_catches_a_moved_block_but_not_noise():
    if _update():
        pytest.skip("goldens are being rewritten")
    golden = Image.open(GOLDEN / "report_page1.png").convert("L")
    # Move the signature block (bottom right) down by 3 pixels (1.5 mm at 50 dpi).
    w, h = golden.size
    box = (w // 2, int(h * 0.52), w, int(h * 0.70))
    moved = golden.copy()
    moved.paste((255,), box)
    moved.paste(golden.crop(box), (box[0], box[1] + 3))
    assert not compare_images(moved, golden).within(**TOLERANCE)
    # Antialiasing-like noise: every pixel a grey level off, and a few stray pixels, passes.
    noisy = golden.point(lambda v: max(v - 1, 0))
    for i in range(40):
        xy = (37 * i % w, 101 * i % h)
        noisy.putpixel(xy, 255 - noisy.getpixel(xy))
    assert compare_images(noisy, golden).within(**TOLERANCE), compare_images(noisy, golden)


def test_golden_check_catches_a_changed_number(tmp_path):
    if _update():
        pytest.skip("goldens are being rewritten")
    doc = six_month_report()
    doc.date = doc.date.replace(year=2025)
    actual = pdf_page_png(render_pdf(doc), 0, dpi=DPI)
    assert not compare_images(actual, Image.open(GOLDEN / "report_page1.png")).within(**TOLERANCE)
