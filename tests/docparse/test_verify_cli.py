"""``dost verify FILE [--json]``: exit codes and output discipline (CONTRACTS.md, "Command line")."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dost.docparse import cli, loaders, verify

from .conftest import EXTRA, SAMPLES

SAMPLE = str(SAMPLES / "001_cfb6b72ad2394691.txt")
DOST = Path(sys.executable).with_name("dost")


def run(path: str, as_json: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run_verify(path, as_json, out, err)
    return code, out.getvalue(), err.getvalue()


def test_findings_still_exit_0_with_exactly_one_json_document() -> None:
    code, out, _ = run(SAMPLE, True)
    assert code == 0
    doc, end = json.JSONDecoder().raw_decode(out)
    assert out[end:].strip() == ""
    assert len(doc["findings"]) == 21 and "Tuyệt đối" in out and "\\u" not in out


def test_human_output_is_a_vietnamese_table() -> None:
    code, out, _ = run(SAMPLE, False)
    assert code == 0
    assert "Phát hiện 21 số liệu" in out and "Đúng ra" in out and "Ghi chú:" in out
    assert "-2.401" in out and "-1.001" in out


def test_consistent_document_says_so(tmp_path: Path) -> None:
    p = tmp_path / "ok.txt"
    p.write_text("BẢNG\n\nSTT\tNội dung\tKinh phí\n1\tTổng\t3\na\tMột\t1\nb\tHai\t2\n", encoding="utf-8")
    code, out, _ = run(str(p), False)
    assert code == 0 and out.startswith("Không phát hiện")


def test_missing_file_exit_2(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "khong_co.docx"), True)
    assert (code, out) == (2, "")
    assert "khong_co.docx" in err


def test_corrupt_file_exit_2(tmp_path: Path) -> None:
    p = tmp_path / "hong.docx"
    p.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    code, out, err = run(str(p), True)
    assert (code, out) == (2, "")
    assert "hong.docx" in err


def test_missing_tool_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders.shutil, "which", lambda name: None)
    code, out, err = run(str(EXTRA / "ktdn_2025.doc"), True)
    assert (code, out) == (3, "")
    assert "LibreOffice" in err


def test_unexpected_error_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(path):
        raise RuntimeError("bug")

    monkeypatch.setattr(verify, "verify_file", boom)
    code, out, err = run(SAMPLE, True)
    assert (code, out) == (1, "")
    assert "bug" in err


def test_dost_console_script(tmp_path: Path) -> None:
    proc = subprocess.run([str(DOST), "verify", SAMPLE, "--json"], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert sorted(result) == ["findings", "notes"] and len(result["findings"]) == 21
    missing = subprocess.run([str(DOST), "verify", str(tmp_path / "khong_co.txt"), "--json"],
                             capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
