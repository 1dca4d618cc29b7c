"""Page layout to text: positioned words (PDF text layer or OCR) to the line format the parser reads.

Administrative documents put two blocks side by side twice: the header (issuer and "Số:" left, national title
and date right) and the closing (recipients left, signer right). Reading such lines left-to-right would mix
them, so runs of two-column lines are emitted column by column. Prose lines wrapped by the page are joined
back into paragraphs (a new paragraph starts indented or with a list mark), and ruled tables become
tab-separated rows, multi-line cells keeping their list items as ``<p>`` fragments.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class GridTable:
    """A ruled table: its bounding box and rows of cell texts (lines inside a cell joined by "\\n")."""

    bbox: tuple[float, float, float, float]
    rows: list[list[str]]


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]
    tables: list[GridTable] = field(default_factory=list)


_MARK = re.compile(r"^([-+•–*]\s|[-+•]\S|\d{1,2}(\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[IVX]{1,5}[.\-]\s|Tháng\s+\d)")


def cell_from_lines(text: str) -> str:
    """Rebuild a cell's paragraphs from its visual lines; several paragraphs become ``<p>`` fragments."""
    paras: list[str] = []
    for line in (text or "").split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        if paras and not _MARK.match(line):
            paras[-1] += " " + line
        else:
            paras.append(line)
    if len(paras) <= 1:
        return paras[0] if paras else ""
    return " ".join(f"<p>{p}</p>" for p in paras)


@dataclass
class _Line:
    top: float
    bottom: float
    segments: list[list[Word]]

    @property
    def x0(self) -> float:
        return self.segments[0][0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1][-1].x1

    @staticmethod
    def seg_text(seg: list[Word]) -> str:
        return " ".join(w.text for w in seg)

    @property
    def text(self) -> str:
        return "   ".join(self.seg_text(s) for s in self.segments)


def _inside(w: Word, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1


def _group_lines(words: list[Word]) -> list[_Line]:
    if not words:
        return []
    words = sorted(words, key=lambda w: (w.top, w.x0))
    heights = [w.bottom - w.top for w in words if w.bottom > w.top]
    h = statistics.median(heights) if heights else 10.0
    rows: list[list[Word]] = []
    boxes: list[list[float]] = []  # top, bottom of each row's core (median-height words)
    for w in words:
        wh = max(w.bottom - w.top, 0.1)
        for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom = boxes[k]
            overlap = min(bottom, w.bottom) - max(top, w.top)
            # accents above capitals and descenders below ("Bắc" / "ngày") shift boxes: compare overlap
            if overlap >= 0.5 * min(wh, bottom - top, h):
                rows[k].append(w)
                break
        else:
            rows.append([w])
            boxes.append([w.top, w.bottom])
    out: list[_Line] = []
    gap_limit = max(2.5 * h, 1.0)
    for row in rows:
        row.sort(key=lambda w: w.x0)
        segs: list[list[Word]] = [[row[0]]]
        for w in row[1:]:
            if w.x0 - segs[-1][-1].x1 > gap_limit:
                segs.append([w])
            else:
                segs[-1].append(w)
        out.append(_Line(min(w.top for w in row), max(w.bottom for w in row), segs))
    out.sort(key=lambda ln: ln.top)
    return out


def page_to_text(page: Page) -> str:
    """Text of one page in reading order (see module docstring)."""
    words = [w for w in page.words if w.text.strip() and not any(_inside(w, t.bbox) for t in page.tables)]
    lines = _group_lines(words)
    heights = [ln.bottom - ln.top for ln in lines]
    h = statistics.median(heights) if heights else 12.0
    # drop page numbers in the margins
    lines = [ln for ln in lines if not (re.fullmatch(r"[-–]?\s*\d{1,3}\s*[-–]?", ln.text.strip()) and
                                        (ln.top < 0.1 * page.height or ln.bottom > 0.9 * page.height))]
    items: list[tuple[float, str]] = []
    mid = page.width / 2
    if lines:
        xs0 = sorted(ln.x0 for ln in lines)
        xs1 = sorted(ln.x1 for ln in lines)
        left = xs0[len(xs0) // 10]
        right = xs1[int(len(xs1) * 0.9)]
    else:
        left, right = 0.0, page.width
    i = 0
    while i < len(lines):
        ln = lines[i]
        if len(ln.segments) >= 2 and ln.segments[0][-1].x1 < mid + 0.1 * page.width:
            # a run of two-column lines
            run = [ln]
            j = i + 1
            while j < len(lines):
                nxt = lines[j]
                if nxt.top - run[-1].bottom > 3 * h:
                    break
                if len(nxt.segments) >= 2 or nxt.x1 < mid or nxt.x0 > mid:
                    run.append(nxt)
                    j += 1
                    continue
                break
            left_col: list[str] = []
            right_col: list[str] = []
            for r in run:
                for seg in r.segments:
                    (left_col if seg[0].x0 < mid - 0.05 * page.width else right_col).append(_Line.seg_text(seg))
            items.append((ln.top, "\n".join(left_col + [""] + right_col)))
            i = j
            continue
        items.append((ln.top, _Line.seg_text([w for s in ln.segments for w in s]) + f"\x00{ln.x0}\x00{ln.x1}"
                      f"\x00{ln.top}\x00{ln.bottom}"))
        i += 1
    for t in page.tables:
        rows = ["\t".join(cell_from_lines(c).replace("\t", " ") for c in row) for row in t.rows]
        rows = [r if "\t" in r else r + "\t" for r in rows]
        items.append((t.bbox[1], "\n" + "\n".join(rows) + "\n"))
    items.sort(key=lambda it: it[0])
    return _join_paragraphs(items, left, right, page.width, h)


def _join_paragraphs(items: list[tuple[float, str]], left: float, right: float, width: float, h: float) -> str:
    out: list[str] = []
    prev: tuple[float, float, float, float] | None = None  # x0, x1, top, bottom of the previous prose line
    for _, text in items:
        if "\x00" not in text:
            out.append(text)
            prev = None
            continue
        body, x0, x1, top, bottom = text.split("\x00")
        fx0, fx1, ftop, fbottom = float(x0), float(x1), float(top), float(bottom)
        joins = (prev is not None and prev[1] >= right - 0.06 * width and fx0 <= left + 0.02 * width
                 and ftop - prev[3] < 1.2 * h and not _MARK.match(body) and out)
        if joins:
            out[-1] += " " + body
        else:
            if prev is not None and ftop - prev[3] > 1.2 * h:
                out.append("")
            out.append(body)
        prev = (fx0, fx1, ftop, fbottom)
    return "\n".join(out)


def pages_to_text(pages: list[Page]) -> str:
    return "\n\n".join(page_to_text(p) for p in pages)
