"""Text of legacy Word (``.doc``, Word 97–2003), RTF and OpenDocument (``.odt``) files:
LibreOffice converts them to ``.docx`` (``soffice --headless --convert-to docx``),
which :mod:`chidao.extract.read_docx` reads.

Going through ``.docx`` keeps what the DOCX reader knows: tables cell by cell
(the two-column header), text boxes, and the font of every run, so text typed
in the legacy TCVN3/VNI fonts (``.VnTime``, ``VNI-Times``) is repaired the same
way.  Each conversion runs in a fresh temporary folder with its own
LibreOffice profile (conversions in parallel workers do not share one), is
bounded by :data:`TIMEOUT`, and dies with its caller.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from chidao.errors import InputError

#: How to install the converter, for the message when it is missing.
INSTALL = "apt-get install libreoffice-writer-nogui"
#: Seconds one conversion may take (LibreOffice starts in 2–5 s; a 100-page .doc is ~10 s).
TIMEOUT = 120
#: The name Word 97–2003 gives its text stream inside the OLE2 container (UTF-16LE).
WORD_STREAM = "WordDocument".encode("utf-16-le")

#: What each kind is called in messages, by the suffix given to LibreOffice.
KINDS = {
    "doc": "legacy Word 97-2003 document",
    "rtf": "RTF document",
    "odt": "OpenDocument text",
}


@functools.cache
def soffice() -> tuple[str | None, str]:
    """(path of LibreOffice's ``soffice``, its version) or (None, "") when not installed."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        return None, ""
    try:
        out = subprocess.run(
            [path, "--headless", "--version"],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=_die_with_caller,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None, ""
    words = out.split()
    version = " ".join(words[:2]) if len(words) >= 2 else "LibreOffice"
    return path, version


def available() -> bool:
    """Whether LibreOffice is installed here."""
    return soffice()[0] is not None


def convert_to_docx(data: bytes, source: str, kind: str) -> tuple[bytes, str]:
    """The ``.docx`` LibreOffice makes of a ``kind`` (``doc``, ``rtf``, ``odt``) file, and
    the converter's name and version; :class:`InputError` naming ``source`` otherwise."""
    what = KINDS[kind]
    path, version = soffice()
    if path is None:
        raise InputError(f"{what}: reading it needs LibreOffice ({INSTALL})", source=source)
    with tempfile.TemporaryDirectory(prefix="chidao-convert-") as tmp:
        folder = Path(tmp)
        src = folder / f"in.{kind}"
        src.write_bytes(data)
        out = folder / "out"
        cmd = [
            path,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(src),
        ]
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: a timeout ends all of it
            preexec_fn=_die_with_caller,
        )
        try:
            log, _ = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise InputError(
                f"{what}: LibreOffice did not convert it within {TIMEOUT} s", source=source
            ) from None
        result = out / "in.docx"
        if proc.returncode != 0 or not result.is_file():
            detail = " ".join(log.decode("utf-8", "replace").split())[:200]
            raise InputError(
                f"damaged {what}: LibreOffice could not convert it ({detail or 'no output'})",
                source=source,
            )
        return result.read_bytes(), version


def _die_with_caller() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the converter gets SIGKILL when the process that started it dies."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
