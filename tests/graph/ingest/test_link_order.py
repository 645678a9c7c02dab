"""The link stage: ingest order never changes the store, and a kill never leaves it different.

Generated letters (``bench/generate.py``) cite their central and provincial
documents without a year or by a relative issuer, so their links depend on
what else is stored.  The same files ingested forward and in reverse, in small
batches, give exactly the same quads; a run killed at any of its writes, then
run again, gives exactly the quads of a clean run.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[3]
DOCS = 40
BATCH = 6


def _generator():
    spec = importlib.util.spec_from_file_location(
        "bench_generate_t", ROOT / "bench" / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("generated")
    _generator().write_corpus(out, DOCS, seed=11)
    return sorted(out.rglob("*.txt"))


def _quads(store: OxigraphStore) -> set[str]:
    return {str(q) for q in store._ox}


@pytest.fixture(scope="module")
def clean(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    store = OxigraphStore(tmp_path_factory.mktemp("clean") / "store")
    ingest(corpus, store, batch_size=BATCH)
    quads = _quads(store)
    store.close()
    return quads


def test_forward_and_reverse_give_the_same_quads(corpus: list[Path], clean: set[str]) -> None:
    store = OxigraphStore()
    ingest(list(reversed(corpus)), store, batch_size=BATCH)
    assert _quads(store) == clean
    # Not vacuous: year-less citations were linked to documents of the corpus.
    rows = store.query(
        "SELECT DISTINCT ?d ?t WHERE { GRAPH ?l { ?d eli:ensures_implementation_of ?t } "
        "GRAPH ?g { ?t prov:hadPrimarySource ?f } "
        "FILTER (STRSTARTS(STR(?l), 'https://w3id.org/chidao/graph/links/')) }"
    ).rows
    assert len(list(rows)) >= 5
    assert not any("/graph/pending/" in q for q in clean)


CHILD = """
import sys
from pathlib import Path
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

store = OxigraphStore(sys.argv[1])
write, update = store.write, store.update

def announced_write(batch):
    print("op", flush=True)
    write(batch)

def announced_update(sparql):
    print("op", flush=True)
    update(sparql)

store.write, store.update = announced_write, announced_update
files = [Path(p) for p in sys.argv[3:]]
ingest(files, store, batch_size=int(sys.argv[2]))
print("done", flush=True)
"""


@pytest.mark.parametrize("stop_after", [2, 5, 7, 8, 9, 10])
def test_a_kill_at_any_write_then_a_rerun_gives_the_clean_store(
    corpus: list[Path], clean: set[str], tmp_path: Path, stop_after: int
) -> None:
    files = list(reversed(corpus))  # the order that leaves the most to link
    args = [sys.executable, "-c", CHILD, str(tmp_path / "store"), str(BATCH), *map(str, files)]
    child = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        seen = 0
        while seen < stop_after:
            line = child.stdout.readline()
            if not line or line.startswith("done"):
                break  # fewer writes than that: the run ends whole, and must be clean too
            seen += line.startswith("op")
        else:
            os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=60)
    store = OxigraphStore(tmp_path / "store")
    ingest(files, store, batch_size=BATCH)
    assert _quads(store) == clean
    store.close()
