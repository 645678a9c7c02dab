"""`chidao optimize`: the store rewritten in one bulk load and swapped in, whole throughout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import _graph_records as R
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from chidao.cli.main import main
from chidao.errors import StoreError
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.folder import Folder, inspect_folder, mark
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.graph.store.rebuild import finish_rebuild


def _quads(path: Path) -> list[str]:
    db = ox.Store.read_only(str(path))
    try:
        return sorted(str(q) for q in db)
    finally:
        del db


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A store of the samples, ingested in batches of one file (as a large ingest leaves it)."""
    path = tmp_path_factory.mktemp("rebuild") / "store"
    store = OxigraphStore(path)
    ingest([R.SAMPLES], store, batch_size=1)
    store.close()
    return path, _quads(path)


def _copy(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def test_a_rebuild_keeps_every_quad_and_the_store_usable(
    built: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path = _copy(built[0], tmp_path / "store")
    store = OxigraphStore(path)
    done = store.rebuild()
    # The same object goes on working on the rebuilt store.
    assert store.triple_count() == done.quads == len(built[1])
    store.close()
    assert _quads(path) == built[1]
    assert inspect_folder(path) is Folder.CHIDAO
    assert not (tmp_path / "store.rebuild").exists()
    assert not (tmp_path / "store.pre-rebuild").exists()


def test_the_command_rebuilds_or_compacts_in_place(
    built: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path = _copy(built[0], tmp_path / "store")
    runner = CliRunner()
    out = runner.invoke(main, ["optimize", "--store", str(path)])
    assert out.exit_code == 0, out.output
    assert "store rebuilt:" in out.output and "MB →" in out.output
    out = runner.invoke(main, ["optimize", "--store", str(path), "--in-place"])
    assert out.exit_code == 0 and "compacted in place" in out.output
    assert _quads(path) == built[1]


def test_a_folder_in_the_way_is_left_alone(built: tuple[Path, list[str]], tmp_path: Path) -> None:
    path = _copy(built[0], tmp_path / "store")
    mine = tmp_path / "store.rebuild"
    mine.mkdir()
    (mine / "notes.txt").write_text("the user's", encoding="utf-8")
    store = OxigraphStore(path)  # opening deletes only folders chidao made
    with pytest.raises(StoreError, match="not chidao's"):
        store.rebuild()
    assert store.triple_count() == len(built[1])  # still usable after the refusal
    store.close()
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "the user's"
    assert _quads(path) == built[1]


def _store_copy(src: Path, dst: Path, state: str) -> Path:
    _copy(src, dst)
    mark(dst, state)
    return dst


def test_a_kill_between_the_renames_is_settled_at_the_next_opening(
    built: tuple[Path, list[str]], tmp_path: Path
) -> None:
    # The old store renamed away, the finished copy not yet in its place.
    path = tmp_path / "store"
    _store_copy(built[0], tmp_path / "store.pre-rebuild", "ready")
    _store_copy(built[0], tmp_path / "store.rebuild", "ready")
    finish_rebuild(path, write=False)  # a reader puts the store back and deletes nothing
    assert _quads(path) == built[1] and (tmp_path / "store.pre-rebuild").exists()
    OxigraphStore(path).close()  # a writer cleans up
    assert not (tmp_path / "store.pre-rebuild").exists()
    assert _quads(path) == built[1]


def test_a_copy_killed_before_its_marker_is_cleaned_up(
    built: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path = _copy(built[0], tmp_path / "store")
    (tmp_path / "store.rebuild").mkdir()  # killed between mkdir and the marker
    OxigraphStore(path).close()
    assert not (tmp_path / "store.rebuild").exists()
    assert _quads(path) == built[1]


def test_an_unfinished_copy_never_replaces_the_store(
    built: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path = tmp_path / "store"
    _store_copy(built[0], tmp_path / "store.pre-rebuild", "ready")
    (tmp_path / "store.rebuild").mkdir()
    mark(tmp_path / "store.rebuild", "creating")
    with OxigraphStore(path, read_only=True) as store:  # the old one is back
        assert store.triple_count() == len(built[1])
    OxigraphStore(path).close()
    assert not (tmp_path / "store.rebuild").exists()
    assert _quads(path) == built[1]


CHILD = """
import sys
from chidao.graph.store.oxigraph import OxigraphStore
store = OxigraphStore(sys.argv[1])
print("open", flush=True)
store.rebuild()
store.close()
print("done", flush=True)
"""


@pytest.mark.parametrize("delay", [0.0, 0.001, 0.005, 0.02, 0.05, 0.1, 0.2, 0.4])
def test_sigkill_during_a_rebuild_leaves_the_whole_store(
    built: tuple[Path, list[str]], tmp_path: Path, delay: float
) -> None:
    path = _copy(built[0], tmp_path / "store")
    # The killed child cannot remove its pipe's folder: keep it in this test's folder.
    (tmp := tmp_path / "tmp").mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "open"
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    # Whatever the moment, the next opening finds the store whole, with the same quads.
    OxigraphStore(path).close()
    assert _quads(path) == built[1]
    assert not (tmp_path / "store.rebuild").exists()
    assert not (tmp_path / "store.pre-rebuild").exists()
