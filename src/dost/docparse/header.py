"""Header, preamble and closing block of an administrative document (Decree 30/2020/NĐ-CP layout).

The header gives the issuing body, "Số: 25/KH-KHCN", "Bắc Giang, ngày 25 tháng 02 năm 2019", the kind
("KẾ HOẠCH") and the title; the preamble cites legal bases; the closing block carries "Nơi nhận:" and the
signer ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / name"). Drafts leave the number, day or month blank, which must give
``None`` rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import Line, clean_inline, fold, squash, strip_marker, value_span

KINDS = {
    "KẾ HOẠCH": "Kế hoạch", "CHƯƠNG TRÌNH": "Chương trình", "QUYẾT ĐỊNH": "Quyết định", "BÁO CÁO": "Báo cáo",
    "ĐỀ ÁN": "Đề án", "TỜ TRÌNH": "Tờ trình", "THÔNG BÁO": "Thông báo", "HƯỚNG DẪN": "Hướng dẫn",
    "CHỈ THỊ": "Chỉ thị", "NGHỊ QUYẾT": "Nghị quyết", "PHƯƠNG ÁN": "Phương án",
}
_KIND_LINE = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\s*(" + "|".join(KINDS) + r")(?![\wÀ-ỹ])\s*(?:\*\*)?\s*(.*)$")

# "Số: 25/KH-KHCN", "Số: /KH-SKHCN", "Số: …/KH-UBND", "Số 54-KH/TU"
_NUMBER_LINE = re.compile(
    r"(?<![\wÀ-ỹ])Số\s*[:：.]?\s*(?P<num>\d{1,5}[a-zA-Z]?)?\s*[.…_\s]*(?P<sep>[/-])\s*"
    r"(?P<sym>[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s?[-/]\s?[A-ZĐ][A-Za-zĐđ0-9&.]*)*)")
_DATE_LINE = re.compile(
    r"(?P<place>[^,\t]{2,60}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?[\s.…_/-]*tháng\s*(?P<m>\d{1,2})?[\s.…_/-]*"
    r"năm[\s.…_/-]*(?P<y>(?:19|20)\d{2})", re.I)
_NATIONAL = re.compile(r"CỘNG H[ÒO]A|Độc lập|ĐỘC LẬP|Hạnh phúc|HẠNH PHÚC", re.I)

# Numbers of documents: "754/QĐ-UBND", "43/2022/NQ-HĐND", "1322/QĐ-TTg", Party style "36-NQ/TW".
DOC_NUMBER = re.compile(
    r"(?<![\w/.])(?:\d{1,5}(?:/(?:19|20)\d{2})?/[A-ZĐ][A-Za-zĐđ&]*(?:-[A-ZĐ][A-Za-zĐđ&]*)+"
    r"|\d{1,5}/(?:19|20)\d{2}/[A-ZĐ][A-Za-zĐđ&0-9]*(?:-[A-ZĐ][A-Za-zĐđ&0-9]*)*"
    r"|\d{1,5}/[A-ZĐ]{2,}[A-Za-zĐđ&]*-[A-ZĐ][A-Za-zĐđ&]*"
    r"|\d{1,5}-[A-ZĐ][A-Za-zĐđ]{0,4}/[A-ZĐ][A-Za-zĐđ]{1,6})(?![\w&])")

_AUTHORITY = re.compile(r"^(KT|TM|TL|TUQ|Q)\s*\.\s*(.+)$")
_ROLE_WORDS = ("GIÁM ĐỐC", "CHỦ TỊCH", "TRƯỞNG", "CHÁNH", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "BÍ THƯ", "CHI CỤC",
               "THỦ TRƯỞNG", "TỔNG", "PHÓ", "ỦY VIÊN", "THƯỜNG TRỰC")
_SIGN_NOISE = re.compile(r"^\(?\s*(đã ký|ký|ky|signed|ký tên|ký, ghi rõ|\(?ký)[^)]*\)?\s*$", re.I)


@dataclass
class Header:
    kind: str | None = None
    issuer: str | None = None
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    date: dict[str, int | None] = field(default_factory=lambda: {"year": None, "month": None, "day": None})
    title: str | None = None
    spans: dict[str, list[int]] = field(default_factory=dict)
    kind_index: int | None = None
    title_end: int | None = None  # index of the first line after the title


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


_TITLE_STOP = re.compile(
    r"^(Căn cứ|Thực hiện|Theo |Triển khai|Trên cơ sở|Nhằm|Để |Xét |Phần\s+[IVX1-9]|[IVX]+\s*[.\-–)]\s|"
    r"\d+\s*[.)]\s|[-_=*.]{3,}|\(Kèm theo|Kính gửi)", re.I)


def parse_header(lines: list[Line], limit: int) -> Header:
    """Read the header from the first lines (up to ``limit``), before the body starts."""
    h = Header()
    top = lines[:limit]
    # kind line: the first upper-case kind word standing at the start of a line
    for ln in top:
        m = _KIND_LINE.match(ln.raw) if not ln.is_row else None
        if m and not fold(m.group(2)).startswith(("so ", "so:")):
            h.kind = KINDS[m.group(1)]
            h.kind_index = ln.index
            rest = clean_inline(m.group(2))
            title_lines: list[Line] = []
            title_parts: list[str] = [rest] if rest else []
            if rest:
                title_lines.append(ln)
            j = ln.index + 1
            while j < len(lines) and j < ln.index + 12:
                nxt = lines[j]
                if nxt.is_row:
                    break
                if nxt.blank:
                    if title_parts and j + 1 < len(lines) and not _continues_title(lines, j + 1):
                        break
                    j += 1
                    continue
                text = nxt.clean
                if not title_parts:
                    # the first line under the kind is the title unless it is clearly the preamble
                    if len(text) > 300 or re.match(r"^(Căn cứ|Kính gửi|[IVX]+\s*[.\-–]\s)", text):
                        break
                elif _TITLE_STOP.match(text) or len(text) > 200:
                    break
                title_parts.append(text)
                title_lines.append(nxt)
                j += 1
            h.title_end = j
            if title_parts:
                h.title = squash(" ".join(title_parts)).strip(" -–*_")
                first, last = title_lines[0], title_lines[-1]
                start = value_span(first, rest if first is ln and rest else first.clean)[0]
                h.spans["title"] = [start, last.end - (len(last.raw) - len(last.raw.rstrip(" *_#")))]
            break
    scan = top[: h.kind_index] if h.kind_index is not None else top[:40]
    for ln in scan:
        text = ln.clean if not ln.is_row else clean_inline(ln.raw.replace("\t", "   "))
        if h.symbol is None:
            m = _NUMBER_LINE.search(text)
            if m:
                sym = re.sub(r"\s+", "", m.group("sym"))
                num = m.group("num")
                h.symbol = sym
                h.number = f"{num}{m.group('sep')}{sym}" if num else None
                h.spans["symbol"] = value_span(ln, m.group("sym"))
                if num:
                    raw = re.search(re.escape(num) + r"\s*" + re.escape(m.group("sep")), ln.raw)
                    start = ln.start + raw.start() if raw else h.spans["symbol"][0]
                    h.spans["number"] = [start, h.spans["symbol"][1]]
        if h.place is None:
            m = _DATE_LINE.search(text)
            if m:
                place = m.group("place")
                place = re.split(r"\s{2,}|\t|Số\s*:?\s*\S*\s", place)[-1]
                place = squash(place).strip(" ,.*_#")
                if place and not _NATIONAL.search(place) and len(place) <= 40:
                    h.place = place
                    h.spans["place"] = value_span(ln, place)
                d = int(m.group("d")) if m.group("d") else None
                mo = int(m.group("m")) if m.group("m") else None
                h.date = {"year": int(m.group("y")), "month": mo if mo and 1 <= mo <= 12 else None,
                          "day": d if d and 1 <= d <= 31 else None}
                at = ln.raw.find("ngày")
                h.spans["date"] = [ln.start + at if at >= 0 else ln.start, ln.end]
    h.issuer = _issuer(scan)
    if h.kind is None and h.symbol and h.symbol.split("-")[0].split("/")[0] == "KH":
        h.kind = "Kế hoạch"
    return h


def _continues_title(lines: list[Line], j: int) -> bool:
    """After a blank line, a short upper-case or non-prose line still belongs to a wrapped title."""
    while j < len(lines) and lines[j].blank:
        j += 1
    if j >= len(lines) or lines[j].is_row:
        return False
    text = lines[j].clean
    return bool(text) and not _TITLE_STOP.match(text) and len(text) < 120 and _is_caps(text)


def _issuer(scan: list[Line]) -> str | None:
    """Issuing body: the last upper-case line above "Số:" that is not the national title or motto."""
    candidates: list[str] = []
    for ln in scan:
        text = ln.clean if not ln.is_row else clean_inline(ln.raw.split("\t")[0])
        if not text:
            continue
        if _NUMBER_LINE.search(text) or _DATE_LINE.search(text):
            break
        text = re.split(r"\s{3,}", text)[0]
        text = text.strip(" -_*")
        if _NATIONAL.search(text) or not _is_caps(text) or len(text) < 4:
            continue
        if re.fullmatch(r"[-_=* ]+", text):
            continue
        candidates.append(text)
    if not candidates:
        return None
    issuer = candidates[-1]
    if len(candidates) >= 2 and (len(issuer.split()) <= 2 or re.match(r"^(TỈNH|THÀNH PHỐ|TP\.|HUYỆN|XÃ|PHƯỜNG|QUẬN|THỊ XÃ)\b", issuer)):
        issuer = f"{candidates[-2]} {issuer}"  # "ỦY BAN NHÂN DÂN / TỈNH HÒA BÌNH" is one name on two lines
    return squash(issuer)


# ------------------------------------------------------------------------------------------------ preamble


def doc_numbers(text: str) -> list[str]:
    """Numbers of documents cited in ``text`` in order of appearance, without repeats."""
    seen: list[str] = []
    for m in DOC_NUMBER.finditer(text):
        value = m.group(0).rstrip("-")
        if value not in seen:
            seen.append(value)
    return seen


def normalise_number(number: str) -> str:
    """Comparable form of a document number (case, spaces, "Đ"/"D", "&" and "-"/"–" variants)."""
    return re.sub(r"[\s&]", "", fold(number).upper().replace("–", "-"))


def parse_bases(lines: list[Line], start: int, end: int) -> list[str]:
    """Numbers of documents cited in the preamble (between the title and section I)."""
    text = " ".join(ln.clean for ln in lines[start:end] if not ln.is_row)
    return doc_numbers(text)


def parse_replaces(lines: list[Line]) -> list[str]:
    """Numbers of the plans this one replaces ("Kế hoạch này thay thế Kế hoạch số …")."""
    out: list[str] = []
    for ln in lines:
        if ln.is_row or "thay th" not in ln.clean:
            continue
        for sentence in re.split(r"(?<=[.;])\s+", ln.clean):
            m = re.search(r"thay thế\s+(.*)$", sentence, re.I)
            if m and not re.search(r"được thay thế bằng", sentence, re.I):
                for num in doc_numbers(m.group(1)):
                    if num not in out:
                        out.append(num)
    return out


# ----------------------------------------------------------------------------------------- closing block

_RECIPIENTS = re.compile(r"^\s*(?:\*\*|_)*\s*Nơi\s+nhận\s*(?:\*\*|_)*\s*:?\s*(?:\*\*|_)*\s*(.*)$", re.I)
_SUBHEAD = re.compile(r"^(Bản điện tử|Gửi bản điện tử|Bản giấy|Gửi:)\s*:?\s*$", re.I)


def find_recipients_line(lines: list[Line], start: int, end: int) -> int | None:
    for ln in lines[start:end]:
        if not ln.is_row and _RECIPIENTS.match(ln.clean):
            return ln.index
    return None


def is_signer_line(text: str) -> bool:
    """An authority or title line of the signature block ("KT. GIÁM ĐỐC", "PHÓ CHỦ TỊCH")."""
    text = text.strip(" *_")
    if not text or len(text) > 80:
        return False
    m = _AUTHORITY.match(text)
    if m and _is_caps(m.group(2)):
        return True
    return _is_caps(text) and any(text.startswith(w) or (" " + w) in text for w in _ROLE_WORDS) \
        and not text.startswith(("NƠI NHẬN", "PHỤ LỤC"))


def parse_recipients(lines: list[Line], at: int, end: int) -> tuple[list[str], int]:
    """Recipients listed after "Nơi nhận:", as printed, and the index where the list stops."""
    out: list[str] = []
    first = _RECIPIENTS.match(lines[at].clean)
    pending = first.group(1) if first else ""
    j = at + 1
    items: list[str] = []
    if pending.strip():
        items.append(pending)
    blank_run = 0
    while j < end:
        ln = lines[j]
        text = ln.clean
        if ln.is_row:
            break
        if not text:
            blank_run += 1
            if blank_run >= 3 and items:
                break
            j += 1
            continue
        blank_run = 0
        glued = re.search(r"(?<=[.;])\s*((?:KT|TM|TL|TUQ|Q)\.\s*[A-ZĐ]{2}.*)$", text)
        if glued:  # "- Lưu: VT, TĐC.KT. GIÁM ĐỐC": a signer glued to the last recipient
            items.append(text[: glued.start(1)])
            break
        if is_signer_line(text) or re.match(r"^(Phụ lục|PHỤ LỤC)", text):
            break
        if _SUBHEAD.match(text):
            j += 1
            continue
        if re.match(r"^[-+•–*]\s*", text) or not items:
            items.append(text)
        elif _looks_like_name(text):
            break
        elif items and not items[-1].rstrip().endswith((";", ".")):
            items[-1] += " " + text
        else:
            items.append(text)
        j += 1
    for item in items:
        value = strip_marker(item)
        if value:
            out.append(value)
    return out, j


def _looks_like_name(text: str) -> bool:
    words = text.strip(" *_").split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)


def parse_signer(lines: list[Line], start: int, end: int) -> tuple[dict[str, str | None] | None, list[int]]:
    """Signer block between ``start`` and ``end``: authority ("KT. GIÁM ĐỐC"), title and name."""
    on_behalf: str | None = None
    title: str | None = None
    name: str | None = None
    span: list[int] = []
    j = start
    while j < end:
        ln = lines[j]
        text = ln.clean.strip(" *_")
        j += 1
        if ln.is_row or not text:
            continue
        if title is None:
            glued = re.search(r"(?<=[.;])\s*((?:KT|TM|TL|TUQ|Q)\.\s*[A-ZĐ]{2}.*)$", text)
            if glued:
                text = glued.group(1)
            if not is_signer_line(text):
                continue
            m = _AUTHORITY.match(text)
            if m:
                authority = f"{m.group(1)}. {squash(m.group(2))}"
                # "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" on one line (PDF extraction)
                inner = re.match(r"^(.+?)\s+(PHÓ\s+.+)$", squash(m.group(2)))
                if inner:
                    authority = f"{m.group(1)}. {inner.group(1)}"
                    title = inner.group(2)
                # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH": both authorities, in printed order
                on_behalf = f"{on_behalf} {authority}" if on_behalf else authority
                continue
            title = squash(text)
            span = [ln.start, ln.end]
            continue
        if _SIGN_NOISE.match(text):
            continue
        if _looks_like_name(text):
            name = squash(text)
            span = span or [ln.start, ln.end]
            span = [span[0], ln.end] if span else [ln.start, ln.end]
            break
        if is_signer_line(text):
            continue
        if len(text) > 60:
            break
    if title is None and on_behalf is not None:
        title, on_behalf = on_behalf.split(". ", 1)[1], None
    if title is None and name is None:
        return None, []
    return {"name": name, "title": title, "on_behalf": on_behalf}, span
