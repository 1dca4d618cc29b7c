"""``dost parse`` helper: exit codes and output discipline."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dost.docparse import cli, loaders

from .conftest import EXTRA, SAMPLES

SAMPLE = str(SAMPLES / "002_970b213452c10acc.txt")


def run(path: str, as_json: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run_parse(path, as_json, out, err)
    return code, out.getvalue(), err.getvalue()


def test_json_stdout_is_exactly_one_document() -> None:
    code, out, _ = run(SAMPLE, True)
    assert code == 0
    doc, end = json.JSONDecoder().raw_decode(out)
    assert out[end:].strip() == ""
    assert doc["symbol"] == "KH-KHCN"


def test_json_keeps_vietnamese_unescaped() -> None:
    _, out, _ = run(SAMPLE, True)
    assert "Kế hoạch" in out and "\\u" not in out


def test_warnings_go_to_stderr_not_stdout() -> None:
    code, out, err = run(SAMPLE, True)
    assert code == 0 and "Cảnh báo" in err and "Cảnh báo" not in out


def test_human_summary_in_vietnamese() -> None:
    code, out, _ = run(SAMPLE, False)
    assert code == 0
    assert "Nhiệm vụ: 6" in out and "Số, ký hiệu" in out


def test_bad_input_exit_2(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    code, out, err = run(str(p), True)
    assert (code, out) == (2, "")
    assert "empty.txt" in err


def test_missing_tool_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders.shutil, "which", lambda name: None)
    code, out, err = run(str(EXTRA / "ktdn_2025.doc"), True)
    assert (code, out) == (3, "")
    assert "LibreOffice" in err


def test_unexpected_error_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(path):
        raise RuntimeError("bug")

    monkeypatch.setattr(cli, "parse_file", boom)
    code, out, err = run(SAMPLE, True)
    assert (code, out) == (1, "")
    assert "bug" in err


def test_python_dash_m_entry_point() -> None:
    proc = subprocess.run([sys.executable, "-m", "dost.docparse", SAMPLE, "--json"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["tasks"][0]["ref"] == "1.1"


def test_python_dash_m_bad_arguments_exit_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "dost.docparse"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
