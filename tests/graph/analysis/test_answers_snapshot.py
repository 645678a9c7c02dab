"""The answers users get did not change with the graph's redesign (issue 18).

lineage, cascade and gaps of every ingested document, hubs, and who of every
issuer (``test_answers_stable._answers``), on data/samples and, where present,
../shared/corpus, compared with what the code of b11619e (the end of the first
lean-graph session, before the lean duties and the one-query loaders) gave:
a snapshot of the samples' answers (``tests/data/answers-samples.json``) and a
digest of the corpus's (its answers are not copied into the project). Paths
are written relative to their folder and today's date as ``<today>``, so the
snapshot holds on any checkout, any day.

Run as a script with an older checkout on ``PYTHONPATH`` to make them again::

    PYTHONPATH=OLD/pkg:tests python tests/graph/analysis/test_answers_snapshot.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import _graph_records as R
import pytest
from test_answers_stable import CORPUS, _answers

from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

SNAPSHOT = Path(__file__).resolve().parents[2] / "data" / "answers-samples.json"
#: SHA-256 of the corpus answers' canonical JSON at b11619e (69 letters).
CORPUS_DIGEST = "9bda6284a3f22fe17d9b753e2e7cae22959ba6be558cbf4546e82af1d1cdedb0"


def canonical(folder: Path) -> str:
    """The answers on the ``.txt`` files of ``folder`` as canonical JSON, paths made relative."""
    store = OxigraphStore()
    ingest(sorted(folder.glob("*.txt")), store)
    text = json.dumps(_answers(store), ensure_ascii=False, sort_keys=True, indent=1)
    root = str(folder.resolve())
    for prefix in (Path(root).as_uri(), "file://" + quote(root), root):
        text = text.replace(prefix, "<folder>")
    # The default "as of" of the validity marks is the day the test runs.
    return text.replace(f'"{dt.date.today().isoformat()}"', '"<today>"')


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_sample_answers_are_those_before_the_redesign() -> None:
    expected: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got: dict[str, Any] = json.loads(canonical(R.SAMPLES))
    assert sorted(got) == sorted(expected)
    assert [k for k in expected if got[k] != expected[k]] == []


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_corpus_answers_are_those_before_the_redesign() -> None:
    assert _digest(canonical(CORPUS)) == CORPUS_DIGEST


if __name__ == "__main__":
    SNAPSHOT.write_text(canonical(R.SAMPLES) + "\n", encoding="utf-8")
    if CORPUS.is_dir():
        print("corpus digest:", _digest(canonical(CORPUS)))
