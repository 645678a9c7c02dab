"""Where chidao keeps its data by default."""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "CHIDAO_STORE"


def default_store_path() -> Path:
    """The embedded store's folder: ``$CHIDAO_STORE``, else ``$XDG_DATA_HOME/chidao/store``
    (``~/.local/share/chidao/store``)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "chidao" / "store"
