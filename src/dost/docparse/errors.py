"""Exceptions of the document parser.

Callers (the CLI, the import service) map them to exit codes and user messages, so every failure that is the
document's fault is a :class:`ParseError` and a missing system program is the narrower :class:`ToolMissingError`.
"""

from __future__ import annotations


class ParseError(Exception):
    """The input cannot be read as a document: unsupported type, empty, corrupt or encrypted."""


class ToolMissingError(ParseError):
    """A system tool the input needs (Tesseract, LibreOffice) is not installed."""
