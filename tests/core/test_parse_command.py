import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _dost(*args):
    return subprocess.run([sys.executable, "-m", "dost.cli", *args], capture_output=True, text=True, timeout=120)


def test_dost_parse_prints_exactly_one_json_document():
    result = _dost("parse", str(SAMPLES / "003_939a8cc7529e5ded.txt"), "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["number"] == "25/KH-KHCN"


def test_dost_parse_missing_file_exits_2_with_message_on_stderr():
    result = _dost("parse", "/khong/co/tep.pdf", "--json")
    assert result.returncode == 2 and result.stdout == "" and "tep.pdf" in result.stderr
