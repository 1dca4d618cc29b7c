"""Page images of PDFs and their comparison, for previews in the web app and for golden rendering tests.

The comparison tolerates antialiasing noise (a grey level or two, a few stray pixels) but not a block of text
that moved or changed: it counts the share of pixels whose grey level differs by more than a threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops


def pdf_page_png(pdf: bytes, page: int = 0, dpi: int = 60) -> Image.Image:
    """Page ``page`` (0-based) of a PDF as an RGB image at ``dpi``; save it with ``.save(path, "PNG")``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        if not 0 <= page < len(document):
            raise IndexError(f"PDF has {len(document)} pages, no page {page}")
        pdf_page = document[page]
        try:
            bitmap = pdf_page.render(scale=dpi / 72)
            try:
                return bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            pdf_page.close()
    finally:
        document.close()


def pdf_page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


@dataclass(frozen=True)
class ImageDifference:
    """How far two page images are apart.

    ``mean_abs``: mean absolute grey difference (0–255); ``differing_share``: share of pixels whose grey level
    differs by more than ``pixel_threshold``; ``worst_tile_share``: the same share in the worst square tile of
    ``TILE`` pixels, so that a small local change (a number, a moved line) is not diluted by a whole page of
    identical white.
    """

    same_size: bool
    mean_abs: float
    differing_share: float
    worst_tile_share: float
    pixel_threshold: int

    def within(self, *, max_mean: float = 1.5, max_share: float = 0.001, max_tile_share: float = 0.04) -> bool:
        return (self.same_size and self.mean_abs <= max_mean and self.differing_share <= max_share
                and self.worst_tile_share <= max_tile_share)

    def __str__(self) -> str:
        if not self.same_size:
            return "images differ in size"
        return (f"mean |Δgrey| = {self.mean_abs:.3f}, {self.differing_share:.4%} of pixels differ by "
                f"> {self.pixel_threshold} ({self.worst_tile_share:.2%} in the worst {TILE}×{TILE} tile)")


TILE = 12


def compare_images(actual: Image.Image, expected: Image.Image, *, pixel_threshold: int = 48) -> ImageDifference:
    a, b = actual.convert("L"), expected.convert("L")
    if a.size != b.size:
        return ImageDifference(False, 255.0, 1.0, 1.0, pixel_threshold)
    diff = ImageChops.difference(a, b)
    histogram = diff.histogram()
    total = a.size[0] * a.size[1]
    mean = sum(level * count for level, count in enumerate(histogram)) / total
    differing = sum(histogram[pixel_threshold + 1:]) / total
    mask = diff.point(lambda v: 255 if v > pixel_threshold else 0)
    worst = mask.reduce(TILE).getextrema()[1] / 255  # box average per tile = share of differing pixels
    return ImageDifference(True, mean, differing, worst, pixel_threshold)


def diff_image(actual: Image.Image, expected: Image.Image) -> Image.Image:
    """The expected page in light grey with differing pixels in red, to see at a glance what moved."""
    a, b = actual.convert("L"), expected.convert("L")
    if a.size != b.size:
        b = b.resize(a.size)
    mask = ImageChops.difference(a, b).point(lambda v: 255 if v > 48 else 0)
    base = b.point(lambda v: 160 + v * 95 // 255).convert("RGB")
    red = Image.new("RGB", a.size, (220, 0, 0))
    return Image.composite(red, base, mask)
