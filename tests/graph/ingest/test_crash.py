"""Crash safety: SIGKILL an ingest mid-run; every file's graph is whole or absent; a re-run
completes the rest.  A bulk load cut short is dropped when the store is next opened for writing."""

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
from conftest import file_graphs

from chidao.extract.batch import extract_file
from chidao.graph.ingest.ingest import ingest
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import record_triples
from chidao.graph.store.oxigraph import JOURNAL, GraphWrite, OxigraphStore, nquads

FILES = 32
BATCH = 4

# The child ingests with small batches and prints one line per committed file; with a
# fourth argument it also prints "writing" as each store transaction starts, so the
# parent can SIGKILL it while a batch is being written.
CHILD = """
import sys
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

store = OxigraphStore(sys.argv[1])
if len(sys.argv) > 4:
    write = store.write

    def announced_write(batch):
        print("writing", flush=True)
        write(batch)

    store.write = announced_write
ingest([sys.argv[2]], store, batch_size=int(sys.argv[3]),
       progress=lambda r: print(r.status, r.graph, flush=True))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Distinct files (a numbered line appended to each sample) of realistic content."""
    folder = tmp_path_factory.mktemp("crash-corpus")
    samples = sorted(R.SAMPLES.glob("*.txt"))
    for i in range(FILES):
        src = samples[i % len(samples)]
        text = src.read_text(encoding="utf-8") + f"\n\nBản sao số {i}.\n"
        (folder / f"{i:03d}_{src.name}").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Triples per named graph after an uninterrupted ingest of the same files."""
    store = OxigraphStore(tmp_path_factory.mktemp("reference") / "store")
    ingest([corpus], store)
    counts = store.graph_counts()
    store.close()
    assert len(file_graphs(counts)) == FILES
    return counts


def _kill_child(store_dir: Path, corpus: Path, stop_after: int, announce: bool) -> None:
    """Run the child until it printed ``stop_after`` lines starting with the awaited word."""
    args = [sys.executable, "-c", CHILD, str(store_dir), str(corpus), str(BATCH)]
    child = subprocess.Popen(
        args + (["announce"] if announce else []), stdout=subprocess.PIPE, text=True
    )
    word = "writing" if announce else "added"
    try:
        assert child.stdout is not None
        seen = 0
        while seen < stop_after:
            line = child.stdout.readline()
            assert line, "the child ended before it could be killed"
            seen += line.startswith(word)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def _check_and_resume(store_dir: Path, corpus: Path, reference: dict[str, int]) -> int:
    """Every stored graph is whole; a re-run adds exactly the rest.  Returns graphs kept."""
    store = OxigraphStore(store_dir)
    # The registry's graphs (organisations, units…) too; links and pending graphs are the
    # link stage's, which the rerun finishes (tests/graph/ingest/test_link_order.py kills that too).
    every = {
        g: n
        for g, n in store.graph_counts().items()
        if "/graph/links/" not in g and "/graph/pending/" not in g
    }
    counts = file_graphs(every)
    assert 3 * BATCH <= len(counts) < FILES, "the kill came too late to test anything"
    assert set(every) <= set(reference)
    for graph, n in every.items():
        assert n == reference[graph], f"{graph} half-written: {n} of {reference[graph]} triples"
    summary = ingest([corpus], store)
    assert summary.skipped == len(counts)
    assert summary.added == FILES - len(counts)
    assert store.graph_counts() == reference
    store.close()
    return len(counts)


def test_sigkill_during_a_transaction_keeps_or_drops_the_whole_batch(
    corpus: Path, reference: dict[str, int], tmp_path: Path
) -> None:
    _kill_child(tmp_path / "store", corpus, stop_after=4, announce=True)  # 4th write begun
    kept = _check_and_resume(tmp_path / "store", corpus, reference)
    assert kept in (3 * BATCH, 4 * BATCH)  # the 4th batch won the race whole, or is absent


def test_sigkill_between_batches_leaves_whole_graphs(
    corpus: Path, reference: dict[str, int], tmp_path: Path
) -> None:
    _kill_child(tmp_path / "store", corpus, stop_after=3 * BATCH, announce=False)
    kept = _check_and_resume(tmp_path / "store", corpus, reference)
    assert kept % BATCH == 0


def test_sigkill_after_a_pause_leaves_whole_graphs(
    corpus: Path, reference: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_kill = os.kill

    def late_kill(pid: int, sig: int) -> None:
        time.sleep(0.05)  # lands somewhere in the next batch's extraction or write
        real_kill(pid, sig)

    monkeypatch.setattr(os, "kill", late_kill)
    _kill_child(tmp_path / "store", corpus, stop_after=3 * BATCH, announce=False)
    kept = _check_and_resume(tmp_path / "store", corpus, reference)
    assert kept % BATCH == 0


def test_recovery_drops_a_bulk_load_that_did_not_finish(
    corpus: Path, reference: dict[str, int], tmp_path: Path
) -> None:
    # A killed bulk load, made by hand: the journal names two graphs, one of which has
    # only half its triples; the other graphs were committed before.
    files = sorted(corpus.glob("*.txt"))
    store = OxigraphStore(tmp_path / "store")
    ingest(files[:4], store)
    committed = store.graph_counts()
    records = [extract_file(f) for f in files[4:6]]
    graphs = [str(ids.graph_iri(r.sha256, r.source)) for r in records]
    (tmp_path / "store" / JOURNAL).write_text("".join(g + "\n" for g in graphs))
    triples = record_triples(records[0])
    half = [GraphWrite(ids.graph_iri(records[0].sha256, records[0].source), triples[::2])]
    store._ox.bulk_load(nquads(half), ox.RdfFormat.N_QUADS)  # the load the process was killed in
    (tmp_path / "store" / "1234567890").write_bytes(b"half-made file of the bulk loader")
    store.close()

    store = OxigraphStore(tmp_path / "store")  # opening for writing recovers
    assert sorted(store.recovered) == sorted(graphs)
    assert store.graph_counts() == committed  # the half-written graph is gone
    assert not (tmp_path / "store" / JOURNAL).exists()
    assert not (tmp_path / "store" / "1234567890").exists()
    summary = ingest(files[:6], store)
    assert (summary.skipped, summary.added) == (4, 2)
    now = store.graph_counts()
    assert file_graphs(now) == {g: reference[g] for g in [*file_graphs(committed), *graphs]}
    assert all(reference[g] == n for g, n in now.items())
    store.close()


def test_a_reader_does_not_recover(tmp_path: Path) -> None:
    # Read-only opens leave the journal to the next writer (they cannot write).
    OxigraphStore(tmp_path / "store").close()
    (tmp_path / "store" / JOURNAL).write_text("https://w3id.org/chidao/graph/x\n")
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    assert reader.recovered == [] and (tmp_path / "store" / JOURNAL).exists()
    reader.close()
    writer = OxigraphStore(tmp_path / "store")
    assert writer.recovered == ["https://w3id.org/chidao/graph/x"]
    writer.close()
