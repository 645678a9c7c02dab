"""What a store folder holds, decided before RocksDB is allowed near it.

RocksDB, opened for writing on a folder, deletes files it takes for its own
(``000001.log``, ``000099.sst``) and renames ``LOG``; chidao's own recovery
deletes digit-named files. So chidao opens a folder for writing only when it is
missing, empty, or a store chidao made, and it says so in a *marker* file
written at creation (:data:`MARKER`). The marker also tells a store whose
creation was killed half-way (``"state": "creating"``: RocksDB's column
families may be missing) from a finished one.

:func:`inspect_folder` classifies a folder without changing anything in it;
:func:`check_folder` turns that into a clear :class:`~chidao.errors.StoreError`
for what the caller wants to do, and :func:`mark` writes the marker.
"""

from __future__ import annotations

import enum
import json
import os
from pathlib import Path

from chidao.errors import StoreError

#: The marker file of a chidao store.
MARKER = "chidao-store.json"

#: RocksDB writes this file in every store folder it creates.
ROCKSDB_CURRENT = "CURRENT"

#: Named graphs of chidao's source files (see :func:`chidao.graph.rdf.ids.graph_iri`).
CHIDAO_GRAPHS = "https://w3id.org/chidao/graph/"


class Folder(enum.Enum):
    """What :func:`inspect_folder` found."""

    MISSING = "missing"  # no such path: a store can be created
    EMPTY = "empty"  # an empty folder: a store can be created
    CHIDAO = "chidao"  # a finished chidao store (marker "ready")
    CREATING = "creating"  # a chidao store killed while being created
    UNMARKED = "unmarked"  # an Oxigraph/RocksDB store without chidao's marker
    OTHER = "other"  # a non-empty folder that holds no store: never touched
    NOT_A_FOLDER = "not-a-folder"  # a file, a socket, …


def inspect_folder(path: Path) -> Folder:
    """Classify ``path`` (reads names and the marker; changes nothing).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     folder = Path(d)
    ...     before = inspect_folder(folder / "new"), inspect_folder(folder)
    ...     _ = (folder / "notes.txt").write_text("mine")
    ...     before + (inspect_folder(folder),)
    (<Folder.MISSING: 'missing'>, <Folder.EMPTY: 'empty'>, <Folder.OTHER: 'other'>)
    """
    try:
        if not path.exists():
            return Folder.MISSING
        if not path.is_dir():
            return Folder.NOT_A_FOLDER
        names = set(os.listdir(path))
    except OSError as exc:
        raise StoreError(
            f"cannot read the folder: {exc.strerror or exc}", source=str(path)
        ) from exc
    if not names:
        return Folder.EMPTY
    if names == {MARKER + ".tmp"}:
        return Folder.CREATING  # killed while writing the first marker
    if MARKER in names:
        state = _marker_state(path / MARKER)
        if state == "ready":
            return Folder.CHIDAO
        if state == "creating":
            return Folder.CREATING
        return Folder.OTHER  # a file of that name we did not write
    if ROCKSDB_CURRENT in names:
        return Folder.UNMARKED
    return Folder.OTHER


def _marker_state(marker: Path) -> str | None:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and data.get("format") == "chidao-store":
        state = data.get("state")
        return state if isinstance(state, str) else None
    return None


def fsync_dir(folder: Path) -> None:
    """Make the names in ``folder`` (files created, renamed or removed) durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def mark(path: Path, state: str) -> None:
    """Write the marker (``state`` ``"creating"`` or ``"ready"``) atomically and durably."""
    tmp = path / (MARKER + ".tmp")
    body = json.dumps({"format": "chidao-store", "version": 1, "state": state}) + "\n"
    try:
        with tmp.open("w", encoding="utf-8") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path / MARKER)
        fsync_dir(path)
    except OSError as exc:
        raise StoreError(
            f"cannot mark the folder as a chidao store: {exc.strerror or exc}", source=str(path)
        ) from exc


def refusal(path: Path, found: Folder, *, write: bool) -> StoreError:
    """The one-line error for a folder chidao must not use as a store."""
    where = str(path)
    if found is Folder.NOT_A_FOLDER:
        return StoreError("not a folder: a store is a folder", source=where)
    if found is Folder.OTHER:
        return StoreError(
            "this folder is not empty and is not a chidao store; nothing in it was touched: "
            "choose a new or empty folder for the store",
            source=where,
        )
    if found is Folder.CREATING:
        return StoreError(
            "the store's creation was interrupted (it holds no data yet): "
            "run `chidao ingest` to finish creating it",
            source=where,
        )
    if found is Folder.MISSING:
        return StoreError("no store here yet: run `chidao ingest` first", source=where)
    if found is Folder.EMPTY:
        return StoreError("this folder is empty: run `chidao ingest` first", source=where)
    verb = "write to" if write else "read"
    return StoreError(
        f"this folder holds an Oxigraph store that chidao did not create; chidao will not {verb} "
        "it unless told to adopt it (--adopt)",
        source=where,
    )


def store_writer(store_path: str | os.PathLike[str]) -> int | None:
    """The id of the process holding the store's write lock, if any (Linux; else ``None``).

    RocksDB takes a POSIX lock on the folder's ``LOCK`` file while a process
    has the store open for writing; ``/proc/locks`` lists it. Reading that
    list has no side effect, unlike trying the lock ourselves (closing a
    probe descriptor would drop a lock this very process holds).
    """
    try:
        st = os.stat(Path(store_path) / "LOCK")
        with open("/proc/locks", encoding="ascii") as locks:
            table = locks.read()
    except OSError:
        return None
    # "1: POSIX  ADVISORY  WRITE 20590 fe:00:2147123 0 EOF"
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in table.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[5] == wanted and fields[4].isdigit():
            return int(fields[4])
    return None


__all__ = ["CHIDAO_GRAPHS", "MARKER", "Folder", "inspect_folder", "mark", "refusal", "store_writer"]
