"""What the link stage revisits: the files a write may change the links of, not every file
citing the same number.

Two district letters cite the province's ``Kế hoạch số 12-KH/TU``: Kim Sơn without its
date (a year-less citation: its link is derived), Yên Khánh with it (naming the plan in full,
so making it known). A third letter citing it without its date too makes nothing known
that the first letter's citation could resolve to: only its own links are derived.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _letters import DATED, OTHER, PLAN, YEARLESS, write_letter, write_letters
from rdflib import Graph
from rdflib.compare import isomorphic

import chidao.graph.ingest.ingest as ingest_module
from chidao.graph.analysis.load import load_graph
from chidao.graph.analysis.lookup import resolve_document
from chidao.graph.ingest.ingest import ingest
from chidao.graph.ingest.link import LinkSummary
from chidao.graph.store.oxigraph import OxigraphStore


def _links(monkeypatch: pytest.MonkeyPatch) -> list[LinkSummary]:
    """The link stage's summaries of the ingests that follow."""
    seen: list[LinkSummary] = []
    link = ingest_module.link

    def recorded(store):  # type: ignore[no-untyped-def]
        seen.append(link(store))
        return seen[-1]

    monkeypatch.setattr(ingest_module, "link", recorded)
    return seen


def _implements(store: OxigraphStore, number: str) -> set[str]:
    letter = resolve_document(store, number)
    G = load_graph(store)
    return {v for _, v, k in G.out_edges(letter, keys=True) if k == "implements"}


def _graph(store: OxigraphStore) -> Graph:
    graph = Graph()
    for g in store.named_graphs():
        for t in store.graph_triples(g):
            graph.add(t)
    return graph


def test_a_letter_naming_nothing_new_relinks_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_letters(tmp_path / "letters", {"kim-son.txt": YEARLESS, "yen-khanh.txt": DATED})
    store = OxigraphStore(tmp_path / "store")
    seen = _links(monkeypatch)
    ingest([folder], store)
    assert _implements(store, "45-CV/HU") == {PLAN}  # the year-less citation, linked
    ingest([write_letter(folder, "hoa-lu.txt", YEARLESS)], store)
    # Kim Sơn's citation cannot change (the plan was known already): Hoa Lư's alone is derived.
    assert seen[-1].graphs == 1
    assert _implements(store, "47-CV/HU") == {PLAN}
    store.close()


def test_a_replaced_letter_that_alone_named_a_document_relinks_its_citers(
    tmp_path: Path,
) -> None:
    # Regression: a replaced file's own number key only was revisited, so a letter whose
    # year-less citation pointed to a document only the replaced file named kept pointing to it.
    folder = write_letters(tmp_path / "letters", {"kim-son.txt": YEARLESS, "yen-khanh.txt": DATED})
    store = OxigraphStore(tmp_path / "store")
    ingest([folder], store)
    write_letter(folder, "yen-khanh.txt", OTHER)  # now cites 13-KH/TU only
    summary = ingest([folder], store)
    assert summary.replaced == 1
    clean = OxigraphStore(tmp_path / "clean")
    ingest([folder], clean)
    assert isomorphic(_graph(store), _graph(clean))
    assert _implements(store, "45-CV/HU") == _implements(clean, "45-CV/HU")
    store.close()
    clean.close()
