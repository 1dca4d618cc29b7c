"""Recompute the derived figures in the tables of a document and report those that do not follow.

``dost verify FILE --json`` runs this on documents dost did not write (and on dost's own reports before they are
issued). Three kinds of derived figures are checked, each against the figures *as printed*:

* totals against their parts: a row whose children (by the numbering A/B, I/II, 1/2, 1.1, a/b, "-" and "+"
  bullets, or the rows under "Trong đó:" / "Chia ra:") carry figures must equal their sum, and a single
  "Tổng cộng" / "Tổng số (A+B+C+D)" row must equal the top-level rows (or the rows its formula names);
* comparison columns: percentages ("So sánh (%)", "TH 2023/ TH 2022", "Tương đối (%)", "Tỷ lệ (%)" …) and
  differences ("Tuyệt đối (+) (-)", "Chênh lệch" …), whose inputs are found from the header (kinds TH / KH /
  dự toán / chuyển nguồn and years), from a column-number row ("(5)=(4)/(3)"), or, for a bare "Tỷ lệ (%)",
  from the plan and actual columns beside it;
* explicit column formulas ("(3)=(1)+(2)") as row sums across columns.

A figure that follows from its inputs under the document's own rounding is never a finding: a stated value
with k decimals is right when it lies within half a unit of its k-th decimal of the exact value (which accepts
half-up and half-even rounding alike). Inputs that are themselves rounded widen the exact value to an interval:
a figure is taken as rounded when its column prints other figures with more decimals in rows of the same unit
(a parent "1.022" beside a child "1022,16"), and, for sums and differences, when the figures are money in nghìn/triệu/tỷ đồng (rounded
from đồng by the writer). Counts and đồng are exact. A blank cell is "not given": it is never read as zero.

Where a percentage column mixes two legitimate bases (execution / allocation on some rows and execution /
(carried-over + allocation) on others), the rows matching either are fine and the table gets one note naming
the rows on each basis; a row matching neither is a finding whose expected value is on the majority basis. A
difference column next to such a percentage column follows, row by row, the basis of its percentage.

The result is ``{"findings": [{"table", "row", "column", "stated", "expected", "rule", "note"}], "notes": []}``
(see CONTRACTS.md, "dost verify"). Pure Python like the rest of the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from os import PathLike

from .tables import RawRow, Table, _level, find_tables, logical_rows
from .text import Line, cell_text, clean_inline, fold, normalise_document, split_lines, squash

__all__ = ["verify_file", "verify_grid", "verify_tables", "verify_text"]

RULE_SUM = "sum_of_children"
RULE_TOTAL = "total"
RULE_RATIO = "ratio"
RULE_GROWTH = "growth"
RULE_DIFFERENCE = "difference"
RULE_COLUMN_SUM = "sum_of_columns"

_EPS = Decimal("1e-9")
_HUNDRED = Decimal(100)

# --------------------------------------------------------------------------------------------- figures

_FIGURE = re.compile(r"^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")


@dataclass(frozen=True)
class Figure:
    """A printed number: its exact value and the number of decimals it was printed with."""

    value: Decimal
    decimals: int

    @property
    def significant_decimals(self) -> int:
        """Decimals that carry information ("55,00" has none): shows that a column is kept finer than units."""
        return max(0, -self.value.normalize().as_tuple().exponent) if self.value else 0

    @property
    def half_unit(self) -> Decimal:
        return Decimal(5) / (Decimal(10) ** (self.decimals + 1))


def parse_figure(cell: str) -> Figure | None:
    """A table cell as a number ("1.701", "47,5", "-2.401", "105,88%"), or None when it is not one.

    Vietnamese notation only ("." groups thousands, "," marks decimals), like :func:`amounts.parse_number`;
    blanks, dashes and words are "not given".
    """
    s = squash(cell_text(cell)).replace(" ", "").replace("\u2212", "-").replace("\u2013", "-")
    s = s.removesuffix("%")
    m = _FIGURE.match(s)
    if not m:
        return None
    sign, whole, frac = m.groups()
    try:
        value = Decimal(whole.replace(".", "") + ("." + frac if frac else ""))
    except InvalidOperation:
        return None
    return Figure(-value if sign == "-" else value, len(frac or ""))


def _num(value: Decimal) -> int | float:
    """A Decimal as a JSON number: an integer when it has no fraction."""
    return int(value) if value == value.to_integral_value() else float(value)


def _fmt(value: Decimal, decimals: int | None = None) -> str:
    """Vietnamese notation for messages: 1.234.567,5."""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    else:
        value = value.normalize()  # inputs as values: "55,00" and "860,000" read 55 and 860
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + frac if frac else "")


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------- columns

_RATIO = re.compile(r"%|ty le|tuong doi|so sanh|ty trong|toc do|muc do hoan thanh|"
                    r"\b(th|kh|dt|uth|uoc)\s*\d{4}\s*/|\d{4}\s*/\s*(th|kh|dt|\d{4})")
_DIFFERENCE = re.compile(r"tuyet doi|chenh lech|tang\s*(\(\s*\+\s*\))?\s*[,/;]?\s*giam|"
                         r"\(\s*\+\s*\)\s*\(\s*-\s*\)|\(\s*\+\s*/\s*-\s*\)|\+\s*/\s*-")
_GROWTH = re.compile(r"tang truong|toc do tang|ty le tang|% tang|tang\s*\(\s*%\s*\)")
_NON_ADDITIVE = re.compile(r"don gia|binh quan|trung binh|^nam$|thoi gian|thoi han|ngay|ma so|so hieu|"
                           r"\bstt\b|ghi chu|he so|chi so|xep hang|thu hang")
_UNIT_HEADER = re.compile(r"^(don vi|dvt|don vi tinh|dv tinh)$")
_SCALED_MONEY = re.compile(r"(nghin|ngan|trieu|ty|ti)\s*(dong|d\b|vnd)")
# Kinds of figure named by headers, earliest mention wins: carried over, actual (or estimated actual),
# allocation (dự toán), plan.
_KINDS = (
    ("CN", re.compile(r"chuyen nguon|chuyen sang|nam truoc chuyen|so du|ton dong|\bcn\b")),
    ("TH", re.compile(r"uoc thuc hien|uoc th\b|thuc hien|quyet toan|\buth\b|\bth\b|giai ngan|da chi")),
    ("DT", re.compile(r"du toan|\bdt\b|giao|phe duyet|thong bao")),
    ("KH", re.compile(r"ke hoach|\bkh\b|du kien|chi tieu")),
)
_SCIENCE = re.compile(r"kh\s*&\s*cn|\bkhcn\b|kh\s*-\s*khcn|kh\s*va\s*cn")


def _kind_of(text: str) -> str | None:
    f = _SCIENCE.sub(" ", fold(text))  # "Sở KH&CN" names the science department, not a plan or carry-over
    found = [(m.start(), kind) for kind, rx in _KINDS for m in [rx.search(f)] if m]
    return min(found)[1] if found else None


def _year_of(text: str) -> int | None:
    years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    return int(years[-1]) if years else None


@dataclass
class Column:
    index: int
    path: list[str]
    role: str = "text"  # base | ratio | difference | other | unit | text | ref | label
    kind: str | None = None
    year: int | None = None
    number: str | None = None  # the number printed for it in a column-number row ("(4)")
    formula: str | None = None  # "4/3", "4-3", "1+2" from that row

    @property
    def title(self) -> str:
        return " / ".join(self.path) if self.path else f"Cột {self.index + 1}"

    @property
    def folded(self) -> str:
        return fold(" ".join(self.path))

    @property
    def quoted(self) -> str:
        """The title in «» for formulas: titles themselves contain " / "."""
        return f"«{self.title}»"

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


def _header_paths(header: list[list[str]], width: int) -> list[list[str]]:
    """Header path of every column, with horizontally merged group labels carried to every column they span.

    Exports leave a merged cell's continuation blank ("Năm 2023" | "" over "Kế hoạch" | "Thực hiện"), as do
    python-docx (see ``loaders._docx_table``) and pdfplumber; a blank upper cell whose column and left neighbour
    both have labels lower down belongs to the group on its left. A blank with nothing below is a vertical
    merge (STT, Nội dung) and stays blank.
    """
    rows = [[squash(c) for c in r] + [""] * (width - len(r)) for r in header]
    depth = len(rows)
    for r in range(depth - 1):
        for c in range(1, width):
            if rows[r][c] or not rows[r][c - 1]:
                continue
            below = any(rows[k][c] for k in range(r + 1, depth))
            left_below = any(rows[k][c - 1] for k in range(r + 1, depth))
            if below and left_below:
                rows[r][c] = rows[r][c - 1]
    paths: list[list[str]] = []
    for c in range(width):
        path: list[str] = []
        for r in range(depth):
            if rows[r][c] and (not path or path[-1] != rows[r][c]):
                path.append(rows[r][c])
        paths.append(path)
    return paths


_COLNUM_CELL = re.compile(r"^\(?\s*([0-9]{1,2}|[A-Z])\s*\)?(\s*=\s*(.+))?$")
_COLNUM_FORMULA = re.compile(r"^\(?\s*([0-9]{1,2}|[A-Z])\s*\)?(\s*[-+/:x*]\s*\(?\s*([0-9]{1,2}|[A-Z])\s*\)?)+"
                             r"(\s*[x*]\s*100\s*%?)?$")


def _column_number_row(cells: list[str]) -> list[tuple[str, str | None]] | None:
    """The row "(1) (2) (3) (4)=(3)/(2)" printed under many headers: each column's number and formula."""
    texts = [squash(cell_text(c)) for c in cells]
    filled = [t for t in texts if t]
    if len(filled) < 3 or len(filled) < len(texts) // 2:
        return None
    out: list[tuple[str, str | None]] = []
    numbers: list[str] = []
    for t in texts:
        if not t:
            out.append(("", None))
            continue
        m = _COLNUM_CELL.match(t)
        if not m:
            return None
        formula = None
        if m.group(3):
            f = m.group(3).strip()
            if not _COLNUM_FORMULA.match(f):
                return None
            formula = re.sub(r"[()\s]", "", f).replace(":", "/")
        numbers.append(m.group(1))
        out.append((m.group(1), formula))
    digits = [n for n in numbers if n.isdigit()]
    if len(digits) >= 2 and [int(d) for d in digits] != sorted(int(d) for d in digits):
        return None
    return out


# -------------------------------------------------------------------------------------------------- rows

_REF_IN_LABEL = re.compile(r"^((?:[IVX]{1,5}|[A-H]|\d{1,2}(?:\.\d{1,2})*|[a-zđ]))\s*[.)]\s+(?=\S)")
_MARKER = re.compile(r"^(trong do|chia ra|bao gom|gom|cu the|chi tiet)\s*:?$")
_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong|toan tinh|tong cong toan tinh)\s*(\(([^)]*)\))?\s*:?$")
_RATE_ROW = re.compile(r"ty le|toc do|binh quan|chi so|\(%\)|ty trong")
_CATCH_ALL = re.compile(r"\bkhac\b|con lai|\bother\b")


@dataclass
class Row:
    pos: int
    ref: str
    label: str
    level: int
    figures: list[Figure | None]
    unit: str = ""
    marker: str | None = None  # "partial" (Trong đó) or "full" (Chia ra, Bao gồm) for a label-only row
    total_formula: list[str] | None = None  # refs named by a "Tổng số (A+B+C+D)" row; [] for a bare total
    parent: Row | None = None
    via: str | None = None  # "partial"/"full": this row is a child through a breakdown label
    children: list[Row] = field(default_factory=list)
    name: str = ""

    @property
    def is_total(self) -> bool:
        return self.total_formula is not None


def _make_rows(raw_rows: list[RawRow], columns: list[Column], ref_col: int | None, label_col: int,
               unit_col: int | None) -> list[Row]:
    rows: list[Row] = []
    last = 0
    for k, raw in enumerate(raw_rows):
        cells = [cell_text(c) for c in raw.cells]
        ref = squash(cells[ref_col]).rstrip(".)") if ref_col is not None else ""
        label = squash(clean_inline(cells[label_col].replace("\n", " "))) if label_col < len(cells) else ""
        if ref in ("-", "+", "•", "–", "*"):  # a bullet printed in the number column
            ref, label = "", f"{ref} {label}"
        if not ref:
            m = _REF_IN_LABEL.match(label)
            if m:
                ref, label = m.group(1), label[m.end():]
        level = _level(ref, label, last)
        if ref:
            last = level
        figures = [parse_figure(cells[c.index]) if c.role in ("base", "ratio", "growth", "difference", "other")
                   and c.index < len(cells) else None for c in columns]
        row = Row(k, ref, label, level, figures,
                  unit=squash(cells[unit_col]) if unit_col is not None and unit_col < len(cells) else "")
        f = fold(label).strip()
        m = _MARKER.match(f)
        if m and not ref and not any(figures):
            row.marker = "partial" if m.group(1) == "trong do" else "full"
        m = _TOTAL.match(f)
        if m and not ref:
            inside = re.search(r"\(([^)]*)\)", label)
            formula = inside.group(1) if inside and "+" in inside.group(1) else ""
            row.total_formula = re.findall(r"[IVX]{1,5}|[A-Z]|\d{1,2}", formula)
        rows.append(row)
    _name_rows(rows)
    return rows


def _name_rows(rows: list[Row]) -> None:
    """Row labels for findings: reference number and label as printed, the bullet dropped; when a label repeats
    in the table every occurrence gets its ordinal among them ("Kinh phí thực hiện tự chủ (2)")."""
    base: list[str] = []
    for r in rows:
        label = re.sub(r"^[-+•–]\s*", "", r.label)
        base.append(squash(f"{r.ref} {label}") or f"Dòng {r.pos + 1}")
    counts: dict[str, int] = {}
    for b, r in zip(base, rows, strict=True):
        if r.marker is None:
            counts[b] = counts.get(b, 0) + 1
    seen: dict[str, int] = {}
    for b, r in zip(base, rows, strict=True):
        if r.marker is None and counts[b] > 1:
            seen[b] = seen.get(b, 0) + 1
            r.name = f"{b} ({seen[b]})"
        else:
            r.name = b


def _build_tree(rows: list[Row]) -> None:
    """Parents by numbering level; rows after "Trong đó:" / "Chia ra:" are a breakdown of the row above it."""
    stack: list[Row] = []
    previous: Row | None = None
    ctx: dict | None = None
    for row in rows:
        if row.is_total:
            continue
        if row.marker:
            if previous is not None:
                ctx = {"base": previous.level, "first": None, "kind": row.marker}
            continue
        if ctx is not None:
            if row.ref and row.level <= ctx["base"]:
                ctx = None
            else:
                if ctx["first"] is None:
                    ctx["first"] = row.level
                row.level = ctx["base"] + 1 + max(0, row.level - ctx["first"])
                if row.level == ctx["base"] + 1:
                    row.via = ctx["kind"]
        while stack and stack[-1].level >= row.level:
            stack.pop()
        if stack:
            row.parent = stack[-1]
            stack[-1].children.append(row)
        stack.append(row)
        previous = row


# ------------------------------------------------------------------------------------------ operations


@dataclass
class Operation:
    """How a derived column is computed: ``num`` ÷ ``den`` (× scale), ``num`` − ``den``, or a column sum."""

    column: Column
    rule: str
    num: Column | None = None
    den: Column | None = None
    parts: list[Column] = field(default_factory=list)  # for sum_of_columns
    carry: Column | None = None  # alternative basis: den + carry
    scale: Decimal = _HUNDRED


@dataclass
class _Ctx:
    """One table being verified."""

    title: str
    unit: str | None
    columns: list[Column]
    rows: list[Row]
    findings: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # (column, row unit) → most significant decimals printed there: rows of another unit (counts beside
    # money with decimals) say nothing about how a figure was rounded
    finer: dict[tuple[int, str], int] = field(default_factory=dict)
    row_basis: dict[tuple[int, int], str] = field(default_factory=dict)  # (ratio col, row) → "primary"/"alt"
    majority: dict[int, str] = field(default_factory=dict)

    def money_scaled(self, col: Column, row: Row | None = None) -> bool:
        texts = [self.unit or "", col.folded, row.unit if row else ""]
        return any(_SCALED_MONEY.search(fold(t)) for t in texts if t)

    def error(self, col: Column, fig: Figure, row: Row | None, money: bool) -> Decimal:
        """Half a unit of the figure's last printed decimal when it is rounded, else 0 (see module doc)."""
        finer = self.finer.get((col.index, fold(row.unit) if row else ""), 0)
        if fig.significant_decimals < finer or (money and self.money_scaled(col, row)):
            return fig.half_unit
        return Decimal(0)

    def add(self, row: Row, col: Column, stated: Figure, expected: Decimal, rule: str, note: str) -> None:
        self.findings.append({"table": self.title, "row": row.name, "column": col.title,
                              "stated": _num(stated.value), "expected": _num(expected), "rule": rule,
                              "note": note, "_order": (row.pos, col.index)})


def _within(stated: Figure, lo: Decimal, hi: Decimal) -> bool:
    """True when the stated figure is a rounding of some value in [lo, hi]."""
    h = stated.half_unit
    return stated.value + h + _EPS >= lo and stated.value - h - _EPS <= hi


def _ratio_interval(n: Decimal, en: Decimal, d: Decimal, ed: Decimal) -> tuple[Decimal, Decimal] | None:
    if d - ed <= 0 <= d + ed:
        return None
    corners = [(n + a) / (d + b) for a in (-en, en) for b in (-ed, ed)]
    return min(corners), max(corners)


# ------------------------------------------------------------------------------------- table analysis


def verify_tables(tables: list[Table], lines: list[Line] | None = None) -> dict:
    """Verify tables found by :func:`tables.find_tables`; ``lines`` (of the same text) give their captions."""
    findings: list[dict] = []
    notes: list[str] = []
    for k, table in enumerate(tables, start=1):
        title, unit = _caption(lines, table) if lines is not None else (table.title, table.unit)
        found, table_notes = _verify_table(table, title or table.title or f"Bảng {k}", unit or table.unit)
        findings.extend(found)
        notes.extend(table_notes)
    return {"findings": findings, "notes": notes}


def verify_text(text: str) -> dict:
    """Verify the tables of a document given as text (tab-separated rows, as ``parse_text`` reads)."""
    text = normalise_document(text)
    lines = split_lines(text)
    return verify_tables(find_tables(lines), lines)


def verify_file(path: str | PathLike[str]) -> dict:
    """Load ``path`` like ``parse_file`` (type from content: txt, docx, pdf, scans, doc) and verify its tables.

    Raises :class:`ParseError` / :class:`ToolMissingError` as the loader does. Loader warnings (OCR) become
    notes, because figures read by OCR may themselves be misread.
    """
    from .loaders import load

    loaded = load(path)
    result = verify_text(loaded.text)
    result["notes"] = list(loaded.warnings) + result["notes"]
    return result


def verify_grid(title: str, header: list[list[str]], rows: list[list[str]], unit: str | None = None) -> dict:
    """Verify one table held in memory (header rows and data rows of cell texts, merged cells left blank).

    For callers that build a report table themselves and want it checked before it is written out.
    """
    width = max([len(r) for r in header + rows] or [0])
    pad = [list(r) + [""] * (width - len(r)) for r in header]
    table = Table(title, pad, [RawRow(list(r) + [""] * (width - len(r)), i) for i, r in enumerate(rows)], 0, 0,
                  unit=unit)
    found, notes = _verify_table(table, title, unit)
    return {"findings": found, "notes": notes}


_META = re.compile(r"^\(?\s*(Kèm theo|Ban hành kèm|Đơn vị tính|ĐVT|Đvt|Đơn vị:)", re.I)
_UNIT_LINE = re.compile(r"^\(?\s*(?:Đơn vị tính|ĐVT|Đvt|Đơn vị)\s*:?\s*([^)]*)\)?$", re.I)
_HEADING = re.compile(r"^(Phụ lục|PHỤ LỤC|Biểu|BIỂU|Bảng|BẢNG|[IVX]{1,5}\s*[.\-–]|\d{1,2}\.\s)")


def _caption(lines: list[Line], table: Table) -> tuple[str, str | None]:
    """The title printed above a table and its unit line ("ĐVT: triệu đồng").

    Unlike ``tables._title_above`` this skips single blank lines between caption lines, so that a .docx and the
    PDF made from it (whose paragraphs come out blank-separated) give the same title.
    """
    parts: list[str] = []
    unit: str | None = None
    j = table.start - 1
    blanks = 0
    while j >= 0 and len(parts) < 4:
        ln = lines[j]
        j -= 1
        if ln.is_row:
            break
        if ln.blank:
            blanks += 1
            if blanks > 2:
                break
            continue
        blanks = 0
        text = ln.clean
        m = _UNIT_LINE.match(text)
        if m and len(text) < 80:
            unit = unit or squash(m.group(1)) or None
            continue
        if _META.match(text):
            continue
        if len(text) > 200 or re.match(r"^[-+•–]\s", text) or text.endswith(":") or \
                (len(text) > 80 and text.endswith((".", ";"))):
            break
        parts.append(text)
        if _HEADING.match(text):
            break
    parts.reverse()
    return squash(" ".join(parts)), unit


def _verify_table(table: Table, title: str, unit: str | None) -> tuple[list[dict], list[str]]:
    if not table.header or table.width < 2:
        return [], []
    width = table.width
    ref_col = table.ref_col
    label_col = table.label_col
    raw_rows = logical_rows(table)
    header = [list(h) for h in table.header]
    while raw_rows and _is_header_row(raw_rows[0].cells, ref_col, label_col):
        header.append([cell_text(c) for c in raw_rows.pop(0).cells])
    paths = _header_paths(header, width)
    columns = [Column(i, paths[i]) for i in range(width)]
    if raw_rows:
        numbering = _column_number_row(raw_rows[0].cells)
        if numbering is not None:
            raw_rows = raw_rows[1:]
            for col, (number, formula) in zip(columns, numbering, strict=False):
                col.number, col.formula = number or None, formula
    _classify(columns, raw_rows, ref_col, label_col)
    unit_col = next((c.index for c in columns if c.role == "unit"), None)
    rows = _make_rows(raw_rows, columns, ref_col, label_col, unit_col)
    _build_tree(rows)
    ctx = _Ctx(title, unit, columns, rows)
    for row in rows:
        for col in columns:
            fig = row.figures[col.index]
            if fig is not None:
                key = (col.index, fold(row.unit))
                ctx.finer[key] = max(ctx.finer.get(key, 0), fig.significant_decimals)

    operations: list[Operation] = []
    for col in columns:
        if col.role in ("ratio", "growth", "difference") or (col.formula and "+" in col.formula):
            op = _resolve(col, columns, rows)
            if op is None:
                if any(r.figures[col.index] for r in rows) and col.role in ("ratio", "growth", "difference"):
                    ctx.notes.append(f"Bảng «{title}», cột «{col.title}»: không xác định được cột đó tính từ "
                                     f"những cột nào nên không kiểm tra.")
                continue
            operations.append(op)

    _check_sums(ctx)
    # percentages first: a difference column follows its percentage column's basis row by row
    for op in sorted(operations, key=lambda o: o.rule != RULE_RATIO and o.rule != RULE_GROWTH):
        if op.rule in (RULE_RATIO, RULE_GROWTH):
            _check_ratio(ctx, op)
        elif op.rule == RULE_DIFFERENCE:
            _check_difference(ctx, op, operations)
        elif op.rule == RULE_COLUMN_SUM:
            _check_column_sum(ctx, op)
    ctx.findings.sort(key=lambda f: f["_order"])
    for f in ctx.findings:
        del f["_order"]
    return ctx.findings, ctx.notes


def _is_header_row(cells: list[str], ref_col: int | None, label_col: int) -> bool:
    """A header row the table reader took for data because it holds years ("2022 | 2023" under "Năm")."""
    texts = [squash(cell_text(c)) for c in cells]
    if any(texts[i] for i in (ref_col, label_col) if i is not None and i < len(texts)):
        return False
    filled = [t for t in texts if t]
    return bool(filled) and any(_is_year(t) for t in filled) and \
        all(_is_year(t) or parse_figure(t) is None for t in filled)


def _classify(columns: list[Column], raw_rows: list[RawRow], ref_col: int | None, label_col: int) -> None:
    for col in columns:
        if col.index == ref_col:
            col.role = "ref"
            continue
        if col.index == label_col:
            col.role = "label"
            continue
        f = col.folded
        cells = [squash(cell_text(r.cells[col.index])) for r in raw_rows if col.index < len(r.cells)]
        filled = [c for c in cells if c and c not in ("-", "–", "x", "X")]
        numeric = [c for c in filled if parse_figure(c) is not None]
        if _UNIT_HEADER.match(f):
            col.role = "unit"
            continue
        if not numeric or len(numeric) < 0.6 * len(filled):
            col.role = "text"
            continue
        if col.formula and re.search(r"[/\-]", col.formula):
            col.role = "ratio" if "/" in col.formula else "difference"
        else:
            col.role = _derived_role(col) or "base"
        if col.role == "base" and (_NON_ADDITIVE.search(fold(col.leaf)) or _NON_ADDITIVE.search(f)
                                   or all(_is_year(c) for c in numeric)):
            col.role = "other"  # unit prices, averages, dates, years: figures that do not add up
        if col.role == "base":
            for cell in reversed(col.path):
                col.kind = col.kind or _kind_of(cell)
                col.year = col.year or _year_of(cell)


def _is_year(cell: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d{2}", cell.strip()))


def _derived_role(col: Column) -> str | None:
    """ratio / growth / difference from the header, the leaf label deciding before its group label.

    "Tuyệt đối (+) (-)" under "So sánh …" is a difference, "Tương đối (%)" beside it a ratio, "Tăng, giảm (%)"
    a growth rate.
    """
    for f in (fold(col.leaf), col.folded):
        if _DIFFERENCE.search(f):
            return "growth" if _PERCENT.search(f) else "difference"
        if _RATIO.search(f):
            return "growth" if _GROWTH.search(f) else "ratio"
    return None


# -------------------------------------------------------------------------------- resolving operands


def _resolve(col: Column, columns: list[Column], rows: list[Row]) -> Operation | None:
    bases = [c for c in columns if c.role == "base"]
    if col.formula:
        by_number = {c.number: c for c in columns if c.number}
        terms = re.split(r"([-+/x*])", col.formula)
        names = terms[0::2]
        ops = set(terms[1::2])
        refs = [by_number.get(n) for n in names if n not in ("100", "100%")]
        if None not in refs and refs:
            if ops <= {"+"}:
                return Operation(col, RULE_COLUMN_SUM, parts=refs)  # type: ignore[arg-type]
            if len(refs) == 2 and ops & {"/"}:
                op = Operation(col, RULE_RATIO, refs[0], refs[1])
                if "100" not in col.formula and not _PERCENT.search(col.folded):
                    op.scale = _scale_from_data(op, rows)
                return _with_carry(op, bases)
            if len(refs) == 2 and ops == {"-"}:
                return _with_carry(Operation(col, RULE_DIFFERENCE, refs[0], refs[1]), bases)
        return None
    rule = {"difference": RULE_DIFFERENCE, "growth": RULE_GROWTH}.get(col.role, RULE_RATIO)
    pair, explicit = _pair_from_header(col, bases)
    if pair is None and not explicit:
        pair = _default_pair(col, bases)
    if pair is None:
        pair = _pair_from_data(col, bases, rows, rule)
    if pair is None:
        return None
    op = Operation(col, rule, pair[0], pair[1])
    if rule != RULE_DIFFERENCE and not _PERCENT.search(col.folded):
        op.scale = _scale_from_data(op, rows)
    return _with_carry(op, bases)


_PERCENT = re.compile(r"%|ty le|tuong doi|phan tram")


def _scale_from_data(op: Operation, rows: list[Row]) -> Decimal:
    """A comparison column whose header does not say "%": percent or plain ratio, whichever the data follow."""
    hits = {_HUNDRED: 0, Decimal(1): 0}
    for scale in hits:
        op.scale = scale
        for row in rows:
            ok = _ratio_status(op, row, None)
            if ok is not None and ok[0]:
                hits[scale] += 1
    return Decimal(1) if hits[Decimal(1)] > hits[_HUNDRED] else _HUNDRED


def _with_carry(op: Operation, bases: list[Column]) -> Operation:
    """Offer carried-over funds + allocation as a second legitimate denominator when the table has them."""
    if op.den is not None and op.den.kind in ("DT", "KH"):
        carry = [c for c in bases if c.kind == "CN" and c is not op.num and c is not op.den]
        if len(carry) == 1:
            op.carry = carry[0]
    return op


_SPEC_NOISE = re.compile(r"\(\s*%\s*\)|%|\(\s*\+\s*\)|\(\s*-\s*\)|\bty le\b|\bso sanh\b|\btuong doi\b|"
                         r"\btuyet doi\b|\bchenh lech\b")


def _pair_from_header(col: Column, bases: list[Column]) -> tuple[tuple[Column, Column] | None, bool]:
    """Operands named by the header: "TH 2023/ TH 2022", "So sánh ước thực hiện 6 tháng với giao dự toán".

    The flag says whether the header named operands at all: when it did but they cannot be matched to columns,
    the plan/actual default must not be guessed in their place.
    """
    explicit = False
    for cell in reversed(col.path):
        f = re.sub(r"\bso voi\b", "voi", fold(cell))
        m = re.search(r"^(?:so sanh\b)?(.*?)\bvoi\s+(.+)", f)
        if m:
            num_text, den_text = m.group(1), m.group(2)
        elif "/" in f:
            num_text, _, den_text = f.partition("/")
        else:
            continue
        num_text = _SPEC_NOISE.sub(" ", num_text).strip()
        den_text = _SPEC_NOISE.sub(" ", den_text).strip()
        explicit = True
        den = _match_spec(den_text, bases, col)
        num = _match_spec(num_text, bases, col) if num_text else _default_num(col, bases, exclude=den)
        if num is not None and den is not None and num is not den:
            return (num, den), True
    return None, explicit


def _match_spec(text: str, bases: list[Column], col: Column) -> Column | None:
    if "cung ky" in text:  # "so với cùng kỳ": only a column that says so
        same = [c for c in bases if "cung ky" in c.folded]
        return same[0] if len(same) == 1 else None
    kind = _kind_of(text)
    year = _year_of(text)
    if kind is None and year is None:
        return None
    words = set(re.findall(r"[a-z]+|\d+", text)) - {"nam", "va", "cua", "so", "voi", "dau"}
    scored: list[tuple[int, int, Column]] = []
    for c in bases:
        score = 0
        if kind is not None:
            if c.kind == kind:
                score += 4
            elif {c.kind, kind} == {"KH", "DT"}:
                score += 1
            else:
                continue
        if year is not None:
            if c.year is not None and c.year != year:
                continue
            score += 2 if c.year == year else 0
        score += len(words & set(re.findall(r"[a-z]+|\d+", c.folded)))
        scored.append((score, -abs(c.index - col.index), c))
    if not scored:
        return None
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None  # ambiguous: let the defaults or the data decide
    return scored[0][2]


def _default_num(col: Column, bases: list[Column], exclude: Column | None = None) -> Column | None:
    year = _year_of(" ".join(col.path))
    cands = [c for c in bases if c.kind == "TH" and c is not exclude and (year is None or c.year in (None, year))]
    left = [c for c in cands if c.index < col.index]
    return (left or cands)[-1] if (left or cands) else None


def _default_pair(col: Column, bases: list[Column]) -> tuple[Column, Column] | None:
    """A bare "Tỷ lệ (%)" / "Chênh lệch": actual against plan (or allocation) of the same year beside it, or
    against the previous year's actual when the table has no plan."""
    num = _default_num(col, bases)
    if num is None:
        return None
    year = _year_of(" ".join(col.path)) or num.year
    for kinds in (("KH",), ("DT",)):
        cands = [c for c in bases if c.kind in kinds and c is not num and (year is None or c.year in (None, year))]
        left = [c for c in cands if c.index < col.index]
        pick = (left or cands)
        if pick:
            return num, pick[-1]
    if num.year is not None:  # no plan: actual against the actual of the latest earlier year
        earlier = [c for c in bases if c.kind == "TH" and c.year is not None and c.year < num.year]
        if earlier:
            return num, max(earlier, key=lambda c: (c.year, c.index))
    return None


def _pair_from_data(col: Column, bases: list[Column], rows: list[Row], rule: str) -> tuple[Column, Column] | None:
    """Last resort for an unspecific header: the ordered pair of columns that explains most rows."""
    best: tuple[int, int, tuple[Column, Column]] | None = None
    for num in bases:
        for den in bases:
            if num is den:
                continue
            op = Operation(col, rule, num, den)
            checked = hits = 0
            for row in rows:
                status = _ratio_status(op, row, None) if rule != RULE_DIFFERENCE else _diff_status(op, row, None)
                if status is None:
                    continue
                checked += 1
                hits += bool(status[0])
            if checked and hits >= 2 and hits >= 0.6 * checked:
                key = (hits, -abs(col.index - den.index) - abs(col.index - num.index))
                if best is None or key > best[:2]:
                    best = (key[0], key[1], (num, den))
    return best[2] if best else None


# --------------------------------------------------------------------------------------------- checks


def _check_sums(ctx: _Ctx) -> None:
    bases = [c for c in ctx.columns if c.role == "base"]
    for row in ctx.rows:
        if row.marker or row.is_total or not row.children:
            continue
        _check_parent(ctx, row, row.children, bases, RULE_SUM, partial=any(c.via == "partial" for c in row.children))
    totals = [r for r in ctx.rows if r.is_total]
    if len(totals) == 1 and totals[0].pos in (0, len(ctx.rows) - 1):
        total = totals[0]
        roots = [r for r in ctx.rows if r.parent is None and not r.marker and not r.is_total]
        parts = roots
        if total.total_formula:
            picked: list[Row] = []
            for ref in total.total_formula:
                match = next((r for r in roots if r.ref == ref and r not in picked), None)
                if match is None:
                    picked = []
                    break
                picked.append(match)
            parts = picked or roots
        if len(parts) >= 1:
            _check_parent(ctx, total, parts, bases, RULE_TOTAL, partial=False)


def _check_parent(ctx: _Ctx, parent: Row, children: list[Row], bases: list[Column], rule: str,
                  partial: bool) -> None:
    if _RATE_ROW.search(fold(parent.label)) or parent.unit.strip() == "%":
        return  # rates and averages do not add up
    if parent.unit and any(c.unit and fold(c.unit) != fold(parent.unit) for c in children):
        return  # mixed units
    for col in bases:
        stated = parent.figures[col.index]
        if stated is None:
            continue
        given = [(c, c.figures[col.index]) for c in children if c.figures[col.index] is not None]
        if not given:
            continue  # the parts carry no figures: nothing to compare
        total = sum((f.value for _, f in given), Decimal(0))
        err = ctx.error(col, stated, parent, True) + sum((ctx.error(col, f, c, True) for c, f in given), Decimal(0))
        diff = stated.value - total
        if abs(diff) <= err + _EPS:
            continue
        all_given = len(given) == len(children)
        if diff > 0:  # the parts fall short of the stated total
            if not all_given:
                continue  # a blank part is "not given": it may hold the rest
            if partial and not any(_CATCH_ALL.search(fold(c.label)) for c in children):
                continue  # "Trong đó" may list only some of the parts
            if len(children) == 1:
                continue  # one part smaller than its whole is an "of which", not a breakdown
        elif any(f.value < 0 for _, f in given) and not all_given:
            continue
        decimals = max([stated.decimals] + [f.decimals for _, f in given])
        expected = _round(total, decimals)
        names = [c.name for c, _ in given]
        listed = ", ".join(names) if len(names) <= 6 else f"{len(names)} dòng"
        if rule == RULE_TOTAL:
            what = f"Tổng các mục {listed}"
        elif partial:
            what = f"Tổng các mục «Trong đó» ({listed})"
        else:
            what = f"Tổng các dòng con ({listed})"
        missing = "" if all_given else " (các ô để trống không được tính)"
        ctx.add(parent, col, stated, expected, rule,
                f"{what} là {_fmt(expected)}{missing}, nhưng bảng ghi {_fmt(stated.value)}.")


def _inputs(op: Operation, row: Row, basis: str | None, money: bool, ctx: _Ctx | None
            ) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    """num, its error, den, its error on ``basis`` ("alt" adds the carried-over column), or None if not given."""
    assert op.num is not None and op.den is not None
    n = row.figures[op.num.index]
    d = row.figures[op.den.index]
    if n is None or d is None:
        return None
    en = ctx.error(op.num, n, row, money) if ctx else Decimal(0)
    ed = ctx.error(op.den, d, row, money) if ctx else Decimal(0)
    dv = d.value
    if basis == "alt":
        if op.carry is None:
            return None
        c = row.figures[op.carry.index]
        if c is None:
            return None
        dv += c.value
        ed += ctx.error(op.carry, c, row, money) if ctx else Decimal(0)
    return n.value, en, dv, ed


def _ratio_value(op: Operation, n: Decimal, d: Decimal) -> Decimal:
    value = n / d * op.scale
    return value - op.scale if op.rule == RULE_GROWTH else value


def _ratio_status(op: Operation, row: Row, ctx: _Ctx | None, basis: str | None = None
                  ) -> tuple[bool, Decimal] | None:
    """(stated follows, exact value) on one basis, or None when the row cannot be checked."""
    stated = row.figures[op.column.index]
    if stated is None:
        return None
    got = _inputs(op, row, basis, False, ctx)
    if got is None:
        return None
    n, en, d, ed = got
    interval = _ratio_interval(n, en, d, ed)
    if interval is None:
        return None
    lo, hi = (_ratio_value(op, interval[0], Decimal(1)), _ratio_value(op, interval[1], Decimal(1)))
    return _within(stated, min(lo, hi), max(lo, hi)), _ratio_value(op, n, d)


def _diff_status(op: Operation, row: Row, ctx: _Ctx | None, basis: str | None = None
                 ) -> tuple[bool, Decimal] | None:
    stated = row.figures[op.column.index]
    if stated is None:
        return None
    got = _inputs(op, row, basis, True, ctx)
    if got is None:
        return None
    n, en, d, ed = got
    exact = n - d
    return _within(stated, exact - en - ed, exact + en + ed), exact


def _den_text(op: Operation, basis: str) -> str:
    assert op.den is not None
    if basis == "alt" and op.carry is not None:
        return f"({op.carry.quoted} + {op.den.quoted})"
    return op.den.quoted


def _check_ratio(ctx: _Ctx, op: Operation) -> None:
    assert op.num is not None and op.den is not None
    col = op.column
    status: dict[int, tuple[tuple[bool, Decimal] | None, tuple[bool, Decimal] | None]] = {}
    for row in ctx.rows:
        if row.marker:
            continue
        primary = _ratio_status(op, row, ctx)
        alt = _ratio_status(op, row, ctx, "alt") if op.carry is not None else None
        if primary is None and alt is None:
            continue
        status[row.pos] = (primary, alt)
    on_primary = [p for p, (a, _) in status.items() if a is not None and a[0]]
    on_alt = [p for p, (_, b) in status.items() if b is not None and b[0]]
    majority = "alt" if len(on_alt) > len(on_primary) else "primary"
    ctx.majority[col.index] = majority
    only_primary = [p for p in on_primary if p not in on_alt]
    only_alt = [p for p in on_alt if p not in on_primary]
    for pos in on_primary:
        ctx.row_basis[(col.index, pos)] = "primary"
    for pos in only_alt:
        ctx.row_basis[(col.index, pos)] = "alt"
    if only_alt:
        names = {r.pos: r.name for r in ctx.rows}
        main, other = (on_primary, only_alt) if majority == "primary" else (on_alt, only_primary)
        main_basis, other_basis = ("primary", "alt") if majority == "primary" else ("alt", "primary")
        text = (f"Bảng «{ctx.title}», cột «{col.title}»: tỷ lệ được tính theo hai cơ sở — "
                f"{op.num.quoted} / {_den_text(op, main_basis)} ở các dòng: {', '.join(names[p] for p in main)}")
        if other:
            text += (f"; {op.num.quoted} / {_den_text(op, other_basis)} ở các dòng: "
                     f"{', '.join(names[p] for p in other)}")
        ctx.notes.append(text + ". Cả hai cách đều có căn cứ nên không coi là sai; nên thống nhất một cách tính.")
    for row in ctx.rows:
        got = status.get(row.pos)
        if got is None:
            continue
        primary, alt = got
        if (primary and primary[0]) or (alt and alt[0]):
            continue
        pick = alt if majority == "alt" and alt is not None else primary
        basis = "alt" if pick is alt and pick is not None else "primary"
        if pick is None:
            continue
        stated = row.figures[col.index]
        assert stated is not None
        n, _, d, _ = _inputs(op, row, basis if basis == "alt" else None, False, None)  # type: ignore[misc]
        expected = _round(pick[1], stated.decimals)
        formula = f"{op.num.quoted} / {_den_text(op, basis)}" + (" × 100" if op.scale == _HUNDRED else "")
        if op.rule == RULE_GROWTH:
            formula += " − 100"
        ctx.add(row, col, stated, expected, op.rule,
                f"{formula} = {_fmt(n)} / {_fmt(d)}{' × 100' if op.scale == _HUNDRED else ''}"
                f"{' − 100' if op.rule == RULE_GROWTH else ''} = {_fmt(expected)}, "
                f"nhưng bảng ghi {_fmt(stated.value)}.")


def _sibling_ratio(op: Operation, operations: list[Operation]) -> Operation | None:
    for other in operations:
        if other.rule in (RULE_RATIO, RULE_GROWTH) and other.num is op.num and other.den is op.den:
            return other
    return None


def _check_difference(ctx: _Ctx, op: Operation, operations: list[Operation]) -> None:
    assert op.num is not None and op.den is not None
    col = op.column
    sibling = _sibling_ratio(op, operations)
    wrong: list[tuple[Row, Figure]] = []
    for row in ctx.rows:
        if row.marker:
            continue
        primary = _diff_status(op, row, ctx)
        alt = _diff_status(op, row, ctx, "alt") if op.carry is not None else None
        if primary is None and alt is None:
            continue
        if (primary and primary[0]) or (alt and alt[0]):
            continue
        basis = "primary"
        if sibling is not None:
            basis = ctx.row_basis.get((sibling.column.index, row.pos), ctx.majority.get(sibling.column.index,
                                                                                           "primary"))
        pick = alt if basis == "alt" else primary
        if pick is None:
            pick, basis = primary or alt, "primary" if primary else "alt"
        assert pick is not None
        stated = row.figures[col.index]
        assert stated is not None
        n, _, d, _ = _inputs(op, row, "alt" if basis == "alt" else None, True, None)  # type: ignore[misc]
        expected = _round(pick[1], stated.decimals)
        ctx.add(row, col, stated, expected, RULE_DIFFERENCE,
                f"{op.num.quoted} − {_den_text(op, basis)} = {_fmt(n)} − {_fmt(d)} = {_fmt(expected)}, "
                f"nhưng bảng ghi {_fmt(stated.value)}.")
        wrong.append((row, stated))
    _explain_difference_pattern(ctx, op, wrong)


def _explain_difference_pattern(ctx: _Ctx, op: Operation, wrong: list[tuple[Row, Figure]]) -> None:
    """When every wrong figure of a difference column follows one other formula, say which (one note)."""
    assert op.num is not None and op.den is not None
    if len(wrong) < 2:
        return
    a, b = op.num, op.den
    patterns = (
        (lambda n, d: d - n, f"{b.quoted} − {a.quoted} (ngược dấu)"),
        (lambda n, d: -(n + d), f"−({b.quoted} + {a.quoted}), tức là đã cộng thay vì trừ"),
        (lambda n, d: n + d, f"{b.quoted} + {a.quoted}, tức là đã cộng thay vì trừ"),
    )
    for formula, text in patterns:
        ok = True
        for row, stated in wrong:
            n, d = row.figures[a.index], row.figures[b.index]
            if n is None or d is None or not _within(stated, formula(n.value, d.value) - Decimal("0.5"),
                                                     formula(n.value, d.value) + Decimal("0.5")):
                ok = False
                break
        if ok:
            every = "mọi dòng" if len(wrong) == sum(1 for r in ctx.rows if r.figures[op.column.index]) \
                else f"{len(wrong)} dòng sai"
            ctx.notes.append(f"Bảng «{ctx.title}», cột «{op.column.title}»: {every} được ghi bằng {text}.")
            return


def _check_column_sum(ctx: _Ctx, op: Operation) -> None:
    col = op.column
    for row in ctx.rows:
        stated = row.figures[col.index]
        if stated is None or row.marker:
            continue
        given = [(c, row.figures[c.index]) for c in op.parts if row.figures[c.index] is not None]
        if len(given) != len(op.parts):
            continue
        total = sum((f.value for _, f in given), Decimal(0))  # type: ignore[union-attr]
        err = ctx.error(col, stated, row, True) + sum((ctx.error(c, f, row, True) for c, f in given),  # type: ignore[arg-type]
                                                      Decimal(0))
        if abs(stated.value - total) <= err + _EPS:
            continue
        decimals = max([stated.decimals] + [f.decimals for _, f in given])  # type: ignore[union-attr]
        expected = _round(total, decimals)
        ctx.add(row, col, stated, expected, RULE_COLUMN_SUM,
                f"{' + '.join(c.quoted for c in op.parts)} = {_fmt(expected)}, nhưng bảng ghi {_fmt(stated.value)}.")
