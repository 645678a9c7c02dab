"""Rewrite an embedded store in ONE bulk load, then put it in the old one's place.

Why: Oxigraph's RocksDB leaves its first two levels uncompressed, and the data
of many bulk loads (one per ingest batch) and of RocksDB's own compactions
lands there; one bulk load of the whole store writes sorted, compressed files
at the bottom level instead. On the generated 10^4-document store that is 290
instead of 435 bytes per quad (``bench/step_ingest.py`` reports both), and the
store reads as a fully compacted one. ``chidao optimize`` does this by default
when the disk has room for a second copy; :meth:`OxigraphStore.optimize`
(RocksDB's compaction in place) is the fallback.

How, without ever leaving the user without a whole store:

1. the store's quads are streamed (N-Quads through a named pipe, no temporary file)
   into a new store beside it, ``<store>.rebuild``, marked ``creating`` until
   it is complete and flushed, then ``ready``;
2. the old store is renamed ``<store>.pre-rebuild``, the new one renamed into its
   place, and the old one deleted.

A kill during step 1 leaves the old store untouched and a ``<store>.rebuild``
that the next opening deletes; a kill between the two renames of step 2 leaves
both copies whole, and the next opening (:func:`finish_rebuild`) puts the new
one in place (or, were it not ready, the old one back).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from chidao.errors import StoreError
from chidao.graph.store.folder import Folder, fsync_dir, inspect_folder, mark

#: Free disk wanted beyond the store's own size before a rebuild starts (a rebuilt
#: store is smaller than the original, never larger; the margin is for RocksDB).
HEADROOM = 1.1


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What :func:`rebuild_store` did: the quads copied and the sizes before and after."""

    quads: int
    bytes_before: int
    bytes_after: int


def _new(path: Path) -> Path:
    return path.with_name(path.name + ".rebuild")


def _old(path: Path) -> Path:
    return path.with_name(path.name + ".pre-rebuild")


def folder_bytes(path: Path) -> int:
    """Bytes of the files directly in ``path`` (a store folder has no sub-folders)."""
    return sum(e.stat().st_size for e in os.scandir(path) if e.is_file(follow_symlinks=False))


def room_to_rebuild(path: Path) -> bool:
    """Whether the disk holding ``path`` has room for a second copy of the store."""
    return shutil.disk_usage(path.parent).free >= HEADROOM * folder_bytes(path)


def _ours(folder: Path) -> bool:
    """A folder chidao made as a store (finished or not; empty if killed before its
    marker was written): never delete anything else."""
    return inspect_folder(folder) in (Folder.CHIDAO, Folder.CREATING, Folder.EMPTY)


def finish_rebuild(path: Path, *, write: bool) -> None:
    """Settle what a killed rebuild left beside the store at ``path``.

    Called before the store is opened. The store is put back in place whatever
    the moment of the kill; with ``write`` the copies no longer needed are deleted.
    """
    new, old = _new(path), _old(path)
    if old.exists() and _ours(old):
        if not path.exists():
            # Killed between the two renames: the new copy if it was finished, else the old.
            finished = new.exists() and inspect_folder(new) is Folder.CHIDAO
            os.rename(new if finished else old, path)
            fsync_dir(path.parent)
        if write and old.exists():
            shutil.rmtree(old)
    if write and new.exists() and _ours(new):
        shutil.rmtree(new)  # a rebuild killed before its copy was finished


def rebuild_store(held: list[ox.Store], path: Path) -> Rebuilt:
    """Rewrite the store open for writing at ``path`` by one bulk load, and swap it in.

    ``held`` holds the only reference to the open database: it is taken out and
    closed before the folders are renamed (a database still open would write into
    the folder that replaced its own). On failure it is put back, unchanged.

    Raises
    ------
    StoreError
        When the copy cannot be made (the original is then left as it was).
    """
    new = _new(path)
    before = folder_bytes(path)
    if new.exists():
        if not _ours(new):
            msg = f"{new.name} exists and is not chidao's: nothing was changed"
            raise StoreError(msg, source=str(path))
        shutil.rmtree(new)
    db = held.pop()
    try:
        new.mkdir()
        mark(new, "creating")
        target = ox.Store(str(new))
        # The pipe in the system's temporary folder: never in the user's folders.
        with tempfile.TemporaryDirectory(prefix="chidao-rebuild-") as pipe:
            quads = _copy(db, target, Path(pipe))
        target.flush()
        del target  # closes the new database before its folder is renamed
        mark(new, "ready")
        db.flush()
    except (OSError, RuntimeError, SyntaxError, StoreError) as exc:
        held.append(db)
        shutil.rmtree(new, ignore_errors=True)
        raise StoreError(f"cannot rebuild the store: {exc}", source=str(path)) from exc
    del db  # the last reference: RocksDB closes the old database here
    old = _old(path)
    os.rename(path, old)
    os.rename(new, path)
    fsync_dir(path.parent)
    shutil.rmtree(old)
    return Rebuilt(quads, before, folder_bytes(path))


def _copy(source: ox.Store, target: ox.Store, folder: Path) -> int:
    """Stream ``source``'s quads into ``target``: one bulk load, no temporary file.

    The quads go through a named pipe in ``folder``: the loader given a path
    writes smaller files (290 against 307 bytes per quad at 10^4 documents) than
    given a Python stream.
    """
    fifo = folder / "quads.nq"
    os.mkfifo(fifo)
    failed: list[BaseException] = []

    def dump() -> None:
        try:
            with fifo.open("wb", buffering=1 << 20) as f:
                source.dump(f, ox.RdfFormat.N_QUADS)
        except BaseException as exc:  # reported by the loading side
            failed.append(exc)

    thread = threading.Thread(target=dump, name="chidao-rebuild-dump", daemon=True)
    thread.start()
    try:
        # Lenient: the store's own serialisation, every term already checked on the way in.
        target.bulk_load(path=str(fifo), format=ox.RdfFormat.N_QUADS, lenient=True)
    except BaseException:
        # The dump may still wait for a reader: open and close the pipe so that it ends.
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        raise
    finally:
        thread.join(timeout=60)
        fifo.unlink()
    if failed:
        raise OSError(f"reading the store failed: {failed[0]}")
    copied, original = len(target), len(source)
    if copied != original:
        raise OSError(f"the copy holds {copied} quads, the store {original}")
    return copied
