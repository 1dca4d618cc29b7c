"""The gold-set scores stay at or above the targets, on the real samples and on the extra plans."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from dost.docparse.evaluate import evaluate, main, meets_targets

from .conftest import EXTRA, EXTRA_GOLD, GOLD, SAMPLES


def test_samples_meet_targets() -> None:
    result = evaluate(SAMPLES, GOLD)
    assert result["summary"]["documents"] == 5
    assert meets_targets(result["summary"]) == dict.fromkeys(("header", "bases_f1", "budget", "tasks_f1", "lead"),
                                                             True)


def test_extra_plans_in_every_format_meet_targets() -> None:
    result = evaluate(EXTRA, EXTRA_GOLD)
    expected = 7 if shutil.which("tesseract") and shutil.which("soffice") else 1
    assert result["summary"]["documents"] >= expected
    assert all(meets_targets(result["summary"]).values()), result["summary"]


def test_evaluator_json_output(capsys) -> None:
    assert main(["--docs", str(SAMPLES), "--gold", str(GOLD), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["tasks"]["f1"] >= 0.8


def test_evaluator_module_runs_with_defaults() -> None:
    proc = subprocess.run([sys.executable, "-m", "dost.docparse.evaluate"], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0
    assert "Header fields" in proc.stdout and "Tasks" in proc.stdout


def test_evaluator_rejects_missing_directory(tmp_path) -> None:
    assert main(["--docs", str(tmp_path / "none")]) == 2
