"""Reads during an ingest (issue #17, item 5): every read opened while another process
writes and compacts the store answers from a consistent snapshot, never with a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli.main import main
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"
FILES = 48

# Small batches (many bulk loads, so RocksDB compacts while we read), then a full compaction.
WRITER = """
import sys
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

store = OxigraphStore(sys.argv[1])
ingest([sys.argv[2]], store, batch_size=1)
store.optimize()
store.close()
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for i in range(FILES):
        src = samples[i % len(samples)]
        text = src.read_text(encoding="utf-8") + f"\n\nBản sao số {i}.\n"
        (folder / f"{i:03d}_{src.name}").write_text(text, encoding="utf-8")
    return folder


def test_reads_during_an_ingest_never_fail(tmp_path: Path, corpus: Path) -> None:
    store_dir = tmp_path / "store"
    seed = OxigraphStore(store_dir)  # a store readers can open from the start
    ingest([SAMPLES], seed)
    seed.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_dir), str(corpus)],
        stderr=subprocess.PIPE,
        text=True,
    )
    runner = CliRunner()
    reads = failures = 0
    counts: list[int] = []
    problems: list[str] = []
    try:
        while writer.poll() is None:
            try:
                with OxigraphStore(store_dir, read_only=True) as store:
                    # Two reads of one snapshot agree, even while the writer goes on.
                    first = store.triple_count()
                    rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows)
                    assert store.triple_count() == first
                    counts.append(first)
                    assert rows
            except Exception as exc:  # noqa: BLE001 - every failure is the test's finding
                failures += 1
                problems.append(f"{type(exc).__name__}: {exc}")
            result = runner.invoke(main, ["stats", "--store", str(store_dir)])
            if result.exit_code != 0:
                failures += 1
                problems.append(result.output)
            reads += 2
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    assert reads >= 10, "the ingest ended before the readers ran"
    assert failures == 0, problems[:3]
    assert len(set(counts)) > 1, (
        "every read saw the same store: the reads did not overlap the ingest"
    )
