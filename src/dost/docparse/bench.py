"""Throughput of text-layer parsing, for ``make bench`` (not asserted in unit tests: timing is machine-bound).

    python -m dost.docparse.bench [FILES...]   # defaults to the repository's sample plans
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import parse_file, parse_text
from .loaders import load


def throughput(paths: Sequence[str | Path], seconds: float = 3.0) -> float:
    """Documents parsed per second on one core, cycling through ``paths`` for about ``seconds``.

    Files are read and parsed each time (text-layer formats); the first pass is a warm-up so imports and
    regex compilation are not counted.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("no documents to benchmark")
    for p in paths:
        parse_file(p)
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for p in paths:
            parse_file(p)
            count += 1
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - start)


def text_throughput(paths: Sequence[str | Path], seconds: float = 3.0) -> float:
    """Like :func:`throughput` on already loaded text (parser cost alone)."""
    texts = [load(p).text for p in paths]
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for t in texts:
            parse_text(t)
            count += 1
    return count / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parents[3] / "samples"
    paths = [Path(a) for a in args] or sorted(root.glob("*.txt"))
    rate = throughput(paths)
    print(f"docparse: {rate:.1f} documents/second over {len(paths)} documents (target ≥ 50)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
