"""Command-line helpers behind ``dost parse FILE [--json]`` (and ``python -m dost.docparse FILE --json``) and
``dost verify FILE [--json]``.

Exit codes follow CONTRACTS.md: 0 success (for ``verify`` also when it reports findings: the answer is in the
output), 2 bad input (ParseError), 3 a required system tool is missing (ToolMissingError), 1 anything else.
With ``--json`` stdout carries exactly one JSON document.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from . import ParseError, ToolMissingError, parse_file


def _run(read, path: str, as_json: bool, stdout: TextIO, stderr: TextIO, render, doing: str) -> dict | int:
    """Read ``path`` with ``read`` and print the result; the exit code per CONTRACTS.md, or the result."""
    try:
        result = read(path)
    except ToolMissingError as exc:
        print(f"Lỗi: {exc}", file=stderr)
        return 3
    except ParseError as exc:
        print(f"Lỗi: {exc}", file=stderr)
        return 2
    except Exception as exc:  # a bug must not look like bad input
        print(f"Lỗi không mong đợi khi {doing} {path}: {type(exc).__name__}: {exc}", file=stderr)
        return 1
    try:
        if as_json:
            stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            stdout.write("\n")
        else:
            stdout.write(render(result))
        stdout.flush()
    except (OSError, ValueError) as exc:
        print(f"Lỗi ghi kết quả: {exc}", file=stderr)
        return 1
    return result


def run_parse(path: str, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    result = _run(parse_file, path, as_json, stdout, stderr, summary, "đọc")
    if isinstance(result, int):
        return result
    for warning in result.get("warnings", []):
        print(f"Cảnh báo: {warning}", file=stderr)
    return 0


def run_verify(path: str, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    """``dost verify``: recompute the derived figures of the tables in ``path`` (see ``verify.py``)."""
    from .verify import verify_file

    result = _run(verify_file, path, as_json, stdout, stderr, verify_summary, "kiểm tra")
    return result if isinstance(result, int) else 0


_RULE_NAMES = {
    "sum_of_children": "tổng dòng con",
    "total": "dòng tổng",
    "ratio": "tỷ lệ",
    "growth": "tăng trưởng",
    "difference": "chênh lệch",
    "sum_of_columns": "tổng các cột",
}


def _vn_number(value: float | int) -> str:
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.10f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _clip(text: str, width: int, keep_end: bool = False) -> str:
    if len(text) <= width:
        return text
    return "…" + text[-(width - 1):] if keep_end else text[: width - 1] + "…"


def verify_summary(result: dict) -> str:
    """Findings as one Vietnamese table per document table, each followed by the explanations, then the notes."""
    findings = result.get("findings") or []
    notes = result.get("notes") or []
    lines: list[str] = []
    if not findings:
        lines.append("Không phát hiện số liệu nào không khớp với cách tính của nó.")
    else:
        lines.append(f"Phát hiện {len(findings)} số liệu không khớp với cách tính của nó.")
    by_table: dict[str, list[dict]] = {}
    for f in findings:
        by_table.setdefault(f["table"], []).append(f)
    for title, items in by_table.items():
        lines += ["", f"Bảng: {title}"]
        rows = [("#", "Dòng", "Cột", "Ghi", "Đúng ra", "Quy tắc")]
        for k, f in enumerate(items, start=1):
            rows.append((str(k), _clip(f["row"], 38), _clip(f["column"], 38, keep_end=True),
                         _vn_number(f["stated"]), _vn_number(f["expected"]), _RULE_NAMES.get(f["rule"], f["rule"])))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            cells = [c.rjust(w) if i in (0, 3, 4) else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))]
            lines.append("  " + "  ".join(cells).rstrip())
        lines.append("  Giải thích:")
        for k, f in enumerate(items, start=1):
            lines.append(f"  {k}. {f['note']}")
    if notes:
        lines += ["", "Ghi chú:"]
        lines += [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


def _date(d: dict | None) -> str:
    if not d or not d.get("year"):
        return "—"
    day = f"{d['day']:02d}" if d.get("day") else ".."
    month = f"{d['month']:02d}" if d.get("month") else ".."
    return f"{day}/{month}/{d['year']}"


def summary(r: dict) -> str:
    """Short human-readable Vietnamese summary of a parse result."""
    lines = [
        f"Loại văn bản: {r.get('kind') or '—'}",
        f"Cơ quan ban hành: {r.get('issuer') or '—'}",
        f"Số, ký hiệu: {r.get('number') or ('(chưa có số) /' + r['symbol'] if r.get('symbol') else '—')}",
        f"Địa danh, ngày: {r.get('place') or '—'}, {_date(r.get('date'))}",
        f"Trích yếu: {r.get('title') or '—'}",
        f"Căn cứ: {', '.join(r.get('bases') or []) or '—'}",
    ]
    if r.get("replaces"):
        lines.append(f"Thay thế: {', '.join(r['replaces'])}")
    budget = r.get("budget_vnd")
    lines.append(f"Kinh phí: {budget:,} đồng".replace(",", ".") if budget is not None else "Kinh phí: —")
    signer = r.get("signer") or {}
    if signer:
        who = " ".join(x for x in (signer.get("on_behalf"), signer.get("title")) if x)
        lines.append(f"Người ký: {signer.get('name') or '—'} ({who})")
    lines.append(f"Nơi nhận: {len(r.get('recipients') or [])} nơi")
    tasks = r.get("tasks") or []
    lines.append(f"Nhiệm vụ: {len(tasks)}")
    for t in tasks:
        title = t["title"] if len(t["title"]) <= 90 else t["title"][:89] + "…"
        lines.append(f"  {t.get('ref') or '-'}. {title} — chủ trì: {t.get('lead') or '—'}; hạn: {t.get('due') or '—'}")
    if r.get("targets"):
        lines.append(f"Chỉ tiêu: {len(r['targets'])}")
    lines.append(f"Bảng: {len(r.get('tables') or [])}")
    for w in r.get("warnings") or []:
        lines.append(f"Lưu ý: {w}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dost.docparse",
                                     description="Đọc cấu trúc một kế hoạch (txt, docx, pdf, ảnh, doc).")
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true", help="in đúng một tài liệu JSON ra stdout")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad arguments, which matches "bad input"
        return int(exc.code or 0)
    return run_parse(args.file, args.json, sys.stdout, sys.stderr)
