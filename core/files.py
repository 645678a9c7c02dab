"""Writing the user's output files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from chidao.errors import ChidaoError


def write_text_whole(text: str, path: str | Path, what: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file renamed over it, so a killed
    run or a full disk never leaves a half-written file (or a clobbered older one) behind.

    ``what`` names the file in the error (``view``, ``report``).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "v.html"
    >>> write_text_whole("<p>a</p>", p, "view").read_text()
    '<p>a</p>'

    Raises
    ------
    chidao.errors.ChidaoError
        If the file cannot be written; the older file, if any, is left as it was.
    """
    path = Path(path)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ChidaoError(f"cannot write the {what}: {exc.strerror}", source=str(path)) from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path
