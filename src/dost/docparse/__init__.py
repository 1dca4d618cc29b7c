"""Reader of the Department's administrative plans (kế hoạch).

Pure Python: no Django, nothing from dost outside this package. ``parse_file`` accepts .txt, .docx, .pdf (text
layer or scanned), images and old .doc; ``parse_text`` takes text already extracted. Both return the JSON-able
structure fixed by CONTRACTS.md ("dost parse"): header fields with ``spans`` into ``text``, legal bases,
replaced plans, budget, signer, recipients, tasks, targets, tables and warnings.

Every failure caused by the input is a :class:`ParseError` (a missing Tesseract/LibreOffice is the subclass
:class:`ToolMissingError`), so callers can map errors to exit codes without catching anything broader.
"""

from __future__ import annotations

from os import PathLike

from .errors import ParseError, ToolMissingError

__all__ = ["ParseError", "ToolMissingError", "parse_file", "parse_text"]


def parse_text(text: str) -> dict:
    """Parse the text of a plan (UTF-8 export: plain lines, tab rows, Markdown or HTML fragments)."""
    from .parser import parse_document

    try:
        return parse_document(text)
    except ParseError:
        raise
    except RecursionError as exc:  # pathological nesting in fragments
        raise ParseError(f"không đọc được văn bản: {exc}") from exc


def parse_file(path: str | PathLike[str]) -> dict:
    """Load ``path`` (type detected from its content) and parse it."""
    from .loaders import load
    from .parser import parse_document

    loaded = load(path)
    return parse_document(loaded.text, warnings=loaded.warnings)
