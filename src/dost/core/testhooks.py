"""A test-only pause at named points of background work, so a test can kill a worker mid-run deterministically.

``DOST_TEST_PAUSE="import-file=60,report-store=60"`` makes ``pause("import-file")`` sleep 60 seconds; when
``DOST_TEST_PAUSE_DIR`` is set too, an empty file named after the point is created there first, so the test
knows the worker has reached it (instead of guessing with timers). Both variables are read from the worker's
environment at every call and are never set outside tests (``tests/e2e/test_worker_kill.py``); unset, a
call costs one dictionary look-up.

Points: ``import-file`` (plans import, after each file's result and heartbeat are saved), ``report-render``
(periodic report generation, while rendering, inside the heartbeat's block) and ``report-store`` (inside the
transaction that stores the files, after the first file).
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def pause(point: str) -> None:
    spec = os.environ.get("DOST_TEST_PAUSE")
    if not spec:
        return
    seconds = dict(item.split("=", 1) for item in spec.split(",") if "=" in item).get(point)
    if seconds is None:
        return
    marker_dir = os.environ.get("DOST_TEST_PAUSE_DIR")
    if marker_dir:
        Path(marker_dir, point).touch()
    time.sleep(float(seconds))
