"""The users' answers do not depend on how the store was filled.

lineage, cascade and gaps for every ingested document, hubs, and who for
every issuer, computed on a store ingested in file order and on one ingested
in reverse order in small batches (so year-less citations are linked by the
link stage after the fact): the same answers.  On data/samples and, where it
is present, ../shared/corpus (read in place).

(Before/after the lean model, issue 18, the same comparison against the code
of c464acf gave identical answers: 18 on the samples, 131 on the corpus — see
docs/benchmarks.md.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import _graph_records as R
import pytest

from chidao.graph.analysis import questions as Q
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

# ../shared/corpus from the repository (a worktree elsewhere falls back to /work/shared).
CORPUS = next(
    (
        p
        for p in (
            Path(__file__).resolve().parents[4] / "shared" / "corpus",
            Path("/work/shared/corpus"),
        )
        if p.is_dir()
    ),
    Path("../shared/corpus"),
)


def _plain(x: Any) -> Any:
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(x).items()}
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple | set):
        return [_plain(v) for v in x]
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, float):
        return round(x, 6)
    return x


def _answers(store: OxigraphStore) -> dict[str, Any]:
    docs = store.query(
        "SELECT DISTINCT ?d WHERE { GRAPH ?g { ?d prov:hadPrimarySource ?f ; eli:number ?n } }"
    ).rows
    out: dict[str, Any] = {"hubs": _plain(Q.store_hubs(store, top=20))}
    for (d,) in sorted(docs, key=str):
        for name, fn in (
            ("lineage", Q.document_lineage),
            ("cascade", Q.document_cascade),
            ("gaps", Q.document_gaps),
        ):
            try:
                out[f"{name} {d}"] = _plain(fn(store, str(d)))
            except Exception as exc:  # "no level below its issuer" is an answer too
                out[f"{name} {d}"] = f"error {type(exc).__name__}"
    orgs = store.query(
        "SELECT DISTINCT ?o WHERE { GRAPH ?g { ?d prov:hadPrimarySource ?f ; eli:passed_by ?o } }"
    ).rows
    for (o,) in sorted(orgs, key=str):
        out[f"who {o}"] = _plain(Q.organisation_activity(store, str(o)))
    return out


def _compare(files: list[Path]) -> dict[str, Any]:
    forward, reverse = OxigraphStore(), OxigraphStore()
    ingest(files, forward)
    ingest(list(reversed(files)), reverse, batch_size=7)
    a, b = _answers(forward), _answers(reverse)
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    return a


def test_sample_answers_do_not_depend_on_ingest_order() -> None:
    answers = _compare(sorted(R.SAMPLES.glob("*.txt")))
    assert len(answers) >= 15  # hubs, three questions for each numbered document, who
    top = [(r["number"], r["implemented_by"]) for r in answers["hubs"]["all"]]
    assert top[0] == ("68/NQ-CP", 2)


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_corpus_answers_do_not_depend_on_ingest_order() -> None:
    answers = _compare(sorted(CORPUS.glob("*.txt")))
    assert len(answers) > 100
