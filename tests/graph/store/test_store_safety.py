"""Store folders: chidao never eats a user's files, never adopts another program's store
silently, and finishes or reports a store whose creation was killed (issue #17, items 3 and 6)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from chidao.cli.main import main
from chidao.errors import StoreError
from chidao.graph.store.folder import MARKER, Folder, inspect_folder
from chidao.graph.store.oxigraph import OxigraphStore

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"
CHIDAO_GRAPH = "https://w3id.org/chidao/graph/"


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file's SHA-256 and mode, by relative path (a folder's complete state)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        out[str(path.relative_to(folder))] = (digest, st.st_mode)
    return out


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    """A folder of ordinary files, some named the way RocksDB names its own."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "000001.log").write_bytes(b"my log\n")
    (folder / "000099.sst").write_bytes(os.urandom(256))
    (folder / "LOG").write_text("not RocksDB's\n")
    (folder / "12345").write_text("digits only\n")
    (folder / "notes").mkdir()
    (folder / "notes" / "a.txt").write_text("thư\n", encoding="utf-8")
    return folder


def test_a_non_store_folder_is_refused_and_untouched(user_folder: Path) -> None:
    before = _snapshot(user_folder)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="not a chidao store; nothing in it was touched"):
            OxigraphStore(user_folder, read_only=read_only)
    runner = CliRunner()
    for args in (
        ["ingest", str(SAMPLES), "--store", str(user_folder)],
        ["stats", "--store", str(user_folder)],
        ["query", "ASK {}", "--store", str(user_folder)],
        ["serve", "--store", str(user_folder), "--port", "0"],
        ["serve", "--store", str(user_folder), "--port", "0", "--writable"],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, (args, result.output)
        assert "not a chidao store" in result.output
        assert "Traceback" not in result.output
    assert _snapshot(user_folder) == before


def test_a_new_store_is_marked_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "new"
    OxigraphStore(path).close()
    assert inspect_folder(path) is Folder.CHIDAO
    assert (path / MARKER).is_file()
    OxigraphStore(path, read_only=True).close()
    empty = tmp_path / "empty"
    empty.mkdir()
    OxigraphStore(empty).close()
    assert inspect_folder(empty) is Folder.CHIDAO


def _raw_store(path: Path, graph: str) -> None:
    """An Oxigraph store written by another program (no chidao marker)."""
    db = ox.Store(str(path))
    db.add(
        ox.Quad(
            ox.NamedNode("http://example.org/s"),
            ox.NamedNode("http://example.org/p"),
            ox.Literal("o"),
            ox.NamedNode(graph),
        )
    )
    db.flush()
    del db


def test_a_foreign_oxigraph_store_needs_adopt(tmp_path: Path) -> None:
    path = tmp_path / "theirs"
    _raw_store(path, "http://example.org/graph/1")
    before = _snapshot(path)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="chidao did not create.*--adopt"):
            OxigraphStore(path, read_only=read_only)
    assert _snapshot(path) == before
    result = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert result.exit_code == 1 and "--adopt" in result.output
    with OxigraphStore(path, read_only=True, adopt=True) as store:
        assert store.triple_count() == 1
    assert inspect_folder(path) is Folder.UNMARKED  # reading marks nothing
    OxigraphStore(path, adopt=True).close()
    assert inspect_folder(path) is Folder.CHIDAO


def test_a_store_made_before_the_marker_is_still_chidaos(tmp_path: Path) -> None:
    path = tmp_path / "legacy"
    _raw_store(path, CHIDAO_GRAPH + "abc")
    with OxigraphStore(path, read_only=True) as store:
        assert store.triple_count() == 1
    OxigraphStore(path).close()
    assert inspect_folder(path) is Folder.CHIDAO


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        OxigraphStore(path)
    assert path.read_text() == "x"


def test_a_marker_we_did_not_write_is_not_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "fake"
    folder.mkdir()
    (folder / MARKER).write_text("hello")
    with pytest.raises(StoreError, match="not a chidao store"):
        OxigraphStore(folder)


# A child that creates a store and reports when the marker is there; the parent kills it
# a few milliseconds later, while RocksDB creates its files and column families.
CREATE = """
import sys
from chidao.graph.store.oxigraph import OxigraphStore
print("ready", flush=True)
sys.stdin.readline()
OxigraphStore(sys.argv[1]).close()
"""

READERS = (
    ["stats"],
    ["validate"],
    ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
    ["export", "--format", "nq"],
    ["hubs"],
)


@pytest.mark.parametrize("delay_ms", [0, 1, 3, 8, 12, 20, 30, 50])
def test_a_store_killed_while_created_is_reported_then_finished(
    tmp_path: Path, delay_ms: int
) -> None:
    path = tmp_path / "store"
    child = subprocess.Popen(
        [sys.executable, "-c", CREATE, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()
    time.sleep(delay_ms / 1000)
    child.send_signal(signal.SIGKILL)
    child.wait()
    runner = CliRunner()
    for args in READERS:
        result = runner.invoke(main, [*args, "--store", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            result.output,
        )
        if result.exit_code != 0:
            lines = result.output.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("Error:"), (args, result.output)
    result = runner.invoke(main, ["ingest", str(SAMPLES), "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert inspect_folder(path) is Folder.CHIDAO
    result = runner.invoke(main, ["stats", "--store", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv (util-linux), to run a command without root's file access",
)
def test_a_store_you_cannot_write_says_so_and_still_reads(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with OxigraphStore(store) as db:
        db.update("INSERT DATA { GRAPH <https://w3id.org/chidao/graph/x> { <x:a> <x:b> 1 } }")
    for path in (store, *store.rglob("*")):
        path.chmod(0o555 if path.is_dir() else 0o444)
    chidao = str(Path(sys.executable).parent / "chidao")
    # Root without the capabilities that bypass file permissions: a user who may read only.
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*drop, chidao, *args, "--store", str(store)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    try:
        write = run("ingest", str(SAMPLES))
        assert write.returncode == 1
        assert "permission denied" in write.stderr and "another" not in write.stderr
        assert "Traceback" not in write.stderr
        read = run("query", "SELECT ?o WHERE { <x:a> <x:b> ?o }", "--format", "csv")
        assert read.returncode == 0, read.stderr
        assert read.stdout.split() == ["o", "1"]
    finally:
        for path in (store, *store.rglob("*")):
            path.chmod(0o755)


def test_commands_open_a_foreign_store_only_when_adopting(tmp_path: Path) -> None:
    import click

    from chidao.cli.stores import opened_store

    path = tmp_path / "theirs"
    _raw_store(path, "http://example.org/graph/1")
    with pytest.raises(click.ClickException, match="--adopt"):
        with opened_store(str(path), read_only=True):
            pass
    with opened_store(str(path), read_only=True, adopt=True) as store:
        assert store.triple_count() == 1
