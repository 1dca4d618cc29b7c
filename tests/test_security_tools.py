"""bandit stays clean in CI: no medium or high finding, and every exception is justified in docs/SECURITY.md.

pip-audit needs PyPI's vulnerability API (network), so it runs only in ``make audit``, not here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECURITY = ROOT / "docs" / "SECURITY.md"
NOSEC = re.compile(r"#\s*nosec\b(?P<ids>[^\n]*)")

pytestmark = [
    pytest.mark.pure,
    pytest.mark.skipif(importlib.util.find_spec("bandit") is None, reason="bandit is not installed"),
]


def _justifications() -> list[str]:
    return [line for line in SECURITY.read_text(encoding="utf-8").splitlines() if line.startswith("- B")]


def _nosec_comments() -> list[tuple[str, str, int]]:
    """(test id, path, line) of every ``# nosec`` in src/; a bare ``# nosec`` yields the id ``""``."""
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = NOSEC.search(line)
            if match:
                ids = re.findall(r"B\d{3}", match["ids"]) or [""]
                found += [(test_id, path.relative_to(ROOT).as_posix(), number) for test_id in ids]
    return found


def test_bandit_finds_nothing_of_medium_or_high_severity():
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", "src", "-c", "pyproject.toml", "-f", "json", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    report = json.loads(result.stdout)
    assert report["errors"] == []
    serious = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
               for r in report["results"] if r["issue_severity"] in {"MEDIUM", "HIGH"}]
    assert serious == [], "fix these, or justify them with `# nosec BXXX` and a line in docs/SECURITY.md"


def test_every_nosec_names_its_test_and_is_justified():
    lines = _justifications()
    unjustified = [f"{path}:{number} {test_id or 'bare # nosec'}" for test_id, path, number in _nosec_comments()
                   if not test_id or not any(test_id in line and path in line for line in lines)]
    assert unjustified == [], "name the test (# nosec BXXX) and add `- BXXX path: reason` to docs/SECURITY.md"


def test_every_skipped_test_is_justified():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["bandit"]
    lines = _justifications()
    missing = [test_id for test_id in config.get("skips", []) if not any(test_id in line for line in lines)]
    missing += [f"B101 {glob}" for glob in config.get("assert_used", {}).get("skips", [])
                if not any("B101" in line and glob.strip("*/") in line for line in lines)]
    assert missing == []
