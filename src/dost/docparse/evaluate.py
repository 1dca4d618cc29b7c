"""Measure the parser against hand-written gold files.

    python -m dost.docparse.evaluate [--docs DIR] [--gold DIR] [--json]

Each ``<stem>.json`` in the gold directory applies to every document in the docs directory named
``<stem>.<ext>`` or ``<stem>.<variant>.<ext>`` (so one gold file scores the .docx, .pdf and scanned variants of
the same plan). Scores: header fields (number, symbol, place, date, title, signer), legal bases (precision,
recall, F1 on normalised numbers), budget, recipients (F1), tasks (F1 with tasks matched by title
similarity, then lead-unit and due accuracy on matched tasks), and a few secondary fields. Run it on any
held-out set the same way (``make eval-parse DOCS=dir GOLD=dir``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from . import ParseError, ToolMissingError, parse_file
from .header import normalise_number
from .similarity import match_pairs
from .text import fold

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DOCS = ROOT / "samples"
DEFAULT_GOLD = ROOT / "samples" / "gold"
HEADER_FIELDS = ("number", "symbol", "place", "date", "title", "signer")
TARGETS = {"header": 0.95, "bases_f1": 0.90, "budget": 0.90, "tasks_f1": 0.80, "lead": 0.85}
DOC_SUFFIXES = {".txt", ".docx", ".doc", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".rtf", ".bmp", ".gif"}


def _norm_text(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(str(value))).strip() if value is not None else ""


def field_equal(name: str, pred: Any, gold: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if name in ("number", "symbol"):
        return normalise_number(pred) == normalise_number(gold)
    if name == "date":
        return all(pred.get(k) == gold.get(k) for k in ("year", "month", "day"))
    if name == "signer":
        return all(_norm_text(pred.get(k)) == _norm_text(gold.get(k)) for k in ("name", "title", "on_behalf"))
    return _norm_text(pred) == _norm_text(gold)


class Counter:
    """True positives / predicted / gold counts for micro-averaged precision, recall and F1."""

    def __init__(self) -> None:
        self.tp = self.pred = self.gold = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def scores(self) -> dict[str, float]:
        p = self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


class Ratio:
    def __init__(self) -> None:
        self.ok = self.n = 0

    def add(self, ok: bool) -> None:
        self.ok += bool(ok)
        self.n += 1

    def value(self) -> float | None:
        return round(self.ok / self.n, 4) if self.n else None


def _set_counts(pred: list[str], gold: list[str], norm) -> tuple[int, int, int]:
    p = {norm(x) for x in pred}
    g = {norm(x) for x in gold}
    return len(p & g), len(p), len(g)


def documents_for(stem: str, docs: Path) -> list[Path]:
    return sorted(p for p in docs.iterdir() if p.is_file() and p.suffix.lower() in DOC_SUFFIXES
                  and p.name.split(".")[0] == stem)


def evaluate(docs: Path = DEFAULT_DOCS, gold_dir: Path = DEFAULT_GOLD) -> dict[str, Any]:
    fields = {f: Ratio() for f in HEADER_FIELDS}
    bases, recipients, tasks, replaces, targets = Counter(), Counter(), Counter(), Counter(), Counter()
    budget, lead, due, issuer, tables, conflicts = Ratio(), Ratio(), Ratio(), Ratio(), Ratio(), Ratio()
    per_doc: list[dict[str, Any]] = []
    skipped: list[str] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for doc in documents_for(gold_path.stem, docs):
            try:
                pred = parse_file(doc)
            except ToolMissingError as exc:
                skipped.append(f"{doc.name}: {exc}")
                continue
            except ParseError as exc:
                pred = {"error": str(exc)}
            row: dict[str, Any] = {"document": doc.name}
            if "error" in pred:
                row["error"] = pred["error"]
            wrong = [f for f in HEADER_FIELDS if not field_equal(f, pred.get(f), gold.get(f))]
            for f in HEADER_FIELDS:
                fields[f].add(f not in wrong)
            row["header_wrong"] = wrong
            if "issuer" in gold:
                issuer.add(field_equal("issuer", pred.get("issuer"), gold.get("issuer")))
            counts = _set_counts(pred.get("bases", []), gold.get("bases", []), normalise_number)
            bases.add(*counts)
            row["bases"] = f"{counts[0]}/{counts[1]}/{counts[2]}"
            replaces.add(*_set_counts(pred.get("replaces", []), gold.get("replaces", []), normalise_number))
            budget.add(pred.get("budget_vnd") == gold.get("budget_vnd"))
            recipients.add(*_set_counts(pred.get("recipients", []), gold.get("recipients", []), _norm_text))
            ptasks, gtasks = pred.get("tasks", []), gold.get("tasks", [])
            pairs = match_pairs([t["title"] for t in ptasks], [t["title"] for t in gtasks])
            tasks.add(len(pairs), len(ptasks), len(gtasks))
            lead_ok = due_ok = 0
            for i, j, _ in pairs:
                ok_lead = _norm_text(ptasks[i].get("lead")) == _norm_text(gtasks[j].get("lead"))
                ok_due = ptasks[i].get("due") == gtasks[j].get("due")
                lead.add(ok_lead)
                due.add(ok_due)
                lead_ok += ok_lead
                due_ok += ok_due
            row["tasks"] = f"{len(pairs)} matched of {len(ptasks)} found / {len(gtasks)} gold; lead {lead_ok}, due {due_ok}"
            tkey = lambda t: f"{t.get('value')}|{_norm_text(t.get('unit'))}"  # noqa: E731
            targets.add(*_set_counts([tkey(t) for t in pred.get("targets", [])],
                                     [tkey(t) for t in gold.get("targets", [])], str))
            gt = [_norm_text(t["title"]) for t in gold.get("tables", [])]
            pt = [_norm_text(t["title"]) for t in pred.get("tables", [])]
            for title in gt:
                tables.add(title in pt)
            if "conflicts" in gold:
                found = sum("phụ lục" in w for w in pred.get("warnings", []))
                conflicts.add(found == gold["conflicts"])
            per_doc.append(row)
    header_values = [r.value() for r in fields.values() if r.value() is not None]
    summary = {
        "documents": len(per_doc),
        "header": round(sum(header_values) / len(header_values), 4) if header_values else None,
        "header_fields": {f: r.value() for f, r in fields.items()},
        "bases": bases.scores(),
        "budget": budget.value(),
        "recipients": recipients.scores(),
        "tasks": tasks.scores(),
        "lead": lead.value(),
        "due": due.value(),
        "secondary": {"issuer": issuer.value(), "replaces": replaces.scores(), "targets": targets.scores(),
                      "table_titles": tables.value(), "conflict_warnings": conflicts.value()},
    }
    return {"summary": summary, "documents": per_doc, "skipped": skipped, "targets": TARGETS}


def meets_targets(summary: dict[str, Any]) -> dict[str, bool]:
    return {
        "header": (summary["header"] or 0) >= TARGETS["header"],
        "bases_f1": summary["bases"]["f1"] >= TARGETS["bases_f1"],
        "budget": (summary["budget"] or 0) >= TARGETS["budget"],
        "tasks_f1": summary["tasks"]["f1"] >= TARGETS["tasks_f1"],
        "lead": (summary["lead"] if summary["lead"] is not None else 1.0) >= TARGETS["lead"],
    }


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.1f} %"


def print_report(result: dict[str, Any], out=sys.stdout) -> None:
    s = result["summary"]
    ok = meets_targets(s)
    mark = lambda k: "ok" if ok[k] else "BELOW TARGET"  # noqa: E731
    print(f"Documents scored: {s['documents']}", file=out)
    for row in result["documents"]:
        extra = f"  ERROR {row['error']}" if "error" in row else ""
        wrong = ", ".join(row["header_wrong"]) or "-"
        print(f"  {row['document']}: header wrong: {wrong}; bases {row['bases']}; tasks {row['tasks']}{extra}",
              file=out)
    for note in result["skipped"]:
        print(f"  skipped {note}", file=out)
    print(f"Header fields        {_pct(s['header'])}  (target ≥ 95 %) {mark('header')}", file=out)
    for f, v in s["header_fields"].items():
        print(f"  {f:<18} {_pct(v)}", file=out)
    b = s["bases"]
    print(f"Legal bases          P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}  (target ≥ 0.90) "
          f"{mark('bases_f1')}", file=out)
    print(f"Budget               {_pct(s['budget'])}  (target ≥ 90 %) {mark('budget')}", file=out)
    r = s["recipients"]
    print(f"Recipients           P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}", file=out)
    t = s["tasks"]
    print(f"Tasks                P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}  (target ≥ 0.80) "
          f"{mark('tasks_f1')}", file=out)
    print(f"  lead unit          {_pct(s['lead'])}  (target ≥ 85 %) {mark('lead')}", file=out)
    print(f"  due                {_pct(s['due'])}", file=out)
    sec = s["secondary"]
    print(f"Secondary: issuer {_pct(sec['issuer'])}, replaces F1 {sec['replaces']['f1']:.3f}, targets F1 "
          f"{sec['targets']['f1']:.3f}, table titles {_pct(sec['table_titles'])}, conflict warnings "
          f"{_pct(sec['conflict_warnings'])}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dost.docparse.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="directory of documents")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="directory of gold JSON files")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    for d in (args.docs, args.gold):
        if not d.is_dir():
            print(f"not a directory: {d}", file=sys.stderr)
            return 2
    result = evaluate(args.docs, args.gold)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
