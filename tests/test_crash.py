"""Crash safety: SIGKILL an ingest mid-run; every file's graph is whole or absent; a re-run
completes the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import _graph_records as R
import pytest

from chidao.graph.ingest import ingest
from chidao.graph.store import OxigraphStore

FILES = 32
BATCH = 4

# The child ingests with small batches and prints one line per committed file.
CHILD = """
import sys
from chidao.graph.ingest import ingest
from chidao.graph.store import OxigraphStore

store = OxigraphStore(sys.argv[1])
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
    store = OxigraphStore(tmp_path_factory.mktemp("reference") / "store")
    ingest([corpus], store)
    counts = store.graph_counts()
    store.close()
    assert len(counts) == FILES
    return counts


@pytest.mark.parametrize("delay", [0.0, 0.05], ids=["at-commit", "after-commit"])
def test_sigkill_leaves_whole_graphs_and_a_rerun_completes(
    corpus: Path, reference: dict[str, int], tmp_path: Path, delay: float
) -> None:
    store_dir = tmp_path / "store"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(store_dir), str(corpus), str(BATCH)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        seen = 0
        assert child.stdout is not None
        while seen < 3 * BATCH:
            line = child.stdout.readline()
            assert line, "the child ended before it could be killed"
            seen += 1
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    store = OxigraphStore(store_dir)
    counts = store.graph_counts()
    assert 3 * BATCH <= len(counts) < FILES, "the kill came too late to test anything"
    assert set(counts) <= set(reference)
    for graph, n in counts.items():
        assert n == reference[graph], f"{graph} half-written: {n} of {reference[graph]} triples"

    summary = ingest([corpus], store)
    assert summary.skipped == len(counts)
    assert summary.added == FILES - len(counts)
    assert store.graph_counts() == reference
    store.close()
