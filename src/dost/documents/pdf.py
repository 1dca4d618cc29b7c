"""PDF through LibreOffice headless: the .docx is the master, the PDF is what gets printed, signed and sent.

Each call runs its own ``soffice`` with a private user profile (``-env:UserInstallation``), because two
instances sharing a profile block each other; a profile initialised once per process is copied for each call,
which saves LibreOffice's first-start work (0.2 s of the 1.2–1.5 s a page takes) on every later conversion.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from dost.docparse.errors import ToolMissingError
from dost.docparse.loaders import soffice_path

from .docx import render_docx
from .model import AdministrativeDocument, RenderError

TIMEOUT_SECONDS = 120

_template_lock = threading.Lock()
_template_profile: Path | None = None


def render_pdf(doc: AdministrativeDocument, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The document as PDF (its .docx converted by LibreOffice)."""
    return docx_to_pdf(render_docx(doc), timeout=timeout)


def docx_to_pdf(data: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert a .docx (bytes) to PDF (bytes).

    Raises :class:`~dost.docparse.errors.ToolMissingError` when LibreOffice is not installed (exit code 3 in
    the CLI) and :class:`RenderError` when the conversion fails or takes longer than ``timeout`` seconds.
    """
    try:
        exe = soffice_path()
    except ToolMissingError as exc:
        raise ToolMissingError("Thiếu LibreOffice (soffice) để xuất văn bản ra PDF; "
                               "cài đặt: apt-get install libreoffice-writer-nogui fonts-liberation2") from exc
    with tempfile.TemporaryDirectory(prefix="dost-pdf-") as tmp:
        work = Path(tmp)
        src = work / "document.docx"
        src.write_bytes(data)
        profile = work / "profile"
        template = _template_profile
        if template is not None and template.is_dir():
            shutil.copytree(template, profile, symlinks=True)
        _convert(exe, src, profile, work, timeout)
        out = work / "document.pdf"
        if not out.exists():
            raise RenderError("LibreOffice không tạo được tệp PDF từ văn bản")
        if template is None:
            _keep_template(profile)
        return out.read_bytes()


def _convert(exe: str, src: Path, profile: Path, outdir: Path, timeout: float) -> None:
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
           "--nodefault", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir),
           str(src)]
    env = {**os.environ, "HOME": str(outdir), "SAL_USE_VCLPLUGIN": "svp"}
    try:
        # A session of its own: on timeout the whole group goes, including the soffice.bin that the
        # soffice wrapper script starts and that would otherwise survive it.
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,  # nosec B603
                                start_new_session=True)
    except OSError as exc:
        raise ToolMissingError(f"Không chạy được LibreOffice: {exc}") from exc
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        raise RenderError(f"LibreOffice chuyển văn bản sang PDF quá {timeout:g} giây") from exc
    except BaseException:
        _kill_group(proc)
        raise
    if proc.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip()[-300:]
        raise RenderError(f"LibreOffice không chuyển được văn bản sang PDF (mã {proc.returncode}): {detail}")


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.communicate()


def _keep_template(profile: Path) -> None:
    """Keep the first freshly initialised profile as the template for later calls of this process."""
    global _template_profile
    with _template_lock:
        if _template_profile is not None or not profile.is_dir():
            return
        keep = Path(tempfile.mkdtemp(prefix="dost-soffice-profile-")) / "profile"
        try:
            shutil.copytree(profile, keep, symlinks=True)
        except OSError:
            return
        _template_profile = keep
        atexit.register(shutil.rmtree, keep.parent, True)
